"""Validate scenario files: the JSON Schema first, then the graph and cross-reference checks.

Every problem names the file, line and column and says what was expected. One broken file never
stops the others from loading (``load_all``).
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

if "jsonschema" not in sys.modules:
    # jsonschema imports rfc3987_syntax, when installed, to check "iri" formats; it builds a Lark grammar at import,
    # about 1 s, more than the rest of a page's imports together. Scenarios are validated without format checks,
    # so a page never uses it: jsonschema treats the module as absent (its import is optional there).
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from coachlab.data.personas import personas
from coachlab.i18n import LANGS

from .conditions import REPORT_KEYS, parse_report_test, report_tests, state_names
from .kpis import check_persona
from .loader import Marked, Problem, YamlProblem, read_marked
from .model import Scenario, targets

SCHEMA_FILE = "scenario.schema.json"

# The report fields of coachlab.checks that conditions may test, per check kind (first path segment,
# and the known sub-keys where the report nests). Common fields come first.
# pitfalls: every report's list of {id, why}; "pitfalls:perfect_target" tests for one by its id.
COMMON_FIELDS = {"lang": None, "score": None, "empty": None, "flags": None, "pitfalls": None, "evidence": None,
                 "suggestions": None}
REPORT_FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "feedback": {**COMMON_FIELDS, "elements": ("behavior", "impact", "appreciation", "development"),
                 "model": None, "thanks": None},
    "goal": {**COMMON_FIELDS, "criteria": ("specific", "measurable", "achievable", "relevant", "time_bound"),
             "metric": None, "baseline": None, "target": None, "deadline": None},
    "question": {**COMMON_FIELDS, "form": None, "leading": None, "grow_stage": None, "advice": None, "asks": None},
    "star": {**COMMON_FIELDS, "elements": ("situation", "task", "action", "result"), "quantified_result": None,
             "first_person_ratio": None},
    "listening": {**COMMON_FIELDS, "elements": ("fact", "feeling", "focus")},
}
REPORT_VALUES: dict[tuple[str, str], tuple[Any, ...]] = {
    ("feedback", "model"): ("BIA", "BID", None),
    ("question", "form"): ("open", "closed", "statement"),
    ("question", "grow_stage"): ("goal", "reality", "options", "will", None),
}
FEEDBACK_FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich",
                  "question_form", "threat")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """Return the published JSON Schema of the scenario format."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def schema_path() -> Path:
    """Return where the schema file lives, for editors that want to point at it."""
    return Path(str(resources.files(__package__).joinpath(SCHEMA_FILE)))


_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "a string", int: "a whole number", float: "a number",
               bool: "true/false", type(None): "nothing (null)"}


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _leaf(error: ValidationError) -> ValidationError:
    while error.context:
        picked = best_match(error.context)
        if picked is None:
            break
        error = picked
    return error


def _message(error: ValidationError) -> tuple[str, str, tuple[Any, ...], bool]:
    """Return (message, code, path to point at, point at the key) for one schema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "oneOf" and error.schema.get("oneOf") == [{"required": ["choices"]}, {"required": ["free"]}]:
        if isinstance(error.instance, dict) and "choices" in error.instance and "free" in error.instance:
            return "a node has either `choices` or `free`, not both", "schema", path, False
        return "a node needs `choices` (options to pick) or `free` (a free-text turn)", "schema", path, False
    if kind in ("anyOf", "oneOf"):
        error = _leaf(error)
        path, kind = tuple(error.absolute_path), error.validator
    schema_ = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        if set(error.validator_value) == set(LANGS):
            return f"missing translation: {', '.join(missing)}", "missing-translation", path, False
        return f"missing required key {', '.join(repr(m) for m in missing)}", "schema", path, False
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(schema_.get("properties", {}))
        extra = [k for k in error.instance if k not in schema_.get("properties", {})]
        where = path + (extra[0],) if extra else path
        hint = f"; expected one of: {', '.join(known)}" if known else ""
        return f"unknown key {', '.join(repr(e) for e in extra)}{hint}", "schema", where, True
    if kind == "type":
        return f"expected {error.validator_value}, got {_describe(error.instance)}", "schema", path, False
    if kind == "const":
        return f"expected {error.validator_value!r}, got {error.instance!r}", "schema", path, False
    if kind == "enum":
        return f"expected one of {', '.join(map(repr, error.validator_value))}, got {error.instance!r}", "schema", path, False
    if kind == "pattern":
        if "slug" in json.dumps(error.schema) or error.validator_value.startswith("^[a-z0-9]+"):
            return (f"{error.instance!r} is not a slug (lower-case letters and digits joined by - or _)",
                    "schema", path, False)
        return f"{error.instance!r} does not match the expected form {error.validator_value}", "schema", path, False
    if kind == "minLength":
        return "must not be empty", "schema", path, False
    if kind in ("minItems", "minProperties"):
        return f"needs at least {error.validator_value} item(s)", "schema", path, False
    return error.message, "schema", path, False


def schema_problems(marked: Marked, filename: str) -> list[Problem]:
    """Return the schema errors of one file's data, each located in the file."""
    problems: set[Problem] = set()
    for error in _validator().iter_errors(marked.data):
        message, code, path, at_key = _message(error)
        line, col = marked.where(path, key=at_key)
        label = "/".join(str(p) for p in path) or "(top)"
        problems.add(Problem(filename, line, col, f"{label}: {message}", code))
    return sorted(problems)


@dataclass
class _Graph:
    """Collects graph problems against the located data."""

    marked: Marked
    filename: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Iterable[Any], message: str, code: str, key: bool = False) -> None:
        line, col = self.marked.where(tuple(path), key=key)
        self.problems.append(Problem(self.filename, line, col, message, code))


def _check_condition(graph: _Graph, scenario: Scenario, cond: Any, path: tuple[Any, ...], default_check: str | None,
                     free_text: bool) -> None:
    if not cond:
        return
    data = scenario.data
    if not free_text:
        for key in ("check", *REPORT_KEYS):
            if key in cond:
                graph.add(path + (key,), f"`{key}` tests a free-text report; here only `state` and `flags` apply",
                          "condition", key=True)
    for kind, text in report_tests(cond, default_check):
        try:
            test = parse_report_test(text)
        except ValueError as exc:
            graph.add(path, str(exc), "condition")
            continue
        fields = REPORT_FIELDS.get(kind or "", {})
        head = test.path[0]
        if kind and head not in fields:
            graph.add(path, f"{text!r}: the {kind} report has no field {head!r} (known: {', '.join(fields)})",
                      "condition")
            continue
        sub = fields.get(head)
        if sub and len(test.path) > 1 and test.path[1] not in sub:
            graph.add(path, f"{text!r}: {head} has no {test.path[1]!r} (known: {', '.join(sub)})", "condition")
        allowed = REPORT_VALUES.get((kind or "", head))
        if allowed and test.op in ("=", "!=") and test.value not in allowed:
            graph.add(path, f"{text!r}: {head} is one of {', '.join(map(str, allowed))}", "condition")
        if kind == "feedback" and head == "flags" and test.op == ":" and test.value not in FEEDBACK_FLAGS:
            graph.add(path, f"{text!r}: unknown feedback flag (known: {', '.join(FEEDBACK_FLAGS)})", "condition")
    for what, name in state_names(cond):
        if what == "var" and name not in data["state"]:
            graph.add(path, f"unknown state variable {name!r} (declared: {', '.join(data['state'])})", "unknown-variable")
        if what == "flag" and name not in (data.get("flags") or ()):
            graph.add(path, f"unknown flag {name!r}; declare it under `flags`", "unknown-flag")


def _check_body(graph: _Graph, scenario: Scenario, body: dict[str, Any], path: tuple[Any, ...], ids: set[str]) -> None:
    data = scenario.data
    for name in body.get("effects") or {}:
        if name not in data["state"]:
            graph.add(path + ("effects", name), f"effect on unknown state variable {name!r}", "unknown-variable", key=True)
    for skill in body.get("scores") or {}:
        if skill not in data["skills"]:
            graph.add(path + ("scores", skill), f"score for {skill!r}, which is not in `skills`", "unknown-skill", key=True)
    for i, flag in enumerate(body.get("set") or ()):
        if flag not in (data.get("flags") or ()):
            graph.add(path + ("set", i), f"unknown flag {flag!r}; declare it under `flags`", "unknown-flag")
    next_ = body.get("next")
    for target in targets(next_):
        if target not in ids:
            graph.add(path + ("next",), f"`next` leads to unknown node or ending {target!r}", "unknown-node")
    if isinstance(next_, list):
        for i, branch in enumerate(next_):
            _check_condition(graph, scenario, branch.get("when"), path + ("next", i, "when"), None, False)
            if "when" not in branch and i != len(next_) - 1:
                graph.add(path + ("next", i + 1), "this branch can never be taken: an earlier one has no `when`",
                          "dead-branch")
        if "when" in next_[-1]:
            graph.add(path + ("next", len(next_) - 1), "the last branch of `next` must have no `when` (the default)",
                      "no-default-branch")


def graph_problems(marked: Marked, filename: str, expected_id: str | None = None) -> list[Problem]:
    """Return the cross-reference and graph problems of a schema-valid scenario."""
    data = marked.data
    scenario = Scenario(data, filename)
    graph = _Graph(marked, filename)
    nodes, endings = data["nodes"], data["endings"]
    ids = set(nodes) | set(endings)
    if expected_id and data["id"] != expected_id:
        graph.add(("id",), f"id {data['id']!r} must match the file name {expected_id!r}", "id-mismatch")
    for both in sorted(set(nodes) & set(endings)):
        graph.add(("endings", both), f"{both!r} names both a node and an ending", "duplicate-id", key=True)
    if data["start"] not in nodes:
        graph.add(("start",), f"`start` names unknown node {data['start']!r}", "unknown-node")
    for name, spec in data["state"].items():
        if not spec["min"] < spec["max"] or not spec["min"] <= spec["start"] <= spec["max"]:
            graph.add(("state", name), f"{name}: need min < max and min <= start <= max", "bounds")
    for skill in data["skills"]:
        if skill not in data["debrief"]:
            graph.add(("skills",), f"skill {skill!r} has no `debrief` entry", "missing-debrief")
    for skill in data["debrief"]:
        if skill not in data["skills"]:
            graph.add(("debrief", skill), f"debrief for {skill!r}, which is not in `skills`", "unknown-skill", key=True)
        limits = scenario.thresholds(skill) if skill in data["debrief"] else {}
        if limits and limits["developing"] >= limits["proficient"]:
            graph.add(("debrief", skill, "thresholds"), "developing must start below proficient", "bounds")
    for node_id, node in nodes.items():
        base = ("nodes", node_id)
        if "choices" in node:
            seen: set[str] = set()
            for i, option in enumerate(node["choices"]):
                if option["id"] in seen:
                    graph.add(base + ("choices", i, "id"), f"option id {option['id']!r} is used twice", "duplicate-id")
                seen.add(option["id"])
                _check_condition(graph, scenario, option.get("when"), base + ("choices", i, "when"), None, False)
                _check_body(graph, scenario, option, base + ("choices", i), ids)
            if all("when" in option for option in node["choices"]):
                graph.add(base + ("choices",), "every option has a `when`: the learner may be left with nothing to "
                          "pick; make at least one option unconditional", "no-way-forward")
        if "free" in node:
            free = node["free"]
            seen = set()
            for i, intent in enumerate(free["intents"]):
                if intent["id"] in seen:
                    graph.add(base + ("free", "intents", i, "id"), f"intent id {intent['id']!r} is used twice",
                              "duplicate-id")
                seen.add(intent["id"])
                _check_condition(graph, scenario, intent["when"], base + ("free", "intents", i, "when"),
                                 free["check"], True)
                _check_body(graph, scenario, intent, base + ("free", "intents", i), ids)
            _check_body(graph, scenario, free["fallback"], base + ("free", "fallback"), ids)
    if graph.problems:
        return graph.problems  # the walk below needs every reference to resolve
    _walk(graph, scenario)
    return graph.problems


def _walk(graph: _Graph, scenario: Scenario) -> None:
    data = scenario.data
    nodes, endings = data["nodes"], data["endings"]
    reached: set[str] = set()
    stack = [data["start"]]
    while stack:
        current = stack.pop()
        if current in reached:
            continue
        reached.add(current)
        if current in nodes:
            stack.extend(scenario.successors(current))
    for node_id in nodes:
        if node_id not in reached:
            graph.add(("nodes", node_id), f"node {node_id!r} cannot be reached from {data['start']!r}",
                      "unreachable", key=True)
    for ending in endings:
        if ending not in reached:
            graph.add(("endings", ending), f"ending {ending!r} is never reached", "unreached-ending", key=True)
    # A node from which no ending can be reached leaves the learner stuck.
    finishes = set(endings)
    changed = True
    while changed:
        changed = False
        for node_id in nodes:
            if node_id not in finishes and any(t in finishes for t in scenario.successors(node_id)):
                finishes.add(node_id)
                changed = True
    for node_id in nodes:
        if node_id in reached and node_id not in finishes:
            graph.add(("nodes", node_id), f"no ending can be reached from node {node_id!r}", "no-way-forward",
                      key=True)
    try:
        most = scenario.max_points
    except ValueError as exc:
        graph.add(("nodes",), f"{exc}: conversations must move forward (a retry stays on a node instead)", "cycle")
        return
    for skill, value in most.items():
        if value <= 0:
            graph.add(("skills",), f"no path earns points for skill {skill!r}", "unscored-skill")


def validate_marked(marked: Marked, filename: str, expected_id: str | None = None) -> list[Problem]:
    """Return every problem of one file's data: schema first, then (when the shape is right) the graph."""
    if not isinstance(marked.data, dict):
        return [Problem(filename, 1, 1, f"a scenario must be a mapping, got {_describe(marked.data)}", "schema")]
    problems = resolve_persona(marked, filename)
    problems += schema_problems(marked, filename)
    if problems:
        return problems
    return graph_problems(marked, filename, expected_id) + persona_problems(marked, filename)


def resolve_persona(marked: Marked, filename: str) -> list[Problem]:
    """Fill a persona's name and role from its person record (``persona.id``); report a person written twice.

    One record per person: a persona without ``id`` whose name matches a record is reported, so the same person
    cannot be described differently in two role-plays."""
    persona = marked.data.get("persona")
    if not isinstance(persona, dict):
        return []
    records = personas()
    person = persona.get("id")
    if person is None:
        name = persona.get("name")
        for slug, record in records.items():
            if isinstance(name, dict) and any(name.get(lang) == record["name"][lang] for lang in LANGS):
                line, col = marked.where(("persona", "name"))
                return [Problem(filename, line, col, f"persona: {record['name']['en']} has a person record: write "
                                f"`id: {slug}` instead of `name` and `role`", "persona-record")]
        return []
    if not isinstance(person, str) or person not in records:
        line, col = marked.where(("persona", "id"))
        return [Problem(filename, line, col, f"persona/id: no person record {person!r} in coachlab/data/personas.yaml "
                        f"(known: {', '.join(sorted(records))})", "persona-record")]
    problems = []
    for key in ("name", "role"):
        if key in persona and persona[key] != records[person][key]:
            line, col = marked.where(("persona", key), key=True)
            problems.append(Problem(filename, line, col, f"persona/{key} differs from the record {person!r}: leave it "
                                    "out, the record gives it", "persona-record"))
        persona[key] = copy.deepcopy(records[person][key])
    return problems


def persona_problems(marked: Marked, filename: str) -> list[Problem]:
    """Return the KPI consistency problems of a schema-valid scenario's persona (rules in kpi_rules.yaml)."""
    persona = marked.data["persona"]
    record = personas().get(persona.get("id", ""))
    problems = []
    for finding in check_persona(persona, record):
        in_record = finding.path[:1] == ("role",)
        where = ("persona", "id") if in_record else ("persona", *finding.path)
        line, col = marked.where(where)
        label = f"person record {persona.get('id')}" if in_record else "persona/" + "/".join(map(str, finding.path))
        problems.append(Problem(filename, line, col, f"{label}: {finding.message}", f"kpi-{finding.rule}"))
    return problems


# validate_file's results by file, kept while the file's modification time and size are unchanged. The kernel
# template fills it once (kernels/forkserver.py), so a page kernel forked from it validates nothing again.
_VALIDATED: dict[Path, tuple[tuple[int, int], tuple[Scenario | None, list[Problem]]]] = {}


def validate_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Load and validate one scenario file; return the scenario (None when invalid) and its problems.

    A file is validated once per version (modification time and size)."""
    try:
        stat = path.stat()
    except OSError:
        return _validate_file(path)
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _VALIDATED.get(path)
    if cached is None or cached[0] != version:
        cached = _VALIDATED[path] = (version, _validate_file(path))
    return cached[1]


def _validate_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    name = str(path)
    try:
        marked = read_marked(path)
    except YamlProblem as exc:
        return None, [exc.problem]
    problems = validate_marked(marked, name, path.stem)
    if problems:
        return None, problems
    return Scenario(marked.data, name), []


def scenario_files(root: Path) -> list[Path]:
    """Return the scenario YAML files under ``root/scenarios`` (test plans excluded), in slug order."""
    folder = root / "scenarios"
    return sorted(p for p in folder.glob("*.yaml") if not p.name.endswith(".testplan.yaml"))


def load_all(root: Path) -> tuple[dict[str, Scenario], list[Problem]]:
    """Load every valid scenario under the course root; broken files are reported, never fatal."""
    found: dict[str, Scenario] = {}
    problems: list[Problem] = []
    for path in scenario_files(root):
        try:
            scenario, issues = validate_file(path)
        except Exception as exc:  # a bug on one odd file must not hide the rest of the course
            scenario, issues = None, [Problem(str(path), 1, 1, f"could not be checked: {exc!r}", "internal")]
        problems.extend(issues)
        if scenario is not None:
            found[scenario.id] = scenario
    return found, problems


def load_scenario(root: Path, scenario_id: str) -> tuple[Scenario | None, list[Problem]]:
    """Load one scenario by slug from the course root."""
    path = root / "scenarios" / f"{scenario_id}.yaml"
    if not scenario_id or "/" in scenario_id or "\\" in scenario_id or scenario_id.startswith(".") or not path.is_file():
        return None, [Problem(str(path), 1, 1, f"no scenario named {scenario_id!r}", "not-found")]
    return validate_file(path)
