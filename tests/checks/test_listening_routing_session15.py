"""Listening and routing, session 15 (issue 13, judge J-listening15).

Poor answers the retired turn sets (turns2 to turns18) label fallback, and the engine credited:

- at a listening turn, the agent's point ruled out rather than heard (rules listening.*.dismissal): the feeling denied
  its right ("doesn't give you the right", "不是…的理由"), the agent's words contradicted ("Nobody's calling you…",
  "u can't say…"), the concern ranked below something else ("Money isn't everything", "…固然重要，但…"), the complaint
  played down ("没那么麻烦"), the agent told to hear the speaker out ("你先听我说"), a shrug ("it is what it is",
  "you'll get through it");
- the rule said to be itself ("the rota is the rota": listening.en.not_restating): what follows it in its sentence
  restates nothing, though a feeling named beside it stays named (blind16 labels "Annoying. Rules are rules though."
  feeling); a restatement before it still counts ("Sorry the bus keeps letting you down, but the rota is the rota");
- the feeling made everyone's ("谁都想多挣钱", "大家最近都挺累的，不只你一个人…", "we all had weeks like that");
- small talk at the Reality turn of the GROW role-plays (conventions 20): the fallback, whose feedback asks for the
  present; at the Goal turn it keeps open-other.

Every text here is our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import check_listening
from tests.checks.playing import reached

RULED_OUT = [
    ("bid-curt-tone-qa", "overload", "Being worn out doesn't give you the right to be short with a caller.", "en"),
    ("bid-curt-tone-qa", "overload", "Three weeks of covering is a lot, but we all had stretches like that, you'll get through it.", "en"),
    ("bid-curt-tone-qa", "overload", "三周确实辛苦，但这不是对客户不耐烦的理由。", "zh-CN"),
    ("bid-curt-tone-qa", "overload", "大家这几周都挺累的，顶班的不只你一个。", "zh-CN"),
    ("kpi-first-week-former-peer", "reaction", "Nobody's saying you're the problem, it's only the figures.", "en"),
    ("kpi-first-week-former-peer", "reaction", "OK, but the numbers are the numbers, and your callers still wait 8.4 minutes.", "en"),
    ("golden-circle-callback-pushback", "listen", "You can't say nobody asks you, I'm asking you right now.", "en"),
    ("golden-circle-callback-pushback", "listen", "其实下午回拨没那么麻烦，你先听我说完。", "zh-CN"),
    ("promo-pay-question", "understand", "Money isn't everything, think of what you'd learn.", "en"),
    ("promo-pay-question", "understand", "工资固然重要，但成长才是最值钱的。", "zh-CN"),
    ("promo-pay-question", "understand", "谁都想钱多一点，压力少一点，正常。", "zh-CN"),
]


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang"), RULED_OUT)
def test_ruled_out_at_a_listening_turn_is_the_fallback(scenario_id: str, node: str, text: str, lang: str) -> None:
    assert reached(scenario_id, node, text, lang) == "fallback"


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # the same turns still credit a reply that tells the story back and names the feeling
    ("bid-curt-tone-qa", "overload", "Three weeks covering two people and not one word of thanks. You sound completely worn out.",
     "en", "fact-and-feeling"),
    ("promo-pay-question", "understand", "孩子秋天就要出生了，这时候多扛压力却没回报，你肯定挺焦虑的。", "zh-CN", "fact-and-feeling"),
    ("kpi-first-week-former-peer", "reaction", "So the quick ones get praised and you get the talk, and from me of all people. That must feel really odd.",
     "en", "fact-and-feeling"),
])
def test_heard_still_credited(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    assert reached(scenario_id, node, text, lang, yes=True) == intent


def test_tautology_keeps_a_feeling_named_beside_it() -> None:
    """The rule said to be itself restates nothing, but the feeling named before it stays named (blind16)."""
    report = check_listening("Frustrating, I get it. Targets are targets though.", "en")
    assert report.elements["feeling"] is True
    assert report.elements["fact"] is False


def test_feeling_in_anyones_place_still_validates() -> None:
    """Only the feeling made everyone's is cut: put in anyone's place ("换谁都…") it is still the agent's."""
    assert check_listening("被同一个客户骂了三次，换谁都会觉得委屈。", "zh-CN").elements["feeling"] is True
    assert check_listening("大家这阵子都挺累的。", "zh-CN").elements["feeling"] is False


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    ("grow-delegation", "reality", "Did you manage a proper lunch break today?", "en", "fallback"),
    ("grow-delegation", "reality", "这个周末有没有好好歇一歇？", "zh-CN", "fallback"),
    ("grow-move-to-qa", "reality", "How was the holiday, did you get some sun?", "en", "fallback"),
    ("grow-move-to-qa", "reality", "最近午饭都按时吃了吗？", "zh-CN", "fallback"),
    # the Goal turn keeps small talk as open-other, and a Reality question keeps the good move
    ("grow-delegation", "goal", "Good weekend? Did you get out anywhere?", "en", "open-other"),
    ("grow-delegation", "reality", "Where do the hours go on a normal day for you?", "en", "reality-question"),
])
def test_small_talk_at_the_reality_turn(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    assert reached(scenario_id, node, text, lang, yes=intent != "fallback") == intent
