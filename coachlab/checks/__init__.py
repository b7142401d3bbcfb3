"""Explainable coaching checks: one pure function per kind, each returning a report with evidence.

``run(kind, text, lang="auto", context=None)`` is the entry point other parts of coachlab use.
"""

from __future__ import annotations

from typing import Callable

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
    # Every report carries the tone pitfall (sarcasm at the listener), whatever the kind (coachlab/checks/tone.py).
    return with_tone(check(text, lang=lang, context=context), text, lang)


__all__ = ["CHECKS", "KINDS", "UNSURE_BELOW", "practice_score", "Evidence", "FeedbackReport", "GoalReport", "ListeningReport", "Pitfall",
           "QuestionReport", "Report", "StarReport", "check_feedback", "check_goal", "check_listening",
           "check_question", "check_star", "run"]
