"""Released notebooks and submissions: find answer cells, rebuild a submission on its template, fill answers.

Only the answer cells of a submission are taken from the learner, and only after sanitising; every other
cell comes from the released template, so deleting or editing locked cells changes nothing but a flag.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import nbformat

from .sanitize import SanitizedCell, empty_cell, expected_names, render_answers, sanitize_answer


def grade_id(cell: dict) -> str | None:
    """Return the nbgrader grade_id of a cell, or None."""
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def is_answer(cell: dict) -> bool:
    """Return True for a cell the learner writes in (an nbgrader solution cell with code)."""
    meta = cell.get("metadata", {}).get("nbgrader") or {}
    return cell.get("cell_type") == "code" and bool(meta.get("solution"))


def answer_names(template: nbformat.NotebookNode) -> dict[str, tuple[str, ...]]:
    """Return {answer grade_id: the names it assigns} for a released notebook."""
    return {grade_id(c): expected_names(c.source) for c in template.cells if is_answer(c)}


@dataclass(frozen=True)
class Rebuilt:
    """A submission rebuilt on its template: the notebook to grade, answers found, and flags."""

    notebook: nbformat.NotebookNode
    answers: dict[str, Any]
    flags: tuple[str, ...]


def _locked_changes(template: nbformat.NotebookNode, submitted: dict) -> list[str]:
    """Return flags for locked cells the learner deleted or edited (nbgrader would restore them anyway)."""
    mine = {grade_id(c): c for c in submitted.get("cells", []) if isinstance(c, dict) and grade_id(c)}
    flags = []
    for cell in template.cells:
        gid = grade_id(cell)
        if not gid or is_answer(cell):
            continue
        theirs = mine.get(gid)
        if theirs is None:
            flags.append(f"locked-cell-deleted:{gid}")
        elif _text(theirs.get("source")) != cell.source:
            flags.append(f"locked-cell-edited:{gid}")
    return flags


def _text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def rebuild(template: nbformat.NotebookNode, submitted: dict | None) -> Rebuilt:
    """Return the template with the submission's sanitised answers in its answer cells.

    ``submitted`` is the parsed JSON of the learner's notebook, or None when it could not be read.
    """
    nb = copy.deepcopy(template)
    flags: list[str] = []
    answers: dict[str, Any] = {}
    if submitted is None:
        flags.append("notebook:unreadable")
        theirs: dict[str | None, dict] = {}
    else:
        cells = submitted.get("cells") if isinstance(submitted, dict) else None
        if not isinstance(cells, list):
            flags.append("notebook:no-cells")
            cells = []
        theirs = {grade_id(c): c for c in cells if isinstance(c, dict) and grade_id(c)}
        flags += _locked_changes(template, {"cells": cells})
    for cell in nb.cells:
        if not is_answer(cell):
            continue
        gid = grade_id(cell)
        names = expected_names(cell.source)
        learner_cell = theirs.get(gid)
        if learner_cell is None:
            result: SanitizedCell = empty_cell(names, ())
            if submitted is not None:
                flags.append(f"answer-cell-missing:{gid}")
        else:
            result = sanitize_answer(_text(learner_cell.get("source")), names)
            flags += [f"neutralised:{gid}:{reason}" for reason in result.flags]
        cell.source = result.source
        cell.outputs = []
        cell.execution_count = None
        answers.update(result.values)
    return Rebuilt(nb, answers, tuple(flags))


def fill_answers(template: nbformat.NotebookNode, answers: dict[str, Any]) -> nbformat.NotebookNode:
    """Return a copy of the released notebook with ``answers`` written as literals into its answer cells."""
    nb = copy.deepcopy(template)
    known = {name for names in answer_names(template).values() for name in names}
    unknown = set(answers) - known
    if unknown:
        raise KeyError(f"no answer cell holds {', '.join(sorted(unknown))}")
    for cell in nb.cells:
        if is_answer(cell):
            names = expected_names(cell.source)
            cell.source = render_answers({name: answers.get(name, "") for name in names})
    return nb


def read_submitted(raw: bytes | str) -> dict | None:
    """Return the parsed notebook JSON, or None when it is not a JSON object."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
