"""The question check, session 8 round 2 (judge q7): GROW stage by what the question asks the person to produce."""

from __future__ import annotations

import pytest

from coachlab.checks import run


def _stage(text: str, lang: str) -> str | None:
    return run("question", text, lang=lang).to_dict()["grow_stage"]


# Own wording. A supposed case that pictures the outcome asks for the goal; one that asks for acts asks for options
# (conventions 11), whatever want/hope/limit/now words sit in it.
@pytest.mark.parametrize(("text", "lang", "stage"), [
    ("Suppose the night shift ran smoothly for a month, what would be different for you?", "en", "goal"),
    ("Imagine this coaching worked. What would you walk away with?", "en", "goal"),
    ("If your adherence was already perfect, what would you want to work on next?", "en", "options"),
    ("If you had no queue targets right now, what would you change first?", "en", "options"),
    ("要是半年后这个问题彻底没了，你觉得你的班会是什么样子？", "zh-CN", "goal"),
    ("假如下个季度回头看，你希望自己做成了什么？", "zh-CN", "goal"),
    ("如果排班现在完全由你定，你会怎么安排早高峰？", "zh-CN", "options"),
    ("要是你师傅在旁边听，她会希望你怎么接这通？", "zh-CN", "options"),
    ("假设新同事碰到同样的客户，你会给她什么建议？", "zh-CN", "options"),
])
def test_supposed_case_stage(text: str, lang: str, stage: str) -> None:
    """Conventions 11: the supposed case's stage is what it asks the person to picture."""
    assert _stage(text, lang) == stage


@pytest.mark.parametrize(("text", "lang", "not_stage"), [
    # "if" that means whether, or "if anything", supposes nothing: no act asked becomes Options.
    ("Can you tell me if you checked the notes first? What did they say?", "en", "options"),
    ("So where would you say you are with the backlog now, and what's blocking you, if anything?", "en", "options"),
    # A supposed case that asks what it would lead to, with no act, is not made Options by the supposition.
    ("这事如果一直拖着不处理，你觉得会怎么样？", "zh-CN", "goal"),
])
def test_not_a_supposed_case(text: str, lang: str, not_stage: str) -> None:
    """Whether-if and if-anything are no supposition; a consequence asked is neither outcome pictured nor act."""
    assert _stage(text, lang) != not_stage


# Own wording. A fact of now asked for (how the person feels about the work, how long, how many this period) is
# Reality with no work word in it; how someone feels today stays a well-being check with no stage.
@pytest.mark.parametrize(("text", "lang", "stage"), [
    ("How are you feeling about the new rota?", "en", "reality"),
    ("How long have the transfers been bouncing back like that?", "en", "reality"),
    ("How many of your chats got reopened this week?", "en", "reality"),
    ("上个月你一共漏了多少个回访？", "zh-CN", "reality"),
    ("这段时间感觉怎么样？", "zh-CN", "reality"),
    ("耳机坏了多久了？", "zh-CN", "reality"),
    ("How are you feeling today?", "en", None),
])
def test_fact_of_now_is_reality(text: str, lang: str, stage: str | None) -> None:
    """A question for how things are now, without a work word, is the Reality stage."""
    assert _stage(text, lang) == stage


def _told(text: str, lang: str) -> tuple[str, bool, bool, bool]:
    report = run("question", text, lang=lang).to_dict()
    return report["form"], report["leading"], report["advice"], any(p["id"] == "told" for p in report["pitfalls"])


# Own wording. A fix told by the clause's mood (conventions 13): a Chinese clause to the person ending in 吧/呗 on an act.
@pytest.mark.parametrize(("text", "lang"), [
    ("那周报就直接交给阿杰吧。", "zh-CN"),
    ("那就提前十分钟登录呗，省得被点名", "zh-CN"),
    ("你就拿快捷短语回呗 别一个字一个字打了", "zh-CN"),
    ("周会上你就 share 一下那个 checklist 吧，三分钟够了。", "zh-CN"),
])
def test_fix_by_mood_is_told(text: str, lang: str) -> None:
    """A statement that tells an act by its mood is stated advice: leading, with the pitfall `told`."""
    assert _told(text, lang) == ("statement", True, True, True)


@pytest.mark.parametrize(("text", "lang"), [
    ("那肯定挺累的吧。", "zh-CN"),                 # a guess
    ("就从你上周那通投诉开始吧。", "zh-CN"),        # an agenda
    ("你先自己琢磨琢磨吧，不行再来找我。", "zh-CN"),  # no fix in it
    ("好，那我们开始吧。", "zh-CN"),
    ("说白了就是你太着急了呗", "zh-CN"),           # a verdict handed over, no act
])
def test_no_fix_by_mood(text: str, lang: str) -> None:
    """A guess, an agenda, a demand with no fix, a verdict or a start tells no fix."""
    assert _told(text, lang)[2] is False


@pytest.mark.parametrize(("text", "leading"), [
    # Own wording. A why that presumes our own failure blames (turns3, turns9 review-peak-day: closed-or-leading) ...
    ("Why did we miss the abandonment target again?", True),
    ("why we lost so many calls on Monday?", True),
    # ... a why about someone else's trouble, or one that asks for a view, does not.
    ("Why was the new starter struggling?", False),
    ("Why do you think we missed the target?", False),
])
def test_why_presuming_our_failure_leads(text: str, leading: bool) -> None:
    """A why that takes our failure as given is leading; a why asking for a view is not."""
    assert run("question", text, lang="en").to_dict()["leading"] is leading


@pytest.mark.parametrize(("text", "stage"), [
    # Own wording. "You know you should have…, right?" scolds: no stage (conventions 10); asking for a view keeps Reality.
    ("You know you should've logged the callback, right?", None),
    ("you do know you should have warned the customer, don't you?", None),
    ("Don't you think you should have logged the callback?", "reality"),
])
def test_you_know_you_should_have_is_a_reproach(text: str, stage: str | None) -> None:
    """A fault told and a nod asked for has no GROW stage."""
    assert _stage(text, "en") == stage


@pytest.mark.parametrize(("text", "stage", "advice"), [
    # Own wording. A long "你试过…吗？" is still one suggestion (conventions 6); other ways and weighing them ask for options.
    ("你试过挂电话前先把工单备注补完整再接下一个吗？", "options", True),
    ("你再琢磨琢磨，还有没有其他的方法能少转几次二线？", "options", False),
    ("这两个做法各有什么优缺点？", "options", False),
])
def test_zh_options_forms(text: str, stage: str, advice: bool) -> None:
    """A suggestion to try, other ways and their pros and cons are the Options stage."""
    report = run("question", text, lang="zh-CN").to_dict()
    assert (report["grow_stage"], report["advice"]) == (stage, advice)


@pytest.mark.parametrize(("text", "leading"), [
    # Own wording. A why at the person for doing everything blames (turns5, turns9 grow-delegation: closed-or-leading).
    ("你为啥啥活都自己扛？", True),
    ("为什么什么事都要等你拍板？", True),
    ("你觉得是什么让大家都不愿意接这个活？", False),
])
def test_zh_why_everything_leads(text: str, leading: bool) -> None:
    """为什么…什么都… scolds the person: leading."""
    assert run("question", text, lang="zh-CN").to_dict()["leading"] is leading
