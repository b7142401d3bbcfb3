"""A check gives the same report in every process: Python's string hashing changes the order of a set from one
process to the next, and nothing a learner reads may depend on it.

Until session 10 the features behind a verdict were ranked by their rounded weights, and equal ones kept the
set's order; the unsure question then quoted whichever sentence that order put first ("Is 'Half a shift' meant
as…" in one process, "Is 'How generous of you' meant as…" in the next).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    ("question", "Half a shift? How generous of you."),
    ("question", "Half a shift of overtime? How generous of you."),
    ("question", "那你自己觉得，接下来几个月能做点什么？"),
    ("feedback", "Yesterday you stayed on the line with the elderly caller until her card was unblocked."),
    ("feedback", "这周你帮新人听了三通录音，他们周五的质检分都上了85。"),
    ("goal", "Get my QA score to 90 by the end of June."),
    ("star", "任务：孙娜负责清积压。行动：她写了五个模板。结果：两周后降到40封。"),
    ("listening", "So the queue was full all morning and nobody told you why. That sounds maddening."),
]
SCRIPT = (
    "import json, sys\n"
    "from coachlab.checks import run\n"
    "texts = json.loads(sys.stdin.read())\n"
    "print(json.dumps([run(kind, text).to_dict() for kind, text in texts], ensure_ascii=False, sort_keys=True))\n"
)


def _reports(seed: int) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(TEXTS), capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, env=env, check=True)
    return json.loads(done.stdout)


def test_reports_do_not_depend_on_the_process_hash_seed() -> None:
    first = _reports(0)
    assert len(first) == len(TEXTS) and all(r["features"] for r in first)
    for seed in (1, 2):
        assert _reports(seed) == first, f"hash seed {seed} changed a report"
