"""Session 13 (judge J-listening13c), listening: in Chinese, too, the frame names the feeling, whatever the word.

A feeling named by an image or an idiom ("喘不过气", "咽不下去", "让人无语", "换谁都会有怨气") was not credited: the
shared word list cannot hold them. Rules listening.zh.feeling.framed (what one cannot bear, the state anyone would be in
in the agent's place, the experience acting on anyone; the sentence may still tell the agent's words back) and
listening.zh.feeling.said (the agent, a degree word and a short state closing the clause; a feeling held as a thing;
self-doubt) read the frame. Retired misses of blind7, blind9, blind10, blind12, blind14, blind15, blind16 (zh, several
writers); praise, ability, amount, the body's strain and an act in the agent's place stay no feeling. These hold with
the shipped models.json of HEAD (bdf0f5f)."""

from __future__ import annotations

import pytest

from coachlab.checks.engine import Doc, rulebook
from coachlab.checks.listening import check_listening


def test_the_chinese_frames_are_rules_with_reasons_and_examples() -> None:
    """Both frame rules are data with their reason and examples both ways."""
    for rule_id in ("listening.zh.feeling.framed", "listening.zh.feeling.said"):
        rule = next(r for r in rulebook("listening").rules if r.id == rule_id)
        assert rule.target == "feeling" and rule.why and rule.should_pass and rule.should_fail
        assert all(rule.find(Doc(t, "zh-CN")) for t in rule.should_pass), rule_id
        assert not any(rule.find(Doc(t, "zh-CN")) for t in rule.should_fail), rule_id


@pytest.mark.parametrize("text", [
    # our own wording
    "连着加了一周班，你是真的扛不住了。",
    "被同一个客户骂了三回，换谁心里都会有疙瘩。",
    "系统一卡就是十分钟，真让人上火。",
    "你对这次排班挺有意见的。",
    "连着被骂了三通，现在心里很堵吧。",
    "三次抽检都没过，你开始怀疑自己了。",
    # retired misses
    "一天八十个回拨还打不完，量确实压得喘不过气。",  # blind15
    "加了二十个小时，调休一天都没批，换谁都会有怨气。",  # blind16
    "他都骂到你家人了，你还得忍着，这口气咽不下去吧。",  # blind16
    "同一个问题第三次打进来，确实让人无语。",  # blind14
    "拿了月度之星，你反而有点不好意思。",  # blind14
    "连着三天都被抽中，换我也会犯嘀咕。",  # blind12
    "满意度涨了，绩效还是B，你想不通。",  # blind10
    "你对新组长挺不满的。",  # blind10
    "每天都在重复，提不起劲。你希望工作里多一点什么？",  # blind7
])
def test_a_feeling_named_by_its_frame_is_a_feeling(text: str) -> None:
    """A feeling named through an image, an idiom or a frame counts as the feeling."""
    assert check_listening(text, "zh-CN").elements["feeling"]


@pytest.mark.parametrize("text", [
    "你挺厉害的，这个月分数又涨了。",
    "你最近很忙吧？",
    "换我也会这么做，先把单号记下来。",
    "你做事一直让人放心。",
    "一天八十个回拨还打不完。",
    "这个对你挺重要的吧？",
    "大家都有怨言，又不是只有你。",
])
def test_praise_ability_an_act_or_a_plain_fact_is_no_feeling(text: str) -> None:
    """Praise, ability, amount, an act in the agent's place and a plain fact name no feeling: never a sure one (the
    refit after session 14's Cantonese reading asks about "这个对你挺重要的吧？", at 0.62, where it denied it at 0.64)."""
    report = check_listening(text, "zh-CN")
    assert not report.elements["feeling"] or "feeling" in report.unsure


def test_the_body_s_strain_is_no_feeling() -> None:
    """What the body cannot bear is read as a fact (blind12, blind13 label it no feeling)."""
    rule = next(r for r in rulebook("listening").rules if r.id == "listening.zh.feeling.framed")
    assert not rule.find(Doc("连着一个月失眠，身体都扛不住了。你是想先调回白班，还是先休几天？", "zh-CN"))


def test_a_framed_sentence_may_still_tell_the_story_back() -> None:
    """The frame leaves the agent's words around it a restatement (blind16: fact and feeling)."""
    report = check_listening("他都骂到你家人了，你还得忍着，这口气咽不下去吧。", "zh-CN",
                             "今天有个客户骂得特别难听，连我家人都骂了，我还得忍着好好说话。")
    assert report.elements["fact"] and report.elements["feeling"]
