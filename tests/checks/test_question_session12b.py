"""The question check, session 12 round 2 (judge J-question12b): what a question asks about (the report's ``asks``).

A STAR probe for the person's own action asks about them; a probe about someone else's part (the team, the new starter's
feelings or failings) or about what they usually do asks for no evidence of their own (promo-star-probing, issue 13).
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _asks(text: str, lang: str) -> list[str]:
    return run("question", text, lang=lang).to_dict()["asks"]


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording: the person spoken to is named in the question, in any spelling ...
    ("What did you try first with him?", "en"),
    ("so what did u change in ur calls after that?", "en"),
    ("Walk me through what you yourself did that week?", "en"),
    ("你本人当时具体做了哪几件事？", "zh-CN"),
    ("那段时间您是怎么安排的？", "zh-CN"),
    # ... and the retired good answers (turns12 to turns14, probe-action).
    ("what did u actually do with her, step by step?", "en"),
    ("具体到你本人，做了哪些事？不是团队，是你", "zh-CN"),
    ("what did YOU do？具体步骤说说", "zh-CN"),
])
def test_a_question_that_names_the_person_asks_about_them(text: str, lang: str) -> None:
    """A question sentence that names the person spoken to asks about them."""
    assert "you" in _asks(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording: someone else's part, the other person's feelings, or a cause outside the person ...
    ("What did her team lead think of it?", "en"),
    ("How was the new starter coping by then?", "en"),
    ("你们组是怎么分工带她的？", "zh-CN"),
    ("小白自己后来是怎么想的？", "zh-CN"),
    # ... and the retired misses (turns13, turns14).
    ("How did Xiao Bai feel about it?", "en"),
    ("What did the team do to help her?", "en"),
    ("你们团队是怎么帮她的？", "zh-CN"),
    ("她为啥质检一直不过？", "zh-CN"),
])
def test_a_question_about_someone_else_does_not_ask_about_them(text: str, lang: str) -> None:
    """A question about a third party or a group (你们 is a group) does not ask about the person spoken to."""
    assert "you" not in _asks(text, lang)


def test_a_habit_question_asks_a_habit() -> None:
    """'How do you usually…' asks what someone usually does; one occasion does not."""
    assert "habit" in _asks("How do you usually help new people?", "en")
    assert "habit" in _asks("新人卡住的时候，你一般会怎么做？", "zh-CN")
    assert "habit" not in _asks("Tell me about one specific time you helped a new starter?", "en")


@pytest.mark.parametrize(("node", "text", "lang", "intent"), [
    # someone else's part at the probe for her own action: the fallback ("Ask: 'What exactly did you do?'")
    ("probe-action", "How did Xiao Bai feel about it?", "en", "fallback"),
    ("probe-action", "What did the team do to help her?", "en", "fallback"),
    ("probe-action", "How did her team lead react?", "en", "fallback"),
    ("probe-action", "她为啥质检一直不过？", "zh-CN", "fallback"),
    ("probe-action", "你们团队是怎么帮她的？", "zh-CN", "fallback"),
    ("probe-action", "小白那段时间心情怎么样？", "zh-CN", "fallback"),
    # her own action, any spelling: the good move stays
    ("probe-action", "what did u actually do with her, step by step?", "en", "open-question"),
    ("probe-action", "What did you do, yourself, to help her?", "en", "open-question"),
    ("probe-action", "具体到你本人，做了哪些事？不是团队，是你", "zh-CN", "open-question"),
    ("probe-action", "那你具体做了哪些事来帮她？", "zh-CN", "open-question"),
    # a closed probe stays closed-or-leading
    ("probe-action", "Did you help her?", "en", "closed-or-leading"),
    # a habit at the probe for one occasion: the fallback ("Ask for an example")
    ("probe-situation", "How do you usually help new people?", "en", "fallback"),
    ("probe-situation", "你平时一般怎么带新人？", "zh-CN", "fallback"),
    ("probe-situation", "Can you tell me about one specific time you helped a new starter?", "en", "open-question"),
    ("probe-situation", "能举个具体的例子吗？你帮过哪个新人，当时是什么情况？", "zh-CN", "open-question"),
])
def test_star_probe_asks_for_the_part_the_turn_wants(node: str, text: str, lang: str, intent: str) -> None:
    """promo-star-probing: a probe about someone else's part or a habit is not the probe the turn asks for."""
    assert reached("promo-star-probing", node, text, lang) == intent


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording: a dig that echoes the person's words or offers mock help asks about no stage ...
    ("Ten minutes early? Wow, how very kind of you.", "en"),
    ("Thanks for finally showing up. Shall we get going?", "en"),
    ("一个小时？你可真够意思。", "zh-CN"),
    # ... and the retired misses (blind12 to blind15).
    ("Half a shift? How generous of you.", "en"),
    ("Help? Shall I do your job for you as well?", "en"),
    # (read Reality beside an unsure sarcasm flag from session 15 on; session 16 reads the mock offer as a reproach:
    # question.en.reproach_mock_offer)
    ("Oh, you need help? Shall I take your calls for you too?", "en"),
    ("半个班？你可真大方。", "zh-CN"),
])
def test_mockery_keeps_no_stage(text: str, lang: str) -> None:
    """A dig the tone check is sure of has no GROW stage (conventions 18, 19), and stays a mocking reply."""
    report = run("question", text, lang=lang).to_dict()
    assert report["grow_stage"] is None
    assert "sarcasm" in {p["id"] for p in report["pitfalls"]}


@pytest.mark.parametrize(("text", "lang"), [
    # sincere neighbours with an echo, a thanks or an offer keep a stage
    ("Half a shift, that's a good start. What would make the other half possible?", "en"),
    ("Thanks for coming in early. What do you want to get out of today?", "en"),
    ("Shall we look at what happened on Monday's calls?", "en"),
    ("半个班？那剩下半个班你觉得可以怎么安排？", "zh-CN"),
    ("谢谢你愿意帮忙。你想把一次解决率做到多少？", "zh-CN"),
])
def test_sincere_echo_keeps_a_stage(text: str, lang: str) -> None:
    """An echo, a thanks or an offer said in earnest is no dig: the question keeps a stage and no sarcasm pitfall."""
    report = run("question", text, lang=lang).to_dict()
    assert report["grow_stage"] is not None
    assert "sarcasm" not in {p["id"] for p in report["pitfalls"]}
