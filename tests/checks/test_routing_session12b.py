"""Routing of the question turns, session 12 second round (issue 13, judge J-routing12b).

Classes of poor answers the retired turns12, turns13 and turns14 sets sent to the wrong intent, fixed in the scenarios'
``when:`` so that each intent takes what its feedback describes (the check's report is unchanged):

- an accusing why (conventions 26; the check's ``accusing`` pitfall) at a turn whose closed intent speaks only of a
  yes/no offer (perf-interview-csat-drop support), of a yes/no nod (review-peak-day goal) or of an option put as a
  question (grow-delegation options) reaches the fallback; where the closed intent names leading, a verdict or a
  diagnosis it stays there;
- the goal stated for the team (the ``told`` pitfall) at review-peak-day goal reaches the closed intent, whose
  feedback says "let them state the goal themselves".

Not routed here: a steering statement the check does not flag ("You'd make a great team lead, you know." at
grow-move-to-qa goal); a bare ``form=statement`` test would also take "I see." (the testplan's fallback).

Each block has good or sincere neighbours that must not move. Most texts are our own wording; the few marked
"turns1x" are retired misses.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached

# ---------------------------------------------------------------- accusing whys where the closed intent is about yes/no
ACCUSING_TO_FALLBACK = [
    ("perf-interview-csat-drop", "support", "Why did you miss the training session in the first place?", "en"),  # turns14
    ("perf-interview-csat-drop", "support", "那个培训你当时为什么没去？", "zh-CN"),  # turns14
    ("perf-interview-csat-drop", "support", "Why didn't you ask Xiao Qian for help when you got stuck?", "en"),
    ("perf-interview-csat-drop", "support", "你为什么不早点来找我说系统的问题？", "zh-CN"),
    ("review-peak-day", "goal", "Why did we miss the target so badly?", "en"),  # turns14
    ("review-peak-day", "goal", "为什么昨天没人盯着目标？", "zh-CN"),  # turns12 (relabelled, convention 26)
    ("review-peak-day", "goal", "Why did nobody keep an eye on the target?", "en"),
    ("review-peak-day", "goal", "为什么目标定了却没人管？", "zh-CN"),
    ("grow-delegation", "options", "Why didn't you let her keep doing it after your leave?", "en"),  # turns14
    ("grow-delegation", "options", "你为什么又把日报收回来自己做了？", "zh-CN"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang"), ACCUSING_TO_FALLBACK)
def test_accusing_why_reaches_the_fallback_where_the_closed_intent_speaks_of_yes_no(
        scenario: str, node: str, text: str, lang: str) -> None:
    assert "accusing" in {p.id for p in run("question", text, lang=lang).pitfalls}
    assert reached(scenario, node, text, lang) == "fallback"


ACCUSING_NEIGHBOURS = [
    # where the closed intent names a leading question, a diagnosis or a verdict, an accusing why stays there
    ("review-peak-day", "causes", "Why didn't anyone call the back office?", "en", "closed-or-leading"),
    ("grow-delegation", "reality", "Why are you still doing everything yourself?", "en", "closed-or-leading"),
    # the offers and options these closed intents do describe
    ("perf-interview-csat-drop", "support", "Would another training session help?", "en", "closed-or-leading"),
    ("perf-interview-csat-drop", "support", "要不要我给你安排一次培训？", "zh-CN", "closed-or-leading"),
    ("review-peak-day", "goal", "Was the target 80/20?", "en", "closed-or-leading"),
    ("grow-delegation", "options", "Could you give the rota to Lao Gao?", "en", "advice"),
    ("grow-delegation", "options", "要不把排班交给老高？", "zh-CN", "advice"),
    # sincere open questions
    ("perf-interview-csat-drop", "support", "What would help you most with the new CRM?", "en", "open-question"),
    ("review-peak-day", "goal", "What were we aiming for yesterday, and how would we have known we'd made it?", "en",
     "open-question"),
    ("review-peak-day", "goal", "昨天我们的目标是什么？怎么算成功？", "zh-CN", "open-question"),
    ("grow-delegation", "options", "What could you hand over first, and to whom?", "en", "options-question"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), ACCUSING_NEIGHBOURS)
def test_accusing_neighbours_keep_their_intent(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    assert reached(scenario, node, text, lang) == want


# ---------------------------------------------------------------- the goal stated for the team
TOLD_GOAL = [
    ("The goal was 80% in 20 seconds, and we got 58.", "en"),  # turns14
    ("目标就是80%的电话20秒内接起，我们没做到。", "zh-CN"),  # turns13
    ("昨天的目标就是八成电话二十秒内接通。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), TOLD_GOAL)
def test_goal_stated_for_the_team_is_the_closed_intent(text: str, lang: str) -> None:
    assert "told" in {p.id for p in run("question", text, lang=lang).pitfalls}
    assert reached("review-peak-day", "goal", text, lang) == "closed-or-leading"
