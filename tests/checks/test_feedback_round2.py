"""A "don't" with nothing to do instead, and on time said again, are no development step (issue 13, session 9,
round 2, judge fb9).

A development says what to do next. "Don't X" only forbids the fault (DONT_IS_NOT_STEP), and "从下周起准时…"
only asks again for what was expected (the on-time words are a wish, WISH_IS_NOT_STEP); a "don't" next to a
clause that names the new act keeps its step. The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks import feedback as fb
from tests.checks.playing import reached

DONTS = [
    ("下回别再说“这个我讲过了”这种话就行", "zh-CN"),
    ("核对账单的时候别沉默就可以了", "zh-CN"),
    ("以后千万不要在组会上抢别人话。", "zh-CN"),
    ("以后留意一下跟客户的交流，别冷场就好", "zh-CN"),
    ("Just don't leave the line dead while you search.", "en"),
    ("Stop cutting people off in meetings.", "en"),
    ("Never sigh into the headset again.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), DONTS)
def test_a_dont_with_nothing_to_do_instead_is_no_step(text: str, lang: str) -> None:
    assert run("feedback", text, lang=lang).elements["development"] is False


DONT_AND_DO = [
    ("下回客户再问，别说“这个我讲过了”，改成“我换个说法给您讲一遍”，讲完问他听明白没有。", "zh-CN"),
    ("核对账单的时候别沉默，先跟客户说一句“我在帮您查上个月的记录，大概半分钟”。", "zh-CN"),
    ("Don't go silent: while you search, tell the caller 'I'm pulling up your last two tickets now'.", "en"),
    ("下次觉得烦了先按小休，别带着火气接下一通。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), DONT_AND_DO)
def test_a_dont_with_the_act_to_do_instead_keeps_its_step(text: str, lang: str) -> None:
    assert run("feedback", text, lang=lang).elements["development"] is True


@pytest.mark.parametrize(("scenario", "text"), [
    ("perf-interview-csat-drop", "查客户历史的时候别闷着就行"),
    ("promo-overconfident-360", "以后永远别在班前会上打断别人。"),
    ("bid-curt-tone-qa", "下次别再回“我不是已经说了吗”就行"),
    ("bid-late-logins", "从下周三开始9点准时上线哈"),
])
def test_a_dont_or_on_time_reaches_the_fallback_at_a_development_turn(scenario: str, text: str) -> None:
    assert reached(scenario, "development", text, "zh-CN") == "fallback"


def test_a_plan_with_on_time_and_a_plan_b_stays_concrete() -> None:
    text = "下周三起9:00准时上线，要是地铁出问题，8:50前给我发个微信，我先找人顶一下，周五我们再看。"
    assert reached("bid-late-logins", "development", text, "zh-CN", yes=True) == "concrete-development"


def test_the_dont_rules_have_examples_and_are_read_on_pieces() -> None:
    assert "dont" in fb._LEXICON_RULES
    for lang in ("en", "zh-CN"):
        assert fb._lexicon("dont", lang).search("别冷场" if lang == "zh-CN" else "don't go quiet")


@pytest.mark.parametrize("text", ["你这是对新流程有情绪，得端正一下工作态度。", "你要端正你的服务态度。"])
def test_an_attitude_to_be_put_right_is_a_label(text: str) -> None:
    """The fix of the attitude asked for, verb first ("需要端正态度"), judges the person as "态度不端正" does."""
    assert "label" in run("feedback", text, lang="zh-CN").flags


def test_an_attitude_put_right_reaches_the_label_intent() -> None:
    assert reached("perf-interview-csat-drop", "evaluation", "你就是对新CRM有抵触，需要端正态度。", "zh-CN") == "label"
