"""The question check, session 12 (judge J-question12): accusing whys by their clause (conventions 26), taking the problem
over (conventions 24), small talk with a tag (conventions 20), chat-register reproaches and told fixes in Chinese."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _report(text: str, lang: str) -> dict:
    return run("question", text, lang=lang).to_dict()


def _pitfalls(report: dict) -> set[str]:
    return {p["id"] for p in report["pitfalls"]}


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording: the person (or nobody) acts in the why clause and the clause says the act fell short ...
    ("Why did you only call him back once?", "en"),
    ("Why would you even take that shift?", "en"),
    ("why do u never fill in the wrap-up codes?", "en"),
    ("为什么就你的工单超时最多？", "zh-CN"),
    ("为什么你昨天没跟客户确认地址？", "zh-CN"),
    ("为什么看到系统报警了没人升级？", "zh-CN"),
    ("为什么你每次都等到最后一天才交？", "zh-CN"),
    # ... or a "why is that?" asks them to defend a verdict put just before it ...
    ("The team says you never cover breaks, why is that?", "en"),
    ("Your FCR has slipped to 70%, why is that?", "en"),
    ("大家都说你开会老打断人，这是为什么？", "zh-CN"),
    # ... and the retired misses (turns12, turns13).
    ("Why did you only help her once?", "en"),
    ("Everyone says you don't share, why is that?", "en"),
    ("为什么看到排队了没人报告？", "zh-CN"),
    ("新系统大家都在用，为什么就你掉得最多？", "zh-CN"),
    ("为什么你之前不主动去参加校准？", "zh-CN"),
])
def test_accusing_why_leads(text: str, lang: str) -> None:
    """An accusing why is leading (conventions 26), and the report says it accuses."""
    report = _report(text, lang)
    assert report["leading"] is True
    assert "accusing" in _pitfalls(report)


@pytest.mark.parametrize(("text", "lang"), [
    # Sincere neighbours: a why about a cause outside the person, a why that asks for their view, what nobody knew,
    # a view asked after a fact.
    ("Why did the queue jump at ten?", "en"),
    ("Why do you think only the night shift signed up?", "en"),
    ("What made you help her only once?", "en"),
    ("Your CSAT went from 89 to 78. What do you make of that?", "en"),
    ("那天为什么来电突然多了？", "zh-CN"),
    ("为啥没人知道谁能调后台？", "zh-CN"),
    ("为什么你觉得这个办法不合适？", "zh-CN"),
    ("你的满意度从89掉到78，你自己怎么看？", "zh-CN"),
])
def test_sincere_why_stays_clean(text: str, lang: str) -> None:
    report = _report(text, lang)
    assert report["leading"] is False
    assert "accusing" not in _pitfalls(report)


@pytest.mark.parametrize(("text", "lang"), [
    # A reproach in the chat register (咋 for 怎么), a veiled threat about the job and rhetorical scorn lead, with no stage.
    ("你咋又是最后一个交日报？", "zh-CN"),
    ("你到底想不想干了？", "zh-CN"),
    ("帮你一把？我还能替你把工单都做了不成？", "zh-CN"),
    ("这么简单的流程还要来问我？", "zh-CN"),
])
def test_zh_reproach_leads_with_no_stage(text: str, lang: str) -> None:
    report = _report(text, lang)
    assert (report["leading"], report["grow_stage"]) == (True, None)


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording: the manager announces what they will do for the person (conventions 24) ...
    ("I'll book you on the mentoring scheme today, leave it with me.", "en"),
    ("Don't worry, I'll sort the rota for you.", "en"),
    ("我明天就帮你联系培训组，你不用管了。", "zh-CN"),
    ("我让老高下周带你两天。", "zh-CN"),
    # ... and the retired misses.
    ("I will ensure a mentor is assigned by Friday.", "en"),
    ("我会帮你找个导师的，放心。", "zh-CN"),
])
def test_taking_the_problem_over_is_telling(text: str, lang: str) -> None:
    """Taking the problem over is a leading statement with advice (conventions 24, 13, 19)."""
    report = _report(text, lang)
    assert (report["form"], report["leading"], report["advice"]) == ("statement", True, True)
    assert {"told", "took_over"} <= _pitfalls(report)
    assert report["grow_stage"] in ("options", "will")


@pytest.mark.parametrize(("text", "lang"), [
    # Reassurance that names no act, the coach's own question or invitation, and a deadline for the person's work hand
    # nothing over by the manager.
    ("有我在呢，放心吧～", "zh-CN"),
    ("I'm here for you, whatever you need.", "en"),
    ("I'll ask you one thing first: what would help most?", "en"),
    ("我想听听你的想法，你最需要什么支持？", "zh-CN"),
    ("周五前交给我。", "zh-CN"),
])
def test_no_take_over_without_an_act_for_them(text: str, lang: str) -> None:
    assert "took_over" not in _pitfalls(_report(text, lang))


def test_state_ne_is_no_question() -> None:
    """"有我在呢" asserts a state: the sentence is no question, so the reassurance is a statement."""
    assert _report("有我在呢，放心吧～", "zh-CN")["form"] == "statement"


@pytest.mark.parametrize(("text", "lang"), [
    ("Good weekend? You went hiking, didn't you?", "en"),
    ("今天好冷啊，你穿够没？", "zh-CN"),
    ("最近降温了，感冒好点没？", "zh-CN"),
])
def test_small_talk_with_a_tag_is_small_talk(text: str, lang: str) -> None:
    """Small talk (the weather, health) with a tag on it is still small talk: no stage (conventions 20)."""
    report = _report(text, lang)
    assert report["grow_stage"] is None
    assert "small_talk" in _pitfalls(report)


def test_a_freezing_system_is_no_small_talk() -> None:
    """A CRM that freezes is work: the question keeps its Reality stage."""
    report = _report("What have you already tried with the CRM freezing?", "en")
    assert report["grow_stage"] == "reality" and "small_talk" not in _pitfalls(report)


@pytest.mark.parametrize(("text", "stage"), [
    # A condition put as all it takes, and an act with its start fixed for the person, are told fixes (conventions 13, 19).
    ("你只要把每通电话的小结写完就行了。", "options"),
    ("你下周一就开始用新的开场白。", "will"),
])
def test_zh_told_fix_by_clause(text: str, stage: str) -> None:
    report = _report(text, "zh-CN")
    assert (report["form"], report["leading"], report["advice"], report["grow_stage"]) == ("statement", True, True, stage)


def test_zh_own_story_is_still_no_fix() -> None:
    """The speaker's own story keeps telling nothing (session 9), 了 and all."""
    report = _report("我之前也是这样，后来全交出去就好了。", "zh-CN")
    assert report["advice"] is False and report["leading"] is False


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # An accusing why reaches closed-or-leading where its feedback speaks of leading or judging ...
    ("promo-overconfident-360", "probe", "Why did you only help her once?", "en", "closed-or-leading"),
    ("promo-overconfident-360", "self-view", "Everyone says you don't share, why is that?", "en", "closed-or-leading"),
    ("promo-pay-question", "motive", "Why else would you even want it?", "en", "closed-or-leading"),
    ("review-peak-day", "causes", "为什么看到排队了没人报告？", "zh-CN", "closed-or-leading"),
    ("perf-interview-csat-drop", "self-view", "为什么就你的满意度掉得最多？", "zh-CN", "closed-or-leading"),
    # ... and the fallback where the closed intent speaks only of yes/no questions (conventions 26).
    ("promo-followup-month", "opening", "The adherence is down to 90%, why is that?", "en", "fallback"),
    ("promo-followup-month", "opening", "Backlog again? Why do you always let it build up?", "en", "fallback"),
    ("grow-move-to-qa", "reality", "为什么你之前不主动去参加校准？", "zh-CN", "fallback"),
    # A sincere open question at the same nodes keeps the good move.
    ("promo-followup-month", "opening", "How has your first month as a lead really been?", "en", "open-question"),
    ("grow-move-to-qa", "reality", "What have you already done towards QA work?", "en", "reality-question"),
    ("review-peak-day", "causes", "那天为什么来电突然多了？", "zh-CN", "open-question"),
    # Taking the problem over reaches the intent that names offering one option (conventions 24) ...
    ("promo-followup-month", "support", "我这周就给你安排导师，你不用管了。", "zh-CN", "closed-or-leading"),
    ("promo-followup-month", "support", "I will ensure a mentor is assigned by Friday.", "en", "closed-or-leading"),
    # ... reassurance with no act is the fallback, and small talk is drifting off the topic (conventions 20).
    ("promo-followup-month", "support", "有我在呢，放心吧～", "zh-CN", "fallback"),
    ("promo-followup-month", "opening", "今天好冷啊，你穿够没？", "zh-CN", "fallback"),
    # session 15 (J-listening15): at the Reality turn small talk is the fallback, whose feedback asks for the present
    # (turns3, turns15, turns16, turns18: 6 of 8); the Goal turn keeps open-other, below
    ("grow-delegation", "reality", "Did you have a nice weekend at least, did you get some rest?", "en", "fallback"),
    ("grow-move-to-qa", "goal", "Before that, how was your holiday? You went to Yunnan, didn't you?", "en", "open-other"),
    ("grow-delegation", "goal", "周末有没有好好休息？", "zh-CN", "open-other"),
    ("grow-delegation", "goal", "What would you most like to be different three months from now?", "en", "goal-question"),
])
def test_at_a_question_turn(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    assert reached(scenario_id, node, text, lang) == intent
