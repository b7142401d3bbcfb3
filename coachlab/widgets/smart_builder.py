"""SMART goal builder: the goal check on the learner's sentence, then milestones and a fair share per agent."""

from __future__ import annotations

import html
from datetime import date, timedelta

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.goals import allocate, is_realistic, milestones, monthly_gain

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box, textarea

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")


def _met(value: object) -> bool:
    if isinstance(value, dict):
        return bool(value.get("met", value.get("ok", False)))
    return bool(value)


def _number(value: object) -> float | None:
    """Return the number in a found baseline or target ("64%", 0.64 or 64), as percent points."""
    import re
    if isinstance(value, (int, float)):
        return float(value) * (100 if 0 < float(value) <= 1 else 1)
    found = re.search(r"\d+(?:\.\d+)?", str(value or ""))
    return float(found.group()) if found else None


def goal_report_html(report: dict, lang: str) -> str:
    """Render the goal check: one line per SMART letter, what it found, and its suggestions."""
    criteria = report.get("criteria", {})
    lines = []
    for key in CRITERIA:
        ok = _met(criteria.get(key))
        lines.append(f"<li>{'✔' if ok else '✘'} <b>{html.escape(t(f'smart.criterion.{key}', lang))}</b></li>")
    found = [f"{html.escape(t(f'smart.found.{k}', lang))}: {html.escape(str(report[k]))}"
             for k in ("metric", "baseline", "target", "deadline") if report.get(k) not in (None, "", [])]
    suggestions = "".join(f"<li>{html.escape(str(s))}</li>" for s in report.get("suggestions") or [])
    return (f"<ul style='list-style:none;padding-left:0'>{''.join(lines)}</ul>"
            + (f"<p>{'; '.join(found)}</p>" if found else "")
            + (f"<p><b>{html.escape(t('smart.suggestions', lang))}</b></p><ul>{suggestions}</ul>" if suggestions else ""))


def plan_html(baseline: float, target: float, start: date, deadline: date, lang: str, share: bool) -> str:
    """Render the monthly milestones, the realism verdict and, if asked, each agent's share (FCR)."""
    steps = milestones(baseline, target, start, deadline)
    rows = "".join(f"<tr><td>{m.due.isoformat()}</td><td>{m.value:.1f}</td></tr>" for m in steps)
    realistic = is_realistic(baseline, target, start, deadline)
    verdict = t("smart.realistic" if realistic else "smart.unrealistic", lang,
                gain=f"{monthly_gain(baseline, target, start, deadline):.1f}")
    out = (f"<p style='color:{'#2e7d32' if realistic else '#c0392b'}'>{html.escape(verdict)}</p>"
           f"<table class='coachlab-milestones' style='border-collapse:collapse'><tr><th>{html.escape(t('smart.due', lang))}</th>"
           f"<th>{html.escape(t('smart.value', lang))}</th></tr>{rows}</table>")
    if share:
        from coachlab.data import generate_team
        team = generate_team(7)
        latest = team.monthly[team.monthly["month"] == team.months[-1]].merge(team.agents, on="agent_id")
        baselines = {(r.name_zh if lang == "zh-CN" else r.name_en): r.fcr * 100 for r in latest.itertuples()}
        try:
            shares = allocate(baselines, target, ceiling=88.0)
        except ValueError:
            return out + f"<p style='color:#c0392b'>{html.escape(t('smart.share_impossible', lang))}</p>"
        mean = sum(baselines.values()) / len(baselines)
        cells = "".join(f"<tr><td>{html.escape(n)}</td><td>{baselines[n]:.1f}</td><td>{shares[n]:.1f}</td></tr>"
                        for n in sorted(baselines, key=baselines.get))
        out += (f"<p>{html.escape(t('smart.share_intro', lang, mean=f'{mean:.1f}', target=f'{target:.1f}'))}</p>"
                f"<table style='border-collapse:collapse'><tr><th>{html.escape(t('kpi.agent', lang))}</th>"
                f"<th>{html.escape(t('smart.now', lang))}</th><th>{html.escape(t('smart.goal', lang))}</th></tr>{cells}</table>")
    return out


def smart_builder(lang: str | None = None) -> widgets.VBox:
    """Show the SMART goal builder with goal decomposition."""
    lang = resolve_lang(lang)
    goal = textarea(t("smart.placeholder", lang), rows=2)
    report_box = result_box()
    check = main_button(t("smart.check", lang))
    baseline = widgets.FloatText(value=68.0, description=t("smart.baseline", lang), style={"description_width": "initial"},
                                 layout=widgets.Layout(width="200px"))
    target = widgets.FloatText(value=72.0, description=t("smart.target", lang), style={"description_width": "initial"},
                               layout=widgets.Layout(width="200px"))
    start = widgets.DatePicker(value=date.today(), description=t("smart.start", lang), style={"description_width": "initial"})
    deadline = widgets.DatePicker(value=date.today() + timedelta(days=90), description=t("smart.deadline", lang),
                                  style={"description_width": "initial"})
    share = widgets.Checkbox(value=True, description=t("smart.share", lang), indent=False)
    plan_box = widgets.HTML()
    plan_button = widgets.Button(description=t("smart.plan", lang), layout=widgets.Layout(width="auto"))
    plan_button.add_class("coachlab-plan-action")

    def restore(state: dict) -> None:
        goal.value = state.get("goal", "")
        baseline.value, target.value = state.get("baseline", 68.0), state.get("target", 72.0)

    keeper = Keeper(lang, "lesson:03-goals-smart:goal", restore)

    def run_check(_=None) -> None:
        from coachlab.checks import run
        if not goal.value.strip():
            report_box.value = f"<p>{html.escape(t('smart.empty', lang))}</p>"
            return
        report = run("goal", goal.value, lang=lang).to_dict()
        report_box.value = goal_report_html(report, lang)
        for field, box in (("baseline", baseline), ("target", target)):
            value = _number(report.get(field))
            if value is not None:
                box.value = value
        keeper.save({"goal": goal.value, "baseline": baseline.value, "target": target.value})
        keeper.record({"goal": goal.value}, {"score": float(report.get("score") or 0)})

    def run_plan(_=None) -> None:
        if not start.value or not deadline.value or deadline.value <= start.value:
            plan_box.value = f"<p style='color:#c0392b'>{html.escape(t('smart.bad_dates', lang))}</p>"
            return
        plan_box.value = plan_html(baseline.value, target.value, start.value, deadline.value, lang, share.value)
        keeper.save({"goal": goal.value, "baseline": baseline.value, "target": target.value})

    check.on_click(guarded(run_check, lang, report_box))
    plan_button.on_click(guarded(run_plan, lang, plan_box))
    box = widgets.VBox([heading(t("smart.title", lang)), widgets.HTML(f"<p>{html.escape(t('smart.intro', lang))}</p>"),
                        goal, keeper, check, report_box,
                        heading(t("smart.decompose", lang)), widgets.HTML(f"<p>{html.escape(t('smart.decompose_intro', lang))}</p>"),
                        widgets.HBox([baseline, target]), widgets.HBox([start, deadline]), share, plan_button, plan_box])
    box.add_class("coachlab-smart-builder")
    return box
