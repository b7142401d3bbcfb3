"""Session 14 (judge feedback14b), impact seen where there is none (structure.consequences).

A clause after the agent's act was read as what happened next when it was asked or threatened (rules alone,
impact gold no; retired blind4, blind5, blind7, blind8, blind10, blind11, blind12, blind14, blind16, blind17 and
train-writers, zh-CN; blind12 and train, en):

- a rhetorical question ("还要我提醒几次？", "客户家里几口人都问清楚了吧？", "Shall I order a cake?");
- the outcome a supposition or a warning threatens in the same sentence ("你要是下周还完不成质检整改，我只能往上报了",
  "再让我听到…，我直接报HR").

And the other way: what happened next in a sentence that has no question and no supposition stays, and so does a
quoted question mark ("客户回了个“？？”") and 的话 of 话术.
"""

from __future__ import annotations

import pytest

from coachlab.checks import learned
from coachlab.checks.base import analyse
from coachlab.checks.feedback import check_feedback
from coachlab.checks.structure import consequences


def _told(text: str, lang: str) -> list[str]:
    a = analyse("feedback", text, lang, None)
    return [span.text for span in consequences(a.doc, a.spans("behavior"))]


@pytest.mark.parametrize("text, lang, clause", [
    ("你从来不按时交日报，我说了多少次了？", "zh-CN", "我说了多少次了"),  # blind14
    ("今天那个升级单你打算什么时候处理？还要我提醒几次？", "zh-CN", "还要我提醒几次"),  # blind16
    ("你可真行啊，一通电话聊了45分钟，客户家里几口人都问清楚了吧？", "zh-CN", "客户家里几口人都问清楚了吧"),  # blind16
    ("你的问题就是太玻璃心，说你两句就掉眼泪，这样怎么带新人？", "zh-CN", "这样怎么带新人"),  # blind4
    ("你要是下周还完不成质检整改，我只能往上报了。", "zh-CN", "我只能往上报了"),  # blind12
    ("你要是下个月满意度还上不去，我就只能把你调去做外呼了。", "zh-CN", "我就只能把你调去做外呼了"),  # blind8
    ("这个月你要是再有一通没做身份核验就给客户报余额，我直接给你绩效打C，别说我没提醒你。", "zh-CN",
     "我直接给你绩效打C"),  # blind17
    ("再让我听到你在电话里跟客户吵，我直接报HR，写书面警告。", "zh-CN", "我直接报HR"),  # train-writers
    ("Wow, you actually finished a ticket before lunch. Shall I order a cake?", "en", "Shall I order a cake"),  # blind12
    ("You skipped the ID check on the 3pm call. If it happens again, HR will hear about it.", "en",
     "HR will hear about it"),
])
def test_asked_or_threatened_is_not_what_happened(text: str, lang: str, clause: str) -> None:
    """A clause in a question, or after a supposition in its sentence, has not happened."""
    assert clause not in _told(text, lang)


@pytest.mark.parametrize("text, lang, clause", [
    ("周三晚上系统宕机那会儿，你主动把常见问题的话术整理成一段发到群里，后面半小时大家接电话都用的你那段，排队一下就降下来了。"
     "真的感谢！", "zh-CN", "排队一下就降下来了"),  # blind14: 的话 of 话术 is no supposition
    ("感谢你昨天晚上留下来帮我们做完双十一的话术培训PPT，今早培训大家都说清楚多了。", "zh-CN",
     "今早培训大家都说清楚多了"),  # blind6
    ("退款政策你一大段直接粘帖过去，客户回了个“？？”然后要求打电话。", "zh-CN", "客户回了个“"),  # blind3: a quoted ？
    ("小周，你先把他订单号复述了一遍再查，他后面语气一下就缓下来了，最后也没要求找主管。谢谢你。", "zh-CN",
     "他后面语气一下就缓下来了"),  # blind14: 再查 is no warning
    ("You called Mrs Lee back at 4 as promised. She renewed her contract on the spot.", "en",
     "She renewed her contract on the spot"),
])
def test_what_happened_stays(text: str, lang: str, clause: str) -> None:
    """What happened next in a told sentence is still a consequence."""
    assert clause in _told(text, lang)


def test_threat_has_no_impact_by_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules alone no longer give a threat an impact (blind12)."""
    monkeypatch.setattr(learned, "models", lambda: {})
    assert not check_feedback("你要是下周还完不成质检整改，我只能往上报了。", "zh-CN").elements["impact"]


@pytest.mark.parametrize("text, clause", [
    ("说实话你态度一直挺好的，我很欣赏。", "我很欣赏"),  # blind12
    ("你一直都很靠谱，我很放心。", "我很放心"),  # blind13
    ("今天晨会前你把昨天的三个典型错误整理成一页纸发到群里，这个我很欣赏。", "这个我很欣赏"),  # blind2
])
def test_manager_liking_is_not_impact(text: str, clause: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manager's own liking is appreciation, not what the act changed (rules alone: no impact from it)."""
    monkeypatch.setattr(learned, "models", lambda: {})
    report = check_feedback(text, "zh-CN")
    assert not report.elements["impact"]
    assert all(e.text != clause for e in report.evidence if e.element == "impact")


def test_impact_beside_manager_liking_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the act changed is still impact when the manager's liking follows it."""
    monkeypatch.setattr(learned, "models", lambda: {})
    text = "王姐那通电话你全程一次都没打断她，最后她说从来没碰到这么耐心的客服，我特别欣赏。"  # blind9
    assert check_feedback(text, "zh-CN").elements["impact"]
