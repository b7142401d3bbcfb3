"""The answer-cell sanitiser keeps literal answers and neutralises everything else, without running it."""

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachlab.grading.sanitize import MAX_ANSWER_CHARS, expected_names, render_answers, sanitize_answer

NAMES = ("feedback_bia", "feedback_bid")
TRICK = ("get_ipython().input_transformers_post.append(\n"
         "    lambda lines: [l.replace('assert ', 'pass  # ') for l in lines])\n"
         "feedback_bia = 'x'\n")


def test_literal_answers_are_kept_exactly():
    """Plain string and number assignments survive with their values."""
    source = 'feedback_bia = (\n"""On the 3 pm call you\nrepeated her problem."""\n)\nfeedback_bid = "Next time, log in by 8:55."\n'
    cell = sanitize_answer(source, NAMES)
    assert not cell.flags
    assert cell.values == {"feedback_bia": "On the 3 pm call you\nrepeated her problem.",
                           "feedback_bid": "Next time, log in by 8:55."}


def test_negative_numbers_and_comments_are_literals():
    """A negative number, a comment and a bare note string are all harmless."""
    cell = sanitize_answer("# my working\n'note to self'\nchange_points = -8.7  # points\n", ("change_points",))
    assert cell.values == {"change_points": -8.7} and not cell.flags


def test_missing_names_are_empty():
    """A name the learner never assigned is empty, not missing."""
    assert sanitize_answer("feedback_bia = 'hi'", NAMES).values == {"feedback_bia": "hi", "feedback_bid": ""}


@pytest.mark.parametrize(("source", "reason"), [
    (TRICK, "statement:Expr"),
    ("import os\nfeedback_bia = 'x'", "statement:Import"),
    ("feedback_bia = open('../../alice/a05-feedback/a05-feedback.ipynb').read()", "value:Call"),
    ("while True:\n    pass", "statement:While"),
    ("feedback_bia = 'x' * 10**8", "value:BinOp"),
    ("feedback_bia = f'{__import__(\"os\").system(\"id\")}'", "value:JoinedStr"),
    ("feedback_bia = feedback_bid = 'x'", "target:not-a-plain-name"),
    ("x = 'hello'", "name:x"),
    ("feedback_bia.upper = 1", "target:not-a-plain-name"),
    ("feedback_bia = ['a', 'b']", "value:list"),
    ("import sys; sys.exit(0)", "statement:Import"),
    ("def feedback_bia():\n    return 'x'", "statement:FunctionDef"),
    ("feedback_bia = 'unterminated", "syntax:SyntaxError"),
    ("feedback_bia = '" + "x" * (MAX_ANSWER_CHARS + 1) + "'", "value:too-long"),
])
def test_anything_but_literal_assignments_is_neutralised(source, reason):
    """Calls, imports, loops, attributes, f-strings and unknown names empty the whole cell, with a reason."""
    cell = sanitize_answer(source, NAMES)
    assert reason in cell.flags
    assert cell.values == {"feedback_bia": "", "feedback_bid": ""}
    assert cell.source == "feedback_bia = ''\nfeedback_bid = ''\n"


def test_neutralised_cell_is_what_an_empty_answer_gives():
    """The known in-kernel trick leaves exactly the cell an empty answer leaves."""
    assert sanitize_answer(TRICK, NAMES).source == sanitize_answer("", NAMES).source


def test_expected_names_come_from_the_template_in_order():
    """The released cell decides which names an answer cell may set."""
    assert expected_names('kpi_moved = (\n"""\n\n"""\n)\nchange_points = (\n"""\n\n"""\n)') == ("kpi_moved", "change_points")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans()))
def test_any_typed_text_round_trips_as_a_literal(text, number):
    """Whatever a learner types, the written cell is literals only and reads back to the same values."""
    source = render_answers({"feedback_bia": text, "feedback_bid": number})
    tree = ast.parse(source)
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    cell = sanitize_answer(source, NAMES)
    assert not cell.flags
    assert cell.values == {"feedback_bia": text, "feedback_bid": number}


def test_the_trick_is_real_without_the_sanitiser():
    """In a plain IPython shell the trick makes a failing assert pass; sanitised, the assert fails again."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell()
    try:
        assert shell.run_cell(TRICK, silent=True).success
        assert shell.run_cell("assert len(feedback_bia) > 50", silent=True).success, "trick had no effect"
    finally:
        shell.input_transformers_post.clear()
    clean = InteractiveShell()
    clean.run_cell(sanitize_answer(TRICK, NAMES).source, silent=True)
    assert not clean.run_cell("assert len(feedback_bia) > 50", silent=True).success


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_numbers_are_refused(value):
    """inf and nan have no literal form (their repr is a name), so they are never written."""
    with pytest.raises(ValueError):
        render_answers({"feedback_bia": value})
