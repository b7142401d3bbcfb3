"""Conflict-style self-test: fifteen statements, five styles, the one you lean on and the one you skip."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

STYLES: tuple[str, ...] = ("competing", "collaborating", "compromising", "avoiding", "accommodating")
SCALE = (1, 2, 3, 4, 5)  # rarely … almost always
OVERUSED = 13  # of 15: a style used this much is the default, whatever the situation


def conflict_content() -> dict:
    """Load the styles and statements."""
    return packaged_yaml(__package__, "conflict.yaml")


@dataclass(frozen=True)
class ConflictProfile:
    """Points per style (3–15), the styles leaned on most and least, and whether one is a habit."""

    scores: dict[str, int]

    def top(self) -> list[str]:
        """Return the highest-scoring style(s)."""
        best = max(self.scores.values())
        return [s for s in STYLES if self.scores[s] == best]

    def least(self) -> list[str]:
        """Return the lowest-scoring style(s)."""
        low = min(self.scores.values())
        return [s for s in STYLES if self.scores[s] == low]

    def flat(self) -> bool:
        """Return whether the styles are within two points of each other (no clear habit)."""
        return max(self.scores.values()) - min(self.scores.values()) <= 2

    def overused(self) -> list[str]:
        """Return the styles scored so high that they are likely a reflex."""
        return [s for s in STYLES if self.scores[s] >= OVERUSED]


def score_conflict(answers: list[int]) -> ConflictProfile:
    """Score one full set of answers (one per statement, 1–5)."""
    statements = conflict_content()["statements"]
    if len(answers) != len(statements):
        raise ValueError(f"expected {len(statements)} answers, got {len(answers)}")
    scores = dict.fromkeys(STYLES, 0)
    for statement, answer in zip(statements, answers):
        if answer not in SCALE:
            raise ValueError(f"answer must be one of {SCALE}")
        scores[statement["style"]] += answer
    return ConflictProfile(scores)
