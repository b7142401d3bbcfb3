"""A shared word list compiles to a trie (checks/engine.py ``_union``) that finds exactly what the alternation of its
terms, longest first, found before session 10: the same spans, in every list of both languages."""

from __future__ import annotations

import re

import pytest

from coachlab.checks.engine import _union, lexicons
from coachlab.text.lang import CJK

LANGS = ("en", "zh-CN")


def _alternation(terms: tuple[str, ...], lang: str) -> str:
    """The reference: every term, longest first, spaces as \\s+, English words whole."""
    def one(term: str) -> str:
        body = r"\s+".join(re.escape(part) for part in term.split())
        return rf"\b{body}\b" if lang == "en" and not CJK.search(term) else body
    return "(?:" + "|".join(one(t) for t in sorted(terms, key=len, reverse=True) if t.split()) + ")"


def _text(terms: tuple[str, ...]) -> str:
    """Every term as written, upper-cased, with doubled spaces, glued to its neighbour and cut short."""
    out = []
    for i, term in enumerate(terms):
        out += [term, term.upper(), term.replace(" ", "  "), term + terms[(i + 1) % len(terms)], term[:-1]]
    return " / ".join(out) + " " + "".join(terms)


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_list_finds_the_same_spans_as_its_alternation(lang: str) -> None:
    lists = {name: terms for name, terms in lexicons(lang).items() if terms}
    assert len(lists) >= 5
    for name, terms in lists.items():
        text = _text(terms)
        old = re.compile(_alternation(terms, lang), re.IGNORECASE)
        new = re.compile(_union(terms, lang), re.IGNORECASE)
        spans = [m.span() for m in new.finditer(text) if m.group(0)]
        assert spans, name
        assert spans == [m.span() for m in old.finditer(text) if m.group(0)], name
        # inside a larger pattern, as rules use a list (something must follow it)
        tail = r"\W{0,3}\w"
        assert ([m.span() for m in re.finditer(_union(terms, lang) + tail, text, re.IGNORECASE)]
                == [m.span() for m in re.finditer(_alternation(terms, lang) + tail, text, re.IGNORECASE)]), name


def test_a_mixed_english_list_keeps_chinese_terms_without_word_bounds() -> None:
    pattern = re.compile(_union(("hold time", "hold", "客诉"), "en"), re.IGNORECASE)
    assert [m.group(0) for m in pattern.finditer("HOLD  time, holdout, 有客诉")] == ["HOLD  time", "客诉"]
