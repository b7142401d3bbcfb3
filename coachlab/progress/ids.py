"""Learner ids: one learner, one name.

``normalize_learner_id`` is the one place a typed or platform name becomes the id every record, page, hand-in
and gradebook row uses: NFKC (full-width ｌｉ → li), trimmed, inner whitespace collapsed to one space; and it
refuses what could break a path or a record, or pass for somebody else (a Latin name with a Cyrillic or Greek
look-alike letter in it).
"""

from __future__ import annotations

import unicodedata

from coachlab.i18n import t

MAX_LEARNER_ID = 64

# Scripts whose letters pass for each other (Latin a / Cyrillic а / Greek α): a name may use one of them.
# Chinese, Japanese kana, Korean, digits and punctuation mix freely with any of them ("李娜 Lina").
LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


class LearnerIdError(ValueError):
    """A learner id that cannot be used; ``message(lang)`` says why in the learner's language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def message(self, lang: str) -> str:
        """Return the explanation for the learner, in ``lang``."""
        return t(f"learner_id.{self.reason}", lang, max=MAX_LEARNER_ID)


def letter_scripts(text: str) -> set[str]:
    """Return the look-alike scripts (LATIN, CYRILLIC, GREEK) whose letters appear in ``text``."""
    found = set()
    for ch in text:
        if not unicodedata.category(ch).startswith("L"):
            continue
        name = unicodedata.name(ch, "")
        for script in LOOKALIKE_SCRIPTS:
            if name.startswith(script + " "):
                found.add(script)
    return found


def normalize_learner_id(learner_id: object) -> str:
    """Return the one spelling of ``learner_id`` every part of the course uses, or raise LearnerIdError.

    NFKC first (full-width and compatibility forms become plain letters, so ``ａｌｉｃｅ`` is ``alice``), then
    the checks, so a full-width slash is refused like a slash.
    """
    if not isinstance(learner_id, str):
        raise LearnerIdError("empty")
    text = unicodedata.normalize("NFKC", learner_id).strip()
    if not text:
        raise LearnerIdError("empty")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise LearnerIdError("control")
    text = " ".join(text.split())
    if len(text) > MAX_LEARNER_ID:
        raise LearnerIdError("too_long")
    if "/" in text or "\\" in text:
        raise LearnerIdError("separator")
    if ".." in text:
        raise LearnerIdError("dotdot")
    if len(letter_scripts(text)) > 1:
        raise LearnerIdError("mixed_script")
    return text


def validate_learner_id(learner_id: object) -> str:
    """Return the normalised learner id (see ``normalize_learner_id``); callers use what this returns."""
    return normalize_learner_id(learner_id)
