"""Communication positions self-check: which psychological position a lead's replies come from."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

POSITIONS: tuple[str, ...] = ("ok_ok", "ok_notok", "notok_ok", "notok_notok")


def positions_content() -> dict:
    """Load the positions and situations."""
    return packaged_yaml(__package__, "positions.yaml")


@dataclass(frozen=True)
class PositionProfile:
    """How often each position was chosen, the main one, and the one to work on."""

    counts: dict[str, int]
    answered: int

    def shares(self) -> dict[str, float]:
        """Return each position's share of the answers (0–1)."""
        return {p: (c / self.answered if self.answered else 0.0) for p, c in self.counts.items()}

    def main(self) -> str:
        """Return the position chosen most often (the healthier one on a tie)."""
        return max(POSITIONS, key=lambda p: (self.counts[p], -POSITIONS.index(p)))

    def to_work_on(self) -> str | None:
        """Return the not-OK position chosen most often, or None when every answer was OK-OK."""
        others = [p for p in POSITIONS[1:] if self.counts[p]]
        return max(others, key=lambda p: (self.counts[p], -POSITIONS.index(p))) if others else None


def score_positions(choices: dict[int, int]) -> PositionProfile:
    """Count positions from the option chosen per situation (situation index -> option index)."""
    situations = positions_content()["situations"]
    counts = dict.fromkeys(POSITIONS, 0)
    for i, option in choices.items():
        if not 0 <= i < len(situations):
            raise ValueError(f"no situation {i}")
        options = situations[i]["options"]
        if not 0 <= option < len(options):
            raise ValueError(f"situation {i} has no option {option}")
        counts[options[option]["position"]] += 1
    return PositionProfile(counts, sum(counts.values()))
