"""The question check and the question turns on convention 13 (session 8, judge q6): telling instead of asking."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _report(text: str, lang: str) -> dict:
    return run("question", text, lang=lang).to_dict()


def _pitfalls(report: dict) -> set[str]:
    return {p["id"] for p in report["pitfalls"]}


@pytest.mark.parametrize(("text", "lang", "advice"), [
    # A fix told (stated advice) leads, and stays advice.
    ("You should just get an earlier bus.", "en", True),
    ("Let's set up the overflow rule this week.", "en", True),
    ("Honestly I'd start by cutting the small talk at the start of the call.", "en", True),
    ("u need to stop taking every escalation urself", "en", True),
    ("你明天先把备注模板用起来吧。", "zh-CN", True),
    ("你就是太能干了，什么都自己扛，得学会放手。", "zh-CN", True),
    ("要不你调到中班吧 这样就不冲突了", "zh-CN", True),
    # The goal or the answer handed over leads, without being advice.
    ("Your goal this month is 90% adherence.", "en", False),
    ("The problem is your tone, that's all there is to it.", "en", False),
    ("So it was a communication problem. Next.", "en", False),
    ("现状就是你揽得太多了。", "zh-CN", False),
    ("你现在业绩这么好 下一步当然是升组长啊", "zh-CN", False),
    ("他们觉得没意思，说白了就是你管太死了呗", "zh-CN", False),
])
def test_telling_statement_leads(text: str, lang: str, advice: bool) -> None:
    """Conventions 13: a statement that hands over a fix, a goal or an answer is leading, with the pitfall `told`."""
    report = _report(text, lang)
    assert (report["form"], report["leading"], report["advice"]) == ("statement", True, advice)
    assert "told" in _pitfalls(report)


@pytest.mark.parametrize(("text", "lang"), [
    # Reassurance, a me-too story, a demand with no fix in it, small talk: nothing handed over, nothing led.
    ("You'll manage, you're the fastest on the team.", "en"),
    ("没事，你肯定行的。", "zh-CN"),
    ("I had the same when I got promoted, it took me a year to learn to let go.", "en"),
    ("You need to find a way, the team needs you at 8.", "en"),
    ("你得自己想办法，组里8点需要你。", "zh-CN"),
    ("我觉得你就是缺乏自信。", "zh-CN"),
    ("你先把这个月的数据拉出来给我看看。", "zh-CN"),
    # Asking what the goal is asks; it does not hand one over.
    ("What's the goal for this month?", "en"),
    ("你这个月的目标是什么？", "zh-CN"),
])
def test_no_telling_without_a_fix_goal_or_answer(text: str, lang: str) -> None:
    """Only a fix, a goal or an answer handed over is telling instead of asking."""
    report = _report(text, lang)
    assert not report["leading"]
    assert "told" not in _pitfalls(report)


def test_told_quotes_the_learners_sentence() -> None:
    """The coach line quotes the learner's own sentence, not a phrase they did not write."""
    report = _report("现状就是你揽得太多了。", "zh-CN")
    assert any("现状就是你揽得太多了" in s for s in report["suggestions"])


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # The closed intent names steering, your answer, your diagnosis or advice: telling reaches it.
    ("grow-delegation", "goal", "You need to start delegating, that's the goal. You can't do everything yourself.", "en",
     "closed-or-leading"),
    ("grow-delegation", "reality", "他们觉得没意思，说白了就是你管太死了呗", "zh-CN", "closed-or-leading"),
    ("grow-move-to-qa", "goal", "下一步当然是先把满意度保持住呀，转岗的事不急，以后再说", "zh-CN", "closed-or-leading"),
    ("bid-late-logins", "options", "我建议你申请调回原来的班次，这样最省事。", "zh-CN", "leading-or-closed"),
    ("kpi-first-week-former-peer", "reality-question", "Just use the new calculator, that'll save you a couple of minutes.",
     "en", "leading-or-closed"),
    ("swot-self-scan-candidate", "evidence", "You should write your FCR 76% there, not these words.", "en",
     "leading-or-closed"),
    ("smart-goal-agent", "actions", "你先去上账务培训，这周就去。", "zh-CN", "closed-or-leading"),
    ("review-peak-day", "causes", "所以就是沟通问题呗，下一个。", "zh-CN", "closed-or-leading"),
    # ... and "let them state the goal themselves" names the goal stated for the team (session 12, turns13 and turns14)
    ("review-peak-day", "goal", "The goal was 80 in 20, and we missed it.", "en", "closed-or-leading"),
    # The closed intent speaks only of yes/no questions (or of neither): telling reaches the fallback.
    ("perf-interview-csat-drop", "support", "You should sit with Xiao Qian, she's quick on it.", "en", "fallback"),
    ("grow-move-to-qa", "reality", "You should ask to sit in on a calibration.", "en", "fallback"),
    ("grow-move-to-qa", "will", "Do the shadowing next week then.", "en", "fallback"),
    ("bid-curt-tone-qa", "support", "You should ask planning for a break after the morning peak.", "en", "fallback"),
    # A demand with no fix in it hands over nothing: the fallback, which says what to ask.
    ("bid-late-logins", "options", "You must find solution, because team cannot wait every morning.", "en", "fallback"),
])
def test_telling_at_a_question_turn(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    """Conventions 13 at the turn: the intent that names steering or advice when there is one, else the fallback."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # A leading or closed question still reaches the closed intent at a yes/no node: `told` only keeps statements out.
    ("grow-move-to-qa", "will", "So you'll do it next week, right?", "en", "closed-or-leading"),
    ("perf-interview-csat-drop", "support", "要不要我给你约个CRM的培训？", "zh-CN", "closed-or-leading"),
])
def test_yes_no_nodes_keep_their_closed_questions(scenario_id: str, node: str, text: str, lang: str,
                                                  intent: str) -> None:
    """The `pitfalls:told` exclusion sends telling to the fallback without losing the node's closed questions."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # A fact about the person's work put on the table is Reality (conventions 10), in both languages ...
    ("Your FCR is 64% this month, down from 70%.", "en", "reality"),
    ("You were late three times this week.", "en", "reality"),
    ("这周你迟到了三次。", "zh-CN", "reality"),
    ("这个月你的AHT是7分20秒，比组平均高了1分钟。", "zh-CN", "reality"),
    # ... but a fix told has the stage of what it hands over (conventions 19: the first thing fixed is Will), and
    # reassurance sets no stage.
    ("You should call him back first thing.", "en", "will"),
    ("没事，你肯定行的。", "zh-CN", None),
])
def test_stated_observation_is_reality(text: str, lang: str, stage: str | None) -> None:
    """A statement of how the person's work is now asks about no stage but sets the Reality one."""
    report = _report(text, lang)
    assert (report["form"], report["grow_stage"]) == ("statement", stage)


@pytest.mark.parametrize(("text", "lang"), [
    # A why that presumes the person's failure blames before it asks (turns7 en, turns8 en and zh: closed-or-leading).
    ("Why did your scores fall?", "en"),
    ("Why you are so slow on the calls? Others are faster.", "en"),
    ("Why we didn't reach the goal yesterday? Who can say?", "en"),
    ("先从你为什么掉了11个点开始？", "zh-CN"),
    ("十点就看到了，为什么不早说？", "zh-CN"),
    ("为啥没人知道谁有权调后台？这个不是培训讲过吗", "zh-CN"),
])
def test_accusing_whys_lead(text: str, lang: str) -> None:
    """Conventions 10: an accusing why is leading, whatever it asks about."""
    assert _report(text, lang)["leading"] is True


def test_a_factual_why_stays_clean() -> None:
    """A why about the process, with no blame in it, does not lead."""
    assert _report("为啥没人知道谁能调后台？", "zh-CN")["leading"] is False
    assert _report("Why did you pick the billing queue for the pilot?", "en")["leading"] is False
