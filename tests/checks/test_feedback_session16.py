"""Session 16 (judge feedback16), feedback and listening.

1. A metric's level is no behaviour, and the learned layer may not give it back (METRIC_LEVEL_VETO; rules
   feedback.yaml model_may_not_add: metric_level): blind14's hold-time item lost its 'no behaviour' at the
   session-15 refit, the act of its development step read as the behaviour.
2. The sandwich reader reads a clause's language with structure.lang_of (its own copy is gone).
3. Listening: a sentence that names the agent's feeling restates their story only in its other clauses
   (FEELING_CLAUSE_TELLS_NOTHING; blind3, blind4, blind8, blind10, blind11, blind13, blind14, blind16, blind20,
   blind21, train, writers-yue).
"""

from __future__ import annotations

import pytest

from coachlab.checks import feedback
from coachlab.checks.feedback import check_feedback
from coachlab.checks.structure import lang_of


@pytest.mark.parametrize("text, lang", [
    ("Your wrap time on Tuesday was 5 minutes on average. The team target is 2:00. From tomorrow keep wrap under two"
     " minutes by typing the notes while the customer is still on the line.", "en"),
    ("Your hold time last Friday was 4 minutes on average. Team target is 1:30. Next week keep holds under 90 seconds"
     " by opening the billing screen before you put the caller on hold.", "en"),
])
def test_a_metric_level_before_a_step_is_no_behaviour(text: str, lang: str) -> None:
    """The act of the development step ('by typing the notes…') is no behaviour; the level of the metric is none."""
    assert not check_feedback(text, lang).elements["behavior"]


def test_the_veto_is_rule_data() -> None:
    """The learned layer may not add a behaviour where 'metric_level' fired (rules feedback.yaml)."""
    from coachlab.checks.base import analyse

    a = analyse("feedback", "Your QA score yesterday was 71.", "en", None)
    assert "metric_level" in a.book.settings["model_may_not_add"]["behavior"]


@pytest.mark.parametrize("text, lang", [
    # a count of calls taken keeps the learned layer's say (writers of blind7 to blind19)
    ("Sunday, the flood day: 61 calls on the claims queue and your transfers were under 4%. Thank you.", "en"),
    # an act told beside the level
    ("Your QA score yesterday was 71, and on the 10:40 call you read the card number back before you closed it.", "en"),
])
def test_counted_calls_and_told_acts_keep_their_behaviour(text: str, lang: str) -> None:
    assert check_feedback(text, lang).elements["behavior"]


@pytest.mark.parametrize("text", ["Thanks so much for covering Saturday", "谢谢你周六顶班", "Merci 辛苦了 today",
                                  "ok", "", "㗎"])
def test_the_sandwich_reader_reads_language_as_the_structure_does(text: str) -> None:
    assert not hasattr(feedback, "_sw_lang")
    assert lang_of(text) == ("zh-CN" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en")


# Listening (FEELING_CLAUSE_TELLS_NOTHING): the agent's words inside the clause that names their feeling belong to the
# feeling; only the sentence's other clauses may tell their story back.
@pytest.mark.parametrize("ctx, text", [
    ("今天被三个客户连着骂，我难受了一整天，现在还缓不过来。", "难受了一整天，缓不过来也正常。"),
    ("I'm scared of the written warning, honestly.", "You're scared of that written warning."),
])
def test_the_feeling_clause_restates_nothing(ctx: str, text: str) -> None:
    from coachlab.checks.base import analyse
    from coachlab.checks.listening import _restated

    assert _restated(analyse("listening", text, "auto", ctx)) == []


def test_a_story_clause_beside_the_feeling_still_restates() -> None:
    from coachlab.checks.base import analyse
    from coachlab.checks.listening import _restated, check_listening

    ctx, text = "组里的人都在背后议论我，说我是靠关系进来的。", "你感觉大家在背后议论你，说你靠关系，心里挺不是滋味的。"
    assert _restated(analyse("listening", text, "auto", ctx))
    assert check_listening(text, "auto", ctx).elements["fact"]
