"""Goal levels: perfection and a level due within days are pitfalls; arrows give from and to; ranks are measurable."""

from __future__ import annotations

import dataclasses

import pytest

from coachlab.checks import check_goal
from coachlab.paths import course_root
from coachlab.scenarios import engine
from coachlab.scenarios.validator import load_scenario
from tests.checks.playing import reached


def _pitfalls(text: str) -> set[str]:
    return {p.id for p in check_goal(text).pitfalls}


@pytest.mark.parametrize("text", ["Aim for 100% adherence by next week. You can do it!", "三个月内团队满意度做到100%。",
                                  "Target: adherence 99%, by the end of next month."])
def test_perfection_is_a_pitfall_without_a_baseline(text: str) -> None:
    """A goal whose only level is (near) 100% is perfection, baseline or not; achievable stays unjudged."""
    report = check_goal(text)
    assert "perfect_target" in {p.id for p in report.pitfalls}
    assert report.criteria["achievable"] is None


@pytest.mark.parametrize("text", ["own escalations 100% -> <40% by 30 June", "从现在100%降到40%以下，12月31号前。",
                                  "12月底前，日报100%由小李出，你亲自处理的升级比例<40%。"])
def test_a_perfect_start_or_share_beside_a_real_level_is_no_perfection(text: str) -> None:
    """100% as the starting point, or a whole hand-over beside the level aimed at, is not a perfect target."""
    assert "perfect_target" not in _pitfalls(text)


@pytest.mark.parametrize("text", ["FCR 90% by next week.", "Get your handle time down to 6.2 like the team, by next week.",
                                  "下周一次解决率做到90%。", "降到6分钟，这周就得做到。"])
def test_a_new_level_within_days_without_a_baseline_is_too_soon(text: str) -> None:
    """A level due next week with no starting point leaves no time to change anything."""
    assert "too_soon" in _pitfalls(text)


@pytest.mark.parametrize("text", [
    "If SL is under 75% for two intervals in a row, Xu Lan calls the back office; written down by friday next week.",
    "Rule：queue>25通持续10分钟，TL直接call后台支援；许兰下周三前更新SOP。",
    "FCR from 64% to 66% by next week.",
    "FCR 70% by the end of June."])
def test_triggers_named_days_baselines_and_weeks_are_not_too_soon(text: str) -> None:
    """A trigger threshold, a deadline naming its day, a baseline or a later deadline: no too_soon."""
    assert "too_soon" not in _pitfalls(text)


@pytest.mark.parametrize(("text", "baseline", "target"), [("FCR 64% -> 70% by 30 June.", "64%", "70%"),
                                                          ("首次解决率64%→70%，1月25号前。", "64%", "70%"),
                                                          ("遵从率由90%提高到93%，月底前。", "90%", "93%")])
def test_an_arrow_or_you_gives_baseline_and_target(text: str, baseline: str, target: str) -> None:
    """'64% -> 70%' and '由90%提高到93%' say where the goal starts, so the step can be judged."""
    report = check_goal(text)
    assert (report.baseline, report.target) == (baseline, target)
    assert report.criteria["achievable"] is True


@pytest.mark.parametrize("text", ["Get FCR up to the team level as soon as possible.", "尽快追上组里的平均水平。",
                                  "这个月质检分拿到全组前三。"])
def test_a_level_set_by_the_team_is_measurable(text: str) -> None:
    """The team average or a rank can be checked on the report like a number."""
    assert check_goal(text).criteria["measurable"] is True


@pytest.mark.parametrize(("text", "lang", "intent"), [
    ("FCR 90% by next week. Let's be ambitious!", "en", None),
    ("下周一次解决率做到90%。", "zh-CN", None),
    ("Adherence 100% by the end of next month.", "en", None),
    ("FCR 64% -> 70% by 30 June.", "en", "measurable-and-dated"),
    ("尽快追上组里的平均水平。", "zh-CN", "partly-smart"),
])
def test_the_draft_goal_turn_sends_a_wish_to_the_fallback(text: str, lang: str, intent: str | None) -> None:
    """In the SMART role-play an unrealistic level gets the fallback's coaching, not the praise for a number and date."""
    scenario, problems = load_scenario(course_root(), "smart-goal-agent")
    assert scenario is not None, problems
    session = dataclasses.replace(engine.start(scenario), node="draft")
    _, event = engine.answer(scenario, session, text, lang=lang)
    assert event.kind in ("intent", "retry", "fallback")  # no question asked back: the verdicts are sure
    assert event.matched == intent


@pytest.mark.parametrize("text", ["国庆前把新人上岗手册写完，交给培训组审核。", "年底前通过公司英文线的上岗考核。",
                                  "Have the new-starter welcome pack written and in the shared drive by 31 Jan."])
def test_a_named_piece_of_work_brought_to_a_checkable_state_is_specific_and_measurable(text: str) -> None:
    """Written, passed, in the shared drive: done or not, like a named course (convention 2)."""
    criteria = check_goal(text).criteria
    assert (criteria["specific"], criteria["measurable"]) == (True, True)


@pytest.mark.parametrize(("text", "specific", "measurable"), [
    ("Get your CSAT up.", True, False), ("Lower the repeat-contact rate by the end of March.", True, False),
    ("降低放弃率。", True, False), ("把一次解决率提上去。", True, False),
    ("Get hold time under 40 seconds by the end of May.", True, True), ("一次解决率提高3个点，6月底前。", True, True),
    ("Be nicer with customers going forward.", False, False), ("服务再好一点。", False, False)])
def test_convention_4_a_metric_with_a_direction_is_specific_not_measurable(text: str, specific: bool,
                                                                          measurable: bool) -> None:
    """A named metric with only a direction says what changes, not how far; a level or a change makes it measurable."""
    criteria = check_goal(text).criteria
    assert (criteria["specific"], criteria["measurable"]) == (specific, measurable)


@pytest.mark.parametrize("text", ["raise ur FCR from 64% to 70% in 8 wks, checking it every friday",
                                  "规则：排队>30→值班长启动后台分流；许兰12/11前写入大促预案。",
                                  "现在你是64，8个礼拜以后到70。"])
def test_deadlines_as_notes_and_speech_write_them(text: str) -> None:
    """'in 8 wks', '12/11前', '8个礼拜以后' bound the goal in time."""
    assert check_goal(text).criteria["time_bound"] is True


@pytest.mark.parametrize(("text", "lang", "intent"), [
    ("FCR 70% by week 8.", "en", "almost"),
    ("FCR 64% -> 70% by week 8 (25 Jan), 67% at week 4.", "en", "smart"),
    ("写下来：一次解决率现在64%，第四周到67%，1月25号前到70%。", "zh-CN", "smart"),
])
def test_the_written_goal_needs_its_starting_point(text: str, lang: str, intent: str) -> None:
    """The agreed goal is written 'from and to' (the node's prompt): without a baseline it is 'almost'."""
    assert reached("smart-goal-agent", "final-goal", text, lang, yes=True) == intent


@pytest.mark.parametrize(("text", "lang", "intent"), [
    ("这周五之前AHT降到6分钟", "zh-CN", "half-a-goal"),
    ("AHT down to 7.5 minutes by the end of the month, FCR at 78% or above.", "en", "half-a-goal"),
    ("月底前把平均处理时长从8.4分钟降到7.5分钟，一次解决率保持在78%以上。", "zh-CN", "smart-goal"),
    ("AHT 8.4 -> 7.5 by end of Jan, FCR stays 78+. deal?", "en", "smart-goal"),
])
def test_a_target_without_a_starting_point_is_not_praised_for_one(text: str, lang: str, intent: str) -> None:
    """Convention 9: the KPI goal's good move praises 'a number, a starting point and a date'; a bare target is half."""
    for yes in (True, False):
        assert reached("kpi-first-week-former-peer", "goal", text, lang, yes=yes) == intent


@pytest.mark.parametrize("text, achievable", [
    ("Schedule adherence up to 93% in November; I'm at 88% now.", True),
    ("Handle 50 chats a day by the end of January (I'm doing 45 now).", True),
    ("Q2把FCR做到80%+，现在baseline是76", True),
    ("Hit 100% schedule adherence tomorrow. Today I was at 70%.", False),
    ("Sell 30 upgrade plans in December. I sold 12 in November.", False),
])
def test_a_starting_point_told_after_the_target_is_the_baseline(text: str, achievable: bool) -> None:
    """'I'm at 88% now', '(I'm doing 45 now)', '现在baseline是76' after the target give the step to judge."""
    assert check_goal(text).criteria["achievable"] is achievable


@pytest.mark.parametrize("text, achievable", [
    ("Escalations I handle myself: 100% now, under 40% by 31 March, Lao Gao takes the simple refund ones.", True),
    ("年底前把团队年流失率从40%降到25%。", True),
    ("这个月把差评率降到1%以内，目前是4%", False),
    ("在线咨询现在平均2分钟回复，11月底前全部做到30秒内", False),
])
def test_a_level_brought_down_is_judged_by_the_share_that_goes(text: str, achievable: bool) -> None:
    """Handing over 60% of one's escalations is a plan; cutting three quarters of the bad reviews in a month is not."""
    assert check_goal(text).criteria["achievable"] is achievable


@pytest.mark.parametrize("text", ["下周五之前把三个新人的上岗考核都做完。", "明天之前把张先生那单退款办结。",
                                  "下周一之前把个人IDP填完交给HR。", "今年内考下人力资源管理师三级。", "半年内升主管。",
                                  "今年之内带出两个能独立接投诉线的新人。"])
def test_a_one_off_act_with_its_result_complement_is_measurable(text: str) -> None:
    """做完, 办结, 填完, 考下, 升主管, 带出两个: done or not, there is a record (convention 2 widened)."""
    assert check_goal(text).criteria["measurable"] is True


@pytest.mark.parametrize("text", ["把新人手册改一改。", "多学学英文。"])
def test_work_without_its_end_state_is_not_measurable(text: str) -> None:
    assert check_goal(text).criteria["measurable"] is False


@pytest.mark.parametrize("text", ["领导力提升30%，下个月前。", "团队管理整体提升15%。", "整体service提升20%吧，一个月后看。",
                                  "希望你把整体管理水平提升20%。"])
def test_a_percentage_on_leadership_or_the_whole_is_neither_specific_nor_measurable(text: str) -> None:
    """Convention 3: 整体, 领导力, 管理水平, 'service' name no metric the percentage is of."""
    criteria = check_goal(text).criteria
    assert (criteria["specific"], criteria["measurable"]) == (False, False)


@pytest.mark.parametrize("text", ["整体满意度提升3个点，6月底前。", "目标：一次解决率提升至团队水平", "月底前服务水平做到85%。"])
def test_a_named_metric_beside_those_words_stays_specific(text: str) -> None:
    assert check_goal(text).criteria["specific"] is True


@pytest.mark.parametrize(("text", "lang", "words"), [
    ("Raise FCR from 60% to 90% by the end of the month.", "en", ("60%", "90%")),
    ("月底前一次解决率从60%提到90%。", "zh-CN", ("60%", "90%")),
])
def test_an_unrealistic_jump_gets_its_own_fix_and_a_short_deadline_does_not_borrow_it(text, lang, words) -> None:
    """The fix for a jump quotes its baseline and target; a leap with no baseline gets the 'too soon' fix only."""
    report = check_goal(text, lang=lang)
    assert "unrealistic" in {p.id for p in report.pitfalls}
    assert any(all(w in s for w in words) for s in report.suggestions), report.suggestions
    soon = check_goal("FCR 90% by next week." if lang == "en" else "一次解决率下周就到90%。", lang=lang)
    assert {p.id for p in soon.pitfalls} == {"too_soon"}
    assert not any("{" in s or "从到" in s or "from  to" in s for s in soon.suggestions), soon.suggestions


@pytest.mark.parametrize(("text", "lang"), [
    ("Lead two huddles before the interview, the first one next Thursday.", "en"),
    ("WT行动：竞聘面谈（25号）前，主持班前会至少2次、组织质检校准1次。", "zh-CN"),
])
def test_a_named_event_ahead_bounds_the_goal_and_a_count_in_words_measures_it(text: str, lang: str) -> None:
    """'before the interview', '面谈（25号）前' are deadlines; 'two huddles' is a count."""
    criteria = check_goal(text, lang).criteria
    assert (criteria["specific"], criteria["measurable"], criteria["time_bound"]) == (True, True, True)


@pytest.mark.parametrize("text, specific", [
    ("Check the knowledge base every morning before logging in.", True),
    ("Make the customer feel heard on every call.", False),
    ("Improve your leadership capability by 30% before the interview.", False),
    ("Take more courses.", False),
])
def test_a_routine_act_is_specific_and_a_vague_area_is_not(text: str, specific: bool) -> None:
    """A routine act with a fixed slot names what will be done; 'leadership capability +30%' names no metric."""
    assert check_goal(text).criteria["specific"] is specific


@pytest.mark.parametrize("text", ["年底前通过英语六级。", "今年内拿到 team leader 的位置。", "下个月在组内接通率排进前三。",
                                  "今年绩效从C提到B+。", "这礼拜之内把王先生那单投诉结案。", "这个月不要再迟到了。"])
def test_an_exam_a_post_a_rank_a_grade_or_a_case_closed_is_measurable(text: str) -> None:
    """Done or not, like a named course (convention 2); no late arrival at all is a zero (convention 1)."""
    from coachlab.checks import check_goal, learned

    with learned.recording() as log:
        check_goal(text, "zh-CN")
    assert log[-1][1]["measurable"] is True


def test_a_vague_wish_stays_unmeasurable() -> None:
    from coachlab.checks import check_goal, learned

    with learned.recording() as log:
        check_goal("想多学点东西，做个更好的客服。", "zh-CN")
    assert log[-1][1]["measurable"] is False


@pytest.mark.parametrize("text", ["目标就是overall performance提升15%💪", "把各项指标都提升10%就行。"])
def test_a_percentage_on_every_metric_or_overall_performance_is_no_measure(text: str) -> None:
    """Convention 3 in mixed zh/en and as 'every metric': no defined metric says what the percentage is of."""
    report = check_goal(text, "zh-CN")
    assert report.criteria["specific"] is False and report.criteria["measurable"] is False
