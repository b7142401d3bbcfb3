"""The role-plays page: every scenario with its skills, estimated minutes and a link to play it."""

from __future__ import annotations

import html
import sys

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.scenarios import Problem, Scenario

from coachlab.progress.journey import Journey, RoleplayMark, load_journey

from .page import current_learner, setup_page

STYLE = """
<style>
.coachlab-scenarios { max-width: 920px;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); color: #1f2933; }
.coachlab-scenarios table { border-collapse: collapse; width: 100%; }
.coachlab-scenarios th, .coachlab-scenarios td { border-bottom: 1px solid #e4e7eb; padding: 8px; text-align: left;
  vertical-align: top; line-height: 1.5; }
.coachlab-scenarios .skill { display: inline-block; background: #eef2f7; border-radius: 10px; padding: 0 8px;
  margin: 2px; font-size: 13px; }
.coachlab-scenarios .summary { color: #52606d; font-size: 14px; }
.coachlab-scenarios a { color: #1c5fb8; font-weight: 600; text-decoration: none; }
.coachlab-scenarios td.minutes { white-space: nowrap; }
.coachlab-scenarios .coachlab-mark { display: inline-block; margin-top: 4px; padding: 0 8px; border-radius: 10px;
  font-size: 13px; background: #e3f4e8; color: #1e7b34; }
.coachlab-scenarios .coachlab-mark.started { background: #fff4d6; color: #8a6d3b; }
</style>
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def roleplay_mark(mark: RoleplayMark | None, lang: str) -> str:
    """Return what the learner has done in a role-play as a short HTML mark ("" when nothing yet)."""
    if mark is None:
        return ""
    if mark.finished:
        band = t(f"player.band.{mark.best}", lang) if mark.best else "—"
        text, css = t("landing.mark.roleplay", lang, count=mark.finished, band=band), f"done band-{mark.best}"
    elif mark.unfinished:
        text, css = t("landing.mark.roleplay_open", lang), "started"
    else:
        return ""
    return f'<div class="coachlab-mark {css}">{_e(text)}</div>'


def render_scenario_list(scenarios: dict[str, Scenario], problems: list[Problem], lang: str,
                         journey: Journey | None = None) -> str:
    """Return the list of role-plays as HTML in ``lang``; broken files are counted, never shown raw.

    With the learner's ``journey``, each role-play they have finished shows how often and their best band.
    """
    url_lang = "zh" if lang == "zh-CN" else "en"
    parts = [STYLE, '<div class="coachlab-scenarios">', f"<h1>{_e(t('scenarios.title', lang))}</h1>",
             f"<p>{_e(t('scenarios.lead', lang))}</p>"]
    if scenarios:
        parts.append(f"<table><tr><th>{_e(t('scenarios.column.roleplay', lang))}</th>"
                     f"<th>{_e(t('scenarios.column.skills', lang))}</th>"
                     f"<th>{_e(t('scenarios.column.minutes', lang))}</th></tr>")
        for slug, scenario in sorted(scenarios.items()):
            skills = "".join(f'<span class="skill">{_e(scenario.data["debrief"][s]["label"][lang])}</span>'
                             for s in scenario.skills)
            link = f"roleplay.ipynb?scenario={_e(slug)}&amp;lang={url_lang}"
            parts.append(
                f'<tr data-slug="{_e(slug)}"><td><a href="{link}">{_e(scenario.text("title", lang))}</a>'
                f'<div class="summary">{_e(scenario.text("summary", lang))}</div>'
                f'{roleplay_mark(journey.roleplays.get(slug) if journey else None, lang)}</td><td>{skills}</td>'
                f'<td class="minutes">{_e(t("scenarios.minutes", lang, minutes=scenario.data["minutes"]))}</td></tr>')
        parts.append("</table>")
    else:
        parts.append(f'<p class="empty">{_e(t("scenarios.empty", lang))}</p>')
    if problems:
        files = len({p.file for p in problems})
        parts.append(f'<p class="coachlab-problems">{_e(t("scenarios.problems", lang, count=files))}</p>')
    parts.append(f'<p><a href="index.ipynb?lang={url_lang}">{_e(t("scenarios.home", lang))}</a></p></div>')
    return "".join(parts)


class ScenarioList(widgets.VBox):
    """The role-plays page: the rendered list, marked with what the signed-in learner has done."""

    def __init__(self, scenarios: dict[str, Scenario], problems: list[Problem], lang: str,
                 journey: Journey | None = None):
        self.scenarios, self.problems, self.journey, self.lang = scenarios, problems, journey, lang
        self.body = widgets.HTML(render_scenario_list(scenarios, problems, lang, journey))
        super().__init__([self.body])


def scenario_list_page(lang: str | None = None) -> ScenarioList:
    """Return the role-plays page for the course on disk."""
    from coachlab.paths import course_root
    from coachlab.scenarios import load_all

    lang = setup_page(lang)
    scenarios, problems = load_all(course_root())
    for problem in problems:  # the facilitator reads details in the server log
        print(problem, file=sys.__stderr__, flush=True)
    learner = current_learner()
    return ScenarioList(scenarios, problems, lang, load_journey(learner) if learner else None)
