"""Split text into sentences (Chinese and English punctuation) with character offsets."""

from __future__ import annotations

import re

from .span import Span

# A sentence ends at Chinese stops, ?/!, a newline, or a full stop followed by space/end
# (so 3.5 and Q3. stay whole). Commas and semicolons do not end a sentence.
_END = re.compile(r"[。！？!?\n]+|\.(?=\s|$)|…+|\.{3}")


def split_sentences(text: str) -> list[Span]:
    """Return the non-blank sentences of ``text``, each including its closing punctuation."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))
