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


# ---------------- session 9, round 2 (judge q9): own wording of the classes of turns11 also in older turn sets ----------------
def _q(text: str, lang: str = "zh-CN") -> dict:
    return run("question", text, lang=lang).to_dict()


@pytest.mark.parametrize("text", [
    "下周先去把质检规则过一遍，把扣分项记下来。",   # a time, 先去, then a 把 clause with no subject
    "然后把回访名单整理好。",                       # 把 with no subject after a link word
    "你用那个话术模板就行。",                       # an act the person is told is all it takes (就行)
    "把工单备注写清楚就行了。",                     # 就行了: the 了 closes the fix, nothing is done yet
    "明天先去找组长要一下权限。",
])
def test_zh_fix_told_without_a_subject(text: str) -> None:
    """Conventions 13: a Chinese order with its subject left out (把…, …就行, 这周先去…) is a fix told."""
    report = _q(text)
    assert report["form"] == "statement"
    assert report["advice"] is True and report["leading"] is True
    assert "told" in {p["id"] for p in report["pitfalls"]}


@pytest.mark.parametrize("text", [
    "我之前也是自己扛，后来慢慢交出去就好了。",   # the speaker's own story
    "你能跟我说说就行。",                         # an invitation
    "这样就行。",                                 # no act
    "上周已经把回访做完了。",                     # done
])
def test_zh_no_fix_told(text: str) -> None:
    """A story, an invitation, a remark with no act or something done tells no fix."""
    assert "told" not in {p["id"] for p in _q(text)["pitfalls"]}


@pytest.mark.parametrize(("text", "closed_fact"), [
    ("那次是什么时候？", True),                        # when a past event was: one fact (conventions 7)
    ("那件事是什么时候的事？", True),
    ("上周投诉率达标了吗？投诉率多少？", True),        # a yes/no, then a figure asked bare
    ("先说说当时是谁接的那通电话？", True),          # an invitation whose object is who it was
    ("你打算什么时候开始？", False),                   # a plan (Will)
    ("你希望月底FCR到多少？", False),                  # a target hoped for (Goal)
    ("你觉得目标定多少合适？", False),
    ("说说当时是谁，遇到了什么问题？", False),         # an invitation that asks for more
])
def test_zh_closed_factual_probe(text: str, closed_fact: bool) -> None:
    """Conventions 7: a probe for one fact (when, a figure, who) is closed in effect."""
    report = _q(text)
    assert ("closed_fact" in {p["id"] for p in report["pitfalls"]}) is closed_fact


@pytest.mark.parametrize(("text", "leading"), [
    ("那为什么不先来找我？", True),          # why-not about coming to the coach: it blames (conventions 10)
    ("你们为什么没告诉我？", True),
    ("你觉得为什么大家没来找我？", False),   # asks for a view: not matched by the why-not form
])
def test_zh_why_not_come_to_me_leads(text: str, leading: bool) -> None:
    assert _q(text)["leading"] is leading


@pytest.mark.parametrize(("scenario_id", "node", "text", "intent"), [
    ("smart-goal-agent", "actions", "下周先去把调账流程学一遍，把权限申请下来。", "closed-or-leading"),
    ("swot-self-scan-candidate", "evidence", "你质检分92，把这个写进去就行。", "leading-or-closed"),
    ("kpi-first-week-former-peer", "reality-question", "别手写了，用系统里的模板就行。", "leading-or-closed"),
    ("promo-overconfident-360", "probe", "那次是什么时候？", "closed-or-leading"),
    ("review-peak-day", "evaluate", "目标达到了吗？接通率多少？", "closed-or-leading"),
    ("review-peak-day", "goal", "先说说昨天是谁负责排班的？", "closed-or-leading"),
    ("review-peak-day", "causes", "那为什么不早点来找我？", "closed-or-leading"),
])
def test_zh_poor_answers_at_question_turns(scenario_id: str, node: str, text: str, intent: str) -> None:
    """The poor answers reach the intent that names their mistake (conventions 7, 10, 13)."""
    from tests.checks.test_question_session9 import reached

    assert reached(scenario_id, node, text, "zh-CN") == intent
