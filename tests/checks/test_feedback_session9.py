"""Feedback written as notes (issue 13, session 9, judge fb8).

A plan written as notes (steps between slashes, arrows, semicolons or numbered marks, after a heading that says
when it starts, "D：", "next huddles:") is a development step; the heading alone, a wish, a warning, something
already done or the manager's own act is none. The lexicons that the mechanisms read on a piece of the text are
rules with examples (rules/feedback.yaml), and their whole-answer hits add no feature to the learned layer.
The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from coachlab.checks.engine import rulebook
from coachlab.checks.feedback import (_LEXICON_RULES, _lexicon, check_feedback, observed_acts, plan_steps,
                                       zh_context_acts)
from tests.checks.playing import reached

PLANS = [
    ("from Wed: on the phone by 7:58 / bus running late -> text me by 7:45 / we look at it again in 3 weeks", "en"),
    ("next team meetings: let the others finish, ask Mia what she thinks first. by the 15th: put ur 3 best "
     "openings in the shared drive", "en"),
    ("D：1）用“常用语”快捷键（一次点击）调话术；2）等待超过15秒时跟客户说明在做什么；这周先用起来，周五抽听3通。", "zh-CN"),
    ("接下来的周会，同事汇报时你先记下来，等他讲完再提问。下个月你挑两条好用的开场白，在周会上讲十分钟。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), PLANS)
def test_a_plan_written_as_notes_is_a_step(text: str, lang: str) -> None:
    """Steps between separators after a heading of when: development, with the step as evidence."""
    assert plan_steps(analyse("feedback", text, lang).doc)
    report = run("feedback", text, lang=lang)
    assert report.elements["development"] is True
    assert any(e.element == "development" for e in report.evidence)


NOT_PLANS = [
    ("From now on, be more punctual.", "en"),
    ("next time, try harder with the customers.", "en"),
    ("下个月争取做得更好，加油。", "zh-CN"),
    ("以后要更专业一点。", "zh-CN"),
    ("下周质检要抽你的录音。", "zh-CN"),
    ("挺好的，排班的事下次我再跟你说。", "zh-CN"),
    ("上周二你给客户演示了三遍，她挂电话前说以后有事就找你。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_PLANS)
def test_a_heading_with_a_wish_or_no_act_of_the_agent_is_no_plan(text: str, lang: str) -> None:
    """A wish, a rating, someone else's act or the manager's own, or reported speech: no plan step."""
    assert not plan_steps(analyse("feedback", text, lang).doc)


@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("bid-late-logins", "development", PLANS[0][0], "en"),
    ("promo-overconfident-360", "development", PLANS[1][0], "en"),
    ("perf-interview-csat-drop", "development",
     "D：1）用“最近工单”入口（两次点击）查记录；2）查的时候超过15秒就告诉客户在查什么；这周先试，周五一起听2通。", "zh-CN"),
    ("promo-overconfident-360", "development",
     "接下来每次班前会，别人说完你再说；下个月至少讲一次你的话术，给新人那组讲一遍。", "zh-CN"),
])
def test_a_plan_as_notes_reaches_concrete_development(scenario: str, node: str, text: str, lang: str) -> None:
    """At a development turn the plan written as notes reaches the good move, not the fallback."""
    assert reached(scenario, node, text, lang, yes=True) == "concrete-development"


def test_the_piece_lexicons_are_rules_with_examples() -> None:
    """Each lexicon the mechanisms read on a piece is a feedback rule in both files' sense: examples and reasons."""
    book = rulebook("feedback")
    for target in _LEXICON_RULES:
        rules = [r for r in book.rules if r.target == target]
        assert rules, target
        assert all(r.should_pass and r.should_fail for r in rules), target


def test_piece_lexicons_add_no_feature_to_the_learned_layer() -> None:
    """The whole-answer hits of the piece lexicons are dropped: no r:<target> feature reaches the model."""
    from coachlab.checks.learned import recording

    text = "from Mon: logged in by 8:00. next huddles: let people finish. Be more punctual please."
    assert _lexicon("plan_frame", "en").search(text) and _lexicon("comparative_only", "en").search("be more punctual")
    with recording() as log:
        check_feedback(text, "en")
    names = set(log[-1][0])
    assert "w:8" in names  # the log holds this text's features
    assert not {f"r:{t}" for t in _LEXICON_RULES} & names


# ------------------------------------------------ a habit the manager saw, or how often, is an act (no call named)

HABITS = [
    ("what I've seen: most weeks the new starters bring u a case and u just take the keyboard and close it. they "
     "come back with the same case type a few days later. next time ask 'what would you check?' and let them type",
     "en"),
    ("I noticed it several times this month: someone asks you about a refund and you take over the screen and do it. "
     "They leave with an answer, but they ask again the next week. Next time, ask them what they would check first.",
     "en"),
    ("我注意到这个月新人来问退款，你基本都是直接接过鼠标帮他们办完。当时是解决了，可他们下周碰到还是来问你。下次你先问他“你觉得先查哪里”，"
     "让他自己操作。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), HABITS)
def test_an_observed_habit_with_its_outcome_and_a_step_is_a_full_bid(text: str, lang: str) -> None:
    """Seen by the manager or counted, the agent's habit is the behaviour: the BID turn reaches full-bid."""
    assert observed_acts(analyse("feedback", text, lang).doc)
    assert reached("swot-self-scan-candidate", "bid", text, lang, yes=True) == "full-bid"


@pytest.mark.parametrize(("text", "lang"), [
    ("You always fix things for people.", "en"),
    ("I see you're too helpful with the new ones.", "en"),
    ("我看到你对新人挺热心的。", "zh-CN"),
    ("下次你先问他怎么想，这个我看到好几次了。", "zh-CN"),
])
def test_no_observed_act_without_an_act_of_the_agent(text: str, lang: str) -> None:
    """A verdict, a state, a rating or a plan next to "I see" / a count is no observed act."""
    assert not observed_acts(analyse("feedback", text, lang).doc)


def test_the_managers_own_seeing_is_no_impact() -> None:
    """"这个我看到过好几次" after the act is how the manager knows, not what the act caused: behaviour only."""
    report = run("feedback", "同事来问，你都直接帮他们办完了，这个我见过好几次。", lang="zh-CN")
    assert report.elements["behavior"] is True
    assert report.elements["impact"] is False


@pytest.mark.parametrize(("text", "lang"), [
    ("4 low-scored calls: on hold 3+ min while searching the order history, nothing said. CSAT 91 -> 80 (team -2).",
     "en"),
    ("Obs: long silences (30s+) while searching the account. CSAT down from 90% to 81% in 5 wks.", "en"),
    ("抽听4通差评：每通静默等待3分钟左右，查订单记录时没跟客户说明。满意度90%→81%（团队-2个点）。", "zh-CN"),
    ("我听了四通录音，你查订单的时候三分多钟一句话都没说，满意度从90掉到81。", "zh-CN"),
])
def test_counted_calls_heard_with_what_happened_in_them_is_behaviour_and_impact(text: str, lang: str) -> None:
    """Notes of the calls the manager heard ("3 low-rated calls:", "抽听3通") tell the agent's act in them."""
    assert reached("perf-interview-csat-drop", "evaluation", text, lang, yes=True) == "behaviour-and-impact"


@pytest.mark.parametrize(("text", "lang"), [
    ("3 calls this week. CSAT went from 89 to 78.", "en"),
    ("听了3通，满意度掉了11个点。", "zh-CN"),
])
def test_counted_calls_with_only_a_number_name_no_act(text: str, lang: str) -> None:
    """A count of calls and a metric that moved, with no act in the calls, is no observed act (convention 14)."""
    assert not observed_acts(analyse("feedback", text, lang).doc)


# ------------------------------------- Chinese acts at a role-play turn: the other person's line names the call

@pytest.mark.parametrize(("scenario", "node", "text", "want"), [
    ("listening-abusive-call", "praise", "你全程语气平稳，主动提出了补偿方案，两次请他注意用语后才结束通话。谢谢你，辛苦了。",
     "specific-praise"),
    ("listening-abusive-call", "praise", "做得对的：始终客气；主动提补偿；两次请对方别再骂后才挂。谢谢你。", "specific-praise"),
    ("promo-followup-month", "praise", "你第三周搞出了换班登记表 → 调组申请4个→0个 → 人都稳住了。谢谢你。", "bia"),
])
def test_acts_told_without_naming_the_call_again_are_behaviour_at_a_turn(scenario: str, node: str, text: str,
                                                                         want: str) -> None:
    """With the role-play line as context, the agent's acts (pinned by 了, a count, 主动) are the behaviour."""
    assert reached(scenario, node, text, "zh-CN", yes=True) == want


@pytest.mark.parametrize("text", [
    "你做得很好，谢谢你。",
    "你比自己想的做得好多了。",
    "你的行为对客户满意度产生了积极的影响。",
    "提升了客户满意度，为团队创造了价值。",
    "这一行为对团队产生了积极正面的影响。",
])
def test_a_rating_or_an_outcome_is_no_context_act(text: str) -> None:
    """A rating, a thing of the agent's as subject, or an outcome with no agent: no act, even with a context."""
    doc = analyse("feedback", text, "zh-CN", "客户骂了十分钟，我按流程挂了。").doc
    assert not zh_context_acts(doc)


def test_context_acts_need_a_context() -> None:
    """Without a role-play line (the label sets) the mechanism stays silent."""
    text = "你全程语气平稳，主动提出了补偿方案，两次请他注意用语后才结束通话。"
    assert not zh_context_acts(analyse("feedback", text, "zh-CN").doc)
    assert zh_context_acts(analyse("feedback", text, "zh-CN", "客户骂了十分钟，我按流程挂了。").doc)


# ------------------------------------------------------------- poor answers at feedback turns (session 9, turns10)

def test_a_comparative_request_with_a_reason_after_it_is_a_wish() -> None:
    """"Be more X please, <reason>": the rules' step is the tail; the sentence asks for more of a quality: no step."""
    text = "Be more careful please, it matters for the whole team."
    assert run("feedback", text, lang="en").elements["development"] is False
    assert reached("bid-late-logins", "development", text, "en") == "fallback"


def test_a_competency_said_to_be_lacking_is_a_label() -> None:
    """"Your X lacks empathy" rates a competency (label), with or without "of"."""
    text = "Your phone manner lacks empathy and professionalism."
    assert "label" in run("feedback", text, lang="en").flags
    assert reached("bid-curt-tone-qa", "behaviour", text, "en") == "label"


def test_a_count_at_zero_now_is_a_result_with_no_act() -> None:
    """"Swap requests are zero now" is a number alone (conventions 1, 14): impact, no behaviour -> vague at BIA praise."""
    text = "Swap requests are zero now."
    report = run("feedback", text, lang="en")
    assert report.elements["impact"] is True and report.elements["behavior"] is False
    assert reached("promo-followup-month", "praise", text, "en") == "vague"


def test_piece_rules_are_not_run_on_the_whole_answer() -> None:
    """`piece: true` rules are skipped by engine.find_all (no time, no hits), but still fire on their examples."""
    from coachlab.checks.engine import Doc, find_all

    text = "from Mon: logged in by 8:00. I've seen it a few times a week. Be more punctual."
    hits = find_all(rulebook("feedback"), Doc(text, "en"))
    assert not set(_LEXICON_RULES) & set(hits)
    rule = next(r for r in rulebook("feedback").rules if r.id == "feedback.en.plan_frame")
    assert rule.options.get("piece") is True and rule.find(Doc("from Mon: logged in by 8:00", "en"))


def test_a_present_habit_at_a_turn_is_an_act() -> None:
    """At the strength turn "you go through every charge" is an act with its result."""
    text = ("Last month your FCR was 79% against 71% for the team. When someone hands you a messy bill you go through "
            "every charge with the caller, so those customers don't ring back.")
    assert reached("kpi-first-week-former-peer", "strength", text, "en", yes=True) == "behaviour-and-impact"


def test_a_rating_verb_in_the_present_is_no_act() -> None:
    """"You handle customers really well" rates the handling: no behaviour, even at a turn."""
    report = check_feedback("You handle customers really well.", "en", context="Thanks. So, what did you see?")
    assert report.elements["behavior"] is False
