"""Question words of Cantonese-flavoured Mandarin (session 14): 咩/乜嘢 what, 点样/点解/做成点 how and why, 边… which,
几时 when, 几多 how many. The retired turns-blind18 (zh-CN, a Guangdong supervisor dictating into WeChat) had its good
answers picked right 0.74 of the time until the question check knew them (0.86 after; the other retired turn sets
unchanged); train-writers/yue, written blind by another writer, gains 12 forms and loses one (a rhetorical
"我仲要教你几多次？")."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


@pytest.mark.parametrize("text", [
    "慢慢讲 你想下一步去到边度？今日倾完你想得到咩？",   # turns-blind18
    "新CRM上线六个礼拜 你自己觉得做成点？",               # turns-blind18
    "第一步系咩？几时？我可以帮你啲咩？",                 # turns-blind18
    "咁你觉得边种支持最帮到你？",                         # turns-blind18
    "做咗一个月组长 感觉点呀？慢慢讲",                    # turns-blind18
])
def test_a_cantonese_question_word_opens_the_question(text: str) -> None:
    assert run("question", text, lang="zh-CN").to_dict()["form"] == "open"


@pytest.mark.parametrize("text", [
    "你唔觉得你应该早啲通知我咩？",   # 咩 closing the sentence is the particle 吗 (train-writers/yue)
    "听日8点半返工。",                 # 点 of a clock time
])
def test_a_particle_or_a_clock_time_is_no_question_word(text: str) -> None:
    assert run("question", text, lang="zh-CN").to_dict()["form"] != "open"


def test_a_cantonese_goal_question_reaches_the_goal_intent() -> None:
    assert reached("grow-move-to-qa", "goal", "慢慢讲 你想下一步去到边度？今日倾完你想得到咩？", "zh-CN") == "goal-question"
