"""Learner-id validation: reject what could break a path or a record, change nothing else."""

from __future__ import annotations

import unicodedata

from coachlab.i18n import t

MAX_LEARNER_ID = 64


class LearnerIdError(ValueError):
    """A learner id that cannot be used; ``message(lang)`` says why in the learner's language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def message(self, lang: str) -> str:
        """Return the explanation for the learner, in ``lang``."""
        return t(f"learner_id.{self.reason}", lang, max=MAX_LEARNER_ID)


def validate_learner_id(learner_id: object) -> str:
    """Return ``learner_id`` unchanged if it is usable, else raise LearnerIdError with the reason."""
    if not isinstance(learner_id, str) or not learner_id.strip():
        raise LearnerIdError("empty")
    if len(learner_id) > MAX_LEARNER_ID:
        raise LearnerIdError("too_long")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in learner_id):
        raise LearnerIdError("control")
    if "/" in learner_id or "\\" in learner_id:
        raise LearnerIdError("separator")
    if ".." in learner_id:
        raise LearnerIdError("dotdot")
    return learner_id
