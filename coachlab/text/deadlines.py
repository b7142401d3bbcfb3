"""Spot deadlines and bounded time frames (by end of Q3, within 4 weeks, 三月底前, 下个月15号之前)."""

from __future__ import annotations

import re
from functools import lru_cache

from .span import Span, SpanSet
from coachlab.packaged import packaged_yaml


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    data = packaged_yaml(__package__, "lexicons/deadlines.yaml")
    section = data[lang]
    flags = re.IGNORECASE
    return (tuple(re.compile(p, flags) for p in section["deadline"]),
            tuple(re.compile(p, flags) for p in section.get("not_deadline", ())))


def find_deadlines(text: str, lang: str) -> list[Span]:
    """Return deadline spans in ``text``; frequencies and service-level thresholds are not deadlines."""
    spans: list[Span] = []
    taken = bytearray(len(text) + 1)  # per-character mask: long texts stay linear
    # Mixed text: an English deadline inside Chinese text still counts, and the reverse.
    for code in (lang, "en" if lang == "zh-CN" else "zh-CN"):
        deadline, not_deadline = _patterns(code)
        excluded = SpanSet([Span(m.start(), m.end(), m.group(0)) for p in not_deadline for m in p.finditer(text)])
        for pattern in deadline:
            for m in pattern.finditer(text):
                span = Span(m.start(), m.end(), m.group(0))
                if not span.text.strip() or excluded.overlaps(span) or any(taken[span.start:span.end]):
                    continue
                spans.append(span)
                taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    return sorted(spans, key=lambda s: s.start)
