"""Session 14, judge J-star14: Chinese counts told with a measure word quantify a STAR result.

Class fixed: a result counted with a Chinese numeral and a measure word or an approximate amount, "最终三家里留住了
两家" (blind14), "带出了三个组长" (blind16), "一年省了十几万" (blind12), "投诉量确实减了一半多" (blind13): the writers
label them q, the check said no number. coachlab/text/numbers.py reads these counts on request (measures=True, so the
goal check's levels stay as they were); star.py counts them in a result clause, not in a clause where the speaker goes on
acting ("带了四个新人", "每天打五十个电话"), not before the clause's verb ("两个人都没有意见"), not after 有 ("组里有两个
老员工") and not before the speaker's first act ("组里走了三个人"). They hold with the shipped models.json of HEAD.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.text import find_quantities


def _star(text: str) -> dict:
    return run("star", text, lang="zh-CN").to_dict()


def test_measure_word_counts_are_read_on_request_only():
    assert [(q.span.text, q.value, q.unit) for q in find_quantities("最终三家里留住了两家", measures=True)] == [
        ("三家", 3.0, "count"), ("两家", 2.0, "count")]
    assert [(q.span.text, q.unit) for q in find_quantities("一年省了十几万", measures=True)] == [("十几万", "money")]
    assert [q.value for q in find_quantities("带出了三个组长", measures=True)] == [3.0]
    assert [q.unit for q in find_quantities("差了两个点", measures=True)] == ["percent"]
    # the default reading (the goal check's) is unchanged
    assert find_quantities("最终三家里留住了两家") == []
    assert find_quantities("一年省了十几万") == []


@pytest.mark.parametrize("text", ["一个客户打来投诉", "几个人一起值班", "接下来两个月", "两个小时内回复", "千万别这样"])
def test_no_count_in_an_article_a_few_or_a_time(text):
    assert find_quantities(text, measures=True) == []


@pytest.mark.parametrize("text", [
    # the retired sets
    "面试笔记——陈浩：去年负责大客户续约（T），当时三家大客户都说要换供应商（S）。陈浩逐一上门拜访，针对每家做了服务改进方案（A）。最终三家里留住了两家（R）。",
    "我觉得我最大的成绩就是带出了三个组长。",
    "去年我们中心做降本，我提了一个建议，把周末的两个班合并，一年省了十几万。",  # restored in session 16 (PREDICATE_BEFORE_LE)
    "后来投诉量确实减了一半多。",
])
def test_counted_result_is_quantified(text):
    report = _star(text)
    assert report["elements"]["result"] and report["quantified_result"]


@pytest.mark.parametrize("text", [
    # the count is the act's extent, who is meant, or the scene (retired sets; the writers label them no q)
    "我被安排去做新人导师，带了四个新人。",
    "我那时候负责回访，每天打五十个电话。",
    "我自己发现排班表有个公式错了，导致两个人被排了连续七天班，我当天就改了，跟他们道了歉，补了调休。两个人都没有意见。",
    "那时候我刚当上小组长，组里有两个老员工不服我。我单独找他们俩吃了个饭，问他们对排班有什么想法，把他们的意见加进了新排班里。",
    "那段时间真的很难，组里走了三个人，剩下的人每天加班，我也很累，但是我们坚持下来了。",
])
def test_count_outside_the_outcome_is_no_number(text):
    assert not _star(text)["quantified_result"]
