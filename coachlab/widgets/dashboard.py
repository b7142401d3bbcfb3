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
.coachlab-disputes { max-width: 1000px; }
.coachlab-disputes h2 { font-size: 18px; margin: 18px 0 6px; }
.coachlab-disputes .lead { color: #52606d; font-size: 13px; line-height: 1.5; margin: 0 0 6px; }
.coachlab-dispute-card { border: 1px solid #d9e2ec; border-left: 4px solid #f0b429; border-radius: 6px;
  padding: 8px 12px; margin: 8px 0; background: #fff; max-width: 960px; }
.coachlab-dispute-card .meta { color: #52606d; font-size: 13px; }
.coachlab-dispute-card .rows { margin: 6px 0; font-size: 14px; line-height: 1.5; }
.coachlab-dispute-card .row { display: flex; gap: 12px; margin: 2px 0; }
.coachlab-dispute-card .row .k { flex: 0 0 9.5em; color: #52606d; white-space: nowrap; }
.coachlab-dispute-card .row .v { flex: 1 1 auto; min-width: 0; }
.coachlab-dispute-card .said { display: block; background: #f8fafc; padding: 2px 6px; border-radius: 3px;
  white-space: pre-wrap; }
.coachlab-dispute-card .disputed { background: #fff3bf; font-weight: 600; padding: 0 3px; border-radius: 3px; }
.coachlab-dispute-card .verdicts span { display: inline-block; margin: 0 10px 2px 0; }
.coachlab-dispute-result { color: #1e7b34; font-weight: 600; }
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


def head_html(lang: str) -> str:
    """Return the dashboard's title and lead."""
    return (STYLE + f"<h1>{html.escape(t('dashboard.title', lang))}</h1>"
            f"<p>{html.escape(t('dashboard.lead', lang))}</p>")


def dashboard_html(grades: pd.DataFrame, attempts: Iterable[Any], lang: str, head: bool = True) -> str:
    """Return the whole dashboard for the export frame and role-play attempts, in ``lang``."""
    from coachlab.grading import analytics

    attempts = list(attempts)
    exercise_skill = lambda v: t(f"skill.{v}", lang)  # noqa: E731 - one-line label functions
    state = lambda v: t(f"dashboard.state.{v}", lang)  # noqa: E731
    reason = lambda v: t(f"dashboard.reason.{v}", lang)  # noqa: E731
    parts = [head_html(lang)] if head else [STYLE]
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


def facilitator_name() -> str:
    """Return who decides disputes: the JupyterHub user, else the system user, else "facilitator"."""
    import os

    return os.environ.get("JUPYTERHUB_USER") or os.environ.get("USER") or "facilitator"


def where_words(dispute: Any, lang: str) -> str:
    """Return where a dispute was raised, by the names learners see (the slug when nothing names it)."""
    item, place = dispute.item_id, dispute.place
    if item == "practice-pad":
        return t(f"checkpad.kind.{dispute.kind}", lang)
    title = item
    try:
        from coachlab.grading.course import load_exercise

        title = f"{load_exercise(item).title(lang)} ({item})"
    except (OSError, ValueError):
        try:
            from coachlab.paths import course_root
            from coachlab.scenarios import load_scenario

            scenario = load_scenario(course_root(), item)[0]
            if scenario is not None:
                title = f"{scenario.text('title', lang)} ({item})"
        except Exception:  # a scenario that no longer loads: its id is name enough
            pass
    return t("dashboard.dispute.place", lang, item=title, place=place) if place else title


def dispute_html(dispute: Any, lang: str) -> str:
    """Return one open dispute as HTML: who, where, which check, the text, the verdict in words, the note."""
    from datetime import datetime

    from .dispute import label_name, verdict_words

    unsure = set((dispute.verdict or {}).get("unsure") or ())
    verdicts = []
    for name, words in verdict_words(dispute.kind, dispute.verdict, lang):
        cls = ' class="disputed"' if name == dispute.label else ""
        mark = " ?" if name in unsure else ""
        verdicts.append(f'<span data-label="{html.escape(name)}"{cls}>{html.escape(words + mark)}</span>')
    where = where_words(dispute, lang)
    label = label_name(dispute.kind, dispute.label, lang) if dispute.label else t("dashboard.dispute.whole", lang)
    when = datetime.fromtimestamp(dispute.created_at).strftime("%Y-%m-%d %H:%M")
    rows = [("learner", html.escape(dispute.learner_id)), ("where", html.escape(where)),
            ("kind", html.escape(t(f"dashboard.dispute.kind.{dispute.kind}", lang))),
            ("text", f'<span class="said">{html.escape(dispute.text)}</span>')]
    if dispute.context:
        rows.append(("context", f'<span class="said">{html.escape(dispute.context)}</span>'))
    rows += [("verdict", f'<span class="verdicts">{"".join(verdicts)}</span>'),
             ("label", f'<span class="disputed">{html.escape(label)}</span>'),
             ("note", html.escape(dispute.note) if dispute.note else "—")]
    body = "".join(f'<div class="row" data-row="{key}"><span class="k">{html.escape(t(f"dashboard.dispute.{key}", lang))}'
                   f'</span><span class="v">{value}</span></div>' for key, value in rows)
    return f'<div class="meta">#{dispute.id} · {html.escape(when)}</div><div class="rows">{body}</div>'


class DisputeCard(widgets.VBox):
    """One open dispute with Keep the verdict / Overturn…, and the label editor an overturn opens."""

    def __init__(self, dispute: Any, lang: str, resolve: Callable[[Any, str, dict | None], str]):
        from coachlab.progress.disputes import CHOICES, LABELS, disputed_default

        from .dispute import label_name, value_words

        self.dispute, self.lang, self._resolve = dispute, lang, resolve
        self.info = widgets.HTML(dispute_html(dispute, lang))
        self.keep = widgets.Button(description=t("dashboard.dispute.confirm", lang), icon="check",
                                   layout=widgets.Layout(width="auto"))
        self.keep.add_class("coachlab-dispute-confirm")
        self.overturn = widgets.Button(description=t("dashboard.dispute.overturn", lang), icon="undo",
                                       button_style="warning", layout=widgets.Layout(width="auto"))
        self.overturn.add_class("coachlab-dispute-overturn")
        start = disputed_default(dispute.kind, dispute.verdict, dispute.label)
        self.fields: dict[str, widgets.Widget] = {}
        for name in LABELS[dispute.kind]:
            choices = CHOICES.get((dispute.kind, name))
            if choices:
                field = widgets.Dropdown(options=[(value_words(v, lang), v) for v in choices], value=start[name],
                                         description=label_name(dispute.kind, name, lang),
                                         style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            else:
                field = widgets.Checkbox(value=bool(start[name]), description=label_name(dispute.kind, name, lang),
                                         indent=False, layout=widgets.Layout(width="auto", margin="0 14px 0 0"))
            field.add_class(f"coachlab-label-{name}")
            self.fields[name] = field
        self.save = widgets.Button(description=t("dashboard.dispute.save", lang), button_style="danger", icon="save",
                                   layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.save.add_class("coachlab-dispute-save")
        self.editor = widgets.VBox([widgets.HTML(f'<b>{html.escape(t("dashboard.dispute.set_labels", lang))}</b>'),
                                    widgets.HBox(list(self.fields.values()), layout=widgets.Layout(flex_flow="row wrap")),
                                    self.save], layout=widgets.Layout(display="none"))
        self.editor.add_class("coachlab-dispute-editor")
        self.result = widgets.HTML()
        self.result.add_class("coachlab-dispute-result")
        errors = widgets.HTML()
        lang_of = lambda: self.lang  # noqa: E731
        self.keep.on_click(safe(lambda _b: self.decide("confirmed"), lang_of, errors))
        self.overturn.on_click(safe(lambda _b: self._open_editor(), lang_of, errors))
        self.save.on_click(safe(lambda _b: self.decide("overturned"), lang_of, errors))
        self.buttons = widgets.HBox([self.keep, self.overturn])
        super().__init__([self.info, self.buttons, self.editor, self.result, errors])
        self.add_class("coachlab-dispute-card")
        self._dom_id(dispute.id)

    def _dom_id(self, row: int) -> None:
        self.add_class(f"coachlab-dispute-{row}")

    def _open_editor(self) -> None:
        self.editor.layout.display = ""

    def corrected(self) -> dict[str, Any]:
        """Return every label as the facilitator says it should be (the contract's ``corrected``)."""
        return {name: field.value for name, field in self.fields.items()}

    def decide(self, status: str) -> str:
        """Keep or overturn the verdict; show and return what happened."""
        message = self._resolve(self.dispute, status, self.corrected() if status == "overturned" else None)
        self.buttons.layout.display = self.editor.layout.display = "none"
        self.result.value = f'<p role="status">{html.escape(message)}</p>'
        return message


class DisputeReview(widgets.VBox):
    """The facilitator's list of open disputes, with a decision per dispute."""

    def __init__(self, lang: str, course=None, store_path=None):
        self.lang, self.course, self.store_path = lang, course, store_path
        self.head = widgets.HTML()
        self.cards: list[DisputeCard] = []
        super().__init__([self.head])
        self.add_class("coachlab-disputes")
        self.render(lang)

    def _store(self):
        from coachlab.progress import open_store

        return open_store(self.store_path)

    def render(self, lang: str) -> None:
        """Read the open disputes again and lay them out in ``lang``."""
        self.lang = lang
        store = self._store()
        try:
            open_ones = store.disputes(status="open")
        finally:
            store.close()
        empty = f'<p class="empty">{html.escape(t("dashboard.disputes.none", lang))}</p>' if not open_ones else ""
        self.head.value = (f'<h2>{html.escape(t("dashboard.disputes", lang))} ({len(open_ones)})</h2>'
                           f'<p class="lead">{html.escape(t("dashboard.disputes.lead", lang))}</p>{empty}')
        self.cards = [DisputeCard(d, lang, self.resolve) for d in reversed(open_ones)]
        self.children = [self.head, *self.cards]

    def resolve(self, dispute: Any, status: str, corrected: dict | None) -> str:
        """Record the decision; for an overturn in a graded exercise, update the gradebook too."""
        from coachlab.progress.store import DisputeError

        who = facilitator_name()
        store = self._store()
        try:
            done = store.resolve_dispute(dispute.id, status, who, corrected)
        except DisputeError as exc:
            return exc.message(self.lang)
        finally:
            store.close()
        if status == "confirmed":
            return t("dashboard.dispute.confirmed", self.lang, id=done.id)
        from coachlab.progress.disputes import changed_labels

        from .dispute import label_name, value_words

        now = ", ".join(f"{label_name(done.kind, name, self.lang)} → {value_words(value, self.lang)}"
                        for name, value in changed_labels(done).items())
        sep = "" if self.lang == "zh-CN" else " "  # Chinese sentences follow each other without a space
        message = t("dashboard.dispute.overturned", self.lang, id=done.id) + sep + t(
            "dashboard.dispute.now", self.lang, labels=now)
        if self.course is not None:
            from coachlab.grading.override import apply_override

            # Earlier overturns of the same answer still hold: the new labels go over theirs.
            store = self._store()
            try:
                same = [d for d in store.disputes(learner_id=done.learner_id, status="overturned", item_id=done.item_id)
                        if d.place == done.place and d.text == done.text and d.kind == done.kind]
            finally:
                store.close()
            merged: dict[str, Any] = {}
            for earlier in sorted(same, key=lambda d: (d.resolved_at or 0, d.id or 0)):
                merged.update(changed_labels(earlier))
            message = sep.join(filter(None, [message, apply_override(self.course, done, merged, who)
                                             .message(self.lang)]))
        return message


class Dashboard(widgets.VBox):
    """The dashboard page: a language switch, a Refresh button, open disputes and the rendered tables."""

    def __init__(self, lang: str, course=None, store_path=None):
        from coachlab.grading.course import Course

        self.course = course or Course.default()
        self.store_path = store_path
        self.switch = LanguageSwitch(lang)
        self.refresh = widgets.Button(icon="refresh", description=t("dashboard.refresh", lang))
        self.refresh.add_class("coachlab-refresh")
        self.head = widgets.HTML()
        self.disputes = DisputeReview(lang, self.course, store_path)
        self.body = widgets.HTML()
        self._errors = widgets.Output()
        self.refresh.on_click(safe(lambda _b: self.render(), lambda: self.switch.value, self._errors))
        self.switch.observe(lambda _c: self.render(), names="value")
        super().__init__([self.switch, self.refresh, self.head, self.disputes, self.body, self._errors])
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
        self.head.value = head_html(lang)
        self.disputes.render(lang)
        self.body.value = dashboard_html(grades, attempts, lang, head=False)


def dashboard(lang: str | None = None, course_dir: str | None = None) -> Dashboard:
    """Return the facilitator dashboard for the course gradebook; the notebook's last line shows it."""
    from pathlib import Path

    from coachlab.grading.course import Course

    course = Course(Path(course_dir).resolve()) if course_dir else None
    return Dashboard(setup_page(lang), course)
