"""The load benchmark, tiny: it runs against the shared test server and reports a room's figures as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
TARGETS = {"http_opens_p95_le_5s_no_failure", "uss_per_idle_kernel_le_40mb",
           "browser_all_finish_saved_turn_p95_le_1s", "nothing_lost", "leave_frees_kernels"}


def test_a_tiny_room_plays_to_the_debrief_and_loses_nothing(voila_server, browser, tmp_path):
    """Three HTTP opens, one learner to the debrief, two who open and leave pages: no failure, every attempt saved."""
    out = tmp_path / "load.json"
    # Its own process: the benchmark drives Chromium with Playwright's asyncio API, the suite with the sync one.
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "load.py"), "--url", voila_server.url,
         "--pid", str(voila_server.proc.pid), "--data", str(voila_server.data), "--http", "3", "--browser", "1",
         "--leave", "2", "--leave-pages", "3", "--spread", "1", "--timeout", "60", "--settle", "10",
         "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert json.loads(run.stdout) == result
    assert "error" not in result, result["error"]

    http = result["http"]
    assert (http["learners"], http["rendered"], http["failures"]) == (3, 3, 0), http["failure_reasons"]
    assert http["rendered_s"]["n"] == 3
    assert 0 < http["rendered_s"]["p50"] <= http["rendered_s"]["p95"] <= http["rendered_s"]["max"]
    assert http["memory"]["kernel_processes"]["count"] >= 1 and http["memory"]["kernel_processes"]["uss_mb"] > 0
    assert http["memory"]["server_rss_mb"] > 0

    played = result["browser"]
    assert (played["reached_debrief"], played["failures"]) == (1, 0), played["failure_reasons"]
    # bid-late-logins' best plan has nine steps; the Start click is the first answered turn.
    assert played["turn_s"]["n"] == 10 and played["first_answered_turn_s"]["n"] == 1
    assert played["saved_shown"] == 1

    records = result["records"]
    assert records["attempts"] == records["debriefs"] == 1
    assert records["integrity_check"] == "ok"

    leave = result["leave"]
    assert (leave["pages_opened"], leave["pages_left"], leave["load_failures"]) == (6, 6, 0), leave["failure_reasons"]
    assert leave["stopped_early"] is None and leave["kernel_processes_after"] >= 0

    assert set(result["targets"]) == TARGETS
    assert all(isinstance(target["met"], bool) for target in result["targets"].values())
    assert result["targets"]["nothing_lost"]["met"] is True
