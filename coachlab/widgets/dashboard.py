"""The facilitator dashboard: cohort per skill, question difficulty, score bands, who needs help, role-plays.

All numbers come from coachlab.grading.analytics; this module only lays them out in the chosen language.
"""

from __future__ import annotations

import html
from typing import Any, Callable, Iterable

import ipywidgets as widgets
import pandas as pd

from coachlab.i18n import t

from .page import LanguageSwitch, safe, setup_page

STYLE = """
<style>
.coachlab-dashboard { max-width: 1000px; font-family: "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif; }
.coachlab-dashboard h1 { font-size: 26px; margin: 6px 0; }
.coachlab-dashboard h2 { font-size: 18px; margin: 18px 0 6px; }
.coachlab-dashboard table { border-collapse: collapse; font-size: 13px; }
.coachlab-dashboard td, .coachlab-dashboard th { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; }
.coachlab-dashboard .bar { display: inline-block; height: 12px; background: #3f7cac; vertical-align: middle; }
.coachlab-dashboard .empty { color: #7b8794; font-style: italic; }
</style>
"""


def _table(frame: pd.DataFrame, columns: dict[str, str], lang: str, bar: str | None = None, scale: float = 1.0,
           labels: dict[str, Callable[[Any], str]] | None = None) -> str:
    """Return ``frame`` as an HTML table with translated headers; ``bar`` draws a bar for that column.

    ``labels`` maps a column to a function that turns its values (slugs, status words) into words for people.
    """
    head = "".join(f"<th>{html.escape(t(f'dashboard.col.{key}', lang))}</th>" for key in columns.values())
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in columns:
            value = record.get(column)
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if labels and column in labels:
                text = labels[column](value)
            if column == bar and isinstance(value, (int, float)):
                text = f'<span class="bar" style="width:{max(2, int(value * scale))}px"></span> {html.escape(text)}'
            else:
                text = html.escape(text)
            cells.append(f"<td>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _scenario_skill_labels(lang: str) -> Callable[[Any], str]:
    """Return a function naming a role-play skill as its scenarios' debriefs name it (the slug if none does)."""
    from coachlab.paths import course_root
    from coachlab.scenarios import load_all

    names: dict[str, str] = {}
    for scenario in load_all(course_root())[0].values():
        for skill, spec in (scenario.data.get("debrief") or {}).items():
            names.setdefault(skill, (spec.get("label") or {}).get(lang) or skill)
    return lambda value: names.get(str(value), str(value))


def _section(key: str, body: str, lang: str) -> str:
    return f'<section class="coachlab-{key.replace(".", "-")}"><h2>{html.escape(t(key, lang))}</h2>{body}</section>'


def dashboard_html(grades: pd.DataFrame, attempts: Iterable[Any], lang: str) -> str:
    """Return the whole dashboard for the export frame and role-play attempts, in ``lang``."""
    from coachlab.grading import analytics

    attempts = list(attempts)
    exercise_skill = lambda v: t(f"skill.{v}", lang)  # noqa: E731 - one-line label functions
    state = lambda v: t(f"dashboard.state.{v}", lang)  # noqa: E731
    reason = lambda v: t(f"dashboard.reason.{v}", lang)  # noqa: E731
    parts = [STYLE, f"<h1>{html.escape(t('dashboard.title', lang))}</h1>",
             f"<p>{html.escape(t('dashboard.lead', lang))}</p>"]
    if grades.empty:
        parts.append(f'<p class="empty">{html.escape(t("dashboard.no_grades", lang))}</p>')
    else:
        skills = analytics.skill_summary(grades)
        parts.append(_section("dashboard.skills", _table(skills, {"skill": "skill", "learners": "learners",
                              "mean_percent": "mean", "below_threshold": "below"}, lang, bar="mean_percent", scale=3,
                              labels={"skill": exercise_skill}),
                              lang))
        questions = analytics.question_difficulty(grades)
        parts.append(_section("dashboard.questions", _table(questions, {"assignment": "assignment",
                              "question": "question", "submissions": "submissions", "mean_share": "share"}, lang,
                              bar="mean_share", scale=200), lang))
        bands = analytics.score_distribution(grades)
        parts.append(_section("dashboard.distribution", _table(bands, {"assignment": "assignment", "band": "band",
                              "learners": "learners"}, lang, bar="learners", scale=12), lang))
        helpers = analytics.needs_help(grades)
        parts.append(_section("dashboard.help", _table(helpers, {"learner": "learner", "assignment": "assignment",
                              "percent": "percent", "status": "status", "reason": "reason"}, lang,
                              labels={"status": state, "reason": reason}), lang))
    paths = analytics.path_counts(attempts)
    progress = analytics.skill_progress(analytics.roleplay_attempts(attempts))
    if paths.empty:
        parts.append(_section("dashboard.paths", f'<p class="empty">{html.escape(t("dashboard.no_roleplays", lang))}</p>',
                              lang))
    else:
        parts.append(_section("dashboard.paths", _table(paths, {"scenario": "scenario", "step": "step",
                              "attempts": "attempts"}, lang, bar="attempts", scale=12), lang))
        parts.append(_section("dashboard.progress", _table(progress, {"learner": "learner", "scenario": "scenario",
                              "skill": "skill", "first": "first", "best": "best", "lift": "lift"}, lang,
                              labels={"skill": _scenario_skill_labels(lang)}), lang))
    return "".join(parts)


class Dashboard(widgets.VBox):
    """The dashboard page: a language switch, a Refresh button and the rendered tables."""

    def __init__(self, lang: str, course=None, store_path=None):
        from coachlab.grading.course import Course

        self.course = course or Course.default()
        self.store_path = store_path
        self.switch = LanguageSwitch(lang)
        self.refresh = widgets.Button(icon="refresh", description=t("dashboard.refresh", lang))
        self.refresh.add_class("coachlab-refresh")
        self.body = widgets.HTML()
        self._errors = widgets.Output()
        self.refresh.on_click(safe(lambda _b: self.render(), lambda: self.switch.value, self._errors))
        self.switch.observe(lambda _c: self.render(), names="value")
        super().__init__([self.switch, self.refresh, self.body, self._errors])
        self.add_class("coachlab-dashboard")
        self.render()

    def render(self) -> None:
        """Read the gradebook and the learner records again and redraw."""
        from coachlab.grading.export import gradebook_frame
        from coachlab.progress import open_store

        lang = self.switch.value
        self.refresh.description = t("dashboard.refresh", lang)
        grades = gradebook_frame(self.course)
        store = open_store(self.store_path)
        try:
            attempts = store.attempts()
        finally:
            store.close()
        self.body.value = dashboard_html(grades, attempts, lang)


def dashboard(lang: str | None = None, course_dir: str | None = None) -> Dashboard:
    """Return the facilitator dashboard for the course gradebook; the notebook's last line shows it."""
    from pathlib import Path

    from coachlab.grading.course import Course

    course = Course(Path(course_dir).resolve()) if course_dir else None
    return Dashboard(setup_page(lang), course)
