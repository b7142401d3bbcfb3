"""Explainable coaching checks: one pure function per kind, each returning a report with evidence.

``run(kind, text, lang="auto", context=None)`` is the entry point other parts of coachlab use.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, Callable

from coachlab.text.dialect import Reading, plain, reading, restore

from .base import UNSURE_BELOW, practice_score
from .feedback import check_feedback
from .goal import check_goal
from .listening import check_listening
from .question import check_question
from .report import (Evidence, FeedbackReport, GoalReport, ListeningReport, Pitfall, QuestionReport, Report,
                     StarReport)
from .star import check_star
from .tone import with_tone

KINDS: tuple[str, ...] = ("feedback", "goal", "question", "star", "listening")

CHECKS: dict[str, Callable[..., Report]] = {
    "feedback": check_feedback, "goal": check_goal, "question": check_question, "star": check_star,
    "listening": check_listening,
}


def run(kind: str, text: str, lang: str = "auto", context: str | None = None) -> Report:
    """Check ``text`` as ``kind`` (one of KINDS); ``lang`` is "en", "zh", "zh-CN" or "auto"."""
    try:
        check = CHECKS[kind]
    except (KeyError, TypeError):
        raise ValueError(f"unknown check kind {kind!r}; expected one of {', '.join(KINDS)}") from None
    # Dialect words and chat spellings are read as the rules' language (coachlab/text/dialect.py); the report then
    # quotes and marks the learner's own words.
    seen = reading(text) if isinstance(text, str) else None
    read = seen.read if seen is not None else text
    report = check(read, lang=lang, context=plain(context) if isinstance(context, str) else context)
    # Every report carries the tone pitfall (sarcasm at the listener), whatever the kind (coachlab/checks/tone.py),
    # read on the same text as the check.
    report = with_tone(report, read, lang)
    return _in_own_words(report, seen) if seen is not None and read != text else report


def _in_own_words(report: Report, seen: Reading) -> Report:
    """Return ``report`` with its evidence and quotes in the words the learner wrote, not the words read."""
    def own(value: Any) -> Any:
        if isinstance(value, Evidence):
            start, end = seen.span(value.start, value.end)
            return replace(value, start=start, end=end, text=seen.shown[start:end])
        if isinstance(value, Pitfall):
            return replace(value, why=restore(value.why, seen))
        if isinstance(value, str):
            return restore(value, seen)
        if isinstance(value, tuple):
            return tuple(own(v) for v in value)
        if isinstance(value, dict):
            return {k: own(v) for k, v in value.items()}
        return value
    skip = {"lang", "confidence", "answers", "features"}
    return replace(report, **{f.name: own(getattr(report, f.name)) for f in fields(report) if f.name not in skip})


__all__ = ["CHECKS", "KINDS", "UNSURE_BELOW", "practice_score", "Evidence", "FeedbackReport", "GoalReport", "ListeningReport", "Pitfall",
           "QuestionReport", "Report", "StarReport", "check_feedback", "check_goal", "check_listening",
           "check_question", "check_star", "run"]
