"""Routing of the role-play goal turns, session 16 (issue 13, judge J-turns16).

Class: a goal whose miss is priced on the person's standing ("…, or it goes in your review", "降不到的话奖金就别想了")
is a threat (conventions 15 and 21: the harsher mistake names the turn), however SMART its number and date. The goal
check read only the SMART criteria, so these poor answers reached the SMART or the half-a-goal intent of every goal
turn (retired turns16 to turns20: kpi-first-week-former-peer goal, promo-followup-month goal, promo-pay-question
success, smart-goal-agent draft and final-goal, golden-circle-callback-pushback what, review-peak-day rules; writers
en and zh). The goal report now carries the pitfall ``threat`` (goal.GOAL_AT_A_PRICE_IS_THREAT; rules
goal.*.miss_condition and goal.*.stake) and no goal intent takes it, so the fallback does. A check planned for a
missed number ("if it's not there we'll look at the plan together") and a date named by the probation ("before your
probation ends") are no threat.

Every text is our own wording.
"""

from __future__ import annotations

import pytest
import yaml

from coachlab.checks import run
from coachlab.checks.engine import Doc, rulebook
from coachlab.paths import course_root
from tests.checks.playing import reached


@pytest.mark.parametrize("target", ["miss_condition", "stake"])
def test_the_threat_words_are_rules_with_reasons_and_examples(target: str) -> None:
    rules = [r for r in rulebook("goal").rules if r.target == target]
    assert sorted(r.lang for r in rules) == ["en", "zh-CN"]
    for rule in rules:
        assert rule.options.get("piece") is True and rule.why and rule.should_pass and rule.should_fail
        assert all(rule.find(Doc(t, rule.lang)) for t in rule.should_pass), rule.id
        assert not any(rule.find(Doc(t, rule.lang)) for t in rule.should_fail), rule.id


PRICED = [
    ("Handle time at 6:40 by the 30th, or it goes on your file.", "en"),
    ("Adherence to 91% by the end of next month, and if it's not there your bonus is gone.", "en"),
    ("QA at 85 in six weeks. If not, we'll be discussing whether this team is right for you.", "en"),
    ("Get the backlog under 20 tickets by Friday or we're having a very different conversation.", "en"),
    ("月底前AHT降到6分半，降不到的话奖金就没了。", "zh-CN"),
    ("六周内满意度到88%，不然试用期就别想过了。", "zh-CN"),
    ("下个月遵从率还达不到91%，我就把情况写进你的考核。", "zh-CN"),
    ("两个月内质检分到85分，到不了你自己看着办。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), PRICED)
def test_a_goal_priced_on_the_persons_standing_is_a_threat(text: str, lang: str) -> None:
    report = run("goal", text, lang=lang)
    assert "threat" in [p.id for p in report.pitfalls]
    assert report.criteria["measurable"]  # the threat leaves the SMART reading as it was
    assert any(e.element == "threat" for e in report.evidence)


UNPRICED = [
    ("AHT from 7:10 to 6:40 by the 30th; if it's not there we'll look at the plan together.", "en"),
    ("Adherence from 86% to 91% by the end of next month, or earlier if the new rota helps.", "en"),
    ("Take the refund process on alone three times before your probation ends in May.", "en"),
    ("If we get CSAT from 82% to 86% by June, I'll put you forward for the mentor scheme.", "en"),
    ("六周内满意度从82%到88%，第三周我们一起看看进度。", "zh-CN"),
    ("在试用期结束前把退款流程独立走通三次。", "zh-CN"),
    ("考核之前把开场白和结束语练熟，抽检不再扣这两项的分。", "zh-CN"),
    ("如果月底没到88%，我们再一起看看是哪一步卡住了。", "zh-CN"),
    # an incentive names the review or the bonus for a goal met, not missed (session 17: a bare "if" / 如果 is no miss)
    ("If we get FCR to 75% by June, that goes straight into your review as a win.", "en"),
    ("如果月底能做到95%，季度奖金我帮你去申请。", "zh-CN"),
    ("如果这个月能把AHT降到6分钟，绩效我给你打A。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), UNPRICED)
def test_a_goal_with_a_check_planned_or_a_probation_date_is_no_threat(text: str, lang: str) -> None:
    assert "threat" not in [p.id for p in run("goal", text, lang=lang).pitfalls]


def _goal_nodes() -> list[tuple[str, str]]:
    out = []
    for path in sorted((course_root() / "scenarios").glob("*.yaml")):
        if path.name.endswith(".testplan.yaml"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        out += [(data["id"], name) for name, node in data["nodes"].items()
                if (node.get("free") or {}).get("check") == "goal"]
    return out


def test_no_goal_intent_takes_a_threat() -> None:
    """Every intent of every goal turn leaves a threatened goal to the fallback (its ``none`` names the pitfall)."""
    nodes = _goal_nodes()
    assert len(nodes) >= 9
    for scenario_id, node in nodes:
        data = yaml.safe_load((course_root() / "scenarios" / f"{scenario_id}.yaml").read_text("utf-8"))
        for intent in data["nodes"][node]["free"]["intents"]:
            assert "pitfalls:threat" in intent["when"].get("none", ()), (scenario_id, node, intent["id"])


TURNS = [
    # the same goal with and without the price on the person
    ("kpi-first-week-former-peer", "goal", "AHT from 7:20 to 6:50 by the end of the month, or it goes in your review.",
     "en", "fallback"),
    ("kpi-first-week-former-peer", "goal", "AHT from 7:20 to 6:50 by the end of the month, FCR kept where it is.",
     "en", "smart-goal"),
    ("promo-followup-month", "goal", "下个月底遵从率从88%拉到91%，做不到的话这个组长的位子就要重新考虑了。", "zh-CN", "fallback"),
    ("promo-followup-month", "goal", "下个月底遵从率从88%拉到91%，每周五我们一起看一次。", "zh-CN", "smart"),
    ("smart-goal-agent", "draft", "FCR from 64% to 70% in eight weeks, or your bonus goes.", "en", "fallback"),
    ("smart-goal-agent", "draft", "FCR from 64% to 70% in eight weeks.", "en", "measurable-and-dated"),
    ("promo-pay-question", "success", "头三个月团队遵从率保持在92%以上，不然试用期就过不了。", "zh-CN", "fallback"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "intent"), TURNS)
def test_a_threatened_goal_reaches_the_fallback(scenario: str, node: str, text: str, lang: str, intent: str) -> None:
    assert reached(scenario, node, text, lang) == intent
