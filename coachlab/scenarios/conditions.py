"""The small condition language of scenarios, evaluated purely on state, flags and check reports.

A condition is a mapping; everything given must hold:

- ``check`` + ``all`` / ``any`` / ``none``: tests on the ``coachlab.checks`` report of that kind for the
  learner's text. A test is ``path`` (truthy), ``path=value`` / ``path!=value`` (equals; ``true``,
  ``false``, ``null`` and numbers are typed), ``path>=n`` / ``<=`` / ``>`` / ``<`` (compare), or
  ``path:item`` (the list at path contains item). Paths are dotted: ``elements.behavior``.
- ``state``: comparisons on hidden variables, ``trust>=6``.
- ``flags``: ``name`` must be set, ``!name`` must not.
- ``any_of``: at least one of the nested conditions; ``not``: the nested condition fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

REPORT_TEST = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:(>=|<=|!=|=|>|<|:)\s*(.*?))?\s*$")
STATE_TEST = re.compile(r"^\s*([a-z0-9_-]+)\s*(>=|<=|==|!=|>|<)\s*(-?[0-9]+)\s*$")
REPORT_KEYS = ("all", "any", "none")
_MISSING = object()


@dataclass(frozen=True)
class ReportTest:
    """One parsed test on a check report."""

    path: tuple[str, ...]
    op: str | None
    value: Any

    @property
    def text(self) -> str:
        """Return the test as written (normalised)."""
        dotted = ".".join(self.path)
        return dotted if self.op is None else f"{dotted}{self.op}{self.value}"


def typed(raw: str) -> Any:
    """Return ``raw`` as the YAML-ish scalar it spells: bool, None, int, float or the string."""
    low = raw.strip().lower()
    if low in ("true", "yes"):
        return True
    if low in ("false", "no"):
        return False
    if low in ("null", "none", "~"):
        return None
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw.strip()


def parse_report_test(text: str) -> ReportTest:
    """Parse ``elements.behavior``, ``form=open``, ``score>=60`` or ``flags:label``; raise ValueError if malformed."""
    found = REPORT_TEST.match(text)
    if not found:
        raise ValueError(f"cannot read report test {text!r}")
    path, op, value = found.groups()
    if op is not None and value == "":
        raise ValueError(f"report test {text!r} has nothing after {op!r}")
    parts = tuple(p for p in path.split("."))
    if any(not p for p in parts):
        raise ValueError(f"report test {text!r} has an empty path segment")
    return ReportTest(parts, op, None if op is None else (value if op == ":" else typed(value)))


def parse_state_test(text: str) -> tuple[str, str, int]:
    """Parse ``trust>=6`` into (variable, operator, number); raise ValueError if malformed."""
    found = STATE_TEST.match(text)
    if not found:
        raise ValueError(f"cannot read state test {text!r}")
    name, op, number = found.groups()
    return name, op, int(number)


def lookup(report: Any, path: Iterable[str]) -> Any:
    """Return the value at a dotted path in a report, or a sentinel when it is absent."""
    value = report
    for part in path:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, (list, tuple)) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _compare(left: Any, op: str, right: Any) -> bool:
    try:
        if op in ("=", "=="):
            return left == right or (isinstance(left, str) and str(right) == left)
        if op == "!=":
            return not (left == right or (isinstance(left, str) and str(right) == left))
        if isinstance(left, bool) or not isinstance(left, (int, float)) or not isinstance(right, (int, float)):
            return False
        return {">=": left >= right, "<=": left <= right, ">": left > right, "<": left < right}[op]
    except (TypeError, KeyError):
        return False


def report_test_holds(report: Mapping[str, Any] | None, test: ReportTest) -> bool:
    """Return True when the test holds on the report (never raises; absent paths fail)."""
    if report is None:
        return False
    value = lookup(report, test.path)
    if value is _MISSING:
        return test.op == "!="
    if test.op is None:
        return bool(value)
    if test.op == ":":
        if isinstance(value, (list, tuple, set)):
            return any(str(item) == str(test.value) or (isinstance(item, Mapping) and (
                item.get("name") == test.value or item.get("flag") == test.value or item.get("id") == test.value))
                for item in value)
        if isinstance(value, Mapping):
            return bool(value.get(str(test.value)))
        return isinstance(value, str) and str(test.value) in value
    return _compare(value, test.op, test.value)


def state_test_holds(variables: Mapping[str, int], text: str) -> bool:
    """Return True when a ``trust>=6`` test holds on the hidden variables."""
    name, op, number = parse_state_test(text)
    value = variables.get(name)
    if value is None:
        return False
    return _compare(value, "=" if op == "==" else op, number)


@dataclass
class Context:
    """What a condition may look at: hidden variables, set flags, and the reports per check kind."""

    variables: Mapping[str, int]
    flags: frozenset[str] | set[str]
    reports: Mapping[str, Mapping[str, Any] | None]
    default_check: str | None = None


def holds(condition: Mapping[str, Any] | None, ctx: Context, matched: list[str] | None = None) -> bool:
    """Return True when the condition holds; append the report tests that counted to ``matched``."""
    if not condition:
        return True
    hits: list[str] = []
    kind = condition.get("check") or ctx.default_check
    if any(key in condition for key in REPORT_KEYS):
        report = ctx.reports.get(kind) if kind else None
        if report is None:
            return False
        for text in condition.get("all", ()):
            if not report_test_holds(report, parse_report_test(text)):
                return False
            hits.append(text)
        anys = condition.get("any", ())
        if anys:
            found = [text for text in anys if report_test_holds(report, parse_report_test(text))]
            if not found:
                return False
            hits.extend(found)
        for text in condition.get("none", ()):
            if report_test_holds(report, parse_report_test(text)):
                return False
    for text in condition.get("state", ()):
        if not state_test_holds(ctx.variables, text):
            return False
    for flag in condition.get("flags", ()):
        wanted = not flag.startswith("!")
        if (flag.lstrip("!") in ctx.flags) != wanted:
            return False
    inner = Context(ctx.variables, ctx.flags, ctx.reports, kind)
    if "any_of" in condition:
        for nested in condition["any_of"]:
            nested_hits: list[str] = []
            if holds(nested, inner, nested_hits):
                hits.extend(nested_hits)
                break
        else:
            return False
    if "not" in condition and holds(condition["not"], inner):
        return False
    if matched is not None:
        matched.extend(hits)
    return True


def checks_used(condition: Mapping[str, Any] | None, default_check: str | None) -> set[str]:
    """Return the check kinds a condition needs reports for."""
    if not condition:
        return set()
    kinds: set[str] = set()
    if any(key in condition for key in REPORT_KEYS):
        kind = condition.get("check") or default_check
        if kind:
            kinds.add(kind)
    inner = condition.get("check") or default_check
    for nested in condition.get("any_of", ()):
        kinds |= checks_used(nested, inner)
    if "not" in condition:
        kinds |= checks_used(condition["not"], inner)
    return kinds


def report_tests(condition: Mapping[str, Any] | None, default_check: str | None) -> list[tuple[str | None, str]]:
    """Return every (check kind, report test) in a condition, nested ones included."""
    if not condition:
        return []
    kind = condition.get("check") or default_check
    found = [(kind, text) for key in REPORT_KEYS for text in condition.get(key, ())]
    for nested in condition.get("any_of", ()):
        found += report_tests(nested, kind)
    if "not" in condition:
        found += report_tests(condition["not"], kind)
    return found


def state_names(condition: Mapping[str, Any] | None) -> list[str]:
    """Return the variables and flags a condition mentions, as ('var'|'flag', name) pairs flattened."""
    if not condition:
        return []
    names = [("var", parse_state_test(text)[0]) for text in condition.get("state", ())
             if STATE_TEST.match(text)]
    names += [("flag", flag.lstrip("!")) for flag in condition.get("flags", ())]
    for nested in condition.get("any_of", ()):
        names += state_names(nested)
    if "not" in condition:
        names += state_names(condition["not"])
    return names
