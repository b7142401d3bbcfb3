"""The GROW stage of coaching questions, session 13 (issue 13, judge J-question13).

Classes the retired per-label blind sets read wrong, written by different writers, fixed by what the question asks:

- how someone would go about an act ("how would she go about it?", "How would you explain … to a new starter?") asks for
  the manner of a possible act: Options, with or without a supposed case (retired blind6, blind14, blind16 en;
  rules/question.yaml question.en.stage.options.how_would);
- a colleague who does it well and how they do it ("谁…做得最好？他是怎么做的？", "王姐是怎么把满意度做那么高的？", "可以借鉴的")
  borrows a peer's practice: Options (retired blind7, blind9, blind16 zh; question.zh.stage.options.peer_practice);
- a question about the matter in hand named by a demonstrative or a result ("这事儿你自己是怎么看的？", "你自己怎么看这个
  结果？"), or about the team's own call words (回拨, 来电, 回访), is about work: Reality, not a stageless remark (retired
  blind4, blind6, blind7, blind13, blind16 zh; the zh work_topic lexicon).

Each block has neighbours that must not move. Texts marked with a set are retired misses; the rest are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks.question import check_question

HOW_WOULD = [
    ("If Marisol had your callback list, how would she go about it?", "en"),  # blind16
    ("And if your colleague Hana had that customer, how would she go about it?", "en"),  # blind14
    ("How would you explain the refund rule to a brand-new starter?", "en"),  # blind6
    ("Say Tom took over your queue for a day, how would he tackle the backlog?", "en"),
    ("How would you set up the handover so nothing gets lost?", "en"),
]

PEER_PRACTICE = [
    ("你觉得咱们组谁回拨做得最好？他是怎么做的？", "zh-CN"),  # blind16
    ("你觉得王姐是怎么把满意度做那么高的？", "zh-CN"),  # blind7
    ("你们组里有没有谁做得特别好，可以借鉴的？", "zh-CN"),  # blind9
    ("组里谁处理投诉做得挺好的？你去看看她是怎么弄的？", "zh-CN"),
]

MATTER_IN_HAND = [
    ("这事儿你自己是怎么看的？", "zh-CN"),  # blind7
    ("直接说吧，你觉得这件事怪谁？", "zh-CN"),  # blind6
    ("你自己怎么看这个结果？", "zh-CN"),  # blind13
    ("这周的回拨你是怎么排的？", "zh-CN"),  # blind16
    ("那天上午为什么来电突然多了那么多？", "zh-CN"),  # blind16
    ("上周的回访你是按什么顺序打的？", "zh-CN"),
]


@pytest.mark.parametrize("text,lang", HOW_WOULD + PEER_PRACTICE)
def test_the_manner_of_a_possible_act_or_a_peers_practice_is_options(text: str, lang: str) -> None:
    """Asking how someone would go about it, or how a colleague who does it well does it, looks for options."""
    assert check_question(text, lang).grow_stage == "options"


@pytest.mark.parametrize("text,lang", MATTER_IN_HAND)
def test_a_question_about_the_matter_in_hand_is_reality(text: str, lang: str) -> None:
    """A question about this matter, its result or the team's calls asks how things are: Reality."""
    assert check_question(text, lang).grow_stage == "reality"


@pytest.mark.parametrize("text,lang,stage", [
    # knowing how it would be: a measure of success (not the manner of an act)
    ("How would you know the new script is working?", "en", "goal"),
    # what someone did on the occasion, and the person's own way of getting there, are their story
    ("How did she handle the angry caller?", "en", "reality"),
    ("你是怎么把满意度做那么高的？", "zh-CN", "reality"),
    ("昨天那通电话是怎么回事？", "zh-CN", "reality"),
])
def test_neighbours_keep_their_stage(text: str, lang: str, stage: str) -> None:
    """Questions next to the fixed classes keep the stage they had."""
    assert check_question(text, lang).grow_stage == stage


@pytest.mark.parametrize("text", ["How would you like this conversation to end?",
                                  "How would you rate your own commitment to this, honestly?"])
def test_a_wish_or_a_rating_is_no_manner_of_an_act(text: str) -> None:
    """'How would you like…' and 'How would you rate…' ask for a wish or a commitment, never for options."""
    assert check_question(text, "en").grow_stage != "options"


@pytest.mark.parametrize("text,lang", [
    ("周末过得怎么样？", "zh-CN"),
    ("最近睡得还好吗？", "zh-CN"),
    ("How are you feeling today?", "en"),
])
def test_small_talk_and_wellbeing_keep_no_stage(text: str, lang: str) -> None:
    """Small talk and a well-being check stay without a GROW stage (conventions 20)."""
    assert check_question(text, lang).grow_stage is None
