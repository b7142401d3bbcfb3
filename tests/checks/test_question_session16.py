"""Question check and dialect reading, session 16 (judge question16). Phrasings of our own.

Wuhan speech types 么 for 什么 / 怎么 (么事, 为么事, 么样, 个么情况, 有么不一样): lexicons/wuhan.yaml reads it as Mandarin, with
guards so that 什么, 怎么, 这么, 那么, 多么, 要么 and a 么 closing a sentence (the particle 吗) stay as written.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from coachlab.checks import run
from coachlab.checks.base import analyse
from coachlab.text.dialect import plain

WUHAN = yaml.safe_load(resources.files("coachlab.text").joinpath("lexicons/wuhan.yaml").read_text("utf-8"))["entries"]


def test_every_wuhan_entry_keeps_the_length_and_reads_its_examples() -> None:
    assert len(WUHAN) >= 4
    for entry in WUHAN:
        assert len(entry["from"]) == len(entry["to"]), entry
        assert entry["why"] and entry["examples"], entry
        for example in entry["examples"]:
            read = plain(example)
            assert len(read) == len(example) and read != example, (entry["from"], example)


@pytest.mark.parametrize(("text", "read"), [
    ("为么事小周又没打回访？", "为什么小周又没打回访？"),
    ("你打算拿么事说服站长？", "你打算拿什么说服站长？"),
    ("那单件到底出了么事？", "那单件到底出了什么？"),
    ("这个流程你觉得么样改才顺？", "这个流程你觉得怎样改才顺？"),
    ("夜班那天是个么情况？", "夜班那天是个啥情况？"),
    ("换个做法会有么区别？", "换个做法会有啥区别？"),
    ("月底前冇交齐的单有几张？", "月底前没交齐的单有几张？"),
])
def test_wuhan_question_words_are_read_as_mandarin(text: str, read: str) -> None:
    assert plain(text) == read


@pytest.mark.parametrize("text", [
    "这个方案你同意么？",             # 么 closing the question is the particle 吗
    "是么，那你再说说看。",           # ... and closing a clause
    "这个么，我再想想。",             # a pause after 这个
    "你想做成什么样？有什么事找我。",   # 什么样, 什么事
    "怎么样？要么今天，要么明天。",     # 怎么样, 要么
    "这么样下去不行，那么多单压着。",   # 这么样, 那么
    "干么不早说？多么难得的机会。",     # 干么, 多么
])
def test_mandarin_mo_stays_as_written(text: str) -> None:
    assert plain(text) == text


@pytest.mark.parametrize(("text", "form"), [
    ("你觉得么样安排会更顺？", "open"),
    ("要是这个月都做到了，会有么不同？", "open"),
    ("你最想先改么事？", "open"),
    ("那天具体是个么情况？", "open"),
    ("这个安排你同意么？", "closed"),
])
def test_wuhan_questions_keep_their_form(text: str, form: str) -> None:
    """A Wuhan 么 question asks with a question word: open; a closing 么 asks for a yes: closed."""
    report = run("question", text, lang="zh-CN").to_dict()
    assert report["form"] == form
    for e in report["evidence"]:
        assert e["text"] == text[e["start"]:e["end"]]  # the learner's own words are quoted


def test_wuhan_accusing_why_leads() -> None:
    """为么事 is 为什么: an accusing why about the person's own lapse leads (conventions 10, 26)."""
    assert run("question", "为么事你每次都最后一个交日报？", lang="zh-CN").to_dict()["leading"] is True


@pytest.mark.parametrize(("text", "lang"), [
    # Offering, in scorn, to do the person's own job for them as well: leading, no stage (conventions 18, 19)
    ("Struggling with the queue? Should I answer your emails for you too?", "en"),
    ("A hand? Want me to write your call notes for you as well?", "en"),
    ("忙不过来？那要不我替你值班得了？", "zh-CN"),
])
def test_a_mock_offer_leads_and_has_no_stage(text: str, lang: str) -> None:
    report = run("question", text, lang=lang).to_dict()
    assert (report["grow_stage"], report["leading"]) == (None, True)


@pytest.mark.parametrize(("text", "lang"), [
    ("Shall I sit in on your next two calls with you?", "en"),   # a sincere offer: no "too"
    ("Should I book the training room for you?", "en"),
    ("要不我替你跟排班说一声？", "zh-CN"),                         # no 得了: a real offer
])
def test_a_sincere_offer_is_no_reproach(text: str, lang: str) -> None:
    assert not analyse("question", text, lang, None).has("reproach")


@pytest.mark.parametrize(("text", "lang"), [
    ("你这么用心，客户肯定感受得到的。", "zh-CN"),
    ("It was obviously a rough morning for everyone.", "en"),
])
def test_a_statement_whose_leading_word_hands_nothing_over_does_not_lead(text: str, lang: str) -> None:
    """statement_leads is false, and the learned layer may not add leading to it (model_may_not_add: stated_cue)."""
    report = run("question", text, lang=lang).to_dict()
    assert (report["form"], report["leading"]) == ("statement", False)
