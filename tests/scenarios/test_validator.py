"""The validator: schema errors located in the file, and the graph checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.scenarios import load_all, validate_file
from coachlab.scenarios.validator import schema


def codes(problems) -> set[str]:
    """Return the problem codes."""
    return {p.code for p in problems}


def test_mini_is_valid(mini, write):
    """The test fixture itself is a valid scenario."""
    scenario, problems = validate_file(write(mini))
    assert problems == [] and scenario is not None and scenario.id == "mini"


def test_missing_translation_is_located(mini, write):
    """A text without zh-CN is reported with the line of that text and the language missing."""
    del mini["nodes"]["speak"]["free"]["prompt"]["zh-CN"]
    path = write(mini)
    _, problems = validate_file(path)
    assert [p.code for p in problems] == ["missing-translation"]
    problem = problems[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "zh-CN" in problem.message and "nodes/speak/free/prompt" in problem.message
    assert problem.file == str(path)
    assert lines[problem.line - 1].strip().startswith("prompt:") or "en:" in lines[problem.line - 1]


def test_unknown_key_points_at_the_key(mini, write):
    """A misspelt key is named, located at the key itself, with the keys that were expected."""
    mini["nodes"]["open"]["choices"][0]["feedbak"] = mini["nodes"]["open"]["choices"][0].pop("feedback")
    path = write(mini)
    _, problems = validate_file(path)
    hit = [p for p in problems if "feedbak" in p.message]
    assert hit, problems
    line = path.read_text(encoding="utf-8").splitlines()[hit[0].line - 1]
    assert line[hit[0].column - 1:].startswith("feedbak")
    assert "expected one of" in hit[0].message


def test_wrong_type_says_what_was_expected(mini, write):
    """minutes: 'ten' says an integer was expected and a string was found."""
    mini["minutes"] = "ten"
    path = write(mini)
    line = 1 + next(i for i, text in enumerate(path.read_text().splitlines()) if text.startswith("minutes:"))
    _, problems = validate_file(path)
    assert [(p.line, p.column, p.message) for p in problems] == [(line, 10, "minutes: expected integer, got a string")]


def test_node_needs_choices_or_free(mini, write):
    """A node with neither choices nor free text is reported plainly."""
    del mini["nodes"]["open"]["choices"]
    _, problems = validate_file(write(mini))
    assert any("needs `choices`" in p.message for p in problems), problems


def test_yaml_syntax_error_is_a_problem_not_a_crash(write):
    """Broken YAML yields a located problem."""
    _, problems = validate_file(write("id: [oops\n"))
    assert codes(problems) == {"yaml"} and problems[0].line >= 1


@pytest.mark.parametrize("mutate, code", [
    (lambda d: d["nodes"]["open"]["choices"][0].__setitem__("next", "nowhere"), "unknown-node"),
    (lambda d: d.__setitem__("start", "nowhere"), "unknown-node"),
    (lambda d: d["nodes"]["open"]["choices"][0]["effects"].__setitem__("mood", 1), "unknown-variable"),
    (lambda d: d["nodes"]["open"]["choices"][2]["when"].__setitem__("state", ["mood>=1"]), "unknown-variable"),
    (lambda d: d["nodes"]["listen"]["free"]["intents"][0].__setitem__("set", ["ghost"]), "unknown-flag"),
    (lambda d: d["nodes"]["open"]["choices"][0]["scores"].__setitem__("juggling", 1), "unknown-skill"),
    (lambda d: d["debrief"].pop("listening"), "missing-debrief"),
    (lambda d: d["nodes"].__setitem__("orphan", {"say": {"en": "x", "zh-CN": "x"}, "choices": [
        {"id": "a", "text": {"en": "a", "zh-CN": "a"}, "feedback": {"en": "a", "zh-CN": "a"}, "next": "happy"},
        {"id": "b", "text": {"en": "b", "zh-CN": "b"}, "feedback": {"en": "b", "zh-CN": "b"}, "next": "meh"}]}),
     "unreachable"),
    (lambda d: d["endings"].__setitem__("lost", {"title": {"en": "x", "zh-CN": "x"}, "say": {"en": "x", "zh-CN": "x"},
                                                 "outcome": "poor"}), "unreached-ending"),
    (lambda d: d["nodes"]["listen"]["free"]["fallback"].__setitem__("next", "open"), "cycle"),
    (lambda d: d["nodes"]["listen"]["free"]["intents"][0].__setitem__("next", [
        {"when": {"state": ["trust>=6"]}, "goto": "happy"}]), "no-default-branch"),
    (lambda d: [o.__setitem__("when", {"state": ["trust>=1"]}) for o in d["nodes"]["open"]["choices"]],
     "no-way-forward"),
    (lambda d: d["nodes"]["speak"]["free"]["intents"][1]["when"].__setitem__("all", ["elements.behaviour"]),
     "condition"),
    (lambda d: d["nodes"]["speak"]["free"]["intents"][0]["when"].__setitem__("any", ["flags:lable"]), "condition"),
    (lambda d: d["nodes"]["open"]["choices"][2].__setitem__("when", {"check": "feedback", "all": ["score"]}),
     "condition"),
    (lambda d: d["state"]["trust"].__setitem__("start", 11), "bounds"),
    (lambda d: d.__setitem__("id", "other"), "id-mismatch"),
    (lambda d: d["nodes"]["open"]["choices"][1].__setitem__("id", "good"), "duplicate-id"),
    (lambda d: [o.pop("scores", None) for o in d["nodes"]["listen"]["free"]["intents"]], "unscored-skill"),
])
def test_graph_checks_find_each_fault(mini, write, mutate, code):
    """Each kind of graph or reference fault is reported with its own code."""
    mutate(mini)
    _, problems = validate_file(write(mini))
    assert code in codes(problems), problems
    assert all(p.line >= 1 and p.column >= 1 for p in problems)


def test_free_text_without_fallback_is_an_error(mini, write):
    """A free-text turn must say what happens when nothing matches."""
    del mini["nodes"]["speak"]["free"]["fallback"]
    _, problems = validate_file(write(mini))
    assert any("fallback" in p.message for p in problems), problems


def test_one_broken_file_does_not_stop_the_others(mini, write, tmp_path):
    """load_all returns the good scenarios and reports the broken one."""
    write(mini)
    write("id: broken\nnodes: [\n", "broken")
    other = dict(mini, id="second")
    write(other, "second")
    found, problems = load_all(tmp_path)
    assert sorted(found) == ["mini", "second"]
    assert {Path(p.file).name for p in problems} == {"broken.yaml"}


def test_published_schema_is_a_valid_json_schema():
    """Editors can use the schema: it validates under draft 2020-12 and names the version."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["schema_version"] == {"const": 1, "description": schema()["properties"]["schema_version"]["description"]}
