"""The pure logic behind the team-module tools: Johari window, ineffective-listening drill, communication
positions, conflict styles, advanced BIA/BID steps, the execution planner and the co-creation board."""

from __future__ import annotations

from datetime import date

import pytest

from coachlab.i18n import LANGS
from coachlab.tools import cocreation, conflict, execution, feedback_steps, johari, listening, listening_drill, positions


def _both_languages(node) -> None:
    """Fail when any {en, zh-CN} pair under ``node`` lacks a language or holds an empty text."""
    if isinstance(node, dict):
        if "en" in node or "zh-CN" in node:
            assert set(LANGS) <= set(node), node
            assert all(node[lang] for lang in LANGS), node
        for value in node.values():
            _both_languages(value)
    elif isinstance(node, list):
        for value in node:
            _both_languages(value)


@pytest.mark.parametrize("load", [johari.johari_content, listening_drill.drill_content, positions.positions_content,
                                  conflict.conflict_content, feedback_steps.steps_content, execution.execution_content,
                                  cocreation.cocreation_content])
def test_every_text_exists_in_both_languages(load):
    """Hold every learner-facing text in English and Chinese, none empty."""
    content = load()
    assert content
    _both_languages(content)


# --- Johari window ---------------------------------------------------------------------------------
def test_johari_sorts_by_who_knows():
    """Put what both know in open, what only the team sees in blind, what only I know in hidden."""
    window = johari.classify(["a", "b", "c"], ["b", "c", "d"], ["a", "b", "c", "d", "e"])
    assert window == johari.JohariWindow(open=("b", "c"), blind=("d",), hidden=("a",), unknown=("e",))
    assert window.counts() == {"open": 2, "blind": 1, "hidden": 1, "unknown": 1}


def test_johari_panes_grow_with_their_items_within_limits():
    """Move the lines towards the smaller panes, never so far that a pane cannot be read."""
    big_open = johari.classify(list("abcdef"), list("abcdef"), list("abcdefg"))
    across, down = big_open.splits()
    assert across > 0.5 and down > 0.5
    assert johari.JohariWindow(open=tuple("abcdefghij")).splits() == (johari.MAX_SHARE, johari.MAX_SHARE)
    assert johari.JohariWindow().splits() == (0.5, 0.5)
    blind_heavy = johari.classify(["a"], list("abcdef"), list("abcdef"))
    assert blind_heavy.splits()[0] == johari.MIN_SHARE


@pytest.mark.parametrize("lang", LANGS)
def test_johari_next_steps_quote_the_pane_concerned(lang):
    """Ask about a blind item and disclose a hidden one, quoting them; ask the team first when nobody was asked."""
    ids = johari.behaviour_ids()
    window = johari.classify([ids[0], ids[1]], [ids[0], ids[2]], ids)
    steps = johari.next_steps(window, lang)
    assert johari.label(ids[2], lang) in steps[0] and johari.label(ids[1], lang) in steps[1]
    assert johari.next_steps(johari.classify([ids[0]], [], ids), lang) == [johari.johari_content()["next_steps"]["ask_team"][lang]]
    assert johari.next_steps(johari.classify([], [ids[0]], ids), lang) == [johari.johari_content()["next_steps"]["ask_self"][lang]]


def test_johari_own_items_match_across_columns():
    """Count a learner's own words as the same item in both columns when written the same way."""
    window = johari.classify(johari.own_items("- 开会爱拖堂\n说话太快"), johari.own_items("说话太快；"), johari.behaviour_ids())
    assert window.open == ("说话太快",) and window.hidden == ("开会爱拖堂",)
    assert johari.label("说话太快", "en") == "说话太快"


# --- Ineffective listening drill -------------------------------------------------------------------
ITEMS = listening_drill.drill_content()["items"]


def test_drill_has_two_items_per_kind_and_known_levels():
    """Give each of the five kinds two replies, each at a listening level the self-test defines."""
    kinds = [item["kind"] for item in ITEMS]
    assert sorted(set(kinds)) == sorted(listening_drill.KINDS) and all(kinds.count(k) == 2 for k in listening_drill.KINDS)
    levels = {level["id"] for level in listening.listening_content()["levels"]}
    assert ITEMS and all(item["level"] in levels for item in ITEMS)


def test_drill_scores_and_names_kinds_to_review():
    """Count right answers and list the kinds mixed up, most missed first."""
    right = {i: item["kind"] for i, item in enumerate(ITEMS)}
    assert listening_drill.score_drill(right).correct == len(ITEMS)
    wrong = dict(right)
    hog = [i for i, item in enumerate(ITEMS) if item["kind"] == "hog"]
    wrong[hog[0]] = wrong[hog[1]] = "pseudo"
    first_selective = next(i for i, item in enumerate(ITEMS) if item["kind"] == "selective")
    wrong[first_selective] = "defensive"
    result = listening_drill.score_drill(wrong)
    assert result.correct == len(ITEMS) - 3 and result.kinds_to_review() == ["hog", "selective"]
    assert ("hog", "pseudo") in result.mixups
    with pytest.raises(ValueError):
        listening_drill.score_drill({0: "daydreaming"})


# --- Communication positions -----------------------------------------------------------------------
SITUATIONS = positions.positions_content()["situations"]


def test_every_situation_offers_each_position_once_in_varied_order():
    """Offer one reply per position in every situation, and not always in the same slot."""
    assert len(SITUATIONS) >= 6
    for situation in SITUATIONS:
        assert sorted(o["position"] for o in situation["options"]) == sorted(positions.POSITIONS)
    slots = {s["options"].index(next(o for o in s["options"] if o["position"] == "ok_ok")) for s in SITUATIONS}
    assert len(slots) >= 3


def _pick(position: str) -> dict[int, int]:
    return {i: next(j for j, o in enumerate(s["options"]) if o["position"] == position) for i, s in enumerate(SITUATIONS)}


def test_positions_profile_counts_main_and_work_on():
    """Find the main position, and the not-OK one to work on (none when every reply was OK-OK)."""
    all_ok = positions.score_positions(_pick("ok_ok"))
    assert all_ok.main() == "ok_ok" and all_ok.to_work_on() is None and all_ok.shares()["ok_ok"] == 1
    mixed = {**_pick("ok_ok"), 0: _pick("ok_notok")[0], 1: _pick("ok_notok")[1], 2: _pick("notok_ok")[2]}
    profile = positions.score_positions(mixed)
    assert profile.counts == {"ok_ok": len(SITUATIONS) - 3, "ok_notok": 2, "notok_ok": 1, "notok_notok": 0}
    assert profile.main() == "ok_ok" and profile.to_work_on() == "ok_notok"
    with pytest.raises(ValueError):
        positions.score_positions({0: 9})


# --- Conflict styles -------------------------------------------------------------------------------
STATEMENTS = conflict.conflict_content()["statements"]


def test_conflict_has_three_statements_per_style():
    """Probe each of the five styles with three statements."""
    styles = [s["style"] for s in STATEMENTS]
    assert STATEMENTS and all(styles.count(style) == 3 for style in conflict.STYLES) and len(styles) == 15


def test_conflict_profile_finds_top_least_flat_and_overused():
    """Score a style leaned on as top and overused, a style skipped as least; equal answers read as flat."""
    answers = [5 if s["style"] == "competing" else 1 if s["style"] == "avoiding" else 3 for s in STATEMENTS]
    profile = conflict.score_conflict(answers)
    assert profile.scores["competing"] == 15 and profile.scores["avoiding"] == 3
    assert profile.top() == ["competing"] and profile.least() == ["avoiding"] and profile.overused() == ["competing"]
    assert not profile.flat()
    even = conflict.score_conflict([3] * 15)
    assert even.flat() and even.overused() == [] and even.top() == list(conflict.STYLES)
    with pytest.raises(ValueError):
        conflict.score_conflict([3] * 14)
    with pytest.raises(ValueError):
        conflict.score_conflict([6] * 15)


# --- Advanced BIA / BID steps ----------------------------------------------------------------------
STEP_CASES = [(kind, step) for kind in feedback_steps.BUILDERS for step in feedback_steps.builder(kind)["steps"]]


def test_builders_have_four_and_five_steps():
    """Build positive feedback in four steps (B, I, A, extend) and developmental feedback in five."""
    assert feedback_steps.step_ids("bia_plus") == ("behaviour", "impact", "appreciation", "extend")
    assert feedback_steps.step_ids("bid_plus") == ("open", "behaviour", "impact", "ask", "develop")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind,step", STEP_CASES, ids=[f"{k}-{s['id']}" for k, s in STEP_CASES])
def test_step_rule_examples_and_model(kind, step, lang):
    """Pass each step's passing example and its model line, fail its failing example, in both languages."""
    check = lambda text: feedback_steps.rule_passes(step["rule"], step, text, lang) and not feedback_steps.pitfalls_in(text, lang)
    assert check(step["examples"]["pass"][lang])
    assert check(step["model"][lang])
    assert not check(step["examples"]["fail"][lang])


PITFALLS = feedback_steps.steps_content()["pitfalls"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pitfall", PITFALLS, ids=[p["id"] for p in PITFALLS])
def test_pitfall_examples(pitfall, lang):
    """Flag each pitfall on its failing example and stay quiet on its passing one."""
    assert pitfall["id"] in feedback_steps.pitfalls_in(pitfall["examples"]["fail"][lang], lang)
    assert pitfall["id"] not in feedback_steps.pitfalls_in(pitfall["examples"]["pass"][lang], lang)


def test_check_steps_reports_empty_revise_ok_and_writes_script():
    """Note each step in order, flag a label in a behaviour, and write every step into the script."""
    answers = {"open": "方便吗？想和你聊聊周二的几通电话。", "behaviour": "你收尾太粗心。",
               "impact": "有两位客户重复来电，一次解决率也受影响。", "ask": ""}
    notes = feedback_steps.check_steps("bid_plus", answers, "zh-CN")
    assert [n.step for n in notes] == list(feedback_steps.step_ids("bid_plus"))
    assert [n.status for n in notes] == ["ok", "revise", "ok", "empty", "empty"]
    assert notes[1].pitfalls == ("label",)
    assert feedback_steps.readiness(notes) == pytest.approx(2 / 5)
    script = feedback_steps.to_script("bid_plus", answers, "zh-CN")
    assert all(s["title"]["zh-CN"] in script for s in feedback_steps.builder("bid_plus")["steps"]) and "你收尾太粗心。" in script
    with pytest.raises(ValueError):
        feedback_steps.builder("sandwich")


# --- Execution planner -----------------------------------------------------------------------------
def good_plan() -> execution.Plan:
    return execution.Plan(
        "Raise billing FCR from 68% to 72% by 31 December", date(2026, 12, 1), date(2026, 12, 31),
        (execution.Action("Kick-off huddle on the new check question", "Li Na", date(2026, 12, 2)),
         execution.Action("Listen to two billing calls with each agent", "Li Na", date(2026, 12, 18))),
        {"plan": execution.Gate(date(2026, 12, 3), "12 of 12 agents can say the target", "Repeat the huddle"),
         "progress": execution.Gate(date(2026, 12, 16), "FCR at least 70%", "Re-plan billing coaching"),
         "result": execution.Gate(date(2026, 12, 31), "FCR 72% for the month", "复盘 with the team")})


def codes(plan: execution.Plan, lang: str = "en") -> list[str]:
    return [p.code for p in execution.problems(plan, lang)]


def test_a_complete_plan_has_no_problems():
    """Accept a plan with owners, dates, a quick start, a huddle, and three ordered, measurable gates."""
    assert codes(good_plan()) == []


def test_execution_problems_name_each_gap():
    """Flag no owner, a date outside the period, a slow start, no communication, gates out of order, no number."""
    plan = good_plan()
    slow = execution.Plan(plan.goal, plan.start, plan.end,
                          (execution.Action("Coach billing calls", "", date(2026, 12, 20)),
                           execution.Action("Refresh the refund guide", "Wang", date(2027, 1, 5))),
                          {**plan.gates, "plan": execution.Gate(date(2026, 12, 20), "everyone briefed", "")})
    found = codes(slow)
    for code in ("action_no_owner", "action_outside", "no_quick_start", "no_communication", "gates_order",
                 "gate_no_check", "gate_no_fallback"):
        assert code in found, code
    late = execution.Plan(plan.goal, plan.start, plan.end, plan.actions,
                          {**plan.gates, "progress": execution.Gate(date(2026, 12, 29), "FCR 70%", "re-plan")})
    assert "progress_off_middle" in codes(late) and "gates_order" not in codes(late)
    assert codes(execution.Plan("", None, None)) [:3] == ["no_goal", "no_period", "no_actions"]
    backwards = execution.Plan("x", date(2026, 12, 31), date(2026, 12, 1))
    assert "end_before_start" in codes(backwards)


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_has_a_message_with_its_placeholders(lang):
    """Say every problem in both languages, with gate ids shown as gate names."""
    messages = execution.execution_content()["problems"]
    problem = execution.Problem("gate_no_check", {"gate": "progress"})
    assert execution.gate_name_map(lang)["progress"] in problem.message(lang)
    assert set(messages) >= {"no_goal", "bad_date", "no_quick_start", "progress_off_middle"}


def test_parse_date_and_expected_value():
    """Read ISO and Chinese dates, refuse other text, and interpolate the number along the period."""
    assert execution.parse_date("2026-12-31") == execution.parse_date("2026年12月31日") == date(2026, 12, 31)
    assert execution.parse_date("  ") is None
    with pytest.raises(ValueError):
        execution.parse_date("next Friday")
    assert execution.expected_at(date(2026, 12, 16), date(2026, 12, 1), date(2026, 12, 31), 68, 72) == 70.0


def test_execution_markdown_holds_actions_and_gates():
    """Export the goal, every action with its owner and every gate with its check."""
    labels = {k: k.title() for k in ("title", "goal", "period", "actions", "what", "owner", "due", "gates", "check", "fallback")}
    text = execution.to_markdown(good_plan(), "en", labels)
    for piece in ("Raise billing FCR", "Li Na", "2026-12-18", "FCR at least 70%", "Gate 3 · Result"):
        assert piece in text


# --- Co-creation board -----------------------------------------------------------------------------
def board(**changes) -> cocreation.Board:
    cards = ("结束前复述扣款信息", "退款做核对清单", "新人跟听骨干电话", "知识库补退款流程", "班前会讲一个案例", "每周抽查两通退款来电")
    themes = ("收尾确认", "退款知识")
    placement = {c: themes[i % 2] for i, c in enumerate(cards)}
    base = dict(focus="下个月怎样减少账单争议的重复来电？", cards=cards, themes=themes, placement=placement,
                votes={"收尾确认": 10, "退款知识": 8}, people=6,
                actions={"收尾确认": "每通电话结束前确认下一步 · 李娜 · 12月5日", "退款知识": "更新退款清单 · 王强 · 12月10日"})
    base.update(changes)
    return cocreation.Board(**base)


def test_a_complete_board_has_no_problems_and_ranks_by_votes():
    """Accept a finished board and rank its themes by dots."""
    b = board()
    assert cocreation.card_problems(b, "zh-CN") == [] and cocreation.theme_problems(b) == []
    assert cocreation.vote_problems(b) == [] and cocreation.action_problems(b) == []
    assert [theme for theme, _, _ in cocreation.ranking(b)] == ["收尾确认", "退款知识"]
    assert cocreation.Board.from_dict(b.to_dict()) == b


def test_cocreation_problems():
    """Flag a closed question, few cards, a blaming card, unsorted cards, too many dots, actions without a date."""
    closed = board(focus="重复来电多不多")
    assert [p.code for p in cocreation.card_problems(closed, "zh-CN")] == ["focus_closed"]
    blame = board(cards=board().cards + ("都怪系统太慢",))
    assert "blame_card" in [p.code for p in cocreation.card_problems(blame, "zh-CN")]
    assert "few_cards" in [p.code for p in cocreation.card_problems(board(cards=("a",)), "zh-CN")]
    assert "long_card" in [p.code for p in cocreation.card_problems(board(cards=board().cards + ("我" * 30,)), "zh-CN")]
    unsorted = board(placement={})
    assert [p.code for p in cocreation.theme_problems(unsorted)] == ["unsorted", "empty_theme", "empty_theme"]
    assert [p.code for p in cocreation.vote_problems(board(votes={"收尾确认": 30}))] == ["too_many_votes"]
    assert [p.code for p in cocreation.vote_problems(board(votes={}))] == ["no_votes"]
    assert [p.params["theme"] for p in cocreation.action_problems(board(actions={"收尾确认": "再说"}))] == ["收尾确认", "退款知识"]


@pytest.mark.parametrize("lang", LANGS)
def test_cocreation_messages_and_markdown(lang):
    """Say every problem in the learner's language and export the ranked themes with their actions."""
    for code in cocreation.cocreation_content()["problems"]:
        assert code in cocreation.cocreation_content()["problems"]
    message = cocreation.Problem("few_cards", {"count": "2", "min": "6"}).message(lang)
    assert "2" in message and "6" in message
    text = cocreation.to_markdown(board(), lang, {"title": "T", "focus": "F", "votes": "V", "action": "A"})
    assert text.index("收尾确认") < text.index("退款知识") and "李娜" in text


# --- The tools practise what lesson 05 teaches --------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_model_replies_avoid_the_feedback_pitfalls(lang):
    """Keep labels, absolutes, threats and vague praise out of every reply offered as the one to copy."""
    models = [item["better"][lang] for item in ITEMS]
    models += [o[lang] for s in SITUATIONS for o in s["options"] if o["position"] == "ok_ok"]
    models += [step["model"][lang] for _, step in STEP_CASES]
    assert models
    assert [(m, feedback_steps.pitfalls_in(m, lang)) for m in models if feedback_steps.pitfalls_in(m, lang)] == []
    blaming = [o[lang] for s in SITUATIONS for o in s["options"] if o["position"] == "ok_notok"]
    assert any(feedback_steps.pitfalls_in(o, lang) for o in blaming), "the blaming replies should sound like blame"


# --- Every new tool and picture is reachable from a lesson, in both languages ------------------------------
CALLS = {"johari_window(lang)": "05-communication-feedback", "listening_drill(lang)": "05-communication-feedback",
         "positions_check(lang)": "05-communication-feedback", "feedback_steps(lang)": "05-communication-feedback",
         "conflict_test(lang)": "05-communication-feedback", "execution_planner(lang)": "03-goals-smart",
         "cocreation_board(lang)": "04-review", 'picture("golden", lang)': "01-learning-golden-circle",
         'picture("swot", lang)': "02-swot", 'picture("grow", lang)': "06-coaching-grow",
         'picture("interview", lang)': "06-coaching-grow"}


@pytest.mark.parametrize("folder", ["en", "zh"])
@pytest.mark.parametrize("call", list(CALLS))
def test_each_tool_is_called_from_its_lesson(call, folder):
    """Call each new tool and picture from its lesson's source in both languages."""
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "notebooks" / folder / f"{CALLS[call]}.md"
    assert call in source.read_text(encoding="utf-8")
