"""The exercises of lessons 00, 01 and 02 (reading KPIs together, golden circle, SWOT) tell a good answer from a
poor one, in both languages.

Each notebook's test cells run in-process on answer sets written here: a model answer in English and one in
Chinese earn every point, a poor answer (the pitfalls the lessons name) earns fewer, and a half-right answer
sits in between. tests/grading/test_every_exercise.py grades the source solutions through nbgrader itself.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from coachlab.grading.course import load_exercise
from coachlab.grading.notebook import grade_id, is_answer
from coachlab.i18n.glossary import variants

DELIMITERS = re.compile(r"^### (BEGIN|END) (SOLUTION|HIDDEN TESTS)\n?", re.M)


def score(slug: str, answers: dict) -> tuple[float, float, list[str]]:
    """Run the notebook's setup and test cells with ``answers``; return (points, possible, failed grade ids)."""
    exercise = load_exercise(slug)
    nb = nbformat.read(exercise.folder / exercise.notebook_name, 4)
    namespace: dict = {}
    got = possible = 0.0
    failed = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type != "code":
            continue
        if is_answer(cell):
            continue
        if meta.get("grade"):
            for name in answers:
                namespace[name] = answers[name]
            possible += float(meta["points"])
            try:
                exec(compile(DELIMITERS.sub("", cell.source), grade_id(cell), "exec"), namespace)
            except AssertionError:
                failed.append(grade_id(cell))
            else:
                got += float(meta["points"])
        else:
            exec(compile(cell.source, grade_id(cell) or "cell", "exec"), namespace)
    assert possible > 0
    return got, possible, failed


GOLDEN = {
    "model-en": {
        "why": "So that customers who cannot get through at the morning peak are called back instead of giving up, "
               "and so that the team is not greeted by callers who have already waited five minutes.",
        "how": "Live calls come first; after 14:00 two of us return the callbacks in the order they were booked, "
               "reading the customer's note before dialling.",
        "what": "From Monday, callers who wait 60 seconds between 10:00 and 12:00 are offered a callback; we return "
                "95% of them within two hours and bring abandonment in that window from 11% to 6% by 30 June.",
        "green_question": "What would make a callback take us less time than a caller who hangs up and rings again?",
    },
    "model-zh": {
        "why": "为了让上午高峰打不进来的客户不用一直干等、也不会气得挂断，也让我们接起电话时，不再面对一个已经等了五分钟的客户。",
        "how": "实时来电优先；下午两点以后安排两位同事，按登记的先后顺序打回拨，拨出前先看好客户留下的问题。",
        "what": "从下周一起，10:00–12:00 排队超过 60 秒的客户可以选择回拨；95% 的回拨在两小时内打回，月底前把这个时段的放弃率从 11% 降到 6%。",
        "green_question": "怎样安排回拨，才能比客户挂断后再打进来更省我们的时间？",
    },
    "poor-en": {  # a task as the why, a slogan as the how, a vague what, a leading question
        "why": "Start callbacks on Monday.",
        "how": "Work hard",
        "what": "Do the callbacks properly.",
        "green_question": "Don't you think callbacks will actually save us time?",
    },
    "poor-zh": {
        "why": "周一开始做回拨。",
        "how": "努力",
        "what": "把回拨做好。",
        "green_question": "你们不觉得回拨其实能帮我们省时间吗？",
    },
    "boss-said-so": {  # a because with no one it is for; the rest is sound
        "why": "Because the centre manager decided it.",
        "how": "Live calls come first; after 14:00 two of us return the callbacks in the order they were booked.",
        "what": "From Monday we return 95% of callbacks within two hours, and by 30 June abandonment at 10:00-12:00 "
                "is down from 11% to 6%.",
        "green_question": "What would make callbacks easier to fit into the afternoon?",
    },
}

SWOT = {
    "model-en": {"sorting": "S O W T O S T W", "so_facts": "1 and 5",
                 "so_strategy": "Send two of our four billing veterans to next month's QA calibration workshop and "
                                "have them coach the three spring joiners for an hour a week, to bring the joiners' "
                                "AHT from 8.6 to 7.5 minutes by 31 December.",
                 "wt_facts": "8, 7",
                 "wt_strategy": "Before 1 July, every agent replays two of their complaint calls with me to practise "
                                "the identity check, so that the next 20 sampled calls have no more than 1 miss."},
    "model-zh": {"sorting": "s,o,w,t,o,s,t,w", "so_facts": "6 和 2",
                 "so_strategy": "9 月底前，利用大家排班遵从率高、时间排得开的优势，每周排 2 小时，由两位客服把补发发票的客户引导到 App 自助下载，"
                                "让补发发票来电的占比从 15% 降到 8%。",
                 "wt_facts": "3 和 4",
                 "wt_strategy": "7 月底前，给春天入职的三位客服每人配一位老员工带教，每周两小时，把他们的平均处理时长从 8.6 分钟降到 7.5 分钟。"},
    "poor-en": {"sorting": "S W O T S W O T", "so_facts": "1 and 3",
                "so_strategy": "Use our experience to do better.", "wt_facts": "4",
                "wt_strategy": "Be careful about the new centre."},
    "poor-zh": {"sorting": "优势 劣势 机会 威胁", "so_facts": "1 和 6",
                "so_strategy": "发挥优势，抓住机会。", "wt_facts": "",
                "wt_strategy": "加强管理，防范风险。"},
}


KPIS = {
    "model-en": {"rushing_agent": "A02", "unresolved_calls": 496, "agents_needed": 12,
                 "team_goal": "By 31 May, raise the team's first-contact resolution from 70% to 73%, with A02 and me "
                              "listening to two of her repeat calls together every Friday."},
    "model-zh": {"rushing_agent": "a02", "unresolved_calls": 495.6, "agents_needed": 12.0,
                 "team_goal": "下个月底前，把班组的一次解决率从 70% 提升到 73%，我每周五和 A02 一起听两通她的重复来电。"},
    # the longest calls taken for the problem, FCR read as the unsolved share, 96 calls at 100%, a wish
    "poor-en": {"rushing_agent": "A03", "unresolved_calls": 684, "agents_needed": 9.6,
                "team_goal": "Improve quality and be faster."},
    "poor-zh": {"rushing_agent": "A03", "unresolved_calls": "", "agents_needed": 10,
                "team_goal": "提升服务质量，加强管理。"},
}


@pytest.mark.parametrize("name", ["model-en", "model-zh"])
def test_model_kpi_readings_earn_every_point(name):
    got, possible, failed = score("a00-reading-kpis", KPIS[name])
    assert got == possible, failed


@pytest.mark.parametrize("name", ["poor-en", "poor-zh"])
def test_kpis_read_one_at_a_time_earn_little(name):
    got, possible, failed = score("a00-reading-kpis", KPIS[name])
    assert got <= possible / 4, (got, failed)
    assert {"facts_unresolved_calls", "facts_agents_needed", "team_goal_measurable"} <= set(failed)


@pytest.mark.parametrize("name", ["model-en", "model-zh"])
def test_model_golden_circles_earn_every_point(name):
    got, possible, failed = score("a01-golden-circle", GOLDEN[name])
    assert got == possible, failed


@pytest.mark.parametrize("name", ["poor-en", "poor-zh"])
def test_a_task_a_slogan_and_a_leading_question_earn_little(name):
    got, possible, failed = score("a01-golden-circle", GOLDEN[name])
    assert got <= possible / 4, (got, failed)
    assert {"why_is_a_purpose", "how_is_a_method", "green_question_is_open"} <= set(failed)


def test_a_why_that_names_nobody_loses_its_point():
    """'Because the manager decided' has a because but no purpose for anyone: only that test fails."""
    got, possible, failed = score("a01-golden-circle", GOLDEN["boss-said-so"])
    assert failed == ["why_says_who_it_is_for"], failed
    assert got == possible - 1


@pytest.mark.parametrize("name", ["model-en", "model-zh"])
def test_model_swot_answers_earn_every_point(name):
    got, possible, failed = score("a02-swot-team", SWOT[name])
    assert got == possible, failed


@pytest.mark.parametrize("name", ["poor-en", "poor-zh"])
def test_a_swot_learnt_by_rote_earns_little(name):
    """The letters in S-W-O-T order, a pairing within the team, and strategies without a number or date."""
    got, possible, failed = score("a02-swot-team", SWOT[name])
    assert got <= possible / 4, (got, failed)
    assert "sorting_every_box" in failed and "so_pairs_strength_and_opportunity" in failed


def test_inside_and_outside_right_but_two_boxes_swapped_earns_part_of_the_sorting():
    answers = {**SWOT["model-en"], "sorting": "W O S T O S T W"}  # facts 1 and 3 swapped: still inside
    got, possible, failed = score("a02-swot-team", answers)
    assert failed == ["sorting_every_box"]
    assert got == possible - 2


@pytest.mark.parametrize("slug", ["a00-reading-kpis", "a01-golden-circle", "a02-swot-team"])
def test_the_exercise_speaks_the_glossary(slug):
    """Title, intro, prompts and labels use the course's terms in each language."""
    exercise = load_exercise(slug)
    texts = [exercise.meta["title"], exercise.meta["intro"]]
    texts += [q[key] for q in exercise.questions for key in ("prompt", "label") if key in q]
    assert texts
    hits = [(lang, term.id) for text in texts for lang in ("en", "zh-CN") for term, _ in variants(text[lang], lang)]
    assert hits == []
    assert exercise.meta["lesson"] in {"00-first-line-manager", "01-learning-golden-circle", "02-swot"}
