"""Goal decomposition: a team target becomes monthly milestones and a fair target for each agent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_MONTHLY_GAIN_PTS = 3.0  # a KPI such as FCR rarely moves more than ~3 points a month and holds


@dataclass(frozen=True)
class Milestone:
    """Where the metric should be by a checkpoint."""

    due: date
    value: float


def _month_ends(start: date, deadline: date) -> list[date]:
    ends = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        end = date(year, month, 1)
        end = date.fromordinal(end.toordinal() - 1)
        if end >= deadline:
            break
        if end > start:
            ends.append(end)
    return ends + [deadline]


def milestones(baseline: float, target: float, start: date, deadline: date) -> list[Milestone]:
    """Split the way from baseline to target into month-end checkpoints, evenly, ending on the deadline."""
    if deadline <= start:
        raise ValueError("the deadline must come after the start")
    checkpoints = _month_ends(start, deadline)
    span = (deadline - start).days
    return [Milestone(d, round(baseline + (target - baseline) * (d - start).days / span, 2)) for d in checkpoints]


def monthly_gain(baseline: float, target: float, start: date, deadline: date) -> float:
    """Return the change per 30 days the goal asks for."""
    return (target - baseline) * 30 / max((deadline - start).days, 1)


def is_realistic(baseline: float, target: float, start: date, deadline: date) -> bool:
    """Return False when the goal asks for more than a realistic monthly gain (in points)."""
    return abs(monthly_gain(baseline, target, start, deadline)) <= MAX_MONTHLY_GAIN_PTS


def allocate(baselines: dict[str, float], team_target: float, ceiling: float) -> dict[str, float]:
    """Share a team target among agents so the average meets it; those with more headroom carry more.

    Each agent's share of the gap is proportional to their distance from ``ceiling`` (a practical best),
    so a top performer is not asked for the same jump as someone with plenty of room to grow.
    """
    if not baselines:
        raise ValueError("no agents to share the target among")
    mean = sum(baselines.values()) / len(baselines)
    gap = (team_target - mean) * len(baselines)
    if gap <= 0:
        return dict(baselines)
    headroom = {a: max(ceiling - b, 0.0) for a, b in baselines.items()}
    room = sum(headroom.values())
    if room < gap:
        raise ValueError("the team target is above what the ceiling allows")
    return {a: round(b + gap * headroom[a] / room, 2) for a, b in baselines.items()}
