"""One agent's facts for a performance interview: where they stand and which KPI moved, and when."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .team import Team

# Which way is better for each KPI; occupancy has a target band instead (75–85 %).
BETTER: dict[str, int] = {"csat": 1, "fcr": 1, "qa": 1, "adherence": 1, "aht_min": -1, "occupancy": 0}
TRACKED: tuple[str, ...] = ("fcr", "csat", "aht_min", "qa", "adherence", "occupancy")
MIN_MONTHS = 4          # fewer months than this cannot show a trend
MOVE_THRESHOLD = 4.0    # a shift must stand out this many standard errors from month-to-month noise


@dataclass(frozen=True)
class KpiMove:
    """A lasting shift in one KPI from a given month on."""

    kpi: str
    month: str        # the first month at the new level
    before: float     # average before that month
    after: float      # average from that month on
    strength: float   # how many standard errors the shift stands out

    @property
    def change(self) -> float:
        """Return after minus before."""
        return self.after - self.before

    @property
    def verdict(self) -> str:
        """Return 'better', 'worse' or 'neutral' for the team lead's reading of this move."""
        sign = BETTER[self.kpi]
        if sign == 0:
            return "neutral"
        return "better" if sign * self.change > 0 else "worse"


@dataclass(frozen=True)
class AgentFacts:
    """What a team lead brings to a performance interview about one agent."""

    agent_id: str
    name_en: str
    name_zh: str
    tenure_months: int
    months_worked: int
    latest_month: str
    latest: dict[str, float]
    team_median: dict[str, float]
    moves: tuple[KpiMove, ...]
    comments: tuple[dict, ...] = field(default_factory=tuple)
    history: pd.DataFrame | None = None

    def name(self, lang: str) -> str:
        """Return the agent's name in ``lang``."""
        return self.name_zh if lang == "zh-CN" else self.name_en

    def gaps(self) -> dict[str, float]:
        """Return latest minus team median per KPI, signed so that positive is better."""
        return {k: (self.latest[k] - self.team_median[k]) * (BETTER[k] or 1) for k in TRACKED}


def _noise_sd(monthly: pd.DataFrame, kpi: str) -> float:
    diffs = monthly.sort_values("month_index").groupby("agent_id")[kpi].diff().dropna()
    mad = float(np.median(np.abs(diffs - np.median(diffs)))) if len(diffs) else 0.0
    return max(mad * 1.4826 / np.sqrt(2), 1e-6)


def find_moves(series: pd.Series, months: list[str], kpi: str, noise_sd: float) -> list[KpiMove]:
    """Return the strongest lasting shift in ``series`` when it stands out from the noise."""
    values = series.to_numpy(dtype=float)
    n = len(values)
    if n < MIN_MONTHS:
        return []
    best: KpiMove | None = None
    for k in range(2, n - 1):
        before, after = values[:k].mean(), values[k:].mean()
        strength = abs(after - before) / (noise_sd * np.sqrt(1 / k + 1 / (n - k)))
        if best is None or strength > best.strength:
            best = KpiMove(kpi, months[k], float(before), float(after), float(strength))
    return [best] if best and best.strength >= MOVE_THRESHOLD else []


def agent_facts(team: Team, agent_id: str) -> AgentFacts:
    """Collect one agent's standing against the team and the KPI shifts worth discussing."""
    profile = team.agent(agent_id)
    history = team.monthly[team.monthly["agent_id"] == agent_id].sort_values("month_index")
    if history.empty:
        raise KeyError(f"agent {agent_id!r} has no months of data")
    latest_row = history.iloc[-1]
    same_month = team.monthly[team.monthly["month"] == latest_row["month"]]
    moves: list[KpiMove] = []
    for kpi in TRACKED:
        moves += find_moves(history[kpi], list(history["month"]), kpi, _noise_sd(team.monthly, kpi))
    moves.sort(key=lambda move: -move.strength)
    comments = team.comments[team.comments["agent_id"] == agent_id].to_dict("records")
    return AgentFacts(
        agent_id=agent_id, name_en=str(profile["name_en"]), name_zh=str(profile["name_zh"]),
        tenure_months=int(latest_row["tenure_months"]), months_worked=len(history),
        latest_month=str(latest_row["month"]),
        latest={k: float(latest_row[k]) for k in TRACKED},
        team_median={k: float(same_month[k].median()) for k in TRACKED},
        moves=tuple(moves), comments=tuple(comments), history=history.reset_index(drop=True),
    )
