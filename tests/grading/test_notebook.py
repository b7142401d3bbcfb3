"""Rebuilding a submission on its released template: only sanitised answers come from the learner."""

from __future__ import annotations

import copy
import json

import nbformat
import pytest

from coachlab.grading.autograde import status_of
from coachlab.grading.notebook import fill_answers, read_submitted, rebuild


def cell(gid: str, source: str, **meta) -> dict:
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {"grade_id": gid, "schema_version": 3, **meta}})


def template() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell("setup", "from coachlab.checks import run", locked=True, grade=False, solution=False),
                cell("answer_a", 'a = (\n"""\n\n"""\n)', solution=True, grade=False, locked=False),
                cell("a_test", '"""A is long."""\nassert len(a) > 3', grade=True, solution=False, locked=True, points=1)]
    return nb


def submitted(**sources: str) -> dict:
    nb = json.loads(nbformat.writes(template()))
    for c in nb["cells"]:
        gid = c["metadata"]["nbgrader"]["grade_id"]
        if gid in sources:
            c["source"] = sources[gid]
    return nb


def test_clean_submission_keeps_its_answer_and_no_flags():
    """A literal answer is carried over as a literal; nothing is flagged."""
    result = rebuild(template(), submitted(answer_a="a = 'hello there'"))
    assert result.answers == {"a": "hello there"} and result.flags == ()
    assert result.notebook.cells[1].source == "a = 'hello there'\n"


def test_locked_cells_come_from_the_template():
    """An edited setup cell and a deleted test are flagged, and the template's versions are used."""
    nb = submitted(setup="run = lambda *a: None", answer_a="a = 'fine answer'")
    del nb["cells"][2]
    result = rebuild(template(), nb)
    assert set(result.flags) == {"locked-cell-edited:setup", "locked-cell-deleted:a_test"}
    assert [c.source for c in result.notebook.cells][::2] == [c.source for c in template().cells][::2]
    assert status_of(result.flags) == "tampered"


def test_missing_answer_cell_is_empty_and_flagged():
    """Deleting the answer cell gives an empty answer and a flag."""
    nb = submitted()
    del nb["cells"][1]
    result = rebuild(template(), nb)
    assert result.answers == {"a": ""} and "answer-cell-missing:answer_a" in result.flags


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b'"a string"', "\udcff".encode("utf-8", "surrogatepass")])
def test_unreadable_submission_is_graded_as_empty(raw):
    """Anything that is not a notebook object becomes the empty template with an invalid status."""
    result = rebuild(template(), read_submitted(raw))
    assert result.answers == {"a": ""} and status_of(result.flags) == "invalid_notebook"


def test_fill_answers_refuses_unknown_names_and_leaves_the_template_alone():
    """Writing an answer the notebook has no cell for is a bug, not a silent drop."""
    original = template()
    before = copy.deepcopy(original)
    filled = fill_answers(original, {"a": 'say "hi"\n'})
    assert filled.cells[1].source == "a = 'say \"hi\"\\n'\n" and original == before
    with pytest.raises(KeyError):
        fill_answers(original, {"b": "x"})


def test_feedback_page_speaks_the_learners_language():
    """Each check shows its behaviour and, when missed, the hint, in the chosen half of "English · 中文"."""
    from coachlab.grading.course import Exercise
    from coachlab.grading.feedback import feedback_html

    nb = template()
    nb.cells[1].source = "a = ''\n"
    nb.cells[2].source = '"""A is long. · A 足够长。"""\nassert len(a) > 3, "Say more. · 多写一点。"'
    nb.cells[2].outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="Say more. · 多写一点。",
                                                  traceback=[])]
    exercise = Exercise("t-one", None, {"title": {"en": "One", "zh-CN": "一"}, "questions": [
        {"name": "a", "cell": "answer_a", "prompt": {"en": "Write A", "zh-CN": "写 A"}}]})
    zh = feedback_html(exercise, "li", nb, {"status": "neutralised"}, "zh-CN")
    en = feedback_html(exercise, "li", nb, None, "en")
    assert "A 足够长。" in zh and "多写一点。" in zh and "A is long." not in zh and "0 / 1" in zh
    assert "Say more." in en and "多写一点" not in en and "(no answer)" in en
    assert "纯文字或数字以外" in zh
