"""Routing of the GROW Goal turns, session 13 (issue 13, judge J-routing13).

Class: a statement about the matter at a GROW Goal turn ("Your goal should be to delegate more, obviously.",
"我觉得还是留在一线好") hands the person a direction (convention 28). The question check gives such a statement a
GROW stage but, as the convention notes, no pitfall for implicit steering, so it reached the fallback. At
grow-move-to-qa goal and grow-delegation goal the closed-or-leading intent, whose feedback says "That steers
her/him", now takes a statement with a stage (retired turns4, turns9, turns11, turns13, turns14, turns15, en and zh).
An acknowledgement with no stage ("I see.", "我明白了。", the testplans' retry) stays the fallback; open questions
keep their intents.

Texts are our own wording except those marked with their retired set.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached

GOAL_NODES = [("grow-move-to-qa", "goal"), ("grow-delegation", "goal")]

STEERING_STATEMENTS = [
    ("grow-move-to-qa", "Your next step should be team lead, honestly.", "en"),  # turns9
    ("grow-delegation", "Your goal should be getting out of here by six.", "en"),  # turns15
    ("grow-delegation", "Your goal should be to delegate more, obviously.", "en"),  # turns9
    ("grow-move-to-qa", "我猜你肯定是想转质检吧，其实我跟你说，一线真的更适合你，你满意度全组最高，转过去从头开始多可惜啊，"
                        "质检那边天天对着表格，你这么会跟客户打交道，我觉得还是留在一线好", "zh-CN"),  # turns13
    ("grow-move-to-qa", "Your next step should be moving to QA, I think.", "en"),
    ("grow-move-to-qa", "你下一步应该去质检，我觉得挺合适。", "zh-CN"),
    ("grow-delegation", "Your aim should be handing the daily report to Xiao Li.", "en"),
]


@pytest.mark.parametrize(("scenario", "text", "lang"), STEERING_STATEMENTS)
def test_steering_statement_at_a_goal_turn_is_the_closed_or_leading_intent(scenario: str, text: str,
                                                                            lang: str) -> None:
    report = run("question", text, lang=lang)
    assert report.form == "statement"
    assert reached(scenario, "goal", text, lang) == "closed-or-leading"


NEIGHBOURS = [
    # an acknowledgement with no stage stays the fallback (the testplans' retry)
    ("grow-move-to-qa", "I see.", "en", "fallback"),
    ("grow-move-to-qa", "我明白了。", "zh-CN", "fallback"),
    ("grow-delegation", "I see.", "en", "fallback"),
    ("grow-delegation", "That's great, you're clearly working hard.", "en", "fallback"),  # praise, no steering
    ("grow-delegation", "好，继续。", "zh-CN", "fallback"),
    ("grow-move-to-qa", "Right, carry on.", "en", "fallback"),
    # open goal questions keep their intent
    ("grow-move-to-qa", "What would you like to get out of our conversation today?", "en", "goal-question"),
    ("grow-move-to-qa", "今天这次谈话，你希望得到什么？", "zh-CN", "goal-question"),
    ("grow-delegation", "What would you like to be different three months from now?", "en", "goal-question"),
    ("grow-delegation", "三个月后，你希望有什么不一样？", "zh-CN", "goal-question"),
    # told fixes and goals were already the closed intent through the check's pitfalls
    ("grow-delegation", "You need to delegate more, that's the goal.", "en", "closed-or-leading"),
    ("grow-move-to-qa", "下一步当然是升组长啊，你这么优秀。", "zh-CN", "closed-or-leading"),
]


@pytest.mark.parametrize(("scenario", "text", "lang", "want"), NEIGHBOURS)
def test_goal_turn_neighbours_keep_their_intent(scenario: str, text: str, lang: str, want: str) -> None:
    assert reached(scenario, "goal", text, lang) == want
