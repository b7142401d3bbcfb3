"""``coachlab scenario validate [PATH…]`` and ``coachlab scenario play ID --script FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coachlab.i18n import LANGS, normalize_lang


def _root() -> Path:
    from coachlab.paths import course_root

    return course_root()


def _expand(paths: list[str]) -> list[Path]:
    from .validator import scenario_files

    if not paths:
        return scenario_files(_root())
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.glob("*.yaml") if not p.name.endswith(".testplan.yaml"))
        else:
            found.append(path)
    return found


def _validate(args: argparse.Namespace) -> int:
    from .testplan import load_plan, plan_path
    from .validator import validate_file

    files = _expand(args.paths)
    problems, valid = [], 0
    for path in files:
        if path.name.endswith(".testplan.yaml"):
            plan, issues = load_plan(path)
            problems += issues
            valid += plan is not None
            continue
        scenario, issues = validate_file(path)
        problems += issues
        valid += scenario is not None
        if scenario is not None and not args.no_plans:
            plan = plan_path(path)
            if not plan.exists():
                from .loader import Problem
                problems.append(Problem(str(path), 1, 1, f"no playthrough test plan beside it ({plan.name})", "no-plan"))
            else:
                problems += load_plan(plan)[1]
    if args.json:
        print(json.dumps({"files": len(files), "valid": valid, "problems": [p.to_dict() for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
        print(f"{valid}/{len(files)} scenario file(s) valid, {len(problems)} problem(s)",
              file=sys.stderr if problems else sys.stdout)
    return 1 if problems or not files else 0


def _play(args: argparse.Namespace) -> int:
    from . import engine
    from .testplan import load_plan, run_plan
    from .validator import load_scenario

    scenario, problems = load_scenario(_root(), args.id)
    if scenario is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    plan, plan_problems = load_plan(Path(args.script))
    if plan is None:
        for problem in plan_problems:
            print(problem, file=sys.stderr)
        return 2
    langs = (normalize_lang(args.lang),) if args.lang else None
    results = run_plan(scenario, plan, langs)
    if args.json:
        print(json.dumps([r.to_dict(scenario) for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            lang = result.lang
            print(f"== {scenario.id} · {result.name} · {lang}: {'ok' if result.ok else 'FAILED'}")
            for turn in result.session.turns:
                said = turn["said"][lang] if isinstance(turn["said"], dict) else turn["said"]
                picked = turn.get("option") or turn.get("intent") or "fallback"
                print(f"  [{turn['node']}] {turn['line'][lang]}")
                print(f"    > {said}")
                print(f"    = {picked}{' (retry)' if turn.get('retry') else ''}: {turn['feedback'][lang]}")
            report = engine.debrief(scenario, result.session)
            print(f"  ending: {result.session.ending}")
            for skill in report["skills"]:
                print(f"  {skill['skill']}: {skill['percent']}% {skill['band']}")
            for failure in result.failures:
                print(f"  FAIL: {failure}")
    return 0 if all(r.ok for r in results) else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``scenario`` subcommand (validate, play) to the coachlab command."""
    scenario = subparsers.add_parser("scenario", help="validate and play role-play scenarios")
    inner = scenario.add_subparsers(dest="scenario_command", required=True)
    validate = inner.add_parser("validate", help="check scenario files: schema, references, graph, test plans")
    validate.add_argument("paths", nargs="*", help="scenario files or folders (default: all under scenarios/)")
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    validate.add_argument("--no-plans", action="store_true", help="do not require a test plan beside each file")
    validate.set_defaults(run=_validate)
    play = inner.add_parser("play", help="run a playthrough script against a scenario")
    play.add_argument("id", help="the scenario slug, e.g. bid-late-logins")
    play.add_argument("--script", required=True, help="a test plan file, or a YAML list of steps")
    play.add_argument("--lang", choices=[*LANGS, "zh"], help="play in one language only (default: both)")
    play.add_argument("--json", action="store_true", help="print results and debriefs as JSON")
    play.set_defaults(run=_play)
