"""Role-play scenarios: the YAML format and its JSON Schema, a loader with precise errors, the
validator (schema and graph checks), the pure engine, and playthrough test plans.

The names below are imported on first use (coachlab/lazy.py): `coachlab check` registers its command line
through ``coachlab.scenarios.cli`` and must not pay for the validator's pandas and jsonschema at every start.
"""

from __future__ import annotations

from coachlab.lazy import exports

__all__, __getattr__ = exports(__name__, {
    "engine": ("EngineError", "Event", "Session", "answer", "choose", "confirm", "debrief", "options", "percentages",
               "start", "view"),
    "loader": ("Problem",),
    "model": ("BANDS", "Scenario"),
    "testplan": ("load_plan", "plan_path", "run_plan", "run_play"),
    "validator": ("load_all", "load_scenario", "schema", "schema_path", "scenario_files", "validate_file"),
})
