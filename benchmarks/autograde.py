"""Autograde speed: the same submissions graded by plain serial `nbgrader autograde` and by `coachlab grade autograde`.

Builds a scratch course with a05-feedback released, writes N Voilà-style submissions (a deterministic mix of
full, partial and empty answers), then for each run copies the course twice, grades one copy each way and
checks that every learner's score is identical. Prints the median wall-clock time of each way, their ratio and
every run's time as JSON.

    .venv/bin/python benchmarks/autograde.py [--learners 60] [--workers N] [--timeout 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.grading.autograde import autograde  # noqa: E402
from coachlab.grading.course import Course, run_nbgrader  # noqa: E402
from coachlab.grading.submission import write_submission  # noqa: E402

SLUG = "a05-feedback"


def solutions() -> dict[str, str]:
    """Return the source solutions of the benchmark exercise."""
    import nbformat

    nb = nbformat.read(REPO / "exercises" / SLUG / f"{SLUG}.ipynb", 4)
    values = {}
    for cell in nb.cells:
        if (cell.metadata.get("nbgrader") or {}).get("solution"):
            source = re.sub(r"^### (BEGIN|END) SOLUTION\n?", "", cell.source, flags=re.M)
            for node in ast.parse(source).body:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def scores(course: Course) -> dict[str, float]:
    """Return every learner's total score from the course gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gb:
        return {s.student_id: float(s.score) for s in gb.assignment_submissions(SLUG)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each; medians are reported")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="coachlab-bench-"))
    try:
        base = Course(scratch / "base")
        base.root.mkdir()
        shutil.copy2(REPO / "grader" / "nbgrader_config.py", base.root / "nbgrader_config.py")
        shutil.copytree(REPO / "exercises" / SLUG, base.root / "source" / SLUG)
        done = run_nbgrader(["generate_assignment", SLUG, "--force"], base.root, timeout=900)
        if done.returncode != 0:
            print(done.stdout[-3000:], file=sys.stderr)
            return 1
        good, rng = solutions(), random.Random(6)
        for i in range(args.learners):
            answers = {name: value for name, value in good.items() if rng.random() < 0.7}
            write_submission(base, f"learner{i:03d}", SLUG, answers)
        serial_times, parallel_times, identical, statuses = [], [], True, set()
        for run in range(args.runs):
            serial_course = Course(scratch / f"serial{run}")
            parallel_course = Course(scratch / f"parallel{run}")
            shutil.copytree(base.root, serial_course.root)
            shutil.copytree(base.root, parallel_course.root)

            start = time.perf_counter()
            done = run_nbgrader(["autograde", SLUG, "--force"], serial_course.root, timeout=7200)
            serial_times.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stdout[-3000:], file=sys.stderr)

            start = time.perf_counter()
            outcomes = autograde(parallel_course, SLUG, workers=args.workers, timeout=args.timeout,
                                 progress=False)
            parallel_times.append(time.perf_counter() - start)

            serial_scores, parallel_scores = scores(serial_course), scores(parallel_course)
            identical &= serial_scores == parallel_scores and len(serial_scores) == args.learners
            statuses |= {o.status for o in outcomes}
            shutil.rmtree(serial_course.root)
            shutil.rmtree(parallel_course.root)
        serial_s, parallel_s = statistics.median(serial_times), statistics.median(parallel_times)
        print(json.dumps({
            "learners": args.learners, "workers": args.workers, "cores": os.cpu_count(), "runs": args.runs,
            "serial_nbgrader_s": round(serial_s, 1), "coachlab_parallel_s": round(parallel_s, 1),
            "speedup": round(serial_s / parallel_s, 2),
            "serial_runs_s": [round(x, 1) for x in serial_times],
            "parallel_runs_s": [round(x, 1) for x in parallel_times],
            "identical_scores": identical,
            "statuses": sorted(statuses),
            "load_average_1m": round(os.getloadavg()[0], 1),
        }))
        return 0 if identical else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
