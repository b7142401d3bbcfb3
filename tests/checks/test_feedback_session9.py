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
from coachlab.checks.feedback import _LEXICON_RULES, _lexicon, check_feedback, plan_steps
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
