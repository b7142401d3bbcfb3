"""Five kinds of ineffective listening: name the kind behind a lead's reply, see why, and a reply that listens."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

KINDS: tuple[str, ...] = ("pseudo", "hog", "selective", "defensive", "ambush")


def drill_content() -> dict:
    """Load the kinds and the drill items."""
    return packaged_yaml(__package__, "listening_drill.yaml")


@dataclass(frozen=True)
class DrillResult:
    """How a learner sorted the replies: right answers, the kinds they mixed up, and what to look at again."""

    correct: int
    total: int
    answered: int
    right: tuple[int, ...]
    mixups: tuple[tuple[str, str], ...]  # (true kind, kind chosen)

    def kinds_to_review(self) -> list[str]:
        """Return the kinds the learner missed, most missed first."""
        counts = Counter(true for true, _ in self.mixups)
        return [kind for kind, _ in sorted(counts.items(), key=lambda kv: (-kv[1], KINDS.index(kv[0])))]


def score_drill(answers: dict[int, str]) -> DrillResult:
    """Score the kinds chosen per item (item index -> kind id); unanswered items count as not right."""
    items = drill_content()["items"]
    unknown = set(answers.values()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s): {sorted(unknown)}")
    right, mixups = [], []
    for i, item in enumerate(items):
        chosen = answers.get(i)
        if chosen is None:
            continue
        if chosen == item["kind"]:
            right.append(i)
        else:
            mixups.append((item["kind"], chosen))
    return DrillResult(len(right), len(items), sum(1 for i in answers if 0 <= i < len(items)), tuple(right), tuple(mixups))
