"""Execution planner: goal, actions with owners and dates, three process gates; gaps listed, timeline drawn."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.execution import Action, Gate, Plan, Problem, execution_content, parse_date, problems, to_markdown
from coachlab.tools.pictures import execution_svg

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box

ACTION_ROWS = 5


def _text(placeholder: str, width: str) -> widgets.Text:
    return widgets.Text(placeholder=placeholder, layout=widgets.Layout(width=width))


def execution_planner(lang: str | None = None) -> widgets.VBox:
    """Show the execution planner."""
    lang = resolve_lang(lang)
    content = execution_content()
    goal = _text(t("execution.goal_placeholder", lang), "98%")
    start, end = _text("2026-12-01", "160px"), _text("2026-12-31", "160px")
    actions = [(_text(t("execution.what", lang), "55%"), _text(t("execution.owner", lang), "18%"), _text(t("execution.due", lang), "20%"))
               for _ in range(ACTION_ROWS)]
    gates = {g["id"]: (_text(t("execution.due", lang), "18%"), _text(g["example"][lang], "45%"), _text(t("execution.fallback", lang), "32%"))
             for g in content["gates"]}
    result = result_box()
    button = main_button(t("execution.check", lang))
    supervision = " → ".join(f"{s['name'][lang]}（{s['text'][lang]}）" if lang == "zh-CN" else f"{s['name'][lang]} ({s['text'][lang]})"
                             for s in content["supervision"])
    habits = "".join(f"<li>{html.escape(h[lang])}</li>" for h in content["habits"])

    def fields() -> dict:
        return {"goal": goal.value, "start": start.value, "end": end.value,
                "actions": [[w.value, o.value, d.value] for w, o, d in actions],
                "gates": {g: [d.value, c.value, f.value] for g, (d, c, f) in gates.items()}}

    def restore(state: dict) -> None:
        goal.value, start.value, end.value = state.get("goal", ""), state.get("start", ""), state.get("end", "")
        for row, values in zip(actions, state.get("actions", [])):
            for box, value in zip(row, values):
                box.value = value
        for gate_id, values in state.get("gates", {}).items():
            for box, value in zip(gates.get(gate_id, ()), values):
                box.value = value

    keeper = Keeper(lang, "lesson:03-goals-smart:execution", restore)

    def check(_=None) -> None:
        bad: list[str] = []

        def when(box: widgets.Text):
            try:
                return parse_date(box.value)
            except ValueError:
                bad.append(box.value.strip())
                return None

        plan = Plan(goal.value, when(start), when(end),
                    tuple(Action(w.value, o.value, when(d)) for w, o, d in actions),
                    {g: Gate(when(d), c.value, f.value) for g, (d, c, f) in gates.items()})
        found = [Problem("bad_date", {"value": v}) for v in bad] + problems(plan, lang)
        keeper.save(fields())
        if found:
            notes = "".join(f"<li>{html.escape(p.message(lang))}</li>" for p in found)
            verdict = f"<p><b>{html.escape(t('execution.gaps', lang, count=len(found)))}</b></p><ul style='color:#8a6d3b'>{notes}</ul>"
        else:
            verdict = f"<p style='color:#2e7d32'><b>{html.escape(t('execution.ok', lang))}</b></p>"
        labels = {k: t(f"execution.{k}", lang) for k in ("title", "goal", "period", "actions", "what", "owner", "due", "gates", "fallback")}
        labels["check"] = t("execution.check_label", lang)
        link = download_link("execution-plan.md", to_markdown(plan, lang, labels), "text/markdown", t("execution.download", lang))
        result.value = verdict + f'<div class="coachlab-execution-timeline">{execution_svg(plan, lang)}</div>' + link
        keeper.record(fields(), {"complete": 1.0 if not found else 0.0})

    button.on_click(guarded(check, lang, result))
    rows: list[widgets.Widget] = [
        heading(t("execution.title", lang)), widgets.HTML(f"<p>{html.escape(t('execution.intro', lang))}</p>"),
        widgets.HTML(f"<details><summary><b>{html.escape(t('execution.habits', lang))}</b></summary><ol>{habits}</ol></details>"),
        widgets.HTML(f"<b>{html.escape(t('execution.goal', lang))}</b>"), goal,
        widgets.HBox([widgets.HTML(f"<b>{html.escape(t('execution.period', lang))}</b>&nbsp;"), start, widgets.HTML("&nbsp;→&nbsp;"), end]),
        widgets.HTML(f"<b>{html.escape(t('execution.actions', lang))}</b>")]
    rows += [widgets.HBox(list(row)) for row in actions]
    rows.append(widgets.HTML(f"<b>{html.escape(t('execution.gates', lang))}</b><br>"
                             f"<span style='color:#555'>{html.escape(t('execution.supervision', lang, steps=supervision))}</span>"))
    for g in content["gates"]:
        rows += [widgets.HTML(f"<b>{html.escape(g['name'][lang])}</b> — {html.escape(g['question'][lang])}"),
                 widgets.HBox(list(gates[g["id"]]))]
    box = widgets.VBox([*rows, keeper, button, result])
    box.add_class("coachlab-execution")
    return box
