"""Tone: sarcasm, mockery and contempt at the listener, as a pitfall every check report carries.

The rules are data (rules/tone.yaml: each a form of mockery with its reason and examples). ``tone(text)``
returns the ``sarcasm`` pitfall with the evidence that raised it, or nothing; ``with_tone(report, text)`` adds
them to a report of any kind (``coachlab.checks.run`` does; the role-play engine then sends the answer to
the fallback with a tone note, unless an intent names ``pitfalls:sarcasm``). Precision first: irony about the situation shared with the other person is not
mockery of them, and no rule fires on it (measured in tests/checks/test_tone.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from coachlab.text import Span
from coachlab.text.lang import normalize_lang_arg
from .base import clean, is_empty
from .engine import Doc, find_all, rulebook
from .report import Evidence, Pitfall, Report

PITFALL = "sarcasm"
R = TypeVar("R", bound=Report)


def spans(text: str, lang: str = "auto") -> list[tuple[str, Span]]:
    """Return (rule id, span) for every place a tone rule fires in ``text``."""
    text = clean(text)
    if is_empty(text):
        return []
    book = rulebook("tone")
    doc = Doc(text, normalize_lang_arg(lang, text))
    return sorted(((rule.id, span) for rule, span in find_all(book, doc).get(PITFALL, ())),
                  key=lambda hit: hit[1].start)


def tone(text: str, lang: str = "auto") -> tuple[tuple[Pitfall, ...], tuple[Evidence, ...]]:
    """Return the sarcasm pitfall (reason in the text's language) and its evidence, or two empty tuples."""
    hits = spans(text, lang)
    if not hits:
        return (), ()
    code = normalize_lang_arg(lang, clean(text))
    rule = next(r for r in rulebook("tone").rules if r.id == hits[0][0])
    evidence = tuple(Evidence(PITFALL, s.start, s.end, s.text) for _, s in hits)
    return (Pitfall(PITFALL, rule.why[code]),), evidence


def with_tone(report: R, text: str, lang: str = "auto") -> R:
    """Return ``report`` with the sarcasm pitfall and its evidence added when the text mocks the listener."""
    if report.empty or any(p.id == PITFALL for p in report.pitfalls):
        return report
    pitfalls, evidence = tone(text, lang)
    if not pitfalls:
        return report
    return replace(report, pitfalls=report.pitfalls + pitfalls,
                   evidence=tuple(sorted(report.evidence + evidence, key=lambda e: (e.start, e.end))))
