"""The Voilà form of an exercise: the same questions as the notebook, practice checks, and a real submission.

Submit writes a genuine nbgrader submission (coachlab.grading.submission) as the signed-in learner (the top bar;
there is no name field here); this module only collects what the learner typed, turns numbers into numbers, and
shows the receipt.

Outside JupyterHub (``make serve``) a learner can always hand in: an exercise the facilitator has not released
is released on demand the first time its form opens (nbgrader's own release, under a lock, in the background
while the learner writes). Under JupyterHub releasing stays the facilitator's step, and the landing page says
which exercises are open.
"""

from __future__ import annotations

import html
import math
import os
import sys
import threading
from typing import Any

import ipywidgets as widgets

from coachlab.i18n import MissingMessage, t

from .dispute import DisputeBox
from .page import (LanguageSwitch, LearnerField, _log_traceback, friendly_error_html, learner_from_env, query_param,
                   safe, setup_page)

STYLE = """
<style>
.coachlab-exercise { max-width: 920px;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); }
.coachlab-exercise h1 { font-size: 26px; margin: 8px 0; }
.coachlab-exercise .intro { line-height: 1.6; color: #1f2933; }
.coachlab-exercise .prompt { font-weight: 600; margin-top: 14px; }
.coachlab-exercise .note { color: #52606d; font-size: 13px; }
.coachlab-receipt { padding: 12px; border-left: 4px solid #1e7b34; background: #eef8f0; }
.coachlab-problem-box { padding: 12px; border-left: 4px solid #c0392b; background: #fdf2f0; }
.coachlab-exercise table { border-collapse: collapse; font-size: 13px; }
.coachlab-exercise td, .coachlab-exercise th { padding: 2px 8px; border-bottom: 1px solid #e4e7eb; }
</style>
"""


def choice_label(choice: str, lang: str) -> str:
    """Return how a choice reads to the learner: a KPI code by its name in ``lang``, anything else as written."""
    try:
        return t(f"kpi.name.{choice}", lang)
    except MissingMessage:
        return choice


def _label(key: str, lang: str) -> str:
    try:
        return t(f"checkpad.element.{key}", lang)
    except MissingMessage:
        return key.replace("_", " ")


# Feedback is praise (BIA) or development (BID): once the answer is one, the other's element is not missing.
ALTERNATIVE = {"BIA": "development", "BID": "appreciation"}


def shown_elements(report) -> dict[str, bool]:  # noqa: ANN001 - a coachlab.checks report
    """Return the elements a practice check lists: all of them, except the other model's once one is met."""
    other = ALTERNATIVE.get(getattr(report, "model", None) or "")
    return {k: ok for k, ok in report.found.items() if k != other}


def practice_html(kind: str, text: str, lang: str, report=None) -> str:
    """Return the practice feedback of coachlab.checks for one answer: found and missing elements, suggestions.

    An element the check is unsure of reads as its question to the learner, not as missing.
    """
    from coachlab.checks import run

    from .checkpad import render_questions, unsure_lines

    if not text.strip():
        return f'<p class="note">{html.escape(t("exercise.practice_empty", lang))}</p>'
    report = report if report is not None else run(kind, text, lang="auto")
    found, missing, unsure = t("exercise.found", lang), t("exercise.missing", lang), t("checkpad.unsure", lang)
    doubtful = unsure_lines(report)
    items = "".join(f"<li data-element='{html.escape(k)}'>{'?' if k in doubtful else '✔' if ok else '✘'} "
                    f"{html.escape(_label(k, lang))} <span class='note'>"
                    f"({html.escape(unsure if k in doubtful else found if ok else missing)})</span></li>"
                    for k, ok in shown_elements(report).items())
    tips = "".join(f"<li>{html.escape(s)}</li>" for s in report.suggestions)
    pitfalls = "".join(f"<li>{html.escape(p.why)}</li>" for p in report.pitfalls)
    return (f'<div class="coachlab-practice"><ul style="list-style:none;padding-left:0">{items}</ul>'
            + render_questions(report)
            + (f"<ul>{pitfalls}</ul>" if pitfalls else "") + (f"<ul>{tips}</ul>" if tips else "")
            + f'<p class="note">{html.escape(t("exercise.practice_note", lang))}</p></div>')


def parse_answers(questions: list[dict], raw: dict[str, str], lang: str) -> tuple[dict[str, Any], list[str]]:
    """Return the typed answers as values (numbers as numbers) and the problems, in the learner's language."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for q in questions:
        text = (raw.get(q["name"]) or "").strip()
        if q.get("type") == "number" and text:
            try:
                number = float(text.replace("，", ".").replace(",", ".").replace("−", "-"))
                if not math.isfinite(number):
                    raise ValueError(text)
                values[q["name"]] = int(number) if number.is_integer() and "." not in text else number
            except ValueError:
                label = (q.get("label") or q.get("prompt") or {}).get(lang, q["name"])
                problems.append(t("exercise.number_invalid", lang, label=label))
        else:
            values[q["name"]] = text
    return values, problems


def receipt_html(receipt, title: str, lang: str) -> str:
    """Return what the learner sees after a successful submission."""
    text = t("exercise.receipt", lang, learner=receipt.learner_id, title=title, time=receipt.timestamp[:19],
             digest=receipt.digest)
    extra = f"<br>{html.escape(t('exercise.receipt_previous', lang))}" if receipt.previous else ""
    return f'<div class="coachlab-receipt" role="status">{html.escape(text)}{extra}</div>'


def _problem_html(messages: list[str], css: str = "") -> str:
    body = "<br>".join(html.escape(m) for m in messages)
    return f'<div class="coachlab-problem-box {css}" role="alert">{body}</div>'


def release_on_demand() -> bool:
    """Return True when a form may release its exercise itself: outside JupyterHub, unless turned off.

    ``COACHLAB_RELEASE_ON_DEMAND=0`` keeps releasing a facilitator's step on ``make serve`` too; ``=1`` allows it
    under the hub.
    """
    setting = os.environ.get("COACHLAB_RELEASE_ON_DEMAND", "").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    if setting in ("1", "true", "yes", "on"):
        return True
    return not learner_from_env()


def open_exercises(slugs: list[str], course=None) -> set[str]:
    """Return the exercises a learner can hand in now (released, or released on demand when opened)."""
    from coachlab.grading.course import Course

    if release_on_demand():
        return set(slugs)
    course = course or Course.default()
    found = set()
    for slug in slugs:
        try:
            if course.release_notebook(slug).exists():
                found.add(slug)
        except (OSError, ValueError):
            continue
    return found


_release_lock = threading.Lock()


def ensure_released(course, slug: str) -> bool:
    """Release ``slug`` unless it is released already; return True when this call released it.

    One release at a time: a lock in this kernel and a file lock in the course root for other kernels.
    """
    import fcntl

    from coachlab.grading.release import release

    with _release_lock:
        if course.release_notebook(slug).exists():
            return False
        course.root.mkdir(parents=True, exist_ok=True)
        with open(course.root / ".coachlab-release.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if course.release_notebook(slug).exists():
                    return False
                release(course, slug)
                return True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class ExerciseForm(widgets.VBox):
    """One exercise as a form: learner id, the situation, one field per answer, practice checks, Submit."""

    def __init__(self, slug: str, lang: str, course=None, prepare: bool = False):
        from coachlab.grading.course import Course, load_exercise

        self.slug, self.lang = slug, lang
        self.exercise = load_exercise(slug)
        self.course = course or Course.default()
        self.switch = LanguageSwitch(lang)
        self.learner = LearnerField(lang)
        self.header = widgets.HTML()
        self.fields: dict[str, widgets.Widget] = {}
        self.prompts: dict[str, widgets.HTML] = {}
        self.practice_out: dict[str, widgets.HTML] = {}
        self.practice_buttons: dict[str, widgets.Button] = {}
        self.disputes: dict[str, widgets.Widget] = {}
        rows: list[widgets.Widget] = [self.switch, self.header]
        practice = self.exercise.meta.get("practice", True)
        for q in self.exercise.questions:
            rows.append(self._prompt_for(q))
            field = self._field_for(q)
            self.fields[q["name"]] = field
            rows.append(field)
            if practice and q.get("kind"):
                button = widgets.Button(icon="check")
                button.add_class("coachlab-practice-button")
                out = widgets.HTML()
                button.on_click(safe(lambda _b, q=q: self._practice(q), lambda: self.lang, widgets.Output()))
                self.practice_buttons[q["name"]], self.practice_out[q["name"]] = button, out
                self.disputes[q["name"]] = DisputeBox(lang, learner=self.learner)
                rows += [button, out, self.disputes[q["name"]]]
        self.note = widgets.HTML()
        self.submit = widgets.Button(button_style="primary", icon="paper-plane")
        self.submit.add_class("coachlab-submit")
        self.result = widgets.HTML()
        self.result.add_class("coachlab-result")
        self._errors = widgets.Output()
        self.submit.on_click(safe(lambda _b: self._submit(), lambda: self.lang, self._errors))
        rows += [self.note, self.submit, self.result, self._errors]
        super().__init__(rows)
        self.add_class("coachlab-exercise")
        self.preparing: threading.Thread | None = None
        self.prepare_failed = False
        self.switch.observe(lambda change: self.render(change["new"]), names="value")
        self.render(lang)
        if prepare and not self._released() and release_on_demand():
            self.preparing = threading.Thread(target=self._prepare, daemon=True)
            self.preparing.start()
            self.render(self.lang)

    def _released(self) -> bool:
        return self.course.release_notebook(self.slug).exists()

    def _prepare(self) -> None:
        """Release the exercise (in the background); the form is usable for writing meanwhile."""
        try:
            ensure_released(self.course, self.slug)
        except Exception:
            _log_traceback(*sys.exc_info())
            self.prepare_failed = True
        finally:
            self.preparing = None
            self.render(self.lang)

    # --- building ------------------------------------------------------------------------------------------
    def _prompt_for(self, q: dict) -> widgets.HTML:
        widget = widgets.HTML()
        self.prompts[q["name"]] = widget
        return widget

    def _field_for(self, q: dict) -> widgets.Widget:
        kind = q.get("type", "text")
        if kind == "choice":
            field = widgets.Dropdown(options=self._choices(q), value="")
        elif kind in ("number", "line"):
            field = widgets.Text()
        else:
            field = widgets.Textarea(rows=4, layout=widgets.Layout(width="100%", max_width="860px"))
        field.add_class(f"coachlab-answer-{q['name']}")
        return field

    def _choices(self, q: dict) -> list[tuple[str, str]]:
        return [("—", "")] + [(choice_label(str(c), self.lang), c) for c in q.get("choices", [])]

    def render(self, lang: str) -> None:
        """Show every label in ``lang``; typed answers stay as they are."""
        import mistune

        self.lang = lang
        ex = self.exercise
        intro = mistune.html(str((ex.meta.get("intro") or {}).get(lang, "")))
        data = self._data_html()
        self.header.value = (STYLE + f"<h1>{html.escape(ex.title(lang))}</h1>"
                             f"<h3>{html.escape(t('exercise.intro_heading', lang))}</h3><div class='intro'>{intro}</div>"
                             + data)
        shown_cells: set[str] = set()
        for q in ex.questions:
            prompt = (q.get("prompt") or {}).get(lang, q["name"])
            label = (q.get("label") or {}).get(lang)
            parts = [] if q["cell"] in shown_cells else [f'<div class="prompt">{html.escape(prompt)}</div>']
            shown_cells.add(q["cell"])
            if label:
                parts.append(f"<div>{html.escape(label)}</div>")
            self.prompts[q["name"]].value = "".join(parts)
            field = self.fields.get(q["name"])
            if isinstance(field, widgets.Dropdown):
                chosen = field.value
                field.options = self._choices(q)
                field.value = chosen
        for button in self.practice_buttons.values():
            button.description = t("exercise.practice", lang)
        for box in self.disputes.values():
            box.set_lang(lang)
        self.submit.description = t("exercise.submit", lang)
        self.note.value = (f'<p class="note">{html.escape(t("exercise.checks_note", lang))}</p>'
                           f'<p class="note">{html.escape(t("exercise.submit_note", lang))}</p>')
        released = self._released()
        self.submit.disabled = not released
        if released:
            if "coachlab-preparing" in self.result.value or "coachlab-not-open" in self.result.value:
                self.result.value = ""
        elif self.preparing is not None:
            self.result.value = (f'<div class="coachlab-preparing note" role="status">'
                                 f'{html.escape(t("exercise.preparing", lang))}</div>')
        elif self.prepare_failed:
            self.result.value = _problem_html([t("exercise.prepare_failed", lang)], "coachlab-not-open")
        else:
            self.result.value = _problem_html([t("exercise.not_released", lang)], "coachlab-not-open")

    def _data_html(self) -> str:
        data = self.exercise.meta.get("data")
        if not data:
            return ""
        from coachlab.data.team import generate_team

        team = generate_team(int(data["seed"]))
        columns = ["month", "fcr", "csat", "aht_min", "qa"]
        history = team.monthly[team.monthly["agent_id"] == data["agent"]][columns]
        history = history.rename(columns={c: t("kpi.month", self.lang) if c == "month" else choice_label(c, self.lang)
                                          for c in columns})
        table = history.to_html(index=False, float_format=lambda v: f"{v:.3f}", border=0)
        return f"<h3>{html.escape(t('exercise.data_heading', self.lang))}</h3>{table}"

    # --- actions -------------------------------------------------------------------------------------------
    def raw_answers(self) -> dict[str, str]:
        """Return what is typed in each field, as text."""
        return {name: str(field.value or "") for name, field in self.fields.items()}

    def _practice(self, q: dict) -> None:
        from coachlab.checks import run

        text = str(self.fields[q["name"]].value or "")
        report = run(q["kind"], text, lang="auto") if text.strip() else None
        self.practice_out[q["name"]].value = practice_html(q["kind"], text, self.lang, report)
        self.disputes[q["name"]].target(report.to_dict() if report is not None else None, kind=q["kind"],
                                        item_id=self.slug, place=q["name"], text=text)

    def _submit(self) -> None:
        from coachlab.grading.submission import write_submission

        lang = self.lang
        learner = self.learner.learner_id
        if learner is None:
            self.result.value = _problem_html([t("exercise.need_learner", lang)])
            return
        values, problems = parse_answers(self.exercise.questions, self.raw_answers(), lang)
        if problems:
            self.result.value = _problem_html(problems)
            return
        receipt = write_submission(self.course, learner, self.slug, values)
        empty = sum(1 for v in values.values() if v == "")
        warning = f'<p class="note">{html.escape(t("exercise.empty_fields", lang, count=empty))}</p>' if empty else ""
        self.result.value = receipt_html(receipt, self.exercise.title(lang), lang) + warning
        self.receipt = receipt


def exercise_form(slug: str | None = None, lang: str | None = None) -> widgets.Widget:
    """Return the form for ``slug`` (default: the page's ``?exercise=``); the notebook's last line shows it."""
    chosen = setup_page(lang)
    slug = slug or query_param("exercise") or ""
    try:
        return ExerciseForm(slug, chosen, prepare=True)
    except (OSError, ValueError):
        return widgets.HTML(_problem_html([t("exercise.unknown", chosen, slug=slug)]) or friendly_error_html(chosen))
