"""Execution planner: a goal, actions with owners and dates, three process gates; what is missing, as data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from coachlab.packaged import packaged_yaml

GATES: tuple[str, ...] = ("plan", "progress", "result")
QUICK_DAYS = 7  # the first action should land within the first week
DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def execution_content() -> dict:
    """Load the gates, supervision steps, habits and problem messages."""
    return packaged_yaml(__package__, "execution.yaml")


def parse_date(text: str) -> date | None:
    """Read 2026-12-31, 2026/12/31 or 2026年12月31日; None for an empty box; ValueError for anything else."""
    if not text.strip():
        return None
    match = DATE.match(text)
    if not match:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


@dataclass(frozen=True)
class Action:
    """One action: what, who, by when."""

    what: str
    owner: str = ""
    due: date | None = None


@dataclass(frozen=True)
class Gate:
    """One process gate: when, what number to check, what to do if it is not met."""

    when: date | None = None
    check: str = ""
    fallback: str = ""


@dataclass(frozen=True)
class Plan:
    """A goal over a period, its actions and its three gates (keyed by gate id)."""

    goal: str
    start: date | None
    end: date | None
    actions: tuple[Action, ...] = ()
    gates: dict[str, Gate] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something missing from the plan: a message id and its placeholders."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str, gate_names: dict[str, str] | None = None) -> str:
        """Return the message in ``lang`` (a gate id in params is shown by its name)."""
        params = dict(self.params)
        if "gate" in params:
            params["gate"] = (gate_names or gate_name_map(lang)).get(params["gate"], params["gate"])
        return execution_content()["problems"][self.code][lang].format(**params)


def gate_name_map(lang: str) -> dict[str, str]:
    """Return the gates' names in ``lang``."""
    return {g["id"]: g["name"][lang] for g in execution_content()["gates"]}


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d|[一二三四五六七八九十两百]", text))


def problems(plan: Plan, lang: str) -> list[Problem]:
    """Return what keeps the plan from carrying the goal, in the order a lead would fix it."""
    found: list[Problem] = []
    if not plan.goal.strip():
        found.append(Problem("no_goal"))
    period = plan.start is not None and plan.end is not None
    if not period:
        found.append(Problem("no_period"))
    elif plan.end < plan.start:
        found.append(Problem("end_before_start"))
        period = False
    inside = (lambda d: plan.start <= d <= plan.end) if period else (lambda d: True)
    actions = [a for a in plan.actions if a.what.strip()]
    if not actions:
        found.append(Problem("no_actions"))
    for n, action in enumerate(plan.actions, start=1):
        if not action.what.strip():
            continue
        if not action.owner.strip():
            found.append(Problem("action_no_owner", {"n": str(n)}))
        if action.due is None:
            found.append(Problem("action_no_due", {"n": str(n)}))
        elif not inside(action.due):
            found.append(Problem("action_outside", {"n": str(n)}))
    if actions and period and not any(a.due and a.due <= plan.start + timedelta(days=QUICK_DAYS) for a in actions):
        found.append(Problem("no_quick_start", {"days": str(QUICK_DAYS)}))
    words = execution_content()["communication_words"][lang]
    if actions and not any(w.lower() in a.what.lower() for a in actions for w in words):
        found.append(Problem("no_communication"))
    dated = []
    for gate_id in GATES:
        gate = plan.gates.get(gate_id, Gate())
        if gate.when is None:
            found.append(Problem("gate_no_date", {"gate": gate_id}))
        else:
            dated.append(gate.when)
            if not inside(gate.when):
                found.append(Problem("gate_outside", {"gate": gate_id}))
        if not _has_number(gate.check):
            found.append(Problem("gate_no_check", {"gate": gate_id}))
        if not gate.fallback.strip():
            found.append(Problem("gate_no_fallback", {"gate": gate_id}))
    if len(dated) == len(GATES) and dated != sorted(dated):
        found.append(Problem("gates_order"))
    progress = plan.gates.get("progress", Gate()).when
    if period and progress and inside(progress):
        length = (plan.end - plan.start).days
        offset = (progress - plan.start).days
        if length >= 6 and not length / 3 <= offset <= 2 * length / 3:
            middle = plan.start + timedelta(days=length // 2)
            found.append(Problem("progress_off_middle", {"date": progress.isoformat(), "middle": middle.isoformat()}))
    return found


def expected_at(day: date, start: date, end: date, baseline: float, target: float) -> float:
    """Return where the number should be on ``day`` if it moves steadily from baseline to target."""
    if end <= start:
        return target
    share = min(1.0, max(0.0, (day - start).days / (end - start).days))
    return round(baseline + (target - baseline) * share, 1)


def to_markdown(plan: Plan, lang: str, labels: dict[str, str]) -> str:
    """Write the plan as a Markdown document (``labels`` holds the headings and column names)."""
    names = gate_name_map(lang)
    lines = [f"# {labels['title']}", "", f"**{labels['goal']}**: {plan.goal.strip() or '—'}",
             f"**{labels['period']}**: {plan.start or '—'} → {plan.end or '—'}", "", f"## {labels['actions']}", "",
             f"| # | {labels['what']} | {labels['owner']} | {labels['due']} |", "|---|---|---|---|"]
    for n, a in enumerate((a for a in plan.actions if a.what.strip()), start=1):
        lines.append(f"| {n} | {a.what.strip()} | {a.owner.strip() or '—'} | {a.due or '—'} |")
    lines += ["", f"## {labels['gates']}", ""]
    for gate_id in GATES:
        gate = plan.gates.get(gate_id, Gate())
        lines += [f"### {names[gate_id]} ({gate.when or '—'})", f"- {labels['check']}: {gate.check.strip() or '—'}",
                  f"- {labels['fallback']}: {gate.fallback.strip() or '—'}", ""]
    return "\n".join(lines)
