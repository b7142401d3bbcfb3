"""The exercise form, without a browser: practice checks, validation, and a genuine submission with receipt."""

from __future__ import annotations

import ast

import nbformat
import pytest

from coachlab.grading.notebook import is_answer
from coachlab.widgets.exercise_form import ExerciseForm, parse_answers


@pytest.fixture
def form(released_course, in_course, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return ExerciseForm("a06-interview-prep", "en", course=released_course)


def test_every_question_has_a_field_and_a_prompt(form):
    """The form shows one field per answer name, labelled in the chosen language."""
    assert list(form.fields) == [q["name"] for q in form.exercise.questions]
    assert "Hu Lihua" in form.header.value and "2025-07" in form.header.value  # the agent's data table
    form.switch.value = "zh-CN"
    assert "胡丽华" in form.header.value and form.submit.description == "提交"


def test_practice_shows_found_and_missing_elements(form):
    """Checking a draft shows the checker's elements without submitting anything."""
    form.fields["bid_note"].value = "Next month, please check the knowledge base before you close a billing call."
    form.practice_buttons["bid_note"].click()
    shown = form.practice_out["bid_note"].value
    assert "✔" in shown and "✘" in shown
    assert not list((form.course.root / "submitted").glob("*/a06-interview-prep"))


def test_submit_needs_a_learner_id(form):
    """Without a name nothing is written and the learner is told why."""
    form.submit.click()
    assert "Type your name in the bar at the top" in form.result.value
    assert not list((form.course.root / "submitted").glob("*/a06-interview-prep"))


def test_a_bad_number_is_explained_not_submitted(form):
    """A number field with text in it is refused with the field's own label."""
    form.learner.text.value = "li.na"
    form.fields["change_points"].value = "about eight"
    form.submit.click()
    assert "Change in points" in form.result.value
    assert not (form.course.root / "submitted" / "li.na" / "a06-interview-prep").exists()


def test_submit_writes_literals_into_the_released_notebook(form):
    """Submit writes the released notebook with safely quoted answers and nbgrader's timestamp, then a receipt."""
    form.learner.text.value = "li.na"
    form.fields["kpi_moved"].value = "fcr"
    form.fields["change_points"].value = "-8.5"
    form.fields["opening_question"].value = 'What changed? """); import os; os._exit(1) #'
    form.submit.click()
    assert "Received" in form.result.value and form.receipt.digest in form.result.value
    folder = form.course.root / "submitted" / "li.na" / "a06-interview-prep"
    assert (folder / "timestamp.txt").read_text().endswith("UTC")
    nb = nbformat.read(folder / "a06-interview-prep.ipynb", 4)
    values = {}
    for cell in nb.cells:
        if is_answer(cell):
            for node in ast.parse(cell.source).body:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    assert values["change_points"] == -8.5 and values["kpi_moved"] == "fcr"
    assert values["opening_question"] == 'What changed? """); import os; os._exit(1) #'
    form.submit.click()
    assert "earlier submission is kept" in form.result.value


def test_parse_answers_keeps_integers_and_text():
    """Whole numbers stay integers, decimals floats, text untouched."""
    questions = [{"name": "n", "type": "number"}, {"name": "x", "type": "number"}, {"name": "s"}]
    values, problems = parse_answers(questions, {"n": "7", "x": "-3,5", "s": "  hi "}, "en")
    assert values == {"n": 7, "x": -3.5, "s": "hi"} and problems == []


def test_parse_answers_refuses_infinity():
    """"inf" is not a number a learner can submit."""
    values, problems = parse_answers([{"name": "n", "type": "number", "label": {"en": "N"}}], {"n": "inf"}, "en")
    assert problems and "N" in problems[0]


@pytest.mark.parametrize("text, hidden, kept", [
    ("On Tuesday at 3 pm you stayed calm with the angry customer and rang the courier; she withdrew her "
     "complaint. Thank you, I really appreciate it.", "development", "appreciation"),
    ("On Monday you closed two billing calls without checking the knowledge base, and both customers rang back. "
     "Next week, please check the knowledge base before you close a billing call.", "appreciation", "development"),
])
def test_practice_never_calls_the_other_model_missing(text, hidden, kept):
    """Praise (BIA) is complete without a development step, and a BID without thanks: the check says so, and the
    practice list agrees with it instead of showing that element as missing next to 'this follows the model'."""
    from coachlab.checks import run
    from coachlab.widgets.exercise_form import practice_html

    report = run("feedback", text, lang="en")
    shown = practice_html("feedback", text, "en", report)
    assert f"data-element='{kept}'" in shown and f"data-element='{hidden}'" not in shown
    assert "✘" not in shown
