"""The "my work" page: every attempt of the signed-in learner, newest first, with a way back to each."""

from __future__ import annotations

import html
from typing import Any, Mapping

import ipywidgets as widgets

from coachlab.content import Catalog, Item, discover
from coachlab.i18n import t
from coachlab.progress.journey import Journey, WorkRow, lesson_of, load_journey

from .landing import _points, _when
from .page import URL_LANG, current_learner, setup_page

STYLE = """
<style>
.coachlab-work-page { max-width: 920px; margin: 0 auto;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); color: #1f2933; }
.coachlab-work-page h1 { font-size: 26px; margin: 8px 0 4px; }
.coachlab-work-page .lead { color: #52606d; line-height: 1.6; }
.coachlab-work-page table { border-collapse: collapse; width: 100%; }
.coachlab-work-page th, .coachlab-work-page td { border-bottom: 1px solid #e4e7eb; padding: 8px; text-align: left;
  vertical-align: top; line-height: 1.5; }
.coachlab-work-page td.when { white-space: nowrap; color: #52606d; }
.coachlab-work-page .kind { display: inline-block; background: #eef2f7; border-radius: 10px; padding: 0 8px;
  margin-right: 6px; font-size: 13px; color: #52606d; }
.coachlab-work-page a { color: #1c5fb8; font-weight: 600; text-decoration: none; }
.coachlab-work-page .band-proficient { color: #2f855a; font-weight: 600; }
.coachlab-work-page .band-developing { color: #b7791f; font-weight: 600; }
.coachlab-work-page .band-needs_work { color: #c0392b; font-weight: 600; }
.coachlab-work-page .empty { color: #7b8794; font-style: italic; }
</style>
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _link(target: str | None, lang: str, extra: str = "") -> str | None:
    if not target:
        return None
    joiner = "&" if "?" in target else "?"
    return f"{target}{joiner}{extra}lang={URL_LANG[lang]}"


def _what(row: WorkRow, items: Mapping[tuple[str, str], Item], lang: str) -> str:
    kind_label = _e(t(f"mywork.kind.{row.kind}", lang))
    if row.kind == "lesson":
        item = items.get(("lesson", lesson_of(row.item_id) or ""))
    else:
        item = items.get(("scenario" if row.kind == "roleplay" else "exercise", row.item_id))
    title = _e(item.title(lang)) if item else _e(row.item_id)
    href = _link(item.links.get(lang) if item else None, lang)
    shown = f'<a href="{_e(href)}">{title}</a>' if href else title
    return f'<span class="kind">{kind_label}</span>{shown}'


def _result(row: WorkRow, scenarios: Mapping[str, Any], lang: str) -> str:
    if row.kind == "roleplay":
        if not row.finished:
            return _e(t("mywork.unfinished", lang))
        scenario = scenarios.get(row.item_id)
        parts = []
        for skill, percent in row.scores.items():
            if scenario is None or skill not in scenario.data.get("debrief", {}):
                continue
            band = scenario.band(skill, float(percent))
            label = scenario.data["debrief"][skill]["label"][lang]
            parts.append(f'{_e(label)} <span class="band-{band}">{_e(t("player.band." + band, lang))}</span>')
        reopen = (f'<br><a class="coachlab-reopen" data-attempt="{row.attempt_id}" href="roleplay.ipynb?scenario='
                  f'{_e(row.item_id)}&amp;attempt={row.attempt_id}&amp;lang={URL_LANG[lang]}">'
                  f'{_e(t("mywork.reopen", lang))}</a>') if row.attempt_id is not None else ""
        return ("; " if lang == "en" else "；").join(parts) + reopen
    if row.kind == "exercise" and row.handin is not None:
        if row.handin.graded:
            return _e(t("mywork.graded", lang, score=_points(row.handin.score), max=_points(row.handin.max_score)))
        return _e(t("mywork.handed_in", lang))
    if row.scores and "score" in row.scores:
        value = float(row.scores["score"])
        percent = value if value > 1 else 100 * value  # tools record a share (0-1) or points out of 100
        return _e(t("mywork.tool_score", lang, percent=round(percent)))
    return _e(t("mywork.tool_saved", lang))


def render_my_work(journey: Journey | None, catalog: Catalog, scenarios: Mapping[str, Any], lang: str) -> str:
    """Return the "my work" page as HTML in ``lang``: a row per attempt, newest first."""
    parts = [STYLE, '<div class="coachlab-work-page">', f"<h1>{_e(t('mywork.title', lang))}</h1>"]
    if journey is None:
        parts.append(f'<p class="coachlab-signin-needed">{_e(t("signin.needed", lang))}</p></div>')
        return "".join(parts)
    parts.append(f'<p class="lead">{_e(t("mywork.lead", lang))}</p>')
    if not journey.rows:
        parts.append(f'<p class="empty">{_e(t("mywork.empty", lang))}</p></div>')
        return "".join(parts)
    items = {(i.kind, i.slug): i for i in (*catalog.lessons, *catalog.scenarios, *catalog.exercises)}
    parts.append(f"<table><tr><th>{_e(t('mywork.column.when', lang))}</th><th>{_e(t('mywork.column.what', lang))}</th>"
                 f"<th>{_e(t('mywork.column.result', lang))}</th></tr>")
    for row in journey.rows:
        parts.append(f'<tr class="coachlab-work-row" data-kind="{row.kind}" data-item="{_e(row.item_id)}">'
                     f'<td class="when">{_e(_when(row.when, lang))}</td><td>{_what(row, items, lang)}</td>'
                     f'<td>{_result(row, scenarios, lang)}</td></tr>')
    parts.append("</table></div>")
    return "".join(parts)


def my_work(lang: str | None = None) -> widgets.HTML:
    """Return the "my work" page for the signed-in learner; the notebook's last line shows it."""
    from coachlab.paths import course_root
    from coachlab.scenarios import load_all

    chosen = setup_page(lang)
    learner = current_learner()
    scenarios, _problems = load_all(course_root())
    journey = load_journey(learner) if learner else None
    box = widgets.HTML(render_my_work(journey, discover(course_root()), scenarios, chosen))
    box.add_class("coachlab-my-work-widget")
    return box
