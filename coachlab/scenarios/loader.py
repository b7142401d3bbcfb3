"""Read scenario YAML keeping where every value came from, so errors name file, line and column.

PyYAML's composed node tree carries start marks; we build plain Python data from it ourselves and
keep a map from each value's path (a tuple of keys and indexes) to its 1-based line and column.
Duplicate keys, which PyYAML would silently overwrite, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, located precisely enough to fix it."""

    file: str
    line: int
    column: int
    message: str
    code: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as JSON-ready data."""
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message,
                "code": self.code}


@dataclass
class Marked:
    """YAML data plus the 1-based (line, column) of every value and mapping key in it."""

    data: Any
    marks: dict[Path_, tuple[int, int]]
    key_marks: dict[Path_, tuple[int, int]]

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Return the line and column of ``path`` (or of its key), else of its nearest located parent."""
        table = self.key_marks if key and tuple(path) in self.key_marks else self.marks
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
            table = self.marks
        return table.get(path, (1, 1))


class YamlProblem(Exception):
    """A YAML file that cannot be read as data; carries the located problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# libyaml's composer is several times faster and keeps the same marks; fall back to pure Python.
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_marked(text: str, filename: str = "<string>") -> Marked:
    """Parse YAML text into data with marks; raise YamlProblem on a syntax error or duplicate key."""
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(Problem(filename, line, col, f"YAML syntax: {exc.problem or exc}", "yaml")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(filename, 1, 1, f"YAML syntax: {exc}", "yaml")) from None
    finally:
        loader.dispose()
    marks: dict[Path_, tuple[int, int]] = {}
    key_marks: dict[Path_, tuple[int, int]] = {}
    constructor = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Path_) -> Any:
        marks[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            constructor.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise YamlProblem(Problem(filename, *_pos(key_node), "a mapping key must be a plain value", "yaml"))
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise YamlProblem(Problem(filename, *_pos(key_node), f"duplicate key {key!r}", "duplicate-key"))
                key_marks[path + (key,)] = _pos(key_node)
                out[key] = build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise YamlProblem(Problem(filename, *_pos(node), f"cannot read value: {exc}", "yaml")) from None

    data = None if root is None else build(root, ())
    return Marked(data, marks, key_marks)


def read_marked(path: Path) -> Marked:
    """Read a YAML file into data with marks; raise YamlProblem when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlProblem(Problem(str(path), 1, 1, f"cannot read file: {exc}", "io")) from None
    return load_marked(text, str(path))
