"""What the facilitator dashboard shows, computed from plain tables: no widgets, no disk.

Inputs are the export frame (export.gradebook_frame) and role-play attempts from the progress store.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import pandas as pd

HELP_THRESHOLD = 50.0  # below half the points on an assignment, a learner gets a facilitator's attention


def skill_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per skill: learners, mean percent and the percent of learners below the help threshold."""
    rows = []
    for column in sorted(c for c in frame.columns if c.startswith("skill:") and not c.endswith(":max")):
        skill = column.removeprefix("skill:")
        earned = frame.groupby("learner")[column].sum(min_count=1)
        possible = frame.groupby("learner")[f"{column}:max"].sum(min_count=1)
        percent = (100 * earned / possible).dropna()
        if percent.empty:
            continue
        rows.append({"skill": skill, "learners": int(percent.size), "mean_percent": round(float(percent.mean()), 1),
                     "below_percent": round(100 * float((percent < HELP_THRESHOLD).mean()), 1)})
    return pd.DataFrame(rows, columns=["skill", "learners", "mean_percent", "below_percent"])


def question_difficulty(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per assignment and question the mean percent of points earned, hardest first."""
    rows = []
    for assignment, group in frame.groupby("assignment"):
        for column in sorted(c for c in group.columns if c.startswith("q:") and not c.endswith(":max")):
            earned, possible = group[column], group[f"{column}:max"]
            mask = possible.notna() & (possible > 0)
            if not mask.any():
                continue
            rows.append({"assignment": assignment, "question": column.removeprefix("q:"),
                         "submissions": int(mask.sum()),
                         "mean_percent": round(100 * float((earned[mask] / possible[mask]).mean()), 1)})
    result = pd.DataFrame(rows, columns=["assignment", "question", "submissions", "mean_percent"])
    return result.sort_values(["mean_percent", "assignment", "question"]).reset_index(drop=True)


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


# --- role-plays in conversation order ------------------------------------------------------------------------

QUALITIES = ("best", "other", "wrong", "retry", "fallback")  # how good a way out of a turn was, best first


def conversation_order(scenario: Any) -> list[str]:
    """Return the scenario's nodes in conversation order: the start first, a node after every node leading to it.

    The graph has no loops (the validator refuses them); nodes at the same depth keep the author's order.
    """
    nodes = list(scenario.nodes)
    incoming = {node: 0 for node in nodes}
    for node in nodes:
        for target in scenario.successors(node):
            if target in incoming:
                incoming[target] += 1
    start = scenario.data.get("start")
    ready = [start] if start in incoming and incoming[start] == 0 else [n for n in nodes if incoming[n] == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target in scenario.successors(node):
            if target in incoming:
                incoming[target] -= 1
                if incoming[target] == 0:
                    ready.append(target)
        ready.sort(key=nodes.index)
    return order + [n for n in nodes if n not in order]  # unreachable nodes last, never dropped


def step_quality(scenario: Any, node: str, picked: str) -> str:
    """Return how good a step was: best, other, wrong (it cost points), retry or fallback (no answer matched)."""
    from coachlab.scenarios.engine import best_choice

    if picked.endswith("~retry"):
        return "retry"
    if picked == "fallback":
        return "fallback"
    if node not in scenario.nodes:
        return "other"
    edge = next((e for e in scenario.edges(node) if e.id == picked), None)
    if edge is not None and sum(edge.points.values()) < 0:
        return "wrong"
    return "best" if best_choice(scenario, node) == picked else "other"


def _steps(attempt: Any) -> list[tuple[str, str]]:
    steps = []
    for step in roleplay_path(attempt) or ():
        node, _, picked = step.partition(":")
        steps.append((node, picked))
    return steps


def roleplay_flow(scenario: Any, attempts: Iterable[Any]) -> pd.DataFrame:
    """Return how the cohort went through one role-play, turn by turn in conversation order.

    One row per turn and way out (option, intent, retry, fallback), then one per ending: ``learners`` and
    ``attempts`` that took it (each counted once per attempt), ``reached`` the learners who got to that turn,
    ``quality`` (see ``step_quality``; endings carry their outcome: good, mixed, poor) and ``missed``, the
    learners who at least once took anything but the best way at that turn.
    """
    mine = [a for a in roleplay_attempts(attempts) if a.item_id == scenario.id]
    order = {node: i for i, node in enumerate(conversation_order(scenario))}
    reached: dict[str, set[str]] = {}
    missed: dict[str, set[str]] = {}
    took: dict[tuple[str, str], tuple[set[str], set[int]]] = {}
    for index, attempt in enumerate(mine):
        for node, picked in dict.fromkeys(_steps(attempt)):
            if node != "end":
                reached.setdefault(node, set()).add(attempt.learner_id)
                if step_quality(scenario, node, picked) != "best":
                    missed.setdefault(node, set()).add(attempt.learner_id)
            learners, ids = took.setdefault((node, picked), (set(), set()))
            learners.add(attempt.learner_id)
            ids.add(index)
    rows = []
    for (node, picked), (learners, ids) in took.items():
        if node == "end":
            ending = scenario.endings.get(picked, {})
            rows.append({"position": len(order), "node": "end", "picked": picked,
                         "quality": ending.get("outcome", "mixed"), "learners": len(learners), "attempts": len(ids),
                         "reached": len({a.learner_id for a in mine}), "missed": 0})
            continue
        rows.append({"position": order.get(node, len(order) - 1), "node": node, "picked": picked,
                     "quality": step_quality(scenario, node, picked), "learners": len(learners),
                     "attempts": len(ids), "reached": len(reached.get(node, ())),
                     "missed": len(missed.get(node, ()))})
    columns = ["position", "node", "picked", "quality", "learners", "attempts", "reached", "missed"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    rank = {q: i for i, q in enumerate((*QUALITIES, "good", "mixed", "poor"))}
    frame["_rank"] = frame["quality"].map(rank)
    return frame.sort_values(["position", "_rank", "picked"]).drop(columns="_rank").reset_index(drop=True)


def path_counts(attempts: Iterable[Any], scenarios: dict[str, Any] | None = None) -> pd.DataFrame:
    """Return per scenario and step how many attempts passed through it, steps in conversation order.

    Without the scenario (a role-play since removed) the steps keep the order learners met them in.
    """
    counts: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for n, attempt in enumerate(roleplay_attempts(attempts)):
        for i, step in enumerate(dict.fromkeys(roleplay_path(attempt))):  # a retry of one step counts once
            counts[(attempt.item_id, step)] += 1
            first_seen.setdefault((attempt.item_id, step), (i, n))
    orders = {sid: {node: i for i, node in enumerate(conversation_order(s))} for sid, s in (scenarios or {}).items()}

    def position(key: tuple[str, str]) -> tuple[int, int]:
        sid, step = key
        node = step.partition(":")[0]
        if sid in orders:
            return (len(orders[sid]) if node == "end" else orders[sid].get(node, len(orders[sid]) - 1), 0)
        return first_seen[key]

    keys = sorted(counts, key=lambda k: (k[0], position(k), -counts[k], k[1]))
    return pd.DataFrame([{"scenario": s, "step": step, "attempts": counts[(s, step)]} for s, step in keys],
                        columns=["scenario", "step", "attempts"])


# --- one learner ---------------------------------------------------------------------------------------------

def attempt_percent(attempt: Any) -> float | None:
    """Return an attempt's overall percent: the mean of its skills' percents (None without scores)."""
    values = [float(v) for v in (attempt.scores or {}).values() if isinstance(v, (int, float))]
    return round(sum(values) / len(values), 1) if values else None


def learner_exercises(grades: pd.DataFrame, learner: str) -> pd.DataFrame:
    """Return one learner's graded exercises: assignment, score, max, percent, status."""
    columns = ["assignment", "score", "max_score", "percent", "status"]
    if grades.empty or "learner" not in grades:
        return pd.DataFrame(columns=columns)
    mine = grades[grades["learner"] == learner]
    return mine[[c for c in columns if c in mine]].sort_values("assignment").reset_index(drop=True)


def ending_of(attempt: Any) -> str | None:
    """Return the ending an attempt reached (from its answers, else from its path's ``end:`` step)."""
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    if answers.get("ending"):
        return str(answers["ending"])
    ends = [picked for node, picked in _steps(attempt) if node == "end"]
    return ends[-1] if ends else None


def learner_roleplays(attempts: Iterable[Any], learner: str) -> pd.DataFrame:
    """Return one learner's role-plays: attempts, first, best and lift of the overall percent, last ending."""
    series: dict[str, list[Any]] = {}
    for attempt in sorted(roleplay_attempts(attempts), key=lambda a: (a.created_at, a.id or 0)):
        if attempt.learner_id == learner:
            series.setdefault(attempt.item_id, []).append(attempt)
    rows = []
    for scenario, tries in sorted(series.items()):
        scores = [p for p in (attempt_percent(a) for a in tries) if p is not None]
        first, best = (scores[0], max(scores)) if scores else (None, None)
        rows.append({"scenario": scenario, "attempts": len(tries), "first": first, "best": best,
                     "lift": None if first is None else round(best - first, 1),
                     "ending": ending_of(tries[-1])})
    return pd.DataFrame(rows, columns=["scenario", "attempts", "first", "best", "lift", "ending"])


def replay_turns(attempt: Any) -> list[dict[str, Any]]:
    """Return the turns of a role-play attempt as the learner saw them, in order.

    The full record (``answers["details"]``, written by newer players) is preferred; older attempts keep the
    engine's transcript, which holds the same per-turn fields (line, said, evidence, feedback, retry).
    """
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    details = answers.get("details") if isinstance(answers.get("details"), dict) else {}
    turns = details.get("turns") or answers.get("transcript") or []
    return [dict(turn) for turn in turns if isinstance(turn, dict)]
