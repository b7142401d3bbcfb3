"""The pure logic behind the lesson tools: SWOT, golden circle, 复盘, listening test, goals, quizzes."""

from __future__ import annotations

from datetime import date

import pytest

from coachlab.i18n import LANGS
from coachlab.tools import goals, golden, listening, quiz, review, swot


# --- SWOT -----------------------------------------------------------------------------------------
def test_swot_pairs_inner_with_outer_factors():
    """Pair strengths with opportunities for SO, weaknesses with threats for WT, and so on."""
    board = swot.Swot.from_texts(strengths="- billing know-how\n- calm under pressure", weaknesses="new hires",
                                 opportunities="self-service app", threats="peak season；budget cuts")
    quadrants = {q.code: q for q in swot.derive(board, "en")}
    assert [q for q in quadrants] == ["SO", "WO", "ST", "WT"]
    assert ("billing know-how", "self-service app") in quadrants["SO"].pairs
    assert quadrants["WT"].pairs == (("new hires", "peak season"), ("new hires", "budget cuts"))
    assert quadrants["WO"].strategies == ("Use self-service app to fix new hires.",)
    zh = {q.code: q for q in swot.derive(board, "zh-CN")}
    assert zh["SO"].stance == "增长型" and "「billing know-how」" in zh["SO"].strategies[0]


def test_swot_problems_name_empty_sections_and_duplicates():
    """Report the sections left empty and an item filed as both a strength and a weakness."""
    board = swot.Swot.from_texts(strengths="patience", weaknesses="patience")
    found = swot.problems(board)
    assert "empty:opportunities" in found and "empty:threats" in found and "duplicate:patience" in found
    assert swot.problems(swot.Swot(("a",), ("b",), ("c",), ("d",))) == []


def test_swot_caps_pairs_per_quadrant():
    """Keep at most a handful of pairings per quadrant so the plan stays a plan."""
    board = swot.Swot(tuple("abcde"), (), tuple("vwxyz"), ())
    assert len(swot.derive(board, "en")[0].pairs) == swot.MAX_PAIRS


def test_swot_markdown_holds_every_item_and_strategy():
    """Export every item and derived strategy to the Markdown document."""
    board = swot.Swot(("s1",), ("w1",), ("o1",), ("t1",))
    quadrants = swot.derive(board, "en")
    titles = {"title": "My SWOT", **{name: name.title() for name in swot.SECTIONS}}
    text = swot.to_markdown(board, quadrants, titles)
    for item in ("s1", "w1", "o1", "t1", *[s for q in quadrants for s in q.strategies]):
        assert item in text


# --- Golden circle ------------------------------------------------------------------------------
RULES = golden.golden_content()["rules"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_golden_rule_examples(rule, lang):
    """Pass each rule's passing example and flag its failing one, in both languages."""
    assert golden.rule_passes(rule["id"], rule["examples"]["pass"][lang], lang)
    assert not golden.rule_passes(rule["id"], rule["examples"]["fail"][lang], lang)


def test_golden_notes_in_why_how_what_order():
    """Note each ring in the order to present it, with the rule's message when it needs work."""
    notes = golden.review_circle(golden.GoldenCircle(why="Hold a weekly meeting", how="", what="A 30-minute huddle every Monday"), "en")
    assert [n.ring for n in notes] == ["why", "how", "what"]
    assert [n.status for n in notes] == ["revise", "empty", "ok"]
    assert "task" in notes[0].message


def test_red_green_statements_are_balanced_and_scored():
    """Hold both red and green statements and count only correct sorts."""
    statements = golden.golden_content()["red_green"]
    assert {s["color"] for s in statements} == {"red", "green"}
    right = {i: s["color"] for i, s in enumerate(statements)}
    assert golden.score_red_green(right) == (len(statements), len(statements))
    wrong = {i: ("green" if c == "red" else "red") for i, c in right.items()}
    assert golden.score_red_green(wrong) == (0, len(statements))


# --- 复盘 ---------------------------------------------------------------------------------------
PITFALLS = review.review_content()["pitfalls"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", PITFALLS, ids=[r["id"] for r in PITFALLS])
def test_review_pitfall_examples(rule, lang):
    """Fire each pitfall on its failing example and stay quiet on its passing one."""
    assert review.pitfall_hits(rule["id"], rule["examples"]["fail"][lang], lang)
    assert not review.pitfall_hits(rule["id"], rule["examples"]["pass"][lang], lang)


def test_review_has_six_steps_and_ten_questions():
    """Follow the six steps in order and offer the ten-question list in both languages."""
    assert review.step_ids() == ("goal", "process", "results", "causes", "rules", "actions")
    questions = review.review_content()["ten_questions"]
    assert len(questions) == 10 and all(q["en"] and q["zh-CN"] for q in questions)


def test_review_finds_pitfalls_by_step_and_missing_steps():
    """Point at blame in the causes and at the steps left empty."""
    sheet = review.Worksheet("Peak week", answers={"goal": "目标：4月首解率从68%提到72%。", "causes": "都怪系统太慢，客户太难缠。"})
    found = {(f.step, f.pitfall) for f in review.find_pitfalls(sheet, "zh-CN")}
    assert ("causes", "blame") in found and ("causes", "outside_only") in found
    assert review.missing_steps(sheet) == ["process", "results", "rules", "actions"]


def test_review_exports_markdown_and_html_with_every_step():
    """Export a document holding every step's title and text, with HTML escaped."""
    answers = {step: f"text for {step} <b>" for step in review.step_ids()}
    sheet = review.Worksheet("Q2 <review>", "Team A", "2025-06-30", answers)
    labels = {"untitled": "Untitled", "participants": "Participants", "date": "Date"}
    markdown = review.to_markdown(sheet, "en", labels)
    page = review.to_html(sheet, "en", labels)
    for step in review.review_content()["steps"]:
        assert step["title"]["en"] in markdown and step["title"]["en"] in page
    assert "Q2 &lt;review&gt;" in page and "<b>" not in page.split("<body>")[1].replace("<b>Participants", "").replace("<b>Date", "")
    from html.parser import HTMLParser

    sections = []

    class Sections(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "section":
                sections.append(dict(attrs)["id"])

    Sections().feed(page)
    assert tuple(sections) == review.step_ids()
    assert review.Worksheet.from_dict(sheet.to_dict()) == sheet


# --- Listening self-test ------------------------------------------------------------------------
ITEMS = listening.listening_content()["items"]


def test_listening_best_and_worst_answers_span_the_scale():
    """Score 100 and 'empathic' for ideal answers, 0 and 'ignoring' for the opposite."""
    ideal = [1 if item["reverse"] else 5 for item in ITEMS]
    worst = [5 if item["reverse"] else 1 for item in ITEMS]
    assert listening.score_listening(ideal).score == 100 and listening.score_listening(ideal).level == "empathic"
    assert listening.score_listening(worst).score == 0 and listening.score_listening(worst).level == "ignoring"


def test_listening_names_the_weakest_process():
    """Name the process with the lowest score, and give its advice."""
    answers = [1 if item["reverse"] else 5 for item in ITEMS]
    for i, item in enumerate(ITEMS):
        if item["process"] == "respond":
            answers[i] = 5 if item["reverse"] else 1
    result = listening.score_listening(answers)
    assert result.weakest == "respond" and result.by_process["respond"] == 0
    assert "3F" in result.advice("en") and "3F" in result.advice("zh-CN")


def test_listening_covers_five_processes_and_rejects_bad_input():
    """Probe each of the five processes with three statements and refuse out-of-scale answers."""
    processes = [item["process"] for item in ITEMS]
    assert sorted(set(processes)) == sorted(listening.listening_content()["processes"]) and len(set(processes)) == 5
    assert all(processes.count(p) == 3 for p in set(processes))
    with pytest.raises(ValueError):
        listening.score_listening([3] * (len(ITEMS) - 1))
    with pytest.raises(ValueError):
        listening.score_listening([0] * len(ITEMS))


# --- Goal decomposition -------------------------------------------------------------------------
def test_milestones_reach_the_target_on_the_deadline():
    """End on the deadline at the target, rising steadily through month ends."""
    steps = goals.milestones(64.0, 70.0, date(2025, 4, 1), date(2025, 6, 30))
    assert [m.due for m in steps] == [date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30)]
    assert steps[-1].value == 70.0
    assert all(a.value < b.value for a, b in zip(steps, steps[1:]))
    with pytest.raises(ValueError):
        goals.milestones(1, 2, date(2025, 1, 2), date(2025, 1, 1))


def test_realism_flags_a_jump_too_big_for_the_time():
    """Call 6 points in 3 months realistic and 15 points in one month not."""
    assert goals.is_realistic(64, 70, date(2025, 4, 1), date(2025, 6, 30))
    assert not goals.is_realistic(64, 79, date(2025, 4, 1), date(2025, 4, 30))


def test_allocation_meets_the_team_average_and_spares_top_performers():
    """Make the agents' targets average to the team target, asking least of those near the ceiling."""
    baselines = {"a": 80.0, "b": 70.0, "c": 60.0}
    shares = goals.allocate(baselines, 73.0, ceiling=85.0)
    assert sum(shares.values()) / 3 == pytest.approx(73.0, abs=0.01)
    lifts = {k: shares[k] - baselines[k] for k in baselines}
    assert lifts["a"] < lifts["b"] < lifts["c"]
    with pytest.raises(ValueError):
        goals.allocate(baselines, 90.0, ceiling=85.0)


# --- Knowledge checks ---------------------------------------------------------------------------
LESSONS = ["00-first-line-manager", "01-learning-golden-circle", "02-swot", "03-goals-smart", "04-review",
           "05-communication-feedback", "06-coaching-grow", "07-promotion-interview"]


@pytest.mark.parametrize("slug", LESSONS)
def test_every_option_explains_itself_in_both_languages(slug):
    """Give every lesson questions with exactly one right option, each option explained in en and zh-CN."""
    questions = quiz.quiz(slug)
    assert len(questions) >= 2
    for question in questions:
        assert question["q"]["en"] and question["q"]["zh-CN"]
        assert sum(bool(o["correct"]) for o in question["options"]) == 1
        for option in question["options"]:
            for lang in LANGS:
                assert option["text"][lang].strip() and len(option["why"][lang].strip()) > 5


def test_grade_explains_each_choice():
    """Grade a right and a wrong answer, with the chosen option's explanation."""
    questions = quiz.quiz("03-goals-smart")
    right = next(i for i, o in enumerate(questions[0]["options"]) if o["correct"])
    wrong = next(i for i, o in enumerate(questions[1]["options"]) if not o["correct"])
    result = quiz.grade("03-goals-smart", {0: right, 1: wrong}, "en")
    assert result.correct == 1 and result.total == len(questions)
    assert result.verdicts[1] == (1, False, questions[1]["options"][wrong]["why"]["en"])
