"""Speed of coachlab.checks: median ms per check after warm-up, a 10,000-character input, and a
1,000-line `coachlab check --input` run end to end (process start-up included).

    .venv/bin/python benchmarks/checks_speed.py

Targets from issue 3 (kept by issue 13, with clause structure and the learned layer): one check <= 5 ms
median, 10,000 characters <= 100 ms, 1,000 different lines <= 5 s.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.checks import KINDS, run  # noqa: E402

SAMPLES = {
    "feedback": ("On this morning's 10:15 call you put Mrs Chen on hold for six minutes without checking back, so she "
                 "complained in the survey. Next time, come back on the line every two minutes.",
                 "今天上午十点那通电话，你让陈女士等了六分钟，所以她在问卷里投诉了。下次请每两分钟回到线上告诉她进展。"),
    "goal": ("Raise my team's first contact resolution from 64% to 70% by the end of Q3.",
             "三季度末之前，把组里的首次解决率从64%提升到70%。"),
    "question": ("What else could you try on the next refund call?", "下一通退款电话，你还可以试试什么？"),
    "star": ("Last spring our queue had 900 emails. My job was to clear it. I wrote five templates. "
             "In three weeks it was down to 40.", "去年春天积压了900封邮件。我的任务是清掉积压。我写了五个模板。三周后降到了40封。"),
    "listening": ("So you've had three abusive calls. That sounds exhausting. What would help most right now?",
                  "也就是说你接了三个骂人的电话。听起来很累。现在最能帮到你的是什么？"),
}


def median_ms(kind: str, text: str, repeat: int) -> float:
    """Return the median time of one check in milliseconds, after one warm-up call."""
    run(kind, text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(kind, text)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def median_ms_distinct(kind: str, text: str, repeat: int) -> float:
    """Return the median time of one check over ``repeat`` different texts (no cache of a repeated text helps)."""
    run(kind, text)
    times = []
    for i in range(repeat):
        variant = f"{text} {i}" if i % 2 else f"{i} {text}"
        start = time.perf_counter()
        run(kind, variant)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def long_text(kind: str, lang_index: int, size: int = 10_000) -> str:
    """Return a text of ``size`` characters made of the sample repeated."""
    sample = SAMPLES[kind][lang_index] + (" " if lang_index == 0 else "")
    return (sample * (size // len(sample) + 1))[:size]


def batch_seconds(lang_index: int, lines: int = 1000) -> float:
    """Return the wall time of `coachlab check feedback --input` on a file of ``lines`` lines."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        # Every line differs (a call time and a wait of its own), so no cache of a repeated text helps.
        base = SAMPLES["feedback"][lang_index]
        texts = [base.replace("10:15", f"{8 + i % 9}:{i % 60:02d}").replace("十点", f"{i % 12 + 1}点")
                 .replace("six", str(2 + i % 9)).replace("六", "二三四五六七八九十"[i % 9]) for i in range(lines)]
        path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "coachlab.cli", "check", "feedback", "--input", str(path)],
                              cwd=REPO, capture_output=True, text=True, encoding="utf-8")
        seconds = time.perf_counter() - start
        assert done.returncode == 0 and len(done.stdout.splitlines()) == lines, done.stderr
        return round(seconds, 2)


def main() -> int:
    """Print the medians as JSON."""
    langs = ("en", "zh-CN")
    result = {
        "check_median_ms": {kind: {lang: median_ms(kind, SAMPLES[kind][i], 200) for i, lang in enumerate(langs)}
                            for kind in KINDS},
        "check_median_ms_distinct_texts": {kind: {lang: median_ms_distinct(kind, SAMPLES[kind][i], 200)
                                                  for i, lang in enumerate(langs)} for kind in KINDS},
        "chars_10000_median_ms": {kind: {lang: median_ms(kind, long_text(kind, i), 15) for i, lang in enumerate(langs)}
                                  for kind in KINDS},
        "input_1000_lines_seconds": {lang: batch_seconds(i) for i, lang in enumerate(langs)},
        "targets": {"check_median_ms": 5, "chars_10000_median_ms": 100, "input_1000_lines_seconds": 5},
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
