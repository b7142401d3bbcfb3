"""Role-play scenarios: the YAML format and its JSON Schema, a loader with precise errors, the
validator (schema and graph checks), the pure engine, and playthrough test plans."""

from .engine import EngineError, Event, Session, answer, choose, confirm, debrief, options, percentages, start, view
from .loader import Problem
from .model import BANDS, Scenario
from .testplan import load_plan, plan_path, run_plan, run_play
from .validator import load_all, load_scenario, schema, schema_path, scenario_files, validate_file

__all__ = [
    "BANDS", "EngineError", "Event", "Problem", "Scenario", "Session", "answer", "choose", "confirm", "debrief",
    "load_all", "load_plan", "load_scenario", "options", "percentages", "plan_path", "run_plan", "run_play",
    "scenario_files", "schema", "schema_path", "start", "validate_file", "view",
]
