"""Chinese word segmentation with jieba, loaded once and only when Chinese text appears."""

from __future__ import annotations

import logging
import threading
from importlib import resources

from .span import Span

_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """Return the shared jieba tokenizer, loading it with the customer-service dictionary on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba  # imported here: start-up of the CLI must not pay for it on English input

                jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter would pollute stderr
                tok = jieba.Tokenizer()
                tok.initialize()
                with resources.as_file(resources.files(__package__).joinpath("lexicons/userdict.txt")) as path:
                    tok.load_userdict(str(path))
                _tokenizer = tok
    return _tokenizer


def segment(text: str) -> list[Span]:
    """Return the jieba words of ``text`` with their character offsets."""
    if not text:
        return []
    return [Span(start, end, word) for word, start, end in tokenizer().tokenize(text)]
