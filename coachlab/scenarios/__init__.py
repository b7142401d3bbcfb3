"""Role-play scenarios: the YAML format and its JSON Schema, a loader with precise errors, the
validator (schema and graph checks), the pure engine, and playthrough test plans.

The names below are imported on first use (PEP 562): `coachlab check` registers its command line through
``coachlab.scenarios.cli`` and must not pay for the validator's pandas and jsonschema at every start.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_FROM = {
    "engine": ("EngineError", "Event", "Session", "answer", "choose", "confirm", "debrief", "options", "percentages",
               "start", "view"),
    "loader": ("Problem",),
    "model": ("BANDS", "Scenario"),
    "testplan": ("load_plan", "plan_path", "run_plan", "run_play"),
    "validator": ("load_all", "load_scenario", "schema", "schema_path", "scenario_files", "validate_file"),
}
_MODULE = {name: module for module, names in _FROM.items() for name in names}

__all__ = sorted(_MODULE)


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE[name]}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
