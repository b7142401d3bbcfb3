"""`coachlab check` run as a real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def coachlab(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m coachlab.cli`` with ``args``."""
    return subprocess.run([sys.executable, "-m", "coachlab.cli", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", input=stdin, timeout=60)


@pytest.mark.parametrize(("kind", "text", "lang", "field"), [
    ("feedback", "你总是迟到", "zh", "flags"), ("goal", "Raise FCR from 64% to 70% by end of Q3", "en", "criteria"),
    ("question", "What have you tried?", "auto", "form"), ("star", "去年我把积压降到了40封。", "auto", "elements"),
    ("listening", "So you had three hard calls. That sounds exhausting.", "en", "elements"),
])
def test_one_text_prints_one_json_object(kind: str, text: str, lang: str, field: str) -> None:
    """One TEXT gives one JSON object on stdout and exit 0, for each kind."""
    done = coachlab("check", kind, text, "--lang", lang)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert field in report and report["lang"] in ("en", "zh-CN")


def test_jsonl_input_keeps_order_and_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    """Good lines are answered in order with their ids; bad ones go to stderr with a line number; exit 2."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes("\n".join([
        json.dumps({"id": "a1", "text": "你总是迟到"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 7, "text": "Thanks for covering the late shift on Saturday.", "lang": "en"}),
        json.dumps({"id": "no-text"}),
        "",
        json.dumps({"text": "下次请先核对订单号再转接。"}, ensure_ascii=False),
    ]).encode("utf-8") + b"\n\xff\xfe\n")
    done = coachlab("check", "feedback", "--input", str(path))
    assert done.returncode == 2
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") for r in out] == ["a1", 7, None]
    assert out[0]["flags"] == ["absolute"] and out[1]["lang"] == "en" and out[2]["lang"] == "zh-CN"
    errors = done.stderr.strip().splitlines()
    assert [e.split(":")[1] for e in errors] == ["2", "4", "7"]
    assert "Traceback" not in done.stderr


def test_csv_input(tmp_path: Path) -> None:
    """A CSV with id, text, lang, context columns works like JSONL."""
    path = tmp_path / "batch.csv"
    path.write_text('id,text,lang,context\nq1,"What else could you try?",,\nq2,你不觉得应该升级吗？,zh,\n', encoding="utf-8")
    done = coachlab("check", "question", "--input", str(path))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["id"], r["form"], r["leading"]) for r in out] == [("q1", "open", False), ("q2", "closed", True)]


@pytest.mark.parametrize("args", [("check", "poem", "hi"), ("check", "goal", "--input", "/no/such/file.jsonl"),
                                  ("check", "goal"), ("check", "goal", "x", "--lang", "fr")])
def test_usage_errors_are_one_line(args: tuple[str, ...]) -> None:
    """An unknown kind, a missing file, no text or a bad language is one line on stderr, exit 2."""
    done = coachlab(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
