"""Session 15, judge J-sg15: the STAR and goal checks on classes that recur across the retired sets.

STAR: a level or a zero told in the clause that states the task is the target, not the outcome ("The task was to get
QA from 72 to 80", "任务是把AHT从7分钟降到6分钟"; blind5, blind6, blind7, blind9, blind15, blind17, blind19 writers): no
result and no number from it, while a result told after it keeps its own. The phrasings here are the judge's own.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run


def _star(text: str, lang: str = "auto") -> dict:
    return run("star", text, lang=lang).to_dict()


@pytest.mark.parametrize("text", [
    "My job was to lift the chat team's CSAT from 81% to 88% before the summer.",
    "I had to get the refund backlog from 600 down to 150 in six weeks.",
    "The target was simple: zero missed callbacks over the bank holiday weekend.",
    "主管交给我的任务是把重复来电从25%压到15%。",
    "我的目标是让组里的质检平均分从70分提到80分。",
])
def test_a_target_in_the_task_is_no_result(text):
    report = _star(text)
    assert report["elements"]["task"] is True
    assert report["elements"]["result"] is False
    assert report["quantified_result"] is False


@pytest.mark.parametrize("text", [
    "My job was to lift the chat team's CSAT. I rewrote the greeting macros and CSAT went from 81% to 88% in a month.",
    "主管让我把重复来电压下来。我每天下午抽五通录音跟大家过，两个月后重复来电从25%降到了15%。",
])
def test_a_result_told_after_the_task_keeps_its_number(text):
    report = _star(text)
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is True


def test_a_labelled_result_after_a_labelled_task_stays():
    report = _star("T：把转接率降下来。R：转接率从18%降到了11%。")
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is True


def test_the_thing_one_owns_is_no_task_stretch():
    # "我负责的那个渠道" names the channel by its owner: the outcome in the same clause is a result
    report = _star("我负责的那个渠道去年一整年零投诉升级。")
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is True


@pytest.mark.parametrize("text", ["非常感谢，十分感谢大家的配合", "给您添麻烦了，万分抱歉", "客户说对处理结果十分满意"])
def test_very_is_no_score_of_ten(text):
    from coachlab.text import find_quantities

    assert find_quantities(text) == []
    assert find_quantities(text, measures=True) == []


def test_ten_minutes_and_a_score_of_ten_stay_numbers():
    from coachlab.text import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("十分钟内回电")] == [(10.0, "duration")]
    assert [(q.value, q.unit) for q in find_quantities("这一项满分是十分")] == [(10.0, "percent")]


def test_a_target_met_is_a_result_not_a_task():
    report = _star("Friday queues kept breaching. I was put in charge of it. I split the lunch breaks. "
                   "The goal was met each Friday afterwards.")
    assert report["elements"]["result"] is True


def test_a_space_stops_the_task_in_chat_chinese():
    report = _star("我负责夜班热线 今年三个月我个人一单超时都没有")
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is True
