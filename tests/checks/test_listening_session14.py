"""Session 14 (judge J-listening14), listening: a deflection, a rebuke, a reassurance, a fix told or the problem taken over
at a listening turn is no fact and no feeling (conventions 24, 25), though it shares the agent's words or holds a feeling
word ("That's HR's department, I'm afraid", "累也不能拿客户撒气啊", "OK, so let's move your shift to 8:30 then"). The
texts are answers of the retired turn sets labelled fallback; the other direction keeps a restatement or a feeling said
beside them (texts of the retired per-label sets)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest

from coachlab.checks.engine import Doc, rulebook
from coachlab.checks.listening import check_listening
from coachlab.paths import course_root
from coachlab.scenarios import engine
from coachlab.scenarios.validator import load_scenario


@lru_cache(maxsize=None)
def _scenario(scenario_id: str):  # noqa: ANN202 - the validator's Scenario
    return load_scenario(course_root(), scenario_id)[0]


def _line(scenario_id: str, node: str, lang: str) -> str:
    """Return the other person's line at ``node`` (the check's context in a role-play)."""
    scenario = _scenario(scenario_id)
    session = replace(engine.start(scenario), node=node)
    return engine.line_of(scenario, node, session.seed)[lang]


def test_took_over_is_a_rule_in_each_language_with_examples() -> None:
    """The taken-over problem is a signal rule per language, with its reason and examples both ways."""
    rules = [r for r in rulebook("listening").rules if r.target == "took_over"]
    assert sorted(r.lang for r in rules) == ["en", "zh-CN"]
    for rule in rules:
        assert rule.why and rule.should_pass and rule.should_fail
        assert all(rule.find(Doc(t, rule.lang)) for t in rule.should_pass), rule.id
        assert not any(rule.find(Doc(t, rule.lang)) for t in rule.should_fail), rule.id


@pytest.mark.parametrize("scenario_id, node, lang, text", [
    # the speaker's hedge is no fear (turns9, turns15, turns16)
    ("promo-pay-question", "understand", "en", "That's HR's department, I'm afraid."),
    ("promo-pay-question", "understand", "en", "I'm afraid I can't tell you a figure, that's HR."),
    # the worry reassured away (turns15, turns5, turns11)
    ("promo-pay-question", "understand", "en", "It won't be that stressful, trust me."),
    ("promo-pay-question", "understand", "zh-CN", "放心吧，肯定比现在多。"),
    ("bid-curt-tone-qa", "overload", "zh-CN", "别太累了 会好起来的💪"),
    # a rebuke after their words (turns14, turns15, turns10, turns16, turns12)
    ("bid-curt-tone-qa", "overload", "en", "Three weeks of covering, right. But that still doesn't excuse the tone on that call."),
    ("bid-curt-tone-qa", "overload", "zh-CN", "累也不能拿客户撒气啊，这是两码事。"),
    ("bid-curt-tone-qa", "overload", "zh-CN", "累了也不能跟客户叹气啊。"),
    ("bid-late-logins", "reason", "en", "ok so bus is late, got it. but we realy need u here at 8 tho"),
    ("bid-late-logins", "reason", "zh-CN", "哦，那是你家里的事，公司这边还是要按排班来。"),
    # a fix told (turns14, turns5, turns11, turns16)
    ("bid-late-logins", "reason", "en", "That's tough. OK, so let's move your shift to 8:30 then."),
    ("bid-late-logins", "reason", "en", "Maybe you can take the earlier bus?"),
    ("bid-late-logins", "reason", "zh-CN", "这样，你改8:30的班吧，我去跟排班说。"),
    # the problem taken over (turns15, turns16)
    ("golden-circle-callback-pushback", "listen", "en", "Tell you what, I'll go back to management and ask them to rethink it."),
    ("kpi-first-week-former-peer", "reaction", "zh-CN", "那些草草打发客户的人我会去找他们谈，这个你放心。"),
])
def test_a_deflection_or_a_fix_at_a_listening_turn_is_no_fact_and_no_feeling(
        scenario_id: str, node: str, lang: str, text: str) -> None:
    """The retired turn sets label these fallback: neither fact nor feeling is found, and the turn reaches the fallback."""
    report = check_listening(text, lang, _line(scenario_id, node, lang))
    assert (report.elements["fact"], report.elements["feeling"]) == (False, False)
    event, _ = engine.play_free(_scenario(scenario_id), node, text, lang, False)
    assert engine.reached(event) == "fallback"


@pytest.mark.parametrize("text, lang, fact, feeling", [
    # a restatement before the problem taken over keeps its fact (blind4, blind10 label these fact and feeling)
    ("奶奶住院了，你肯定很担心。假我批了，工作这边我来安排。", "zh-CN", True, True),
    ("阿姨住院了，你肯定很担心。这周你需要几天？排班我来调。", "zh-CN", True, True),
    # the agent's own fear is a feeling; not being able to rest easy is one too (train-retired-blind, heldout)
    ("Your child is ill and you're afraid leaving early will count against you. What do you need from me so you can go today?",
     "en", True, True),
    ("听得出来你很放心不下她。", "zh-CN", False, True),
])
def test_what_is_said_beside_them_still_counts(text: str, lang: str, fact: bool, feeling: bool) -> None:
    """A restatement or a feeling of the agent's keeps its element: the new rules read only the move itself."""
    report = check_listening(text, lang)
    assert (report.elements["fact"], report.elements["feeling"]) == (fact, feeling)


def test_a_choice_offering_to_take_it_over_is_no_taken_over_problem() -> None:
    """"你是想让我去跟IT反映，还是…？" leaves the choice to the agent (blind12: fact and focus)."""
    text = "一个单子要点七八个页面。你是想让我去跟IT反映，还是先帮你找找有没有快捷的办法？"
    rule = next(r for r in rulebook("listening").rules if r.id == "listening.zh.took_over")
    assert rule.find(Doc(text, "zh-CN")) == []
    assert check_listening(text, "zh-CN").elements["focus"] is True
