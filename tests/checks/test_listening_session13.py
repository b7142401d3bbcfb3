"""Session 13 (judge feedback13), listening: the word list that says an open question or a choice leaves the need to
the agent is data (rules listening.*.leaves_need, read on the whole reply by listening.single_offer), with its reason
and examples; moving it out of listening.py changed no verdict (proved on every listening item of the corpora but
the sealed ones, by a throwaway script: see the commit message)."""

from __future__ import annotations

import pytest

from coachlab.checks.engine import Doc, rulebook
from coachlab.checks.listening import check_listening


def test_leaves_need_is_a_rule_in_each_language_with_examples() -> None:
    """Both languages have the lexicon as a piece rule with its reason and examples."""
    rules = [r for r in rulebook("listening").rules if r.target == "leaves_need"]
    assert sorted(r.lang for r in rules) == ["en", "zh-CN"]
    for rule in rules:
        assert rule.options.get("piece") is True and rule.why and rule.should_pass and rule.should_fail
        assert all(rule.find(Doc(t, rule.lang)) for t in rule.should_pass), rule.id
        assert not any(rule.find(Doc(t, rule.lang)) for t in rule.should_fail), rule.id


@pytest.mark.parametrize("text, lang", [
    ("Do you want to go home?", "en"),
    ("How about grabbing a coffee first?", "en"),
    ("你要不要休息一下？", "zh-CN"),
    ("要不你先去茶水间休息十分钟？", "zh-CN"),
])
def test_one_act_offered_for_a_yes_is_still_a_single_offer(text: str, lang: str) -> None:
    """An offer with no open question and no choice beside it keeps the pitfall."""
    assert "single_offer" in {p.id for p in check_listening(text, lang).pitfalls}


@pytest.mark.parametrize("text, lang", [
    ("Do you want to go home, or finish the queue first?", "en"),
    ("Want me to take the next one? What would help most?", "en"),
    ("你要不要先休息一下，还是想先把这单处理完？", "zh-CN"),
    # a mixed reply: the English choice word counts in a Chinese reply, as before the move
    ("你要不要take个break or 回家？", "zh-CN"),
])
def test_an_open_question_or_a_choice_leaves_the_need(text: str, lang: str) -> None:
    """An open question or a choice anywhere in the reply, in either language, leaves the need to the agent."""
    assert "single_offer" not in {p.id for p in check_listening(text, lang).pitfalls}


def test_leaves_need_adds_no_feature_to_the_learned_layer() -> None:
    """A piece rule is never run on the whole answer, so no r:leaves_need feature reaches the model."""
    report = check_listening("Do you want to go home, or finish the queue first?", "en")
    assert not any("leaves_need" in str(f) for fs in report.features.values() for f in fs)
