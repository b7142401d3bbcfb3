"""benchmarks/measurements_table.py renders the before → after tables MEASUREMENTS.md holds, from the saved JSON."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAVED = REPO / "tests" / "corpus" / "measurements"
MEASUREMENTS = (REPO / "tests" / "corpus" / "MEASUREMENTS.md").read_text("utf-8")


def _render(*names: str) -> list[str]:
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "measurements_table.py"),
                          *(str(SAVED / n) for n in names)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


def test_a_per_label_before_after_table_is_the_one_the_session_wrote_by_hand():
    lines = _render("blind18-before.json", "blind18-after.json")
    rows = [line for line in lines if line.startswith(("| en |", "| zh-CN |", "| feedback |", "| star |"))]
    assert len(rows) == 6  # two summary rows, feedback and star in both languages
    for row in rows:
        assert row in MEASUREMENTS, row
    assert "0.913 → 0.916" in rows[0]


def test_a_turn_table_carries_asks_and_the_felt_verdict():
    lines = _render("turns17-before.json", "turns17-after.json")
    assert "| en | all | 0.97 of 244 (4) → 0.97 of 244 (3) | 0.80 of 366 (20) → 0.82 of 366 (21) |" in lines
    felt = [line for line in lines if "verdict a learner feels" in line]
    assert len(felt) == 2 and all(line in MEASUREMENTS for line in felt)


def test_one_file_gives_the_figures_alone():
    lines = _render("blind20-before.json")
    assert lines[2].startswith("| en | 350 | 0.925 |") and "→" not in "\n".join(lines)


def test_no_file_is_a_usage_error():
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "measurements_table.py")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "benchmarks/measurements_table.py" in run.stderr
