"""Tamper-proof answer cells: parse (never run) each answer cell and keep only literal assignments.

An answer cell may hold nothing but ``name = <literal>`` for the names its released template assigns.
Anything else (a call, an import, ``get_ipython()``, an attribute, a loop, an f-string, an unknown name)
could change how the hidden tests run, so the whole cell is replaced by the same names set to empty and
the reason is kept as a flag for the gradebook export.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from typing import Any

# A single answer longer than this is not prose a manager typed; it is an attempt to slow the checks down.
MAX_ANSWER_CHARS = 20_000
EMPTY: str = ""


@dataclass(frozen=True)
class SanitizedCell:
    """The cell source that will run at autograde, the values it sets, and why it was changed, if it was."""

    source: str
    values: dict[str, Any]
    flags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def neutralised(self) -> bool:
        """Return True when the learner's cell was replaced by empty answers."""
        return bool(self.flags)


def expected_names(template_source: str) -> tuple[str, ...]:
    """Return the names a released answer cell assigns, in order (the template is trusted)."""
    tree = ast.parse(template_source)
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id not in names:
                    names.append(target.id)
    return tuple(names)


def render_answers(values: dict[str, Any]) -> str:
    """Return cell source assigning each value as a safely quoted Python literal."""
    lines = []
    for name, value in values.items():
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a valid answer name")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"answer {name!r} must be text or a number, not {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"answer {name!r} must be a finite number")  # repr would be the name `inf`
        # repr() of str/int/float/bool is always a literal that ast.literal_eval reads back unchanged.
        lines.append(f"{name} = {value!r}")
    return "\n".join(lines) + "\n"


def empty_cell(names: tuple[str, ...], flags: tuple[str, ...]) -> SanitizedCell:
    """Return the neutral cell: every expected name set to an empty answer."""
    values = {name: EMPTY for name in names}
    return SanitizedCell(render_answers(values), values, flags)


def _literal(node: ast.expr) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _problem(statement: ast.stmt, names: tuple[str, ...], seen: dict[str, Any]) -> str | None:
    """Return why ``statement`` is not an allowed answer, or None (and record its value) when it is."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
            and isinstance(statement.value.value, str):
        return None  # a bare string is a note to self; it runs as nothing
    if not isinstance(statement, ast.Assign):
        return f"statement:{type(statement).__name__}"
    if len(statement.targets) != 1 or not isinstance(statement.targets[0], ast.Name):
        return "target:not-a-plain-name"
    name = statement.targets[0].id
    if name not in names:
        return f"name:{name}"
    ok, value = _literal(statement.value)
    if not ok:
        return f"value:{type(statement.value).__name__}"
    if not isinstance(value, (str, int, float, bool)) and value is not None:
        return f"value:{type(value).__name__}"
    if isinstance(value, str) and len(value) > MAX_ANSWER_CHARS:
        return "value:too-long"
    seen[name] = value
    return None


def sanitize_answer(source: str, names: tuple[str, ...]) -> SanitizedCell:
    """Return a safe version of an answer cell that may assign only ``names`` to literals."""
    if len(source) > MAX_ANSWER_CHARS * max(len(names), 1) + 1000:
        return empty_cell(names, ("cell:too-long",))
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        return empty_cell(names, (f"syntax:{type(exc).__name__}",))
    seen: dict[str, Any] = {}
    problems = [p for p in (_problem(stmt, names, seen) for stmt in tree.body) if p]
    if problems:
        return empty_cell(names, tuple(dict.fromkeys(problems)))
    values = {name: seen.get(name, EMPTY) for name in names}
    return SanitizedCell(render_answers(values), values)
