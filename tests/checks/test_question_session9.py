"""The question check, session 9 (judge q8): a fix told by the clause's structure, 那些 asked as 哪些, question words
closed by an invitation to answer, and the asked clause's reading of the GROW stage."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.engine import rulebook
from coachlab.checks.question import ask_reading
from coachlab.checks.base import analyse
from tests.checks.playing import reached


def _report(text: str, lang: str) -> dict:
    return run("question", text, lang=lang).to_dict()


def _pitfalls(report: dict) -> set[str]:
    return {p["id"] for p in report["pitfalls"]}


@pytest.mark.parametrize(("text", "lang"), [
    # An English clause that opens with an imperative verb tells an act (conventions 13) ...
    ("Just drop the long greeting, that saves a minute.", "en"),
    ("Step one: book the refund training for Thursday.", "en"),
    ("Everyone writes 'team player', put your adherence figure there instead.", "en"),
    # ... and so does a Chinese clause headed by a modal of duty, or one that tells what to do with a thing (你把…<verb>).
    ("应尽快完善夜班交接制度，落实到人。", "zh-CN"),
    ("你需要学会拒绝，不然永远忙不完。", "zh-CN"),
    ("你把开场白缩短一点，后面自然就快了。", "zh-CN"),
    ("那你先去把知识库看一遍 明天就去", "zh-CN"),
])
def test_fix_told_by_clause_structure(text: str, lang: str) -> None:
    """A statement that tells an act by its clause structure is stated advice that leads, with the pitfall `told`."""
    report = _report(text, lang)
    assert (report["form"], report["leading"], report["advice"]) == ("statement", True, True)
    assert "told" in _pitfalls(report)


@pytest.mark.parametrize(("text", "lang"), [
    ("Tell me about the last escalation.", "en"),  # an imperative that invites the person to speak
    ("Walk me through what happened on Monday.", "en"),
    ("So the plan is: you call Mr Wu on Monday and check the refund on Tuesday.", "en"),  # a summary of their plan
    ("Don't worry about the first step, just try your best.", "en"),  # a demand with no fix in it
    ("你把那天的经过跟我说说。", "zh-CN"),  # an invitation to tell the coach
    ("那就这么定了，你周五前把复盘发我。", "zh-CN"),  # a deliverable to the coach, agreed
    ("应该是系统卡了。", "zh-CN"),  # a guess, not a duty
])
def test_no_fix_told(text: str, lang: str) -> None:
    """Invitations, a plan summed up, a deliverable to the coach and guesses tell no fix: not `told`, not advice."""
    report = _report(text, lang)
    assert "told" not in _pitfalls(report)
    assert report["advice"] is False


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # Told this way at a node whose closed intent names steering, leading or advice: that intent (conventions 13) ...
    ("kpi-first-week-former-peer", "reality-question", "Just drop the long notes, that is a minute saved.", "en",
     "leading-or-closed"),
    ("kpi-first-week-former-peer", "reality-question", "你把开场的客套话省掉，自然就快了。", "zh-CN", "leading-or-closed"),
    ("smart-goal-agent", "actions", "Step one: book the billing session for Thursday.", "en", "closed-or-leading"),
    ("review-peak-day", "causes", "应尽快完善大促应急预案，明确分流责任人。", "zh-CN", "closed-or-leading"),
    ("grow-delegation", "reality", "你需要明白，授权是组长的基本功。", "zh-CN", "closed-or-leading"),
    # ... and at a node whose closed intent speaks only of yes/no questions: the fallback.
    ("grow-move-to-qa", "will", "Great, so sit with Ms Zhao on Tuesday and join one calibration.", "en", "fallback"),
])
def test_told_by_clause_at_a_question_turn(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    """Conventions 13 at the turn, for fixes told by clause structure."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("text", "form"), [
    ("这个月下来，你觉得那些地方顺手，那些地方还卡着？", "open"),  # 那些 typed for 哪些
    ("除了带新人，你还做了那些事？", "open"),
    ("那些回访你都做完了吗？", "closed"),  # a yes/no frame: 那些 is "those"
])
def test_which_typo(text: str, form: str) -> None:
    """那些 in a question with no question word asks which (rules/question.yaml which_typo); the evidence keeps 那些."""
    report = _report(text, "zh-CN")
    assert report["form"] == form
    if form == "open":
        assert any("那些" in e["text"] for e in report["evidence"])
        assert not any("哪些" in e["text"] for e in report["evidence"])


@pytest.mark.parametrize(("text", "form"), [
    ("定一下吧：哪一天开始、先找谁、要我帮什么——你来说。", "open"),
    ("当时是哪个客户，他说了什么，你又是怎么回的，讲讲看。", "open"),
    ("这个不重要，你来定。", "statement"),
])
def test_question_words_closed_by_an_invitation(text: str, form: str) -> None:
    """Question words set out and closed by "你来说" / "讲讲看" ask, without a question mark (question.zh.asked_invite)."""
    assert _report(text, "zh-CN")["form"] == form


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # No stage cue: the asked clause decides. A possible act is Options; what the coach can do is support (Will).
    ("你想想看有那些活可以交出去，交给谁？", "zh-CN", "options"),
    ("有没有啥我能搭把手的", "zh-CN", "will"),
    # A reproach with 能 asks for no act (conventions 10), and a past fact stays Reality.
    ("你就不能说话客气一点吗？", "zh-CN", None),
])
def test_stage_from_the_asked_clause(text: str, lang: str, stage: str | None) -> None:
    """rules/question.yaml stage_from_reading: what the asked clause asks the person to produce."""
    assert _report(text, lang)["grow_stage"] == stage


def test_ask_reading_reads_the_asked_clause_only() -> None:
    """The reading takes the clause that asks, not a remark before it."""
    read = ask_reading(analyse("question", "昨天你处理得挺快的，下周你打算先改哪一步？", "zh-CN"))
    assert {"ask.intent", "ask.future"} <= read
    assert "ask.past" not in read  # 昨天 … 了 is in the remark


def test_word_lists_live_in_the_rules() -> None:
    """The mood exclusions moved from question.py into rules/question.yaml (with examples the rule test runs)."""
    import coachlab.checks.question as question

    assert not hasattr(question, "_ZH_NOT_FIX")
    ids = {rule.id for rule in rulebook("question").rules}
    assert {"question.zh.mood_no_fix", "question.en.invite", "question.zh.invite", "question.zh.duty_head",
            "question.zh.asked_invite"} <= ids
    settings = rulebook("question").settings
    assert settings["told_lead"] and settings["which_typo"] and settings["ask_reading"]["zh-CN"]


@pytest.mark.parametrize(("text", "lang", "form"), [
    # A request for an instance (an example, a figure, evidence) in a yes/no frame is open (conventions 12) ...
    ("能不能给我举一个具体的例子？", "zh-CN", "open"),
    ("“靠谱”是个评价，有没有一件事或者一个数据能说明？", "zh-CN", "open"),
    ("Could you give me one concrete example of that?", "en", "open"),
    ("And the outcome? Any figures?", "en", "open"),
    # ... a yes/no question about data already there stays closed.
    ("上周的数据你看过了吗？", "zh-CN", "closed"),
    ("Can you give me a call tomorrow?", "en", "closed"),
])
def test_request_for_an_instance_is_open(text: str, lang: str, form: str) -> None:
    """question.*.open_lead.instance: asking for an example or a number invites one, never a yes."""
    assert _report(text, lang)["form"] == form
