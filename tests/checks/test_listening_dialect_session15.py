"""Session 15 (judge J-listening15b): a restatement conceded before "but" and an answer; Cantonese words still unread.

Listening: the agent's words told back, then "but" and a rule, a need of the manager or a denial, restate nothing
(listening.CONCESSION_IS_OVERRULED; rules listening.*.contrast). A "but" followed by the agent's own story, or by
nothing that answers, leaves the restatement. Dialect: 点 / 边 as question words, and a few frequent Cantonese words,
are read as Mandarin where the context says so (lexicons/cantonese.yaml); Mandarin 一点, 旁边, 边上 stay.
Phrasings are this file's own.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.listening import check_listening
from coachlab.text.dialect import plain

LATE = "Since the rota change my daughter's nursery opens at 7:45 and the tram is never on time, so I keep missing the 8:00 start."
LATE_ZH = "换了早班以后我要先送女儿去托班，电车老是晚点，我一路跑还是赶不上八点。"


@pytest.mark.parametrize("text", [
    "Sorry the tram keeps letting you down, but the rota is the rota.",
    "The tram keeps making you late. But the rota is the rota.",
    "So the nursery opens at 7:45 and the tram is late, however the rota is the rota.",
])
def test_a_restatement_overruled_by_a_rule_restates_nothing(text: str) -> None:
    assert not check_listening(text, lang="en", context=LATE).elements["fact"]


def test_a_restatement_overruled_in_chinese_restates_nothing() -> None:
    text = "电车老是晚点，你一路跑还是赶不上，不过排班就是排班。"
    assert not check_listening(text, lang="zh-CN", context=LATE_ZH).elements["fact"]


@pytest.mark.parametrize("text", [
    "You say the mornings are fine, but you keep missing the 8:00 start because of the tram.",
    "So the nursery opens at 7:45, but the tram is never on time and you still miss the start.",
])
def test_a_but_inside_the_agents_story_keeps_the_restatement(text: str) -> None:
    assert check_listening(text, lang="en", context=LATE).elements["fact"]


def test_a_but_in_chinese_inside_the_agents_story_keeps_the_restatement() -> None:
    text = "你每天先送女儿去托班，但电车老是晚点，跑着来还是赶不上八点。"
    assert check_listening(text, lang="zh-CN", context=LATE_ZH).elements["fact"]


def test_a_feeling_named_before_a_rule_stays_named() -> None:
    # the writers split on it (blind16, turns8 keep it): the concession takes back only the restatement
    assert check_listening("我知道你挺委屈，但指标就是指标。", lang="zh-CN").elements["feeling"]


def test_the_rule_said_to_be_itself_in_chinese_is_no_restatement() -> None:
    report = check_listening("排班就是排班，按表来。", lang="zh-CN", context="我想换到中班，早班我真的赶不上。")
    assert not report.elements["fact"]


def test_the_agents_own_position_told_back_is_no_rule() -> None:
    report = check_listening("单子漏了就是漏了，还被说较真，你觉得挺冤。", lang="zh-CN",
                             context="单子漏了就是漏了，我照实写，结果被说太较真。")
    assert report.elements["fact"]


@pytest.mark.parametrize("text, read", [
    ("你心目中嘅一个好班係点", "你心目中的一个好班是咋"),
    ("你啲时间都去咗边", "你些时间都去了哪"),
    ("你打算边日同佢倾", "你打算哪日同他聊"),
    ("你想调去边条线？", "你想调去哪条线？"),
    ("咁你打算点跟进呢单嘢", "那你打算咋跟进这单事"),
    ("你自己点睇呢次投诉", "你自己咋看这次投诉"),
    ("你想休息定系继续接？", "你想休息还是继续接？"),
    ("听落你好嬲", "听落你很气"),
    ("连做七日好攰", "连做七日好累"),
])
def test_cantonese_question_words_and_feelings_are_read(text: str, read: str) -> None:
    assert plain(text) == read


@pytest.mark.parametrize("text", [
    "坐在旁边看一下。", "一边接电话一边记笔记。", "文件放在桌子边上。", "明天九点开会，重点讲一点。",
    "就是点小事，可以点一下链接。", "要学会倾听客户。", "每通电话开头先报工号。", "试下来效果不错。",
    "问下周的排班。", "系统不使用旧版本了。",
])
def test_mandarin_point_side_and_listen_are_left_alone(text: str) -> None:
    assert plain(text) == text


def test_a_cantonese_open_question_reads_as_open() -> None:
    assert run("question", "你仲可以点做", lang="zh-CN").to_dict()["form"] == "open"


def test_a_cantonese_choice_checks_the_need() -> None:
    report = run("listening", "连续五日夜班好攰 你而家想休息定系调班？", lang="zh-CN").to_dict()
    assert report["elements"]["feeling"] and report["elements"]["focus"]
