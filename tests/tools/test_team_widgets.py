"""The team-module tools without a browser: click the main action, read what it shows, save, come back."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as widgets
import pytest

from coachlab.progress import open_store
from coachlab.tools import positions as positions_data
from coachlab.widgets.cocreation import cocreation_board
from coachlab.widgets.conflict_test import conflict_test
from coachlab.widgets.execution_planner import execution_planner
from coachlab.widgets.feedback_steps import feedback_steps
from coachlab.widgets.johari import johari_window
from coachlab.widgets.listening_drill import listening_drill
from coachlab.widgets.pictures import picture
from coachlab.widgets.positions import positions_check
from tests.widget_tree import click, find, learner, walk  # noqa: F401 - used by the tests below

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


def saved(item: str, name="wang.fang"):
    with open_store() as store:
        return store.load_state(name, item), store.attempts(name, item)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_johari_draws_saves_and_restores(lang):
    """Draw the window from the ticks, save them, and tick them again for the same learner."""
    tool = johari_window(lang)
    learner(tool)
    boxes = find(tool, kind=widgets.Checkbox)
    assert len(boxes) == 32
    procedure = next(w.value for w in find(tool, kind=widgets.HTML) if "coachlab-mask-interview" in w.value)
    assert ("面具访谈" in procedure) == (lang == "zh-CN") and procedure.count("<li>") == 10
    boxes[0].value = boxes[1].value = True  # behaviour 0, known to me and to my team: open
    boxes[3].value = True  # behaviour 1, my team only: blind
    shown = click(tool)
    assert "coachlab-johari-picture" in shown and bool(HAN.search(shown)) == (lang == "zh-CN")
    state, attempts = saved("lesson:05-communication-feedback:johari")
    assert state["me"] == ["calm_escalations"] and state["team"] == ["calm_escalations", "quick_floor_help"]
    assert attempts and attempts[-1].scores["open"] == pytest.approx(1 / 16)
    again = johari_window(lang)
    learner(again)
    assert [b.value for b in find(again, kind=widgets.Checkbox)][:4] == [True, True, False, True]


def test_listening_drill_asks_for_every_answer_then_scores():
    """Refuse to score a half-done drill, then score a full one and name a better reply."""
    tool = listening_drill("zh-CN")
    learner(tool)
    items = find(tool, "coachlab-drill-item")
    assert len(items) == 10
    assert "还有题目没选" in click(tool)
    for item in items:
        item.value = "pseudo"
    shown = click(tool)
    assert "2 / 10" in shown or "2/10" in shown or re.search(r"\b2\b.*10", shown)
    assert "真正在听的回应" in shown
    assert "。 " not in shown and "</b>: " not in shown  # Chinese sentences run on without Latin spacing
    state, attempts = saved("lesson:05-communication-feedback:listening-drill")
    assert state["answers"] == ["pseudo"] * 10 and attempts[-1].scores["score"] == pytest.approx(0.2)


def test_positions_check_draws_the_corral_and_names_the_position_to_work_on():
    """Show the corral with counts and name the not-OK position chosen most."""
    tool = positions_check("en")
    learner(tool)
    situations = positions_data.positions_content()["situations"]
    for i, choice in enumerate(find(tool, "coachlab-positions-item")):
        wanted = "ok_notok" if i < 3 else "ok_ok"
        choice.value = next(j for j, o in enumerate(situations[i]["options"]) if o["position"] == wanted)
    shown = click(tool)
    assert "coachlab-corral-picture" in shown and "I&#x27;m OK, you&#x27;re not OK" in shown and "(3 times)" in shown
    _, attempts = saved("lesson:05-communication-feedback:positions")
    assert attempts[-1].scores["ok_notok"] == pytest.approx(3 / len(situations))


def test_conflict_test_scores_and_explains_each_style():
    """Score the fifteen answers, draw the map and explain when each style fits."""
    tool = conflict_test("zh-CN")
    learner(tool)
    items = find(tool, "coachlab-conflict-item")
    assert len(items) == 15
    for item in items:
        item.value = 3
    shown = click(tool)
    assert "coachlab-conflict-picture" in shown and "相差不到两分" in shown and "适用场合" in shown
    assert "。 " not in shown
    state, _ = saved("lesson:05-communication-feedback:conflict-test")
    assert state["answers"] == [3] * 15


def test_feedback_steps_checks_each_step_and_keeps_both_drafts():
    """Check the BID steps, flag a label, offer the script, and keep the BIA draft when switching."""
    tool = feedback_steps("zh-CN")
    learner(tool)
    kind = find(tool, "coachlab-fbsteps-kind")[0]
    find(tool, kind=widgets.Textarea)[0].value = "昨天下午3点那通电话，你先复述了客户的问题。"
    kind.value = "bid_plus"
    boxes = find(tool, kind=widgets.Textarea)
    assert len(boxes) == 5
    boxes[1].value = "你收尾太粗心。"
    shown = click(tool)
    assert "5步中已完成0步" in shown and "贴标签" in shown
    assert "<b>2. 行为</b>：" in shown and "？：" not in shown  # the step's short name, then its status
    script = base64.b64decode(re.search(r'download="bid_plus.txt" href="data:text/plain;base64,([^"]+)"', shown).group(1)).decode()
    assert "你收尾太粗心。" in script
    state, _ = saved("lesson:05-communication-feedback:feedback-steps")
    assert state["bia_plus"]["behaviour"].startswith("昨天下午3点") and state["bid_plus"]["behaviour"] == "你收尾太粗心。"


def test_execution_planner_reports_a_bad_date_and_draws_the_timeline():
    """Say which date it cannot read, list the gaps, draw the gates, and keep the fields."""
    tool = execution_planner("en")
    learner(tool)
    texts = find(tool, kind=widgets.Text)
    texts[0].value = "Raise billing FCR from 68% to 72% by 31 December"
    texts[1].value, texts[2].value = "2026-12-01", "2026-12-31"
    texts[3].value, texts[4].value, texts[5].value = "Kick-off huddle", "Li Na", "next week"
    gate_boxes = texts[3 + 3 * 5:]
    gate_boxes[0].value, gate_boxes[1].value, gate_boxes[2].value = "2026-12-03", "12 of 12 agents briefed", "repeat it"
    shown = html.unescape(click(tool))
    assert "\"next week\" is not a date" in shown and "Gate 2 · Halfway check: give it a date." in shown
    assert 'class="execution-gate"' in shown
    state, _ = saved("lesson:03-goals-smart:execution")
    assert state["actions"][0] == ["Kick-off huddle", "Li Na", "next week"]


def test_cocreation_board_sorts_votes_ranks_and_restores():
    """Sort cards into themes, count dots, rank the themes and give them back on return."""
    tool = cocreation_board("zh-CN")
    learner(tool)
    find(tool, kind=widgets.Text)[0].value = "下个月怎样减少账单争议的重复来电？"
    cards, themes = find(tool, kind=widgets.Textarea)[:2]
    cards.value = "\n".join(["结束前复述扣款信息", "退款做核对清单", "新人跟听骨干电话", "知识库补退款流程", "班前会讲一个案例", "每周抽查两通退款来电"])
    themes.value = "收尾确认\n退款知识"
    picks = find(tool, "coachlab-cocreate-pick")
    assert len(picks) == 6
    for i, pick in enumerate(picks):
        pick.value = "收尾确认" if i % 2 == 0 else "退款知识"
    dots = find(tool, "coachlab-cocreate-dots")
    dots[0].value, dots[1].value = 7, 9
    shown = click(tool)
    assert shown.index("退款知识") < shown.index("收尾确认", shown.index("按票数排序"))
    assert "需要写明负责人和时间" in shown
    again = cocreation_board("zh-CN")
    learner(again)
    assert [p.value for p in find(again, "coachlab-cocreate-pick")] == [p.value for p in picks]


@pytest.mark.parametrize("name", ["grow", "swot", "golden", "interview"])
def test_picture_widget_shows_the_svg(name):
    """Show a static picture in the page's language."""
    shown = picture(name, "zh-CN").value
    assert "<svg" in shown and HAN.search(shown)
