"""The question check on the classes fixed in session 7 (judge q3): zh GROW stage and conventions 6 and 7."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _report(text: str, lang: str) -> dict:
    return run("question", text, lang=lang).to_dict()


@pytest.mark.parametrize(("text", "stage"), [
    # Another person's place, or a limit lifted, widens the choices: Options, even with 最希望 or 安排 in it.
    ("要是你是那位客户，你最希望坐席先说哪句话？", "options"),
    ("站在排班组的角度，他们会怎么安排这个班？", "options"),
    ("如果人手不是问题，你会想怎么分这些活？", "options"),
    ("你们组长看到这份报表，会给你什么建议？", "options"),
    # ...but another person's view of what already happened looks back: Reality.
    ("换个角度，那位客户那边会怎么看那次通话？", "reality"),
    # A reproach aimed at the person asks about no stage; hindsight about the occasion stays Reality.
    ("你难道不清楚升级流程吗？", None),
    ("你不觉得你早该跟组长说一声吗？", None),
    ("你不觉得当时就该升级吗？", "reality"),
    # Who can help, and settling it, plan the action: Will.
    ("这件事上谁可以帮到你？", "will"),
    ("那就定下来，周四开始？", "will"),
    # What the person wants, or a choice between two wants: Goal.
    ("你想在这一个月里把哪项指标先提上来？", "goal"),
    ("你是想先把质检分稳住，还是想先冲接通量？", "goal"),
    # What stops the agent now is Reality; what might stop them later is Will.
    ("是什么拦着你没按时交日报？", "reality"),
    ("接下来可能会有什么拦着你？", "will"),
    # Which of two things is the case looks at the situation: Reality (a choice between acts stays Options).
    ("主要是排班的原因还是你自己的原因？", "reality"),
    ("你想先练开场白，还是先练收尾？", "options"),
    # How far they are from it now is Reality; a supposed future they hope for pictures the Goal.
    ("你现在离转岗还有多远？", "reality"),
    ("假如这次聊完，你希望下个季度自己的工作有什么变化？", "goal"),
    # "What could you do" in chat words is Options.
    ("那你觉得下个月能做点啥？", "options"),
])
def test_zh_grow_stage_session7(text: str, stage: str | None) -> None:
    """The stage the retired blind sets (blind2 to blind6) give each class."""
    assert _report(text, "zh-CN")["grow_stage"] == stage


@pytest.mark.parametrize(("text", "lang"), [
    ("Have you tried reading the notes before you pick up?", "en"),
    ("So have you considered a second headset?", "en"),
    ("你试过先看备注再接起来没有？", "zh-CN"),
    ("要不要先找组长聊一下？", "zh-CN"),
])
def test_have_you_tried_is_advice_only(text: str, lang: str) -> None:
    """Conventions 6: a suggestion of one thing to try is advice, form closed, not leading; its stage is Options."""
    report = _report(text, lang)
    assert (report["form"], report["advice"], report["leading"], report["grow_stage"]) == ("closed", True, False, "options")


@pytest.mark.parametrize(("text", "lang"), [
    ("Why don't you just read the notes first?", "en"),
    ("你为什么不直接先看备注？", "zh-CN"),
])
def test_other_advice_questions_still_lead(text: str, lang: str) -> None:
    """Only the have-you-tried kind drops leading: "why don't you just…" still pushes an answer."""
    report = _report(text, lang)
    assert report["advice"] and report["leading"]


def test_the_customers_wants_are_no_goal() -> None:
    """A choice between what the customer wants is about the case, not the agent's goal."""
    assert _report("客户是想退款还是换货？", "zh-CN")["grow_stage"] != "goal"


def test_a_guess_at_what_was_not_done_leads() -> None:
    """"你是不是压根没看…" guesses the failing for a yes, like "你是不是又没看…"."""
    assert _report("你是不是压根没看上周的公告？", "zh-CN")["leading"]


@pytest.mark.parametrize(("text", "lang", "fact"), [
    ("Who was on the escalation desk at nine?", "en", True),
    ("How many of them did you mentor?", "en", True),
    ("当时排班是谁排的？", "zh-CN", True),
    ("你一共接过几个这样的投诉？", "zh-CN", True),
    ("那天经理在哪？", "zh-CN", True),
    # Something more is asked, or who can help (Will): no closed fact.
    ("Who was on the desk, and what did they see?", "en", False),
    ("Who could help you with the rota?", "en", False),
    ("当时是谁接的，后来怎么处理的？", "zh-CN", False),
    ("这件事需要让谁知道？", "zh-CN", False),
    ("你觉得问题出在哪？", "zh-CN", False),
])
def test_closed_factual_probe(text: str, lang: str, fact: bool) -> None:
    """Conventions 7: a question that asks for one fact (who, how many, where) and nothing more is closed in effect."""
    assert ("closed_fact" in [p["id"] for p in _report(text, lang)["pitfalls"]]) is fact


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    ("review-peak-day", "causes", "Who was on the escalation desk at nine?", "en", "closed-or-leading"),
    ("review-peak-day", "causes", "当时排班是谁排的？", "zh-CN", "closed-or-leading"),
    ("promo-star-probing", "probe-situation", "你一共带过几个徒弟？", "zh-CN", "closed-or-leading"),
    ("promo-star-probing", "probe-situation", "How many of them did you mentor?", "en", "closed-or-leading"),
    # an open probe still reaches the good move
    ("review-peak-day", "causes", "当时是谁接的，后来卡在哪一步？", "zh-CN", "open-question"),
])
def test_closed_factual_probe_reaches_closed_or_leading(scenario_id: str, node: str, text: str, lang: str,
                                                         intent: str) -> None:
    """At a role-play turn a closed factual probe reaches the node's closed-or-leading intent (conventions 7)."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_closed_fact_has_a_name(lang: str) -> None:
    from coachlab.widgets.checkpad import label

    assert label("closed_fact", lang) != "closed_fact"


@pytest.mark.parametrize(("text", "form"), [
    # A clause that asks with a question word and no yes/no frame keeps a Chinese sentence open...
    ("上个月那几单，后来是怎么处理的，客户有回复吗？", "open"),
    ("她现在做到什么水平了，有没有什么数字能看出来？", "open"),
    # ...but a tag asked for a nod, a "what's up" before a guess, or an either/or with no question word close it.
    ("这周怎么样，撑得住不？", "closed"),
    ("怎么了，是不是家里有事？", "closed"),
    ("你是想先休息一下，还是马上回线上？", "closed"),
])
def test_zh_clause_form(text: str, form: str) -> None:
    """clause_form (rules/question.yaml): the form of a Chinese sentence of several comma clauses."""
    assert _report(text, "zh-CN")["form"] == form


@pytest.mark.parametrize(("text", "lang", "form"), [
    # A request in report register asks the agent to elaborate: open.
    ("请你具体描述一下上周那通投诉电话的经过。", "zh-CN", "open"),
    ("请用时间线回顾一下昨天上午的排队情况。", "zh-CN", "open"),
    ("Kindly tell what is stopping the callbacks.", "en", "open"),
    # A deliverable asked for stays a statement.
    ("请你制定详细的改进计划，周五前提交。", "zh-CN", "statement"),
])
def test_report_register_requests(text: str, lang: str, form: str) -> None:
    assert _report(text, lang)["form"] == form


def test_could_you_get_someone_else_to_is_advice() -> None:
    """"你能不能让…去…？" hands the agent the coach's option: advice, so no small-talk pitfall hides it."""
    report = _report("你能不能让你爸妈早上帮忙送孩子？", "zh-CN")
    assert report["advice"] and "small_talk" not in [p["id"] for p in report["pitfalls"]]


@pytest.mark.parametrize(("text", "stage"), [
    ("What would your first team lead have told you to try?", "options"),
    ("If Nadia was running the queue, what would she change first?", "options"),
    ("Let's say headcount wasn't an issue. How would you split the work?", "options"),
    ("From where the back office sits, what do you think they'd ask us to do?", "options"),
    # one's own view, or the customers' view of how things are now, stays Reality
    ("What do the figures say about last month, from where you sit?", "reality"),
])
def test_en_borrowed_view_is_options(text: str, stage: str) -> None:
    """Another person's advice or place, or a limit lifted, is Options in English too (blind3, blind5, blind6)."""
    assert _report(text, "en")["grow_stage"] == stage


@pytest.mark.parametrize(("text", "stage"), [
    ("你这次来，是想聊调岗的事吧？", "goal"),
    ("你觉得这次培训应该达到什么效果？", "goal"),
    ("这里面哪些是你自己能控制的？", "reality"),
    ("到目前为止你做了哪些尝试？", "reality"),
    ("那就约个时间，周四一起复盘？", "will"),
    ("周五前能把改好的话术发给我吗？", "will"),
    ("还有别的呢？", "options"),
    ("难道你就不能提前五分钟到吗？", None),
    ("为什么别人都能按时交，就你交不了？", None),
])
def test_zh_stage_wants_control_deliverables_and_comparisons(text: str, stage: str | None) -> None:
    """More zh stage classes (blind5, blind6, train-writers): wants are Goal, control and attempts so far Reality,
    a deliverable or a time set Will, "还有…呢" Options, a reproach or a comparison with the others no stage."""
    assert _report(text, "zh-CN")["grow_stage"] == stage


def test_thinking_too_much_is_no_want() -> None:
    """"你就是想太多了" is no goal: only 你(这次来/找我)是想… asks what the person wants."""
    assert _report("我看你就是想太多了，先做起来。", "zh-CN")["grow_stage"] != "goal"


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # Options asked first and the hand-over asked after it: the question is about options.
    ("还有什么活能分出去？你准备怎么交接？", "zh-CN", "options"),
    ("What other jobs could you pass on, and how?", "en", "options"),
    ("Where does your day go, and what makes it hard to hand things over?", "en", "reality"),
])
def test_options_then_the_hand_over(text: str, lang: str, stage: str) -> None:
    """turns, turns3, turns5 (grow-delegation): options first, then how to hand over, is an options question."""
    assert _report(text, lang)["grow_stage"] == stage


@pytest.mark.parametrize(("text", "lang", "form"), [
    # conventions 7: who it was, or at what time, asked as a fact is a closed question
    ("Who was covering the chat queue that morning?", "en", "closed"),
    ("那天中午是谁顶的班？", "zh-CN", "closed"),
    ("你昨天是几点下的线？", "zh-CN", "closed"),
    # a blaming who leads and keeps its form; how many stays open by grammar (the writers split on it)
    ("谁让你直接把单子关了的？", "zh-CN", "open"),
    ("How many chats did you close yesterday?", "en", "open"),
])
def test_who_and_when_facts_are_closed(text: str, lang: str, form: str) -> None:
    assert _report(text, lang)["form"] == form


@pytest.mark.parametrize(("text", "lang"), [
    ("1到10分，你有几成把握这周做完？", "zh-CN"),
    ("到月底你希望满意度是多少？", "zh-CN"),
    ("On a scale of 1 to 10, how many points would you give your confidence?", "en"),
])
def test_scales_and_targets_are_no_closed_fact(text: str, lang: str) -> None:
    """A commitment scale (Will) or a target hoped for (Goal) asks for a number on purpose."""
    assert "closed_fact" not in [p["id"] for p in _report(text, lang)["pitfalls"]]


@pytest.mark.parametrize(("text", "form"), [
    ("要不要先找老周聊聊", "closed"),   # a WeChat line with no question mark is asked all the same
    ("好 那还有呢", "open"),            # "还有呢" asks for more ideas
])
def test_zh_chat_lines_without_a_mark(text: str, form: str) -> None:
    assert _report(text, "zh-CN")["form"] == form


@pytest.mark.parametrize(("text", "leading"), [
    ("你为什么这个月质检分这么低？", True),
    ("为什么没人提前跟我说一声？", True),
    ("为啥没人知道升级该找谁？", False),      # the process, not a person blamed
    ("你这个月的AHT为什么比上个月高？", False),
])
def test_zh_blaming_why(text: str, leading: bool) -> None:
    assert _report(text, "zh-CN")["leading"] is leading


@pytest.mark.parametrize(("text", "lang", "leading"), [
    # round 4: a why aimed at the team for what nobody did blames (turns2/3/5/6 review-peak-day label it so)
    ("Why didn't anybody escalate it to the duty manager?", "en", True),
    ("Why did no one ring the customer back?", "en", True),
    ("Why didn't anyone notice the queue was growing?", "en", False),   # what nobody noticed: the process
    # the reproach with the auxiliary left out (non-native): 'always' / 'keep' in the why
    ("Why your chats always get reopened?", "en", True),
    ("Why do customers call back after a refund?", "en", False),
    # zh: 你们 / 你 + when, then 为什么不/没; 为什么…老是/总是
    ("为什么你们看到积压了也不吭声？", "zh-CN", True),
    ("你昨天为什么没去开班前会？", "zh-CN", True),
    ("为什么这个客户总是投诉我们？", "zh-CN", True),
    ("你觉得这类客户为什么会反复来电？", "zh-CN", False),
])
def test_blaming_why_aimed_at_the_team_or_a_habit(text: str, lang: str, leading: bool) -> None:
    assert _report(text, lang)["leading"] is leading


@pytest.mark.parametrize(("text", "lang"), [
    # round 4: what someone usually does is work as it is now, whatever verb asks it (habitual_is_reality)
    ("How do you normally open a chat when the customer is already shouting?", "en"),
    ("On a typical shift, how do you plan your breaks?", "en"),
    ("遇到要退款的客户，你一般先怎么开口？", "zh-CN"),
    ("你平时下班前都会安排些什么？", "zh-CN"),
])
def test_what_someone_usually_does_is_reality(text: str, lang: str) -> None:
    assert _report(text, lang)["grow_stage"] == "reality"


def test_small_talk_about_a_habit_keeps_no_stage() -> None:
    assert _report("你午饭平时几点吃啊？", "zh-CN")["grow_stage"] is None


@pytest.mark.parametrize("text", ["Why not pair up with Ken for a morning?", "Why not just ring her back yourself?"])
def test_why_not_do_x_is_advice(text: str) -> None:
    """'Why not do X?' suggests as much as 'why not just X?' (round 4); 'Why not yet?' asks a reason."""
    assert _report(text, "en")["advice"] is True


def test_why_not_yet_asks_a_reason() -> None:
    assert _report("Why not yet?", "en")["advice"] is False


def test_which_day_a_past_event_was_is_a_closed_fact() -> None:
    """Which day it was, asked of a past event, is one fact (conventions 7); which day you will start is a plan."""
    assert _report("你说的那次是哪天的事？", "zh-CN")["form"] == "closed"
    assert _report("你打算哪天开始跟岗？", "zh-CN")["form"] == "open"


def test_is_it_fair_to_say_offers_a_verdict_about_now() -> None:
    """'Is it fair to say you…?' offers the coach's verdict for a nod: leading, Reality (blind6, blind7)."""
    r = _report("Is it fair to say you lost patience with that caller?", "en")
    assert (r["leading"], r["grow_stage"]) == (True, "reality")


def test_keeping_the_job_asked_as_a_question_is_pressure() -> None:
    """'Do you want to keep this job?' threatens: leading, no stage (blind5, blind6)."""
    r = _report("Do you want to keep your job here, honestly?", "en")
    assert (r["leading"], r["grow_stage"]) == (True, None)


def test_which_idea_is_most_workable_weighs_options() -> None:
    assert _report("刚才那几招里，你觉得哪个最管用？", "zh-CN")["grow_stage"] == "options"


# Conventions 10 and 12 (lead trainer, end of session 7; judge q5).
@pytest.mark.parametrize(("text", "lang"), [
    ("Why on earth did you transfer him again?", "en"),
    ("Why do you keep missing the morning huddle?", "en"),
    ("Why are you always the one arguing with the customers?", "en"),
    ("你为什么老是不按时交工单？", "zh-CN"),
    ("为啥又是你的单子被投诉？", "zh-CN"),
])
def test_an_accusing_why_leads_with_no_stage(text: str, lang: str) -> None:
    """A reproach has no GROW stage, whatever it asks about; it leads (conventions 10)."""
    report = _report(text, lang)
    assert (report["leading"], report["grow_stage"]) == (True, None)


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # a why that asks for a cause, with no reproach, keeps its stage
    ("Why did you choose that queue?", "en", "reality"),
    ("你觉得客户为什么会打回来三次？", "zh-CN", "reality"),
])
def test_a_plain_why_keeps_its_stage(text: str, lang: str, stage: str) -> None:
    report = _report(text, lang)
    assert (report["leading"], report["grow_stage"]) == (False, stage)


@pytest.mark.parametrize("text", ["怎么又是你最后一个走？", "你怎么总是记不住核身四步？"])
def test_a_reproach_read_as_a_statement_still_leads(text: str) -> None:
    report = _report(text, "zh-CN")
    assert (report["form"], report["leading"], report["grow_stage"]) == ("statement", True, None)


@pytest.mark.parametrize(("text", "lang", "form"), [
    # a polite request to tell invites a story: open
    ("Could you give me an example?", "en", "open"),
    ("Can you walk me through that call?", "en", "open"),
    ("能举个例子吗？", "zh-CN", "open"),
    ("能跟我讲讲那天的情况吗？", "zh-CN", "open"),
    ("你能不能具体说说那通电话？", "zh-CN", "open"),
    # a request for a yes stays closed, and so does a bare "能说说吗？" that names nothing to tell
    ("Can you do it by Friday?", "en", "closed"),
    ("周五前能做完吗？", "zh-CN", "closed"),
    ("能说说吗？", "zh-CN", "closed"),
])
def test_a_polite_request_to_tell_is_open(text: str, lang: str, form: str) -> None:
    """A polite request to tell ("能举个例子吗？", "Can you walk me through…?") invites a story (conventions 12)."""
    assert _report(text, lang)["form"] == form
