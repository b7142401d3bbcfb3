"""The loader keeps line and column marks and reports YAML problems precisely."""

from __future__ import annotations

import pytest

from coachlab.scenarios.loader import YamlProblem, load_marked


def test_marks_are_one_based_lines_and_columns():
    """A nested value's mark points at its own line and column."""
    marked = load_marked("a: 1\nb:\n  c: [x, y]\n", "f.yaml")
    assert marked.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert marked.where(("b", "c", 1)) == (3, 10)
    assert marked.where(("b", "c"), key=True) == (3, 3)


def test_where_falls_back_to_the_nearest_parent():
    """A path that does not exist is located at its closest existing parent."""
    marked = load_marked("a:\n  b: 1\n", "f.yaml")
    assert marked.where(("a", "missing", 3)) == (2, 3)


def test_duplicate_keys_are_reported_with_position():
    """PyYAML would keep the last duplicate silently; we report it."""
    with pytest.raises(YamlProblem) as caught:
        load_marked("id: a\ntitle: x\nid: b\n", "dup.yaml")
    problem = caught.value.problem
    assert (problem.file, problem.line, problem.column, problem.code) == ("dup.yaml", 3, 1, "duplicate-key")


def test_syntax_error_names_line_and_column():
    """A YAML syntax error carries the parser's position, 1-based."""
    with pytest.raises(YamlProblem) as caught:
        load_marked("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml")
    problem = caught.value.problem
    assert problem.file == "bad.yaml" and problem.line >= 2 and problem.code == "yaml"
    assert str(problem).startswith(f"bad.yaml:{problem.line}:{problem.column}: YAML syntax")


def test_scalars_are_typed_like_yaml():
    """Integers, booleans and null keep their YAML types."""
    assert load_marked("a: 3\nb: true\nc: null\nd: '3'\n").data == {"a": 3, "b": True, "c": None, "d": "3"}
