"""The exercises are well-formed nbgrader sources: bilingual, consistent with exercise.yaml, and solvable."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from coachlab.grading.course import list_exercises
from coachlab.grading.notebook import answer_names, grade_id, is_answer
from coachlab.i18n import LANGS

EXERCISES = list_exercises()
IDS = [e.slug for e in EXERCISES]
DELIMITERS = re.compile(r"^### (BEGIN|END) (SOLUTION|HIDDEN TESTS)\n?", re.M)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader") or {}


def test_at_least_six_exercises_with_a_manual_one():
    """The course has six or more exercises and at least one graded by hand."""
    assert len(EXERCISES) >= 6
    manual = [e for e in EXERCISES for c in nbformat.read(e.folder / e.notebook_name, 4).cells
              if nbgrader_meta(c).get("grade") and nbgrader_meta(c).get("solution")]
    assert manual, "no manually graded answer cell"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_titles_intro_and_prompts_in_both_languages(exercise):
    """Every learner-facing text in exercise.yaml exists in en and zh-CN."""
    for lang in LANGS:
        assert exercise.meta["title"].get(lang), f"title.{lang}"
        assert exercise.meta["intro"].get(lang), f"intro.{lang}"
        for question in exercise.questions:
            assert question["prompt"].get(lang), f"{question['name']}: prompt.{lang}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_questions_match_the_answer_cells(exercise):
    """exercise.yaml names exactly the variables the answer cells assign, cell by cell."""
    nb = nbformat.read(exercise.folder / exercise.notebook_name, 4)
    stripped = nbformat.from_dict(nb)
    for cell in stripped.cells:
        if is_answer(cell):
            cell.source = DELIMITERS.sub("", cell.source)
    from_cells = {gid: list(names) for gid, names in answer_names(stripped).items()}
    from_yaml: dict[str, list[str]] = {}
    for q in exercise.questions:
        from_yaml.setdefault(q["cell"], []).append(q["name"])
    assert from_cells == from_yaml


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_test_cells_are_locked_documented_and_uniquely_named(exercise):
    """Each test cell is locked, has points, a one-line docstring and a unique descriptive grade_id."""
    nb = nbformat.read(exercise.folder / exercise.notebook_name, 4)
    ids = [grade_id(c) for c in nb.cells if grade_id(c)]
    assert len(ids) == len(set(ids))
    tests = [c for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]
    for cell in tests:
        meta = nbgrader_meta(cell)
        assert meta["locked"] and meta["points"] > 0
        assert cell.source.startswith('"""') and len(meta["grade_id"]) > 6
        doc = cell.source.split('"""')[1]
        assert " · " in doc, f"{meta['grade_id']}: the docstring needs English · 中文 (the feedback page shows it)"
    if any(not nbgrader_meta(c).get("grade") for c in nb.cells if is_answer(c)):
        assert any("### BEGIN HIDDEN TESTS" in c.source for c in tests), "substance needs hidden tests"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_solutions_pass_and_empty_answers_fail_every_test(exercise, tmp_path, monkeypatch):
    """Run in-process: the source solutions pass every test cell; empty answers pass none."""
    monkeypatch.chdir(tmp_path)
    nb = nbformat.read(exercise.folder / exercise.notebook_name, 4)
    for empty in (False, True):
        namespace: dict = {}
        failures, passes = [], []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            source = DELIMITERS.sub("", cell.source)
            if is_answer(cell) and empty:
                source = "\n".join(f"{n} = ''" for n in answer_names(nbformat.from_dict({"cells": [
                    {**cell, "source": source}]})).get(grade_id(cell), ()))
            try:
                exec(compile(source, grade_id(cell) or "cell", "exec"), namespace)
            except AssertionError:
                failures.append(grade_id(cell))
                continue
            if nbgrader_meta(cell).get("grade") and not nbgrader_meta(cell).get("solution"):
                passes.append(grade_id(cell))
        if empty:
            assert passes == [], f"these tests pass on empty answers: {passes}"
        else:
            assert failures == [], f"the solution fails: {failures}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_exercises_speak_of_practice_and_graded_checks_not_tests(exercise):
    """The words a learner reads match the exercise form's: practice checks before handing in, graded checks after."""
    nb = nbformat.read(exercise.folder / exercise.notebook_name, 4)
    raw = "\n".join(cell.source for cell in nb.cells)
    text = raw.replace("### BEGIN HIDDEN TESTS", "").replace(
        "### END HIDDEN TESTS", "")  # nbgrader's own markers, which learners never see
    if "### BEGIN HIDDEN TESTS" not in raw:  # graded by hand (the 复盘): no checks to name
        assert "rubric" in text and "评分标准" in text
        return
    assert not re.search(r"(?i)(hidden|visible) tests?|隐藏测试|公开测试", text)
    assert "graded check" in text and "评分检查" in text
