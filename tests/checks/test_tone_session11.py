"""Tone, session 11 (J-tone11): what a mocking question does, as features of the tone model and two rules.

On the retired turns13 set (scored with a tone model fitted without it) the mocking poor answers reached their fallback
39/51 en and 36/49 zh. The misses mock by what they do, not by a word a list could name: an absurd alternative offered
in a question ("你这是带徒弟还是施魔法？"), an echo or a concession followed by a yes/no question with no question word
("没人知道谁有权？那我们这十几个人平时是在开盲盒吗？"), a mock "why not just…" offer ("那你要不直接去竞选总经理？"),
an unfinished "because…?", a mock offer to do their job ("Shall I just run your team for you?"), a one-word compliment
on their words ("Asked to help, how noble."), a mock honorific ("谢谢您老人家了") and thanks taken back ("Thanks,
I suppose."). Each is a feature (tone.py ``_en_moves``, ``_zh_moves``) with sincere neighbours here that do not
fire or that the training items (tests/corpus/train/tone.model.*.yaml, session 11 block) teach the model apart;
the honorific and the taken-back thanks are rules (rules/tone.yaml).
"""

from __future__ import annotations

import pytest

from coachlab.checks import tone as tone_check
from coachlab.checks.tone import features, spans


def _shape(text: str, lang: str) -> set[str]:
    return {f for f in features(text, lang) if f.startswith("s:")}


@pytest.mark.parametrize("text, lang, feature", [
    # turns13 mocking answers (convention 18: fallback)
    ("随口指点一下就会了，你这是带徒弟还是施魔法？", "zh-CN", "s:absurd_choice"),
    ("勤奋、人缘好，你这是写SWOT还是写征婚启事？", "zh-CN", "s:absurd_choice"),
    ("可以就行，那你打算靠意念提升吗？", "zh-CN", "s:then_yesno"),
    ("没人知道谁有权？那我们这十几个人平时是在开盲盒吗？", "zh-CN", "s:then_yesno"),
    ("全场最好，那你要不直接去竞选总经理？", "zh-CN", "s:mock_offer"),
    ("对，失败了，要不要给大家发个奖状纪念一下？", "zh-CN", "s:mock_offer"),
    ("你不知道？那还得我专门来通知你一声咯，谢谢您老人家了。", "zh-CN", "s:honorific"),
    ("And people would trust your scoring because…?", "en", "s:dare_because"),
    ("Help, right. Shall I just run your team for you?", "en", "s:just_offer"),
    ("Any ideas, or shall I just rearrange the whole rota around you?", "en", "s:just_offer"),
    ("Asked to help, how noble. And then you fixed everything, I suppose?", "en", "s:how_exclaim"),
])
def test_mocking_moves_are_features(text: str, lang: str, feature: str) -> None:
    assert feature in _shape(text, lang)


@pytest.mark.parametrize("text, lang, feature", [
    # a real choice asks what the person will do; a follow-up with a question word is a real question
    ("你是想先练开场白，还是先练收尾的确认？", "zh-CN", "s:absurd_choice"),
    ("没时间？那你一天里哪段时间最被打断？", "zh-CN", "s:then_yesno"),
    ("有进步就好，那你打算下周先从哪一步练起？", "zh-CN", "s:then_yesno"),
    ("你愿意试试吗？", "zh-CN", "s:then_yesno"),  # a yes/no question alone, not after their words
    ("What would you try first, and why?", "en", "s:dare_because"),
    ("How did you know the customer was upset?", "en", "s:how_exclaim"),
    ("Shall I book the room for Thursday, then?", "en", "s:just_offer"),
])
def test_sincere_neighbours_do_not_fire(text: str, lang: str, feature: str) -> None:
    assert feature not in _shape(text, lang)


@pytest.mark.parametrize("text, lang, mocking", [
    ("Thanks, I suppose. Someone on this team has to do things properly.", "en", True),  # turns13
    ("你不知道？那还得我专门来通知你一声咯，谢谢您老人家了。", "zh-CN", True),  # turns13
    ("Thanks, I suppose you could say the rota was tight.", "en", False),
    ("Thank you, I really mean it: the queue was empty by six.", "en", False),
    ("谢谢你，这次真帮了大忙。", "zh-CN", False),
    ("您说得对，老板那边我去沟通。", "zh-CN", False),
])
def test_taken_back_thanks_and_mock_honorific_are_rules(text: str, lang: str, mocking: bool) -> None:
    assert bool(spans(text, lang)) is mocking


@pytest.fixture(scope="module")
def model_without_turns13() -> dict:
    from coachlab.checks import train

    return {lang: train.fit_tone([r for r in train.tone_rows(lang) if r["source"] != "turns13"])
            for lang in ("en", "zh-CN")}


def test_model_without_turns13_finds_more_of_its_mocking_questions(model_without_turns13: dict) -> None:
    """The turns13 mocking answers the brief listed, scored by a model that never saw turns13: before session 11's
    features and items none of these 11 reached the fallback (checks_accuracy, tone model fitted without turns13);
    now at least 6 are flagged."""
    listed = [("And people would trust your scoring because…?", "en"),
              ("Ready to face the public again, brave soldier?", "en"),
              ("Help, right. Shall I just run your team for you?", "en"),
              ("Any ideas, or shall I just rearrange the whole rota around you?", "en"),
              ("Asked to help, how noble. And then you fixed everything, I suppose?", "en"),
              ("全场最好，那你要不直接去竞选总经理？", "zh-CN"),
              ("随口指点一下就会了，你这是带徒弟还是施魔法？", "zh-CN"),
              ("对，失败了，要不要给大家发个奖状纪念一下？", "zh-CN"),
              ("可以就行，那你打算靠意念提升吗？", "zh-CN"),
              ("没人知道谁有权？那我们这十几个人平时是在开盲盒吗？", "zh-CN"),
              ("勤奋、人缘好，你这是写SWOT还是写征婚启事？", "zh-CN")]
    found = [t for t, lang in listed if tone_check.verdict(t, lang, model_without_turns13[lang]) is not None]
    assert len(found) >= 6, found


@pytest.mark.parametrize("text, lang", [
    # sincere blunt questions and told fixes (conventions 10, 13) and real options: never mockery
    ("Why did you only help her once?", "en"),
    ("Just log in five minutes earlier.", "en"),
    ("What would help most, a checklist or someone to sit with you?", "en"),
    ("为什么看到排队了没人报告？", "zh-CN"),
    ("你明天先把备注模板用起来。", "zh-CN"),
    ("你是想先带新人，还是先把自己的质检分提上来？", "zh-CN"),
    ("有进步就好，那你打算下周先从哪一步练起？", "zh-CN"),
])
def test_model_without_turns13_keeps_sincere_blunt_answers(model_without_turns13: dict, text: str, lang: str) -> None:
    assert tone_check.verdict(text, lang, model_without_turns13[lang]) is None
