"""Feedback and listening at the role-play turns, session 12 (issue 13, judge J-feedback12).

Classes of poor answers the retired turns12/turns13 sets sent to the wrong intent, fixed by what the text does:

- praise with no act that no praise signal saw: a verdict on the handling of a whole call ("handled the angry guy
  well"), a trait as a habit ("calm as always"), the person ranked ("你是咱组最牛的", "你是最棒的"), a competency in
  report words ("展现了卓越的沟通能力"), a metric told against the team's with nothing done (convention 14);
- thanks passed on from an office ("appreciated by management", "代表公司", "为团队做出的贡献"): no personal thanks
  (convention 25; feedback.py OFFICE_THANKS_IS_NOT_THANKS), while plain thanks still is;
- thanks and "but" joined by chat punctuation ("谢谢哈～不过…"): a sandwich (convention 23);
- the harsher mistake first (convention 21): a threat at a BID behaviour node with no threat intent is the fallback;
  a label or an absolute beside speaking for others names the turn; "take it further" is a veiled threat (15);
- at a listening turn, a feeling waved away in chat spelling ("dont be scared") and advice put as the manager's verdict
  ("the best thing is just to…") restate nothing and name no feeling.

Each block has sincere or good neighbours that must not move. Most texts are our own wording; the few marked
"turns1x" are retired misses.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached

# ---------------------------------------------------------------- praise with no act
PRAISE_NO_ACT = [
    ("bia-angry-customer", "behaviour", "u handled the angry guy well 👍 calm as always", "en", "vague-praise"),  # turns13
    ("bia-angry-customer", "behaviour", "You handled the shouting guy brilliantly, cool as ever.", "en",
     "vague-praise"),
    ("bia-angry-customer", "behaviour", "你在这通电话中展现了卓越的沟通能力和高度的客户服务意识。", "zh-CN",
     "vague-praise"),  # turns13
    ("bia-angry-customer", "behaviour", "这通电话体现了你极强的服务意识和良好的职业素养。", "zh-CN", "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "你是咱组最牛的，没得说👍", "zh-CN", "vague-praise"),  # turns13
    ("kpi-first-week-former-peer", "strength", "论业务你是真牛，组里没人比得上。", "zh-CN", "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "你技术过硬，这点大家都知道。", "zh-CN", "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "Your FCR is 84%, that's above the team's 72.", "en", "vague-praise"),  # turns12
    ("kpi-first-week-former-peer", "strength", "Your CSAT sits at 91% against 85% for the team, which is excellent.",
     "en", "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "Strengths: FCR 81% (team 72%).", "en", "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "一次解决率81%（组里平均72%），全组最高。", "zh-CN", "vague-praise"),
    ("listening-abusive-call", "praise", "你是最棒的！", "zh-CN", "vague"),  # turns12
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), PRAISE_NO_ACT)
def test_praise_with_no_act_is_vague_praise(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    report = run("feedback", text, lang=lang)
    assert report.elements["behavior"] is False
    assert "vague_praise" in report.flags
    assert reached(scenario, node, text, lang) == want


PRAISE_WITH_ACT = [
    ("bia-angry-customer", "behaviour", "On the 15:20 call you let Mr Zhao finish, read his problem back in one "
     "sentence and started the refund while he was still on the line. Handled him really well.", "en",
     "specific-behaviour"),
    ("bia-angry-customer", "behaviour", "昨天15:20那通，你让赵先生把话说完，复述了一遍问题，当场发起了退款，业务很扎实。",
     "zh-CN", "specific-behaviour"),
    ("kpi-first-week-former-peer", "strength", "On 8 of the 10 calls I reviewed you checked the whole account before "
     "closing -> FCR 84% vs 72% for the team, so fewer customers call back.", "en", "behaviour-and-impact"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), PRAISE_WITH_ACT)
def test_praise_beside_a_named_act_keeps_the_act(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    assert reached(scenario, node, text, lang, yes=True) == want


@pytest.mark.parametrize(("text", "lang"), [
    ("Your AHT is 8.4 minutes against 6.2 for the team.", "en"),  # a metric where lower is better: no praise
    ("这个问题业务上很复杂，你先别急。", "zh-CN"),
])
def test_no_praise_read_into_a_reproach_or_a_remark(text: str, lang: str) -> None:
    assert "vague_praise" not in run("feedback", text, lang=lang).flags


# ---------------------------------------------------------------- thanks from an office
OFFICE_THANKS = [
    ("Your contribution to customer satisfaction is acknowledged and appreciated by management.", "en"),  # turns13
    ("On behalf of the company, thank you for your continued dedication to our customers.", "en"),
    ("我要代表公司对你表示衷心的感谢，希望你再接再厉，再创佳绩。", "zh-CN"),  # turns12
    ("感谢你一直以来为团队做出的贡献。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), OFFICE_THANKS)
def test_thanks_from_an_office_is_no_personal_thanks(text: str, lang: str) -> None:
    report = run("feedback", text, lang=lang)
    assert report.thanks is False
    assert reached("bia-angry-customer", "appreciation", text, lang) == "fallback"


PERSONAL_THANKS = [
    ("Thank you, Chen Hao. I really appreciate how you handled him.", "en"),
    ("Thanks. That call made a real difference to me and to the team.", "en"),
    ("On behalf of the company we say thanks at the awards. But from me: thank you, that was brilliant.", "en"),
    ("陈浩，谢谢你。这通电话对我、对团队都很重要。", "zh-CN"),
    ("谢谢你替大家扛下了那通电话，真的。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), PERSONAL_THANKS)
def test_personal_thanks_still_reaches_thanks(text: str, lang: str) -> None:
    assert run("feedback", text, lang=lang).thanks is True
    assert reached("bia-angry-customer", "appreciation", text, lang, yes=True) == "thanks"


# ---------------------------------------------------------------- thanks + but in chat punctuation
@pytest.mark.parametrize(("text", "lang"), [
    ("谢谢哈～不过这也是你应该做的嘛😂", "zh-CN"),  # turns13
    ("辛苦啦~但是下次通话别拖那么久", "zh-CN"),
])
def test_thanks_then_but_after_a_tilde_is_a_sandwich(text: str, lang: str) -> None:
    assert "sandwich" in run("feedback", text, lang=lang).flags
    assert reached("bia-angry-customer", "appreciation", text, lang) == "sandwich"


def test_thanks_with_a_tilde_and_no_but_is_thanks() -> None:
    text = "谢谢你～那通电话处理得太稳了～"
    assert "sandwich" not in run("feedback", text, lang="zh-CN").flags
    assert reached("bia-angry-customer", "appreciation", text, "zh-CN", yes=True) == "thanks"


# ---------------------------------------------------------------- the harsher mistake first
@pytest.mark.parametrize(("scenario", "text", "lang"), [
    ("bid-curt-tone-qa", 'On Tuesday at 10:42 you told a customer "As I already told you, it is in the terms". '
     "Do that again and it goes on your record.", "en"),  # turns13
    ("bid-curt-tone-qa", "周二10点42那通，你跟客户说“我刚才已经说过了”。再有下次，直接写进绩效。", "zh-CN"),
    ("bid-late-logins", "On 6 of the last 10 days you logged in after 8:05. One more late login and you're off "
     "the early rota.", "en"),
])
def test_threat_at_a_node_with_no_threat_intent_is_the_fallback(scenario: str, text: str, lang: str) -> None:
    assert "threat" in run("feedback", text, lang=lang).flags
    assert reached(scenario, "behaviour", text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("text", "lang"), [
    ("组里好几个同事都跟我说你早上老是来不了，我也不好说啥", "zh-CN"),  # turns13
    ("Everyone's noticed you're always late in the mornings.", "en"),
])
def test_absolute_beside_speaking_for_others_names_the_turn(text: str, lang: str) -> None:
    flags = run("feedback", text, lang=lang).flags
    assert "speaking_for_others" in flags and ({"absolute", "label"} & set(flags))
    assert reached("bid-late-logins", "behaviour", text, lang) == "label-or-absolute"


def test_speaking_for_others_alone_still_falls_back() -> None:
    text = "A couple of people on the team mentioned your log-in times to me."
    assert reached("bid-late-logins", "behaviour", text, "en") == "fallback"


def test_behaviour_without_threat_keeps_its_intent() -> None:
    text = "On 6 of the last 10 early shifts you logged in between 8:05 and 8:12, so the first calls queued."
    assert reached("bid-late-logins", "behaviour", text, "en", yes=True) == "behaviour-and-impact"


@pytest.mark.parametrize("text", [
    "Do your best to be here on time, and if it doesn't work out we'll have to take it further.",  # turns13
    "Sort your mornings out, or I'll take things further.",
])
def test_take_it_further_is_a_veiled_threat(text: str) -> None:
    assert "threat" in run("feedback", text, lang="en").flags
    assert reached("bid-late-logins", "development", text, "en") == "threat"


def test_take_it_further_as_help_is_no_threat_in_a_plan() -> None:
    text = "From Monday, log in by 7:55; if the bus is late, message me before 7:50 and we'll review it Friday."
    assert "threat" not in run("feedback", text, lang="en").flags


# ---------------------------------------------------------------- listening: waved away, advice as a verdict
@pytest.mark.parametrize("text", [
    "dont be scared, ur realy good at this, the next one will be fine",  # turns13
    "dont worry bout it, next one will be easier",
    "I think, honestly, the best thing is just to take the next one straight away.",  # turns12
    "All you need to do is log back in and take the next call.",
])
def test_feeling_waved_away_or_advice_is_no_listening(text: str) -> None:
    report = run("listening", text, lang="en")
    assert not report.elements["fact"] and not report.elements["feeling"]
    assert reached("listening-abusive-call", "focus", text, "en") == "fallback"


@pytest.mark.parametrize(("text", "want"), [
    ("He swore at you for six minutes and you still did everything right. That sounds frightening. "
     "What would help you feel ready for the next one?", "focus"),
    ("Being sworn at like that, on a call you handled by the book, is frightening.", "feeling-again"),
])
def test_listening_neighbours_do_not_move(text: str, want: str) -> None:
    assert reached("listening-abusive-call", "focus", text, "en", yes=True) == want
