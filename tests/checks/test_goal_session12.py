"""Session 12, goal judge: goals read by what they do, at the goal turns of the role-plays and per label.

Classes fixed (issue 13, poor answers and good answers from the retired turn sets): a date in the target's own
sentence is its deadline; a count of weeks after "近 / last" is a window, not a level; a money amount in a work goal
is an act's scope, not a level; "overall" spreads a number over everything (convention 3); milestones and days of
the month are deadlines; a rate to a rate with no "from" gives the baseline; beating a rival or coming first
depends on the others (the fallback at smart-goal-agent and swot-self-scan-candidate).
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# ---------------------------------------------------------------- a date in the target's sentence is its deadline
@pytest.mark.parametrize("text", [
    "FCR from 58% to 67% before 27 December, and at half-way, 11 December, at least 62%. You do the billing session this week.",
    "Raise FCR from 60% to 68% by 31 January. Book the billing walk-through this week.",
])
def test_a_near_time_in_another_sentence_does_not_size_the_step(text: str) -> None:
    """'this week' dates the training, not the level: 58% -> 67% by a date is an achievable step, the goal is SMART."""
    report = run("goal", text, lang="en")
    assert report.criteria["achievable"] is True
    assert reached("smart-goal-agent", "final-goal", text, "en", yes=True) == "smart"


def test_a_jump_in_its_own_sentence_with_a_near_time_is_still_too_big() -> None:
    """The guard: the near horizon inside the target's sentence still sizes it (64% -> 85% by next Friday)."""
    report = run("goal", "FCR from 64% to 85% by next Friday.", lang="en")
    assert report.criteria["achievable"] is False
    assert reached("smart-goal-agent", "final-goal", "FCR from 64% to 85% by next Friday.", "en", yes=False) == "fallback"


# ---------------------------------------------------------------- a window of weeks is no level
@pytest.mark.parametrize("text", [
    "指标：一次解决率｜基线：64%（近4周）｜目标：70%｜截止：第8周末（1月26日）",
    "基线：近3周平均64%，目标70%，截止1月26日。",
])
def test_a_window_of_weeks_is_not_the_target(text: str) -> None:
    """'近4周' says over which weeks the baseline was measured: the target is 70%, not 4."""
    report = run("goal", text, lang="zh-CN")
    assert report.target is not None and report.target.startswith("70")
    assert reached("smart-goal-agent", "draft", text, "zh-CN", yes=True) == "measurable-and-dated"


# ---------------------------------------------------------------- money is an act's scope, not a level
@pytest.mark.parametrize(("text", "lang"), [
    ("Improve FCR and use the ¥200 adjustment more.", "en"),
    ("Wang Lei will do the billing session and use the ¥200 adjustment.", "en"),
    ("Improve FCR: billing session + ¥200 adjustment.", "en"),
    ("王磊要提高一次解决率，多用200元调账。", "zh-CN"),
])
def test_a_money_amount_of_an_act_is_no_level(text: str, lang: str) -> None:
    """'the ¥200 adjustment' names the authority, not how far FCR goes: no number, no date, the fallback."""
    assert run("goal", text, lang=lang).criteria["measurable"] is False
    assert reached("smart-goal-agent", "final-goal", text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("text", "lang"), [
    ("Sell ¥50,000 of broadband upgrades by the end of June.", "en"),
    ("6月底前宽带升级销售额做到5万元。", "zh-CN"),
])
def test_money_is_the_level_of_a_money_goal(text: str, lang: str) -> None:
    """Sales are counted in money: the amount stays the level."""
    assert run("goal", text, lang=lang).criteria["measurable"] is True


# ---------------------------------------------------------------- "overall" spreads the number
@pytest.mark.parametrize("text", [
    "Goal: improve your overall effectiveness by 10% by the end of the quarter.",
    "Achieve a 15% improvement in overall call quality by Q1.",
    "Lift your general productivity by 20% by March.",
])
def test_overall_makes_the_area_vague(text: str) -> None:
    """Convention 3: nothing says what the 10% is of; neither specific nor measurable, the fallback."""
    report = run("goal", text, lang="en")
    assert report.criteria["specific"] is False and report.criteria["measurable"] is False
    assert reached("smart-goal-agent", "draft", text, "en", yes=False) == "fallback"


# a named metric beside "overall" stays specific: test_goal_session12b.py


# ---------------------------------------------------------------- milestones, days and windows are deadlines
@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    ("smart-goal-agent", "draft", "我先提一个：你现在一次解决率是64%，第四周到67%，第十二周到72%，我们每周看一次。", "zh-CN",
     "measurable-and-dated"),
    ("smart-goal-agent", "draft", "初稿：账单争议的一次解决率，现在大概是52%，第四周做到60%。", "zh-CN", "measurable-and-dated"),
    ("promo-pay-question", "success", "前3个月期望：①团队排班遵从率≥93% ②满意度≥85% ③每周和我一对一1次 ④第90天复盘", "zh-CN",
     "smart-expectation"),
    ("kpi-first-week-former-peer", "goal", "约定：截至28日，AHT 8.4→≤7.0分钟；FCR保持≥78%；每周五看一次趋势。", "zh-CN", "smart-goal"),
    ("review-peak-day", "rules", "Trigger: >25 in queue for 10 min OR SL < 70% for 15 min -> open back-office overflow. "
     "Owner: Xu Lan. In the peak-day playbook by 15th.", "en", "smart-rule"),
    ("review-peak-day", "rules", "New rule: if SL under 70% for 15 minutes, Xu Lan calls back-office overflow. In place from "
     "next peak, latest Friday.", "en", "smart-rule"),
])
def test_a_milestone_or_a_day_is_a_deadline(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    """'第四周', '截至28日', '前3个月', 'by 15th', 'latest Friday' say by when: the goal is dated."""
    assert run("goal", text, lang=lang).criteria["time_bound"] is True
    assert reached(scenario, node, text, lang, yes=True) == want


@pytest.mark.parametrize(("text", "lang"), [
    ("一次解决率提到67%。", "zh-CN"),
    ("遵从率拉回93%，每周看一次。", "zh-CN"),
    ("FCR to 67%, we look at the 4 worst calls every week.", "en"),
])
def test_no_milestone_no_deadline(text: str, lang: str) -> None:
    """A level alone, a time in the past or a rhythm is no deadline."""
    assert run("goal", text, lang=lang).criteria["time_bound"] is False


# ---------------------------------------------------------------- a rate to a rate gives the baseline
@pytest.mark.parametrize(("text", "lang", "baseline"), [
    ("wang lei: FCR 64% to 70% by end of week 8, 67% checkpoint at week 4. billing sesion this week.", "en", "64%"),
    ("你现在一次解决率是64%，第八周到70%。", "zh-CN", "64%"),
])
def test_a_rate_to_a_rate_gives_the_baseline(text: str, lang: str, baseline: str) -> None:
    """'64% to 70%' starts at 64%: the final goal is SMART with its baseline."""
    assert run("goal", text, lang=lang).baseline == baseline
    assert reached("smart-goal-agent", "final-goal", text, lang, yes=True) == "smart"


# ---------------------------------------------------------------- beating a rival depends on the others
@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("swot-self-scan-candidate", "wt-goal", "Lead ten huddles and three calibrations this week, that'll beat Deng Kai.", "en"),
    ("swot-self-scan-candidate", "wt-goal", "Run two huddles before the interview and outshine Deng Kai.", "en"),
    ("swot-self-scan-candidate", "wt-goal", "下周开始每天主持班前会，再组织两次质检校准，顺便把邓凯比下去。", "zh-CN"),
    ("smart-goal-agent", "draft", "我觉得目标可以定得高一点哈，一次解决率做到组里第一，就是比大家都高，下个季度之前吧。", "zh-CN"),
    ("smart-goal-agent", "draft", "Be number one in the team for FCR by the end of the quarter.", "en"),
])
def test_beating_the_others_is_no_goal_of_ones_own(scenario: str, node: str, text: str, lang: str) -> None:
    """Coming first or beating a rival hangs on how the others do: the pitfall outside_control, the fallback."""
    report = run("goal", text, lang=lang)
    assert "outside_control" in {p.id for p in report.pitfalls}
    assert reached(scenario, node, text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    ("smart-goal-agent", "draft", "Bring your FCR up to the team average of 72% by 30 June.", "en", "measurable-and-dated"),
    ("smart-goal-agent", "draft", "6月底前一次解决率追上团队平均72%。", "zh-CN", "measurable-and-dated"),
    ("swot-self-scan-candidate", "wt-goal", "By 25 March, run two Monday huddles and one QA calibration session.", "en",
     "smart-goal"),
    ("swot-self-scan-candidate", "wt-goal", "竞聘面谈（25号）前，主持班前会至少2次。", "zh-CN", "smart-goal"),
])
def test_sincere_goals_do_not_move(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    """Catching up with the team average is a level of one's own; the trainers' model goals stay SMART."""
    assert reached(scenario, node, text, lang, yes=True) == want


# ---------------------------------------------------------------- half a goal (convention 22)
@pytest.mark.parametrize(("text", "lang"), [
    ("FCR up. Deadline end of quarter.", "en"),
    ("Get your FCR up; deadline: end of March.", "en"),
])
def test_a_named_metric_with_a_deadline_and_no_number_is_half_a_goal(text: str, lang: str) -> None:
    """A deadline named as such ('Deadline end of quarter') dates the goal; with no number it is half a goal."""
    assert run("goal", text, lang=lang).criteria["time_bound"] is True
    assert reached("smart-goal-agent", "draft", text, lang, yes=False) == "partly-smart"


def test_a_deadline_put_off_is_none() -> None:
    """'具体deadline再说' leaves the deadline open: the first three months do not date it."""
    report = run("goal", "前三个月FCR提升到75%，具体deadline再说。", lang="zh-CN")
    assert not (report.criteria["time_bound"] and "time_bound" not in report.unsure)
