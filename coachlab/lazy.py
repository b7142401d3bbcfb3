"""A package's names imported on first use (PEP 562), so a command line that needs one module of a package
does not pay for the others at every start (`coachlab check` and the scenarios' validator, nbgrader)."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any, Callable, Mapping


def exports(package: str, table: Mapping[str, tuple[str, ...]]) -> tuple[list[str], Callable[[str], Any]]:
    """Return ``__all__`` and a module ``__getattr__`` for ``package``: ``table`` maps each submodule to its names."""
    module_of = {name: module for module, names in table.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module_of[name]}", package), name)
        setattr(sys.modules[package], name, value)  # later lookups are plain attribute reads
        return value

    return sorted(module_of), __getattr__
