"""Implicit steering by a statement at a question turn, session 13 (issue 13, judge J-question13b).

Class: a statement that names the person and gives a verdict on their path or a direction, with no marker that hands over
a goal, an answer or a fix ("You'd make a great team lead, you know", "团队现在挺离不开你的，你想清楚哦"), steers (convention
28). The question check had no pitfall for it, so at the GROW Goal turns it reached the fallback, and where the check was unsure
of its stage a "no" dropped the stage and with it J-routing13's route. The report now carries the pitfall `steers`
(question.py STATEMENT_STEERS, rules/question.yaml steers); it does not make the text leading (the per-label corpora label
no such statement leading), and grow-move-to-qa goal and grow-delegation goal route it to closed-or-leading, whose
feedback names steering (retired turns3, turns11, turns12, turns14 en and zh, turns15). Praise of what the person did,
reassurance, acknowledgements and questions do not steer.

Texts are our own wording except those marked with their retired set.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _pitfalls(text: str, lang: str) -> set[str]:
    return {p.id for p in run("question", text, lang=lang).pitfalls}


STEERS = [
    ("You'd make a great team lead, you know.", "en"),  # turns14
    ("I hope you're not thinking of leaving the phones, we really need you.", "en"),  # turns3
    ("其实一线也挺好的，你留下来很有future的", "zh-CN"),  # turns12
    ("团队现在挺离不开你的，你想清楚哦。", "zh-CN"),  # turns14
    ("你每天干11个小时，这样下去不行的。", "zh-CN"),  # turns15
    ("Honestly, you'd be perfect for the senior agent track.", "en"),
    ("The floor can't lose you right now, think it over.", "en"),
    ("You're made for the phones, you know that.", "en"),
    ("组里真的少不了你，你再考虑清楚。", "zh-CN"),
    ("你这么能干，去质检真的可惜了。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), STEERS)
def test_a_verdict_or_direction_said_to_the_person_steers(text: str, lang: str) -> None:
    report = run("question", text, lang=lang)
    assert report.form == "statement"
    assert "steers" in {p.id for p in report.pitfalls}
    assert not report.leading  # a statement asks nothing: the per-label corpora never label it leading


NOT_STEERING = [
    # praise of what the person did or is, and reassurance, point nowhere
    ("That's great, you're so patient.", "en"),
    ("Great, I am sure you will make it.", "en"),
    ("Great, you'll be fine.", "en"),
    ("帮新人上手很好，你很有耐心。", "zh-CN"),
    ("你这个想法挺好的。", "zh-CN"),
    # acknowledgements, remarks, a me-too story, an observation
    ("I see.", "en"),
    ("我明白了。", "zh-CN"),
    ("The queue's quiet this afternoon.", "en"),
    ("一直在想啊，我也一直在想，我当年也纠结过要不要转岗，后来……", "zh-CN"),
    ("You were late three times this week.", "en"),
    # questions ask, even about the same things
    ("Would you like to stay on the phones?", "en"),
    ("你想清楚了吗？", "zh-CN"),
    ("What would a great next step look like for you?", "en"),
    ("你觉得自己适合做什么？", "zh-CN"),
    # a told fix or goal carries `told` and `leading` instead
    ("You need to delegate more, that's the goal.", "en"),
    ("下一步当然是升组长啊，你这么优秀。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_STEERING)
def test_praise_reassurance_and_questions_do_not_steer(text: str, lang: str) -> None:
    assert "steers" not in _pitfalls(text, lang)


GOAL_TURN = [
    ("grow-move-to-qa", "You'd make a great team lead, you know.", "en"),  # turns14
    ("grow-move-to-qa", "I hope you're not thinking of leaving the phones, we really need you.", "en"),  # turns3
    ("grow-move-to-qa", "其实一线也挺好的，你留下来很有future的", "zh-CN"),  # turns12
    ("grow-move-to-qa", "团队现在挺离不开你的，你想清楚哦。", "zh-CN"),  # turns14
    ("grow-delegation", "你每天干11个小时，这肯定不行，得把活delegate出去。", "zh-CN"),  # turns11
    ("grow-delegation", "你每天干11个小时，这样下去不行的。", "zh-CN"),  # turns15
    ("grow-move-to-qa", "You'd be brilliant as a team lead, honestly.", "en"),
    ("grow-delegation", "这样下去肯定不行，你得想清楚。", "zh-CN"),
]


@pytest.mark.parametrize(("scenario", "text", "lang"), GOAL_TURN)
@pytest.mark.parametrize("yes", [False, True])
def test_steering_at_a_goal_turn_is_the_closed_or_leading_intent(scenario: str, text: str, lang: str, yes: bool) -> None:
    # whatever the learner answers when the check asks about the stage, the steering stays
    assert reached(scenario, "goal", text, lang, yes) == "closed-or-leading"


# The goal turns' neighbours (acknowledgements, praise, open goal questions) are tested once, with the routing of the
# same turns: tests/scenarios/test_routing_session13.py NEIGHBOURS.


OTHER_TURNS = [
    # the verdicts at other question turns are labelled steering by some writers and the fallback by as many: unchanged
    ("promo-overconfident-360", "self-view", "Your colleagues don't like working with you, you know.", "en", "fallback"),  # turns5
    ("promo-pay-question", "motive", "You'd be a great team lead, you know.", "en", "fallback"),  # turns9
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), OTHER_TURNS)
def test_verdicts_at_other_turns_keep_their_route(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    assert reached(scenario, node, text, lang) == want
