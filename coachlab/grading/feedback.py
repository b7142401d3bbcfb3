"""Per-learner feedback pages: each checked behaviour, done or not yet, with the checker's own question.

Built from the autograded notebook (what ran) and the exercise (titles, prompts); no learner code is run.
"""

from __future__ import annotations

import ast
import html
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coachlab.i18n import t

from .course import Course, Exercise, load_exercise
from .notebook import grade_id, is_answer

HIDDEN_MARK = "### BEGIN HIDDEN TESTS"


@dataclass(frozen=True)
class CheckResult:
    """One test cell as the learner should see it."""

    grade_id: str
    behaviour: str
    points: float
    earned: float
    hint: str
    hidden: bool


def _docline(source: str) -> str:
    try:
        tree = ast.parse(source)
        doc = ast.get_docstring(tree) or ""
    except SyntaxError:
        doc = ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def check_results(nb: nbformat.NotebookNode) -> list[CheckResult]:
    """Return the autograded test cells with points earned (nbgrader: an error scores zero)."""
    results = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader") or {}
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        hint = ""
        if errors:
            hint = str(errors[0].get("evalue") or errors[0].get("ename") or "")
        points = float(meta.get("points") or 0)
        results.append(CheckResult(str(meta.get("grade_id")), _docline(cell.source), points,
                                   0.0 if errors else points, hint, HIDDEN_MARK in cell.source))
    return results


def answers_of(nb: nbformat.NotebookNode) -> dict[str, object]:
    """Return the literal answers in a notebook's (already sanitised) answer cells."""
    found: dict[str, object] = {}
    for cell in nb.cells:
        if not is_answer(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                try:
                    found[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return found


def _hint_in(lang: str, hint: str) -> str:
    """Pick the learner's half of a bilingual "English · 中文" message (test docstrings and asserts)."""
    if " · " not in hint:
        return hint
    en, zh = hint.split(" · ", 1)
    return zh if lang == "zh-CN" else en


def feedback_html(exercise: Exercise, learner: str, nb: nbformat.NotebookNode, status: dict | None,
                  lang: str) -> str:
    """Return a self-contained HTML feedback page for one learner and one exercise."""
    results = check_results(nb)
    answers = answers_of(nb)
    earned, total = sum(r.earned for r in results), sum(r.points for r in results)
    title = t("grade.feedback.title", lang, title=exercise.title(lang), learner=learner)
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
             "<style>body{font-family:'Noto Sans CJK SC',system-ui,sans-serif;max-width:860px;margin:2em auto;"
             "color:#1f2933;line-height:1.55}.ok{color:#1e7b34}.todo{color:#b44d12}blockquote{background:#f5f7fa;"
             "margin:0;padding:.6em 1em;white-space:pre-wrap}li{margin:.4em 0}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f'<p class="score">{html.escape(t("grade.feedback.score", lang, score=f"{earned:g}", max=f"{total:g}"))}</p>']
    state = (status or {}).get("status", "ok")
    if state != "ok":
        parts.append(f'<p class="status" role="alert">{html.escape(t(f"grade.status.{state}", lang))}</p>')
    for question in exercise.questions:
        name = question["name"]
        key = question["cell"].removeprefix("answer_")
        prompt = (question.get("prompt") or {}).get(lang, name)
        value = answers.get(name, "")
        shown = str(value).strip() if value not in (None, "") else t("grade.feedback.empty_answer", lang)
        parts.append(f"<h2>{html.escape(prompt)}</h2><p>{html.escape(t('grade.feedback.your_answer', lang))}</p>"
                     f"<blockquote>{html.escape(shown)}</blockquote>")
        if question is exercise.questions[-1] or exercise.questions[exercise.questions.index(question) + 1]["cell"] != question["cell"]:
            mine = [r for r in results if r.grade_id.startswith(f"{key}_")]
            if mine:
                parts.append("<ul>")
                for r in mine:
                    mark = "ok" if r.earned == r.points else "todo"
                    label = t("grade.feedback.passed" if mark == "ok" else "grade.feedback.failed", lang)
                    hint = f" — {html.escape(_hint_in(lang, r.hint))}" if r.hint and mark == "todo" else ""
                    parts.append(f'<li class="{mark}"><b>{html.escape(label)}</b> ({r.earned:g}/{r.points:g}) '
                                 f"{html.escape(_hint_in(lang, r.behaviour))}{hint}</li>")
                parts.append("</ul>")
            elif not any(r.grade_id.startswith(key) for r in results):
                parts.append(f"<p><i>{html.escape(t('grade.feedback.manual', lang))}</i></p>")
    if any(r.hidden for r in results):
        parts.append(f"<p><small>{html.escape(t('grade.feedback.hidden_note', lang))}</small></p>")
    parts.append("</body></html>")
    return "".join(parts)


def write_feedback(course: Course, slug: str, lang: str, students: list[str] | None = None) -> list[Path]:
    """Write ``feedback/<student>/<slug>/<slug>.html`` for every autograded learner; return the paths."""
    from .autograde import read_status

    exercise = load_exercise(slug)
    written = []
    base = course.root / "autograded"
    for folder in sorted(base.glob(f"*/{slug}")):
        student = folder.parent.name
        if students and student not in students:
            continue
        notebook = folder / exercise.notebook_name
        if not notebook.exists():
            continue
        page = feedback_html(exercise, course.learner_name(student), nbformat.read(notebook, as_version=4),
                             read_status(course, student, slug), lang)
        target = course.feedback_dir(student, slug) / f"{Path(exercise.notebook_name).stem}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written
