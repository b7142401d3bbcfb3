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


# --- coachlab check export-disputes ---------------------------------------------------------------------
def _accuracy_module():
    """The course's corpus loader (coachlab.checks.corpus: ``load`` and ``expected``), as the trainer reads it."""
    from coachlab.checks import corpus

    return corpus


ZH_IMPACT = "早上你七点五十五就登录了，少你一个人，那一刻钟服务水平就掉到71%，其他人排队压力也挺大的。"
EN_LISTEN = "Three abusive callers before ten, and nobody checked on you. That's a rough morning."


FEEDBACK_MISSED = {"elements": {"behavior": True, "impact": False, "appreciation": False, "development": False},
                   "model": None, "flags": ["label"], "lang": "zh-CN", "pitfalls": [{"id": "label", "why": "…"}]}
LISTENING_MISSED = {"elements": {"fact": False, "feeling": True, "focus": False}, "lang": "en"}


def _records(path: Path) -> None:
    """Two overturned disputes (zh feedback, en listening), one kept, one open; verdicts as a check gave them."""
    from coachlab.progress import open_store
    from coachlab.progress.store import Dispute

    with open_store(path) as store:
        fb = store.add_dispute(Dispute("王芳", "bid-late-logins", "feedback", ZH_IMPACT, FEEDBACK_MISSED, "这就是影响",
                                       "impact", lang="zh-CN"))
        ls = store.add_dispute(Dispute("li-lei", "listening", "listening", EN_LISTEN, LISTENING_MISSED,
                                       "I did restate it", "fact", lang="en",
                                       context="I've had three abusive callers this morning."))
        kept = store.add_dispute(Dispute("li-lei", "feedback", "feedback", "Thanks!", FEEDBACK_MISSED, "it is fine",
                                         None, lang="en"))
        store.add_dispute(Dispute("li-lei", "goal", "goal", "Be better.", {"criteria": {}}, "hm"))
        store.resolve_dispute(fb, "overturned", "coach", {"impact": True, "label": False})
        store.resolve_dispute(ls, "overturned", "coach", {"fact": True})
        store.resolve_dispute(kept, "confirmed", "coach")


def test_export_disputes_writes_corpus_items_the_loader_reads(tmp_path: Path) -> None:
    """Overturned disputes only, one KIND.LANG.yaml per group, labels as the facilitator set them."""
    data = tmp_path / "progress.sqlite3"
    _records(data)
    out = tmp_path / "train"
    done = coachlab("check", "export-disputes", "-o", f"{out}/", "--data", str(data), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["feedback.zh-CN.yaml", "listening.en.yaml"]
    assert "1 overturned dispute(s) written" in done.stdout
    accuracy = _accuracy_module()
    [fb] = accuracy.load("feedback", "zh-CN", out)
    assert fb["t"] == ZH_IMPACT and sorted(fb["has"]) == ["b", "i"]
    gold = accuracy.expected("feedback", fb)
    assert gold["impact"] and gold["behavior"] and not gold["appreciation"] and not gold["label"]
    [ls] = accuracy.load("listening", "en", out)
    assert ls["ctx"] == "I've had three abusive callers this morning."
    assert accuracy.expected("listening", ls) == {"fact": True, "feeling": True, "focus": False}


def test_export_disputes_appends_to_a_named_corpus_file_and_refuses_a_mixed_one(tmp_path: Path) -> None:
    """A file named KIND.LANG.yaml keeps its lines and gains that group; a plain name with two groups is refused."""
    data = tmp_path / "progress.sqlite3"
    _records(data)
    target = tmp_path / "feedback.zh-CN.yaml"
    target.write_text('- t: "已经在语料里的一条。"\n  has: [b]\n', encoding="utf-8")
    done = coachlab("check", "export-disputes", "-o", str(target), "--data", str(data), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "已把 1 条改判的申诉" in done.stdout
    items = _accuracy_module().load("feedback", "zh-CN", tmp_path)
    assert [i["t"] for i in items] == ["已经在语料里的一条。", ZH_IMPACT]
    mixed = coachlab("check", "export-disputes", "-o", str(tmp_path / "all.yaml"), "--data", str(data), "--lang", "en")
    assert mixed.returncode == 2 and "feedback.zh-CN, listening.en" in mixed.stderr
    assert not (tmp_path / "all.yaml").exists()


@pytest.mark.parametrize(("lang", "words"), [("en", "no overturned disputes"), ("zh", "还没有改判的申诉")])
def test_export_disputes_says_so_when_there_are_none(tmp_path: Path, lang: str, words: str) -> None:
    """Nothing overturned: a message in the facilitator's language, exit 0, no file."""
    done = coachlab("check", "export-disputes", "-o", str(tmp_path / "x.yaml"), "--data",
                    str(tmp_path / "p.sqlite3"), "--lang", lang)
    assert done.returncode == 0 and words in done.stdout
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "p.sqlite3").exists()
