"""Cantonese-flavoured Mandarin is read as Mandarin, one character for one (coachlab/text/dialect.py, session 14).

The reports still mark and quote what the learner wrote: evidence offsets and texts, and the quotes in the coach's
questions, are the learner's own Cantonese words."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from coachlab.checks import run
from coachlab.text.dialect import plain, restore

ENTRIES = yaml.safe_load(resources.files("coachlab.text").joinpath("lexicons/cantonese.yaml").read_text("utf-8"))["entries"]


def test_every_entry_keeps_the_length_and_reads_its_examples() -> None:
    assert len(ENTRIES) >= 40
    for entry in ENTRIES:
        assert len(entry["from"]) == len(entry["to"]), entry
        assert entry["why"] and entry["examples"], entry
        for example in entry["examples"]:
            read = plain(example)
            assert len(read) == len(example)
            assert read != example, (entry["from"], example)


@pytest.mark.parametrize("text", ["系统又卡了，关系到客户体验。", "打电话给客户，话术要改。", "明天8点开会，重点说一点。",
                                  "劳动仲裁的来电转二线。", "你唔觉得你应该早啲通知我咩？"[-3:], "Nice work on the 8:15 call."])
def test_mandarin_and_english_are_read_as_written(text: str) -> None:
    assert plain(text) == text


def test_cantonese_words_are_read_as_mandarin() -> None:
    assert plain("佢哋话我系统唔识用") == "他们说我系统不会用"
    assert plain("第一步系咩？听日8点半返工") == "第一步是啥？明天8点半上班"
    assert plain("你唔觉得你应该早啲通知我咩？").endswith("咩？")  # the closing particle stays


def test_the_report_marks_and_quotes_the_learners_own_words() -> None:
    text = "明白 你觉得手快的被表扬 你认真反而挨批 好唔公平 加上系我嚟讲 更加怪"
    report = run("listening", text, lang="zh-CN").to_dict()
    assert report["evidence"], report
    for e in report["evidence"]:
        assert e["text"] == text[e["start"]:e["end"]]
    quoted = [q["text"] for q in report["questions"]] + report["suggestions"]
    assert all("不公平" not in q and "系我来讲" not in q for q in quoted), quoted
    # Since session 15 the fact and the feeling are sure here (no question is asked): the evidence quotes the
    # learner's Cantonese, not the Mandarin the check read.
    assert any(e["text"] == "唔公平" for e in report["evidence"]), report["evidence"]


def test_restore_puts_back_only_what_was_replaced() -> None:
    shown, read = "佢今日冇返工", plain("佢今日冇返工")
    assert read == "他今天没上班"
    assert restore("你说的“他今天没上班”是事实吗？", shown, read) == "你说的“佢今日冇返工”是事实吗？"
    assert restore("你说的是事实吗？", shown, read) == "你说的是事实吗？"


def test_a_cantonese_answer_gets_the_verdict_of_its_mandarin() -> None:
    cantonese = run("feedback", "琴日嗰个客，你等佢讲完先答，佢最后冇投诉仲多谢你", lang="zh-CN").to_dict()
    mandarin = run("feedback", "昨天那个客，你等他讲完先答，他最后没投诉还多谢你", lang="zh-CN").to_dict()
    assert cantonese["elements"] == mandarin["elements"]
    assert cantonese["elements"]["behavior"] and cantonese["elements"]["impact"]
