"""Shared steps of every check: prepare the text, run the rules, and turn hits into evidence and advice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from coachlab.text import Span
from coachlab.text.lang import normalize_lang_arg

from .engine import Doc, Rule, RuleBook, find_all, rulebook
from .report import Evidence, Pitfall

MAX_CHARS = 20_000  # longer input is read up to here: nobody writes a 20,000-character feedback note


@dataclass
class Analysis:
    """A text after every rule of its kind has run over it."""

    book: RuleBook
    doc: Doc
    hits: dict[str, list[tuple[Rule, Span]]]

    @property
    def lang(self) -> str:
        """Return the language the text was read in."""
        return self.doc.lang

    def has(self, target: str) -> bool:
        """Return True when some rule found ``target``."""
        return bool(self.hits.get(target))

    def spans(self, target: str) -> list[Span]:
        """Return where ``target`` was found."""
        return [span for _, span in self.hits.get(target, ())]

    def evidence(self, targets: Iterable[str]) -> tuple[Evidence, ...]:
        """Return evidence for ``targets``, in text order, without repeating the same span."""
        out: list[Evidence] = []
        for target in targets:
            # By start, longest first: a span ending inside one already shown for this element is dropped.
            reach = -1
            for span in sorted(self.spans(target), key=lambda s: (s.start, -s.end)):
                if span.end > reach:
                    out.append(Evidence(target, span.start, span.end, span.text))
                    reach = span.end
        return tuple(sorted(out, key=lambda e: (e.start, e.end)))

    def pitfall(self, target: str) -> Pitfall:
        """Return the pitfall ``target`` with the reason of the first rule that found it."""
        rule = self.hits[target][0][0]
        return Pitfall(target, rule.why[self.lang])

    def quote(self, target: str) -> str:
        """Return the learner's own words that triggered ``target``, shortened for a suggestion."""
        text = self.spans(target)[0].text.strip() if self.has(target) else ""
        return text if len(text) <= 40 else text[:38] + "…"

    def say(self, key: str, **params: object) -> str:
        """Return a learner-facing message of this kind in the text's language."""
        return self.book.message(key, self.lang, **params)


def clean(text: object) -> str:
    """Return the text as a str to scan, capped at MAX_CHARS."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = "" if text is None else str(text)
    # Only capped, never rewritten: evidence offsets and texts must point into what the learner wrote.
    return text[:MAX_CHARS]


def analyse(kind: str, text: str, lang: str = "auto", context: str | None = None) -> Analysis:
    """Run every rule of ``kind`` over ``text``."""
    code = normalize_lang_arg(lang, text)
    doc = Doc(text, code, clean(context) if context else None)
    return Analysis(rulebook(kind), doc, find_all(rulebook(kind), doc))


def is_empty(text: str) -> bool:
    """Return True when nothing was written (only whitespace or invisible characters)."""
    return not text.strip() or not re.search(r"[^\W_]", text)


def clamp(score: float) -> int:
    """Return ``score`` as an int between 0 and 100."""
    return max(0, min(100, int(round(score))))
