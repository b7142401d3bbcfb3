"""Dialect words and chat spellings are read as the rules' language (coachlab/text/dialect.py): Cantonese-flavoured
Mandarin one character for one (session 14), the question and person words of other Mandarin dialects and English chat
spellings (session 18; English ones change the length).

The reports still mark and quote what the learner wrote: evidence offsets and texts, and the quotes in the coach's
questions, are the learner's own words."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from coachlab.checks import run
from coachlab.text.dialect import plain, reading, restore



def _entries(name: str) -> list[dict]:
    return yaml.safe_load(resources.files("coachlab.text").joinpath(f"lexicons/{name}").read_text("utf-8"))["entries"]


ENTRIES = _entries("cantonese.yaml")


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
    seen = reading("佢今日冇返工")
    assert seen.read == "他今天没上班"
    assert restore("你说的“他今天没上班”是事实吗？", seen) == "你说的“佢今日冇返工”是事实吗？"
    assert restore("你说的是事实吗？", seen) == "你说的是事实吗？"


def test_a_cantonese_answer_gets_the_verdict_of_its_mandarin() -> None:
    cantonese = run("feedback", "琴日嗰个客，你等佢讲完先答，佢最后冇投诉仲多谢你", lang="zh-CN").to_dict()
    mandarin = run("feedback", "昨天那个客，你等他讲完先答，他最后没投诉还多谢你", lang="zh-CN").to_dict()
    assert cantonese["elements"] == mandarin["elements"]
    assert cantonese["elements"]["behavior"] and cantonese["elements"]["impact"]


@pytest.mark.parametrize("name", ["mandarin-dialects.yaml", "chat-en.yaml", "mixed-en.yaml"])
def test_every_session18_entry_reads_its_examples(name: str) -> None:
    entries = _entries(name)
    assert len(entries) >= 10
    for entry in entries:
        assert entry["why"] and entry["examples"], entry
        for example in entry["examples"]:
            assert plain(example) != example, (entry["from"], example)
            if name == "mandarin-dialects.yaml":
                assert len(plain(example)) == len(example)
        for example in entry.get("not_examples", ()):
            assert entry["to"] not in plain(example), (entry["from"], example)


@pytest.mark.parametrize("text", ["额度不够，金额超额了，名额也满了。", "额……你先说。", "We were short. Its fine, he lets me know.",
                                  "A U-turn on the U.S. rules.", "I'll be ill tomorrow, ya know.", "The R&D team in room N2.",
                                  "Our Sino-British account renews in June."])
def test_words_with_another_reading_stay(text: str) -> None:
    assert plain(text) == text


def test_dialect_question_words_are_read_as_putonghua() -> None:
    assert plain("额想问问你，出了啥子事？你咋个看？") == "我想问问你，出了什么事？你怎么看？"
    assert plain("你做么子去了？俺们组晓得吗") == "你做什么去了？我们组知道吗"


def test_chat_spellings_are_read_as_words_and_the_report_quotes_the_learner() -> None:
    seen = reading("ok so wat went well n wat didnt, from ur side?")
    assert seen.read == "ok so what went well and what didn't, from your side?"
    start, end = seen.span(seen.read.index("what didn't"), seen.read.index("what didn't") + len("what didn't"))
    assert seen.shown[start:end] == "wat didnt"
    assert restore("You asked “what went well and what didn't”.", seen) == "You asked “wat went well n wat didnt”."
    assert plain("U ok? Ur doing fine.") == "You ok? You're doing fine."
    typed = run("question", "wat wud make it easier for u these next weeks while ur covering?", lang="en").to_dict()
    spelled = run("question", "What would make it easier for you these next weeks while you're covering?", lang="en").to_dict()
    assert typed["form"] == spelled["form"] == "open", (typed, spelled)
    for e in typed["evidence"]:
        assert e["text"] == "wat wud make it easier for u these next weeks while ur covering?"[e["start"]:e["end"]]


def test_a_chat_typed_goal_keeps_its_deadline() -> None:
    typed = run("goal", "Get ur FCR from 64% to 70% in 6 wks", lang="en").to_dict()
    spelled = run("goal", "Get your FCR from 64% to 70% in 6 weeks", lang="en").to_dict()
    assert typed["criteria"] == spelled["criteria"] and typed["criteria"]["time_bound"], typed
    assert typed["deadline"] == "in 6 wks"  # quoted as the learner wrote it


def test_a_question_word_mixed_into_english_makes_an_open_question() -> None:
    """Taglish, Malay, Swahili or Hinglish question words are read as English ones; the rest of the line stays."""
    assert plain("Ano yung uunahin mo, at kailan?") == "What yung uunahin mo, at when?"
    assert plain("Kwa nini the queue jumped on Monday?") == "Why the queue jumped on Monday?"
    for text in ("Ano yung uunahin mo, at kailan?", "Kya help chahiye from me this week?"):
        assert run("question", text, lang="en").to_dict()["form"] == "open", text


@pytest.mark.parametrize(("kind", "text"), [
    ("feedback", "thx for covering. ur notes were gr8, the customer didnt call back"),
    ("goal", "get ur FCR to 70% in 6 wks"),
    ("listening", "so ur saying the customer shouted at u and u felt bad? wat wud help now?"),
    ("star", "i was asked to fix the backlog n i did it in 2 wks"),
])
def test_a_template_keeps_its_own_words(kind: str, text: str) -> None:
    """The coach's own sentences stay as written: a template's "you", "this" or "and" is no quote of a read "u",
    "thx" or "n" (a quote must hold a word of the learner's own too, and cut no replaced word)."""
    report = run(kind, text, lang="en").to_dict()
    assert report["suggestions"], report
    for line in report["suggestions"]:
        assert not re.search(r"\b(?:u|ur|n|wat|wud|thx|gr8|wks|didnt)\b", line) or any(
            q in line for q in ("ur notes", "wat wud", "u felt", "in 6 wks")), line
        assert not re.search(r"\b(?:Thix|tat)\b", line), line


def test_a_quote_cut_inside_a_chinese_word_is_still_the_learners() -> None:
    """A quote cut short inside a word read one character for one (今日 -> 今天) still shows the learner's characters."""
    seen = reading("佢今日冇返工")
    assert restore("你说的“他今天没上”……", seen) == "你说的“佢今日冇返”……"


@pytest.mark.parametrize(("text", "lang"), [
    ("介事儿你打算嘛时候弄完？", "zh-CN"),  # 天津话: 介 = 这, 嘛 = 什么
    ("你觉得嘛原因？", "zh-CN"),
    ("Wah yuh tink we can try next week?", "en"),  # Jamaican patois: wah = what, yuh = you, tink = think
    ("Wah mek yuh nuh call him back?", "en"),
])
def test_tianjin_and_patois_questions_are_open(text: str, lang: str) -> None:
    """A question asked with Tianjin's or patois's question word is an open question (session 19), and the evidence
    quotes the learner's own words."""
    report = run("question", text, lang=lang).to_dict()
    assert report["form"] == "open", report
    assert all(e["text"] == text[e["start"]:e["end"]] for e in report["evidence"])


@pytest.mark.parametrize("text", ["指标嘛都要达标，具体到时候再说。", "目标嘛就是80%", "新人都爱找你嘛😄", "我先介绍一下流程",
                                  "Wah, so fast give up ah?", "wah lau, again?"])
def test_particles_and_exclamations_stay(text: str) -> None:
    """The particle 嘛 (topic or close), 介绍, and the exclamation "wah" are read as written."""
    assert plain(text) == text


def test_tianjin_jieme_is_read_whole() -> None:
    """介么 is 这么, read as one word, so Wuhan's 么 (什么/怎么) does not take its second character ("这啥" before)."""
    assert plain("电话介么多，为嘛就你掉得介么狠？") == "电话这么多，为啥就你掉得这么狠？"
