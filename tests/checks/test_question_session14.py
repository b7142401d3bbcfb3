"""The GROW stage of coaching questions, session 14 (issue 13, judge J-question14).

Classes the retired per-label blind sets read wrong, written by different writers:

- a goal handed over is Goal in any form: a tag or "这还用想？" after it, its "next step" (a Will cue) or a role named
  (retired blind12, blind14, blind15, blind17 zh; blind15, blind17 en; rules/question.yaml handed_goal_is_goal); "这还用想？"
  asks nothing, so the text is a statement that tells, and leads (blind10, blind14, blind15 zh);
- the level the person wants a metric at ("你想把FCR做到多少？") asks for a goal (blind13, blind15, blind17 zh);
- an accusing why that blames the person for an act ("Why didn't you ask anyone for help?", "Why did you only help him
  the once?", "Everyone says you don't share your notes, why is that?") asks about no stage (conventions 10, 26; blind15,
  blind16, blind17 en and train-writers; rules/question.yaml accusing_no_stage).

Texts marked with a set are retired items; the rest are our own wording. Each block has neighbours that must not move.
"""

from __future__ import annotations

import pytest

from coachlab.checks.question import check_question


@pytest.mark.parametrize("text,lang", [
    ("下一步当然是考组长啊，对吧？", "zh-CN"),  # blind12
    ("你下一步当然是考质检员啊，这还用想？", "zh-CN"),  # blind14
    ("下一步你当然是冲QA岗啊。", "zh-CN"),  # blind17
    ("Next step for you is obviously the QA role.", "en"),  # blind15
    ("Your goal's obviously team lead, so let's just plan for that.", "en"),  # blind17
    ("Your goal's clearly the senior role, isn't it?", "en"),
])
def test_a_goal_handed_over_is_goal_and_leads(text: str, lang: str) -> None:
    """A goal handed over, whatever follows it, is the Goal stage and leads."""
    report = check_question(text, lang)
    assert (report.grow_stage, report.leading) == ("goal", True)


@pytest.mark.parametrize("text,lang,stage", [
    ("Next step is obviously the QA course, right?", "en", "will"),  # blind11: a course is a first step
    ("那第一步你打算什么时候开始？", "zh-CN", "will"),  # blind14
    ("你的目标是6月前达到85%吗？", "zh-CN", "goal"),  # own
])
def test_a_first_step_or_a_goal_asked_keeps_its_stage(text: str, lang: str, stage: str) -> None:
    """A first step handed over stays Will; a goal asked about stays Goal."""
    assert check_question(text, lang).grow_stage == stage


def test_this_goes_without_thinking_asks_nothing() -> None:
    """"这还用想？" after a goal handed over is rhetorical: the text is a statement."""
    assert check_question("你下一步当然是冲质检专员啊，这还用想？", "zh-CN").form == "statement"  # blind15
    assert check_question("这还用想多久？", "zh-CN").form != "statement"


@pytest.mark.parametrize("text", ["你想把FCR做到多少？", "你想把一次解决率做到多少？", "你希望把AHT压到几分钟？"])
def test_the_level_wanted_is_goal(text: str) -> None:
    """The level the person wants a metric at is a Goal question (blind13, blind15, blind17)."""
    assert check_question(text, "zh-CN").grow_stage == "goal"


def test_what_to_do_with_a_thing_is_not_a_goal_level() -> None:
    """"你想把这件事怎么处理？" asks how, not a level."""
    assert check_question("你想把这件事怎么处理？", "zh-CN").grow_stage != "goal"


@pytest.mark.parametrize("text", [
    "Why didn't you tell anyone the queue was piling up?",  # blind15
    "Everyone says you don't share your notes, why is that?",  # blind15
    "Why didn't you ask anyone for help?",  # blind16
    "Why did you only help him the once?",  # blind17
    "Why you didn't inform me before leaving early yesterday?",  # train-writers
])
def test_an_accusing_why_about_an_act_has_no_stage(text: str) -> None:
    """An accusing why that blames the person for an act is leading with no GROW stage (conventions 10, 26)."""
    report = check_question(text, "en")
    assert (report.grow_stage, report.leading) == (None, True)


@pytest.mark.parametrize("text,stage", [
    ("Why don't you just use the macro?", "options"),  # blind2: a fix suggested keeps Options (conventions 6)
    ("Why has your adherence gone so low this month?", "reality"),  # train: a metric's why keeps its cues
    ("Why did the queue jump at ten?", "reality"),  # conventions 26: a cause outside the person
])
def test_a_why_that_suggests_or_asks_about_a_result_keeps_its_stage(text: str, stage: str) -> None:
    """A why-not that suggests a fix, or a why about a result, keeps its stage."""
    assert check_question(text, "en").grow_stage == stage
