"""Performance-interview prep sheet: pick an agent, see which KPI moved and when, and what to ask."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.data import agent_facts, generate_team
from coachlab.i18n import t
from coachlab.interview import format_value, prep_sheet

from .lesson import Keeper, figure_html, guarded, heading, main_button, resolve_lang, result_box, setup_cjk_fonts

SHOWN = ("fcr", "csat", "aht_min", "qa", "adherence", "occupancy")


def prep_html(seed: int, agent_id: str, lang: str) -> str:
    """Render the prep sheet for one agent: facts table, talking points, questions, 360° comments and a plot."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    team = generate_team(seed)
    facts = agent_facts(team, agent_id)
    sheet = prep_sheet(facts, lang)
    rows = "".join(f"<tr><td>{html.escape(t(f'kpi.name.{k}', lang))}</td><td>{format_value(k, facts.latest[k], lang)}</td>"
                   f"<td>{format_value(k, facts.team_median[k], lang)}</td></tr>" for k in SHOWN)
    table = (f"<table style='border-collapse:collapse'><tr><th></th><th>{html.escape(facts.name(lang))} ({facts.latest_month})</th>"
             f"<th>{html.escape(t('prep.team_median', lang))}</th></tr>{rows}</table>")
    points = "".join(f"<li>{html.escape(p)}</li>" for p in sheet.talking_points)
    questions = "".join(f"<li>{html.escape(q)}</li>" for q in sheet.questions)
    text_key = "text_zh" if lang == "zh-CN" else "text_en"
    comments = "".join(f"<li>[{html.escape(t('prep.source.' + c['source'], lang))}] {html.escape(c[text_key])}</li>"
                       for c in facts.comments)
    setup_cjk_fonts()
    kpi = facts.moves[0].kpi if facts.moves else "fcr"
    scale = 100 if kpi in ("fcr", "csat", "occupancy", "adherence") else 1
    fig, ax = plt.subplots(figsize=(7, 2.8))
    ax.plot([m[5:] for m in facts.history["month"]], facts.history[kpi] * scale, marker="o", color="#e65100")
    if facts.moves:
        ax.axvline(list(facts.history["month"]).index(facts.moves[0].month), color="#555", linestyle=":")
    ax.set_title(f"{facts.name(lang)} · {t(f'kpi.name.{kpi}', lang)}")
    ax.set_ylabel(t(f"kpi.unit.{kpi}", lang))
    return (f"<div style='display:flex;gap:16px;flex-wrap:wrap'><div>{table}</div><div>{figure_html(fig, kpi)}</div></div>"
            f"<h4>{html.escape(t('prep.points', lang))}</h4><ul>{points}</ul>"
            f"<h4>{html.escape(t('prep.questions', lang))}</h4><ol>{questions}</ol>"
            f"<h4>{html.escape(t('prep.comments', lang))}</h4><ul>{comments}</ul>"
            f"<p style='color:#555'>{html.escape(t('prep.flow', lang))}</p>")


def interview_prep(lang: str | None = None, seed: int = 7) -> widgets.VBox:
    """Show the performance-interview prep sheet over the sample team."""
    lang = resolve_lang(lang)
    team = generate_team(seed)
    current = team.monthly[team.monthly["month"] == team.months[-1]]["agent_id"]
    roster = team.agents[team.agents["agent_id"].isin(current)]
    # Agents whose numbers moved come first: they are the interviews worth preparing.
    ordered = sorted(roster.itertuples(), key=lambda r: (not agent_facts(team, r.agent_id).moves, r.agent_id))
    picker = widgets.Dropdown(options=[(f"{r.name_zh if lang == 'zh-CN' else r.name_en} ({r.agent_id})", r.agent_id)
                                       for r in ordered], description=t("kpi.agent", lang),
                              style={"description_width": "initial"})
    result = result_box()
    button = main_button(t("prep.build", lang))
    notes = widgets.Textarea(placeholder=t("prep.notes_placeholder", lang), rows=3, layout=widgets.Layout(width="98%"))

    def restore(state: dict) -> None:
        if state.get("agent") in [v for _, v in picker.options]:
            picker.value = state["agent"]
        notes.value = state.get("notes", "")

    keeper = Keeper(lang, "lesson:06-coaching-grow:prep", restore)

    def build(_=None) -> None:
        result.value = prep_html(seed, picker.value, lang)
        keeper.save({"agent": picker.value, "notes": notes.value})

    button.on_click(guarded(build, lang, result))
    box = widgets.VBox([heading(t("prep.title", lang)), widgets.HTML(f"<p>{html.escape(t('prep.intro', lang))}</p>"),
                        picker, keeper, button, result, widgets.HTML(f"<b>{html.escape(t('prep.notes', lang))}</b>"), notes])
    box.add_class("coachlab-interview-prep")
    return box
