"""Text utilities shared by the checks: language, Chinese segmentation, numbers and deadlines."""

from .deadlines import find_deadlines
from .lang import detect_lang, has_cjk, normalize_lang_arg
from .sentences import split_sentences
from .numbers import Quantity, find_quantities, zh_to_number
from .span import Span, SpanSet
from .zh import segment

__all__ = ["Quantity", "Span", "SpanSet", "detect_lang", "find_deadlines", "find_quantities", "has_cjk",
           "normalize_lang_arg", "segment", "split_sentences", "zh_to_number"]
