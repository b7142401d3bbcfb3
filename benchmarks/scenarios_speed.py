"""How fast the role-play core is: validating every scenario, and answering one turn.

Targets (issue 4): validate all scenarios <= 1 s; a turn (choice or free text read by
coachlab.checks) <= 50 ms server-side. Prints the medians and the targets as JSON; exits 1 when a
median misses its target.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.scenarios import engine, load_all  # noqa: E402
from coachlab.scenarios.validator import scenario_files, validate_file  # noqa: E402

VALIDATE_TARGET_S = 1.0
TURN_TARGET_MS = 50.0


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def validate_all() -> None:
    """Load and validate every scenario file from disk, as `coachlab scenario validate` does."""
    for path in scenario_files(REPO):
        validate_file(path)


def turn_samples(scenarios, round_: int = 0) -> tuple[list[float], list[float]]:
    """Return per-turn times (ms) for choice turns and for free-text turns, along each best path.

    Each round adds a different suffix to the typed text, so no cache inside the checks can help.
    """
    choice_ms, free_ms = [], []
    for scenario in scenarios.values():
        for lang in ("en", "zh-CN"):
            session = engine.start(scenario)
            for edge in scenario.best_path():
                node = scenario.nodes[edge.node]
                start = time.perf_counter()
                if "choices" in node:
                    session, _ = engine.choose(scenario, session, edge.id)
                    choice_ms.append((time.perf_counter() - start) * 1000)
                else:
                    session, _ = engine.answer(scenario, session, f'{node["free"]["better"][lang]} ({round_})')
                    free_ms.append((time.perf_counter() - start) * 1000)
                if session.finished:
                    break
    return choice_ms, free_ms


def main() -> int:
    """Measure, print JSON, and return 0 when every median meets its target."""
    scenarios, problems = load_all(REPO)
    turn_samples(scenarios)  # warm-up: jieba's dictionary and the rule files load once per process
    validate_median = _median_time(validate_all, 7)
    choice, free = [], []
    for round_ in range(1, 6):
        c, f = turn_samples(scenarios, round_)
        choice += c
        free += f
    result = {
        "scenarios": len(scenarios),
        "problems": len(problems),
        "validate_all_median_s": round(validate_median, 4),
        "validate_all_target_s": VALIDATE_TARGET_S,
        "choice_turn_median_ms": round(statistics.median(choice), 3),
        "free_text_turn_median_ms": round(statistics.median(free), 3),
        "free_text_turn_p95_ms": round(sorted(free)[int(len(free) * 0.95) - 1], 3),
        "turn_target_ms": TURN_TARGET_MS,
        "turns_measured": len(choice) + len(free),
    }
    result["ok"] = (validate_median <= VALIDATE_TARGET_S and result["free_text_turn_median_ms"] <= TURN_TARGET_MS
                    and result["choice_turn_median_ms"] <= TURN_TARGET_MS)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
