"""KPI explorer: a synthetic team's year of numbers, plotted the way a team lead reads them."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.data import generate_team
from coachlab.i18n import t

from .lesson import figure_html, guarded, heading, main_button, resolve_lang, result_box, setup_cjk_fonts

KPIS = ("fcr", "csat", "aht_min", "occupancy", "adherence", "qa")
PERCENT = {"fcr", "csat", "occupancy", "adherence"}
# Target lines from CONTENT.md: the number a team lead is held to, with a reason in the legend.
TARGETS = {"fcr": 0.75, "csat": 0.85, "aht_min": 6.0, "occupancy": 0.85, "adherence": 0.93, "qa": 85.0}


def team_plot_html(seed: int, kpi: str, agent_id: str | None, lang: str) -> str:
    """Return the plots for one KPI: the team by month (and one agent), and FCR against CSAT."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    setup_cjk_fonts()
    team = generate_team(seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    scale = 100 if kpi in PERCENT else 1
    months = [m[5:] for m in team.team["month"]]
    left.plot(months, team.team[kpi] * scale, marker="o", color="#1565c0", label=t("kpi.team_average", lang))
    if agent_id:
        mine = team.monthly[team.monthly["agent_id"] == agent_id]
        name = team.agent(agent_id)["name_zh" if lang == "zh-CN" else "name_en"]
        left.plot([m[5:] for m in mine["month"]], mine[kpi] * scale, marker="s", color="#e65100", label=name)
    left.axhline(TARGETS[kpi] * scale, color="#2e7d32", linestyle="--", label=t("kpi.target", lang))
    busy = team.team[team.team["occupancy"] > 0.9]
    for month in busy["month"]:
        left.axvspan(months.index(month[5:]) - 0.4, months.index(month[5:]) + 0.4, color="#ffcdd2", alpha=0.5)
    left.set_title(t("kpi.trend_title", lang, kpi=t(f"kpi.name.{kpi}", lang)))
    left.set_xlabel(t("kpi.month", lang))
    left.set_ylabel(t(f"kpi.unit.{kpi}", lang))
    left.legend(fontsize=8)
    latest = team.monthly[team.monthly["month"] == team.months[-1]]
    colors = ["#c0392b" if s == "rushed" else "#1565c0"
              for s in latest.merge(team.agents, on="agent_id")["style"]]
    right.scatter(latest["fcr"] * 100, latest["csat"] * 100, c=colors, alpha=0.8)
    right.set_xlabel(t("kpi.name.fcr", lang) + " %")
    right.set_ylabel(t("kpi.name.csat", lang) + " %")
    right.set_title(t("kpi.scatter_title", lang))
    fig.text(0.5, -0.04, t("kpi.caption", lang), ha="center", fontsize=9, color="#555")
    return figure_html(fig, t("kpi.trend_title", lang, kpi=t(f"kpi.name.{kpi}", lang)))


def team_table_html(seed: int, lang: str) -> str:
    """Return the latest month per agent as an HTML table, worst FCR first."""
    team = generate_team(seed)
    latest = team.monthly[team.monthly["month"] == team.months[-1]].merge(team.agents, on="agent_id")
    latest = latest.sort_values("fcr")
    header = "".join(f"<th>{html.escape(t(f'kpi.name.{k}', lang))}</th>" for k in KPIS)
    rows = []
    for row in latest.itertuples():
        name = row.name_zh if lang == "zh-CN" else row.name_en
        cells = "".join(f"<td>{getattr(row, k) * 100:.1f}%</td>" if k in PERCENT else f"<td>{getattr(row, k):.1f}</td>"
                        for k in KPIS)
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{row.tenure_months}</td>{cells}</tr>")
    return (f'<table class="coachlab-kpi-table" style="border-collapse:collapse;font-size:85%">'
            f"<tr><th>{html.escape(t('kpi.agent', lang))}</th><th>{html.escape(t('kpi.tenure', lang))}</th>{header}</tr>"
            f"{''.join(rows)}</table>")


def kpi_explorer(lang: str | None = None, seed: int = 7) -> widgets.VBox:
    """Show the KPI explorer over a synthetic team."""
    lang = resolve_lang(lang)
    team = generate_team(seed)
    kpi = widgets.Dropdown(options=[(t(f"kpi.name.{k}", lang), k) for k in KPIS], value="fcr",
                           description=t("kpi.choose", lang), style={"description_width": "initial"})
    agents = [(t("kpi.whole_team", lang), "")] + [
        (f"{r.name_zh if lang == 'zh-CN' else r.name_en} ({r.agent_id})", r.agent_id) for r in team.agents.itertuples()]
    agent = widgets.Dropdown(options=agents, value="", description=t("kpi.agent", lang),
                             style={"description_width": "initial"})
    seed_box = widgets.BoundedIntText(value=seed, min=0, max=9999, description=t("kpi.seed", lang),
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="180px"))
    plot, table = result_box(), widgets.HTML()
    button = main_button(t("kpi.show", lang))

    def refresh_agents(_=None) -> None:
        fresh = generate_team(seed_box.value)
        agent.options = [(t("kpi.whole_team", lang), "")] + [
            (f"{r.name_zh if lang == 'zh-CN' else r.name_en} ({r.agent_id})", r.agent_id)
            for r in fresh.agents.itertuples()]
        agent.value = ""

    def show(_=None) -> None:
        plot.value = team_plot_html(seed_box.value, kpi.value, agent.value or None, lang)
        table.value = (f"<details><summary>{html.escape(t('kpi.table', lang))}</summary>"
                       f"{team_table_html(seed_box.value, lang)}</details>")

    seed_box.observe(guarded(refresh_agents, lang, plot), names="value")
    button.on_click(guarded(show, lang, plot))
    show()
    box = widgets.VBox([heading(t("kpi.title", lang)), widgets.HTML(f"<p>{html.escape(t('kpi.intro', lang))}</p>"),
                        widgets.HBox([kpi, agent, seed_box]), button, plot, table])
    box.add_class("coachlab-kpi-explorer")
    return box
