"""Tone, session 10 (H-judge-tone10): the learned tone model reads what a mocking answer does.

Session 9's judge found the mocking answers the model missed (turns12: zh 13 of 31 under the threshold, en 23 of 61)
share no surface form: mock praise in everyday words after a failure is named, an absurd plan or guess offered as
the answer, a question that wants no answer, a tease and then a dig. Two mechanisms:

- features of the answer's moves (coachlab/checks/tone.py ``features``): in English, a closing verdict of one to
  three words after something was named (``s:verdict_close``) and a question that answers itself with a guess after a
  comma (``s:guess_tail``, not a choice offered with "or"); in Chinese, the character pairs of each clause that asks
  again as ``q:<pair>`` (what a question says apart from what a statement says);
- training items in our own words across registers, with sincere look-alikes (warm praise closed by one word,
  blunt sincere questions, irony about the shared situation): tests/corpus/train/tone.model.{en,zh-CN}.yaml.

Figures (leave-one-set-out, benchmarks/tone_accuracy.py --loso) are in the commit message and the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pytest
import yaml

from coachlab.checks import tone as tone_check
from coachlab.checks.tone import PITFALL, features, spans, tone

TRAIN = Path(__file__).resolve().parents[1] / "corpus" / "train"


@pytest.mark.parametrize(("text", "fires"), [
    ("Two calls an hour. Blistering pace.", True),
    ("You kept him calm for twenty minutes and saved the account. Impressive.", True),  # sincere too: a feature
    ("Blistering pace.", False),                                    # one sentence: nothing was named before it
    ("Two calls an hour. What is taking the time?", False),         # closes on a question
    ("Two calls an hour is slow for this queue, so let's look at it.", False),
])
def test_verdict_close(text: str, fires: bool) -> None:
    """A closing verdict of one to three words after something was said is a feature (the model weighs it)."""
    assert ("s:verdict_close" in features(text, "en")) == fires


@pytest.mark.parametrize(("text", "fires"), [
    ("Still lost? What do you need, a map?", True),
    ("So what's the plan, move the whole team?", True),
    ("What would help most, a checklist or a buddy?", False),       # a choice offered: sincere
    ("What do you need from me this week?", False),
])
def test_guess_tail(text: str, fires: bool) -> None:
    """A question that answers itself with a guess after a comma; a choice offered with "or" is not one."""
    assert ("s:guess_tail" in features(text, "en")) == fires


def test_chinese_pairs_of_an_asked_clause() -> None:
    """The pairs of a clause that closes on ？ come again as q: features; a told clause gives none."""
    asked = features("算带人吗？你自己心里没数？", "zh-CN")
    assert {"q:心里", "q:没数", "q:带人"} <= set(asked)
    told = features("你自己心里有数。", "zh-CN")
    assert "c:心里" in told and not any(f.startswith("q:") for f in told)
    assert "q:心里" not in features("你心里有数，那客户那边呢？", "zh-CN")  # only the clause that asks


def test_training_items_are_our_own_and_balanced() -> None:
    """The model-only items hold mocking items of each form and sincere look-alikes, none copied from a retired
    turn set (exact text)."""
    retired = set()
    for path in (TRAIN.parent / "train-retired-blind").glob("turns-blind*/*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        retired |= {a["t"] for turn in data["turns"] for a in turn["answers"]}
    for lang in ("en", "zh-CN"):
        items = yaml.safe_load((TRAIN / f"tone.model.{lang}.yaml").read_text("utf-8"))
        mocking = [i for i in items if i["sarcasm"]]
        assert {"mock_praise", "mock_offer", "rhetorical_putdown" if lang == "zh-CN" else "echo_putdown",
                "tease_then_dig"} <= {i["form"] for i in mocking}
        assert len(items) - len(mocking) >= 25
        assert not {i["t"] for i in items} & retired


@pytest.fixture(scope="module")
def models() -> dict[str, Mapping[str, Any]]:
    """The shipped tone models once refit with these features, else the same fit run here."""
    from coachlab.checks import train

    out = {}
    for lang, mark in (("en", "s:verdict_close"), ("zh-CN", "q:")):
        shipped = tone_check.model(lang)
        fresh = shipped is not None and any(f.startswith(mark) for f in shipped["weights"])
        out[lang] = shipped if fresh else train.fit_tone(train.tone_rows(lang))
    return out


# Fresh probes, own wording, in no corpus and no training file, written before any was scored (session 10).
PROBE_MOCKING = {
    "en": [
        "Three escalations before ten. Smooth operator.",
        "Can't remember the refund steps? What do you want, a tattoo?",
        "Missed the huddle again? Must be hard, having a calendar.",
        "So your plan is to wait for the customers to get nicer. Love it.",
        "Another week, another 'system issue'. Shocking.",
        "Oh, you escalated it. Bravo, problem solved.",
        "Eight minutes to find an order number. Record time.",
        "A goal of 'be better'. Can't wait.",
        "Help you prioritise? Sure, shall I also answer your calls?",
        "You read the email this time. Progress!",
        "Nobody told you? Right, because the memo was in invisible ink.",
        "Great, one more genius idea from the back row.",
    ],
    "zh-CN": [
        "工单又拖了一周，这速度挺稳当啊。",
        "客户都投诉到总部了，你心里还没点数？",
        "刚学会查订单就想当质检员了？",
        "又没参加晨会？你这日程可真忙。",
        "等客户脾气变好再说？这主意真不错。",
        "又是系统问题，这个月第几回了，挺会赶巧啊。",
        "找个订单号找了八分钟，破纪录了。",
        "目标就是“变好一点”，好宏大的目标。",
        "帮你排优先级？要不要我顺便把你的电话也接了？",
        "这次终于看了邮件，进步不小嘛。",
        "没人通知你？哦，通知是用隐形墨水写的。",
        "又是这种主意，你可真是点子王。",
        "客户挂了三次电话，你这沟通水平也是够可以的。",
    ],
}
PROBE_SINCERE = {
    "en": [
        "You stayed calm the whole call and got him to agree. Brilliant.",
        "Missed the huddle? No problem, here are the notes.",
        "So your plan is to call each customer back within a day. Good, let's track it.",
        "What would make it easier, fewer chats or a longer wrap-up?",
        "Eight minutes on that order search. What slowed you down?",
        "The system was down again, what a morning. How are you holding up?",
        "You read the whole policy before the call. Good thinking.",
        "Why did you transfer him instead of answering?",
        "Can you talk me through what happened after the refund?",
        "Nice job on the Patel complaint. Clear and quick.",
    ],
    "zh-CN": [
        "你整通电话都很冷静，最后客户也同意了，真棒。",
        "没参加晨会？没关系，纪要我发你。",
        "你打算一天内回访每个客户，挺好，我们一起跟进。",
        "怎么样会轻松一点，少接几个在线还是多点整理时间？",
        "找那个订单花了八分钟，是哪一步卡住了？",
        "今天系统又挂了，一上午真够呛，你还撑得住吗？",
        "通话前你把政策整个看了一遍，这个习惯很好。",
        "为什么把他转走了，而不是直接回答？",
        "能跟我说说退款之后发生了什么吗？",
        "那单投诉你处理得又快又清楚，辛苦了。",
    ],
}


@pytest.mark.parametrize(("lang", "floor"), [("en", 5), ("zh-CN", 4)])
def test_fresh_mocking_probes(models: dict[str, Mapping[str, Any]], lang: str, floor: int) -> None:
    """Rules and model together find half of the fresh English probes (6 of 12; 5 since the session 13 refit with
    turns-blind15) and 4 of the 13 Chinese ones, and flag none of the 20 sincere probes (same words, a real
    question, real praise, shared irony). The same fit without session 10's features and items found 3 of 12 and
    2 of 13 (none of the sincere ones either)."""
    found = [t for t in PROBE_MOCKING[lang] if tone(t, lang, models[lang])[0]]
    assert len(found) >= floor, found
    assert [t for t in PROBE_SINCERE[lang] if tone(t, lang, models[lang])[0]] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("You stayed with the angry caller until the refund went through. Excellent work.", "en"),
    ("Can't remember the refund steps? I'll send you the one-page guide.", "en"),
    ("What would help you most, a shadow shift or a checklist?", "en"),
    ("这周十五张工单都在当天结了，很稳，谢谢。", "zh-CN"),
    ("客户投诉到总部了，你当时是怎么跟他说的？", "zh-CN"),
    ("你想做质检员，挺好，你觉得现在还差什么？", "zh-CN"),
    ("这个月系统三天两头卡，大家都不容易，你那边还顶得住吗？", "zh-CN"),
])
def test_model_keeps_the_sincere_look_alikes(models: dict[str, Mapping[str, Any]], text: str, lang: str) -> None:
    """Warm praise closed by a short verdict, a real offer or choice, a blunt sincere question, shared irony."""
    assert tone(text, lang, models[lang]) == ((), ())
