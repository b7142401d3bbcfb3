"""What the facilitator dashboard shows, computed from plain tables: no widgets, no disk.

Inputs are the export frame (export.gradebook_frame) and role-play attempts from the progress store.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import pandas as pd

HELP_THRESHOLD = 50.0  # below half the points on an assignment, a learner gets a facilitator's attention


def skill_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per skill: learners, mean percent and the share of learners below the help threshold."""
    rows = []
    for column in sorted(c for c in frame.columns if c.startswith("skill:") and not c.endswith(":max")):
        skill = column.removeprefix("skill:")
        earned = frame.groupby("learner")[column].sum(min_count=1)
        possible = frame.groupby("learner")[f"{column}:max"].sum(min_count=1)
        percent = (100 * earned / possible).dropna()
        if percent.empty:
            continue
        rows.append({"skill": skill, "learners": int(percent.size), "mean_percent": round(float(percent.mean()), 1),
                     "below_threshold": round(float((percent < HELP_THRESHOLD).mean()), 2)})
    return pd.DataFrame(rows, columns=["skill", "learners", "mean_percent", "below_threshold"])


def question_difficulty(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per assignment and question the mean share of points earned, hardest first."""
    rows = []
    for assignment, group in frame.groupby("assignment"):
        for column in sorted(c for c in group.columns if c.startswith("q:") and not c.endswith(":max")):
            earned, possible = group[column], group[f"{column}:max"]
            mask = possible.notna() & (possible > 0)
            if not mask.any():
                continue
            rows.append({"assignment": assignment, "question": column.removeprefix("q:"),
                         "submissions": int(mask.sum()),
                         "mean_share": round(float((earned[mask] / possible[mask]).mean()), 2)})
    result = pd.DataFrame(rows, columns=["assignment", "question", "submissions", "mean_share"])
    return result.sort_values(["mean_share", "assignment", "question"]).reset_index(drop=True)


def score_distribution(frame: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Return per assignment how many learners fall in each band of percent (0–20, 20–40, …)."""
    if frame.empty:
        return pd.DataFrame(columns=["assignment", "band", "learners"])
    width = 100 / bins
    edges = [round(i * width) for i in range(bins + 1)]
    labels = [f"{edges[i]}–{edges[i + 1]}" for i in range(bins)]
    banded = frame.assign(band=pd.cut(frame["percent"].astype(float), edges, labels=labels, include_lowest=True))
    counts = banded.groupby(["assignment", "band"], observed=False).size().rename("learners").reset_index()
    counts["band"] = counts["band"].astype(str)
    return counts


def needs_help(frame: pd.DataFrame, threshold: float = HELP_THRESHOLD) -> pd.DataFrame:
    """Return learners with a low score or a status other than ok, with the reason, lowest first."""
    if frame.empty:
        return pd.DataFrame(columns=["learner", "assignment", "percent", "status", "reason"])
    low = frame["percent"].astype(float) < threshold
    odd = frame["status"] != "ok"
    picked = frame[low | odd].copy()
    picked["reason"] = ["status" if s != "ok" else "score" for s in picked["status"]]
    return picked[["learner", "assignment", "percent", "status", "reason"]].sort_values(
        ["percent", "learner"]).reset_index(drop=True)


def roleplay_path(attempt: Any) -> list[str] | None:
    """Return the steps of a role-play attempt, or None for any other attempt (lesson tools, practice pads)."""
    path = attempt.answers.get("path") if isinstance(attempt.answers, dict) else None
    return [str(step) for step in path] if isinstance(path, list) else None


def roleplay_attempts(attempts: Iterable[Any]) -> list[Any]:
    """Return only the role-play attempts, in the order given."""
    return [attempt for attempt in attempts if roleplay_path(attempt) is not None]


def path_counts(attempts: Iterable[Any]) -> pd.DataFrame:
    """Return per scenario and step how many role-play attempts passed through it (where learners go)."""
    counts: Counter[tuple[str, str]] = Counter()
    for attempt in roleplay_attempts(attempts):
        for step in dict.fromkeys(roleplay_path(attempt)):  # a retry of the same step counts once per attempt
            counts[(attempt.item_id, step)] += 1
    rows = [{"scenario": s, "step": step, "attempts": n} for (s, step), n in counts.items()]
    return pd.DataFrame(rows, columns=["scenario", "step", "attempts"]).sort_values(
        ["scenario", "attempts", "step"], ascending=[True, False, True]).reset_index(drop=True)


def skill_progress(attempts: Iterable[Any]) -> pd.DataFrame:
    """Return per learner, scenario and skill the first, best and lift (best minus first) scores."""
    series: dict[tuple[str, str, str], list[float]] = {}
    for attempt in sorted(attempts, key=lambda a: (a.created_at, a.id or 0)):
        for skill, value in (attempt.scores or {}).items():
            if isinstance(value, (int, float)):
                series.setdefault((attempt.learner_id, attempt.item_id, skill), []).append(float(value))
    rows = [{"learner": l, "scenario": s, "skill": k, "attempts": len(v), "first": v[0], "best": max(v),
             "lift": max(v) - v[0]} for (l, s, k), v in series.items()]
    return pd.DataFrame(rows, columns=["learner", "scenario", "skill", "attempts", "first", "best", "lift"])
