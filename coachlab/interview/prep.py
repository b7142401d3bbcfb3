"""The performance-interview prep sheet: one agent's facts turned into talking points and questions."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.data import AgentFacts, KpiMove
from coachlab.i18n import t

PERCENT_KPIS = {"fcr", "csat", "occupancy", "adherence"}


def format_value(kpi: str, value: float, lang: str) -> str:
    """Format a KPI value the way a team lead reads it (72.1 %, 6.3 min, QA 84)."""
    if kpi in PERCENT_KPIS:
        return f"{value * 100:.1f}%"
    if kpi == "aht_min":
        return t("prep.minutes", lang, value=f"{value:.1f}")
    return f"{value:.0f}"


@dataclass(frozen=True)
class PrepSheet:
    """What to say and ask in the performance interview, grounded in the agent's numbers."""

    facts: AgentFacts
    talking_points: tuple[str, ...]
    questions: tuple[str, ...]


def _move_point(move: KpiMove, lang: str) -> str:
    return t(f"prep.move.{move.verdict}", lang, kpi=t(f"kpi.name.{move.kpi}", lang), month=move.month,
             before=format_value(move.kpi, move.before, lang), after=format_value(move.kpi, move.after, lang))


def prep_sheet(facts: AgentFacts, lang: str) -> PrepSheet:
    """Build the prep sheet: the shifts first, then standing against the team, then 360° comments."""
    points = [_move_point(m, lang) for m in facts.moves]
    gaps = facts.gaps()
    best = max(("fcr", "csat", "qa", "adherence", "aht_min"), key=lambda k: gaps[k] / _scale(k))
    points.append(t("prep.best", lang, kpi=t(f"kpi.name.{best}", lang),
                    value=format_value(best, facts.latest[best], lang),
                    median=format_value(best, facts.team_median[best], lang)))
    if facts.latest["occupancy"] > 0.9:
        points.append(t("prep.overloaded", lang, value=format_value("occupancy", facts.latest["occupancy"], lang)))
    if facts.tenure_months < 6:
        points.append(t("prep.new_hire", lang, months=facts.tenure_months))
    questions = [t("prep.q.open", lang)]
    for move in facts.moves[:2]:
        key = "prep.q.worse" if move.verdict == "worse" else "prep.q.better" if move.verdict == "better" else "prep.q.neutral"
        questions.append(t(key, lang, kpi=t(f"kpi.name.{move.kpi}", lang), month=move.month))
    questions += [t("prep.q.support", lang), t("prep.q.will", lang)]
    return PrepSheet(facts, tuple(points), tuple(questions))


def _scale(kpi: str) -> float:
    # Typical spread between agents, so that "best relative to the team" compares like with like.
    return {"fcr": 0.04, "csat": 0.04, "qa": 4.0, "adherence": 0.012, "aht_min": 0.8}[kpi]
