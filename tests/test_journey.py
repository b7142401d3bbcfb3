"""A learner's journey without a browser: what the landing page, the role-play list and "my work" mark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachlab.content import discover
from coachlab.progress import Attempt, open_store
from coachlab.progress.journey import (Handin, attempt_band, best_band, handins, lesson_of, load_journey,
                                       parse_stamp, summarize)
from coachlab.scenarios import load_all
from coachlab.widgets.landing import render_landing
from coachlab.widgets.my_work import render_my_work
from coachlab.widgets.scenario_list import render_scenario_list

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scenarios():
    found, _problems = load_all(REPO)
    assert found, "the course has role-plays to mark"
    return found


@pytest.fixture(scope="module")
def catalog():
    return discover(REPO)


def _scenario(scenarios):
    return next(iter(sorted(scenarios.items())))


def test_lesson_of_reads_the_tool_record_id():
    """Lesson tools record as lesson:<slug>:<tool>; anything else belongs to no lesson."""
    assert lesson_of("lesson:05-communication-feedback:drills") == "05-communication-feedback"
    assert lesson_of("bid-late-logins") is None and lesson_of("lesson::x") is None


def test_band_of_an_attempt_is_its_weakest_skill_and_best_is_kept(scenarios):
    """An attempt is as good as its weakest skill; the mark shows the best attempt."""
    slug, scenario = _scenario(scenarios)
    top = {skill: 100 for skill in scenario.skills}
    low = {**top, scenario.skills[0]: 0}
    assert attempt_band(scenario, top) == "proficient"
    assert attempt_band(scenario, low) == "needs_work"
    assert best_band(["needs_work", None, "developing"]) == "developing" and best_band([]) is None


def test_summarize_marks_tools_roleplays_and_handins(scenarios):
    """Tools used per lesson (scored or only saved), role-plays finished with the best band, hand-ins."""
    slug, scenario = _scenario(scenarios)
    top = {skill: 100 for skill in scenario.skills}
    low = {skill: 0 for skill in scenario.skills}
    attempts = [
        Attempt("li.na", "lesson:05-communication-feedback:drills", {}, {"score": 0.5}, 100.0, id=1),
        Attempt("li.na", slug, {"ending": "good"}, low, 200.0, id=2),
        Attempt("li.na", slug, {"ending": "good"}, top, 300.0, id=3),
    ]
    states = [("lesson:05-communication-feedback:drills", 100.0), ("lesson:02-swot:board", 150.0)]
    journey = summarize("li.na", attempts, states, [Handin("a05-feedback", 400.0, True, 7.0, 10.0),
                                                    Handin("a05-feedback", 350.0, False)], scenarios)
    assert journey.lessons == {"05-communication-feedback": {"lesson:05-communication-feedback:drills"},
                               "02-swot": {"lesson:02-swot:board"}}
    mark = journey.roleplays[slug]
    assert (mark.finished, mark.best) == (2, "proficient")
    assert journey.exercises["a05-feedback"].graded and journey.exercises["a05-feedback"].score == 7.0
    assert [row.when for row in journey.rows] == [400.0, 350.0, 300.0, 200.0, 150.0, 100.0]  # newest first
    assert [row.kind for row in journey.rows].count("lesson") == 2  # a scored tool is listed once


def test_unfinished_roleplay_shows_as_started(scenarios):
    """A saved session with no finished attempt is "started, not finished yet"."""
    slug, _ = _scenario(scenarios)
    journey = summarize("li.na", [], [(slug, 10.0)], [], scenarios)
    assert journey.roleplays[slug].unfinished and not journey.roleplays[slug].finished


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_landing_marks_what_the_learner_did(scenarios, catalog, lang):
    """The landing page says the learner's progress and marks each item done, in the page's language."""
    slug, scenario = _scenario(scenarios)
    attempts = [Attempt("li.na", slug, {"ending": "x"}, {s: 100 for s in scenario.skills}, 300.0, id=3)]
    journey = summarize("li.na", attempts, [("lesson:05-communication-feedback:drills", 1.0)],
                        [Handin("a05-feedback", 1_700_000_000.0)], scenarios)
    page = render_landing(catalog, lang, journey, open_exercises={"a05-feedback"})
    assert 'class="coachlab-progress"' in page and "li.na" in page
    lesson = re.search(r'<li data-slug="05-communication-feedback">.*?</li>', page).group(0)
    assert "coachlab-mark done" in lesson
    roleplay = re.search(rf'<li data-slug="{slug}">.*?</li>', page).group(0)
    from coachlab.i18n import t
    assert t("player.band.proficient", lang) in roleplay
    exercise = re.search(r'<li data-slug="a05-feedback">.*?</li>', page).group(0)
    assert t("landing.mark.handed_in", lang, time="")[:3] in exercise
    closed = re.search(r'<li data-slug="a06-grow">.*?</li>', page).group(0)
    assert "coachlab-mark closed" in closed  # not open yet under the hub


def test_landing_without_a_learner_asks_to_sign_in_with_no_error(catalog):
    """Nobody signed in: an invitation to sign in, no marks and nothing red; once signed in on make serve the page
    says that anyone typing a name sees its work (before, the top bar says it beside the name box)."""
    page = render_landing(catalog, "zh-CN", None)
    assert "coachlab-signin-needed" in page
    assert 'class="coachlab-mark' not in page and "role=\"alert\"" not in page
    signed_in = summarize("li.na", [], [], [], {})
    assert 'class="coachlab-trust"' in render_landing(catalog, "zh-CN", signed_in)
    assert 'class="coachlab-trust"' not in render_landing(catalog, "zh-CN", signed_in, hub=True)


def test_roleplay_list_marks_finished_ones(scenarios):
    """The role-play list shows how often a role-play was finished and the best band."""
    slug, scenario = _scenario(scenarios)
    attempts = [Attempt("li.na", slug, {"ending": "x"}, {s: 0 for s in scenario.skills}, 300.0, id=3)]
    journey = summarize("li.na", attempts, [], [], scenarios)
    page = render_scenario_list(scenarios, [], "zh-CN", journey)
    row = re.search(rf'<tr data-slug="{slug}">.*?</tr>', page).group(0)
    assert "已完成 1 次" in row and "待提升" in row
    assert "已完成" not in page.replace(row, "")


def test_my_work_lists_every_attempt_and_reopens_a_debrief(scenarios, catalog):
    """Each attempt is a row with its date; a finished role-play links to its own debrief by attempt id."""
    slug, scenario = _scenario(scenarios)
    attempts = [Attempt("li.na", slug, {"ending": "x"}, {s: 100 for s in scenario.skills}, 1_700_000_000.0, id=42),
                Attempt("li.na", "lesson:03-goals-smart:goal", {}, {"score": 0.8}, 1_700_000_100.0, id=43)]
    journey = summarize("li.na", attempts, [], [Handin("a05-feedback", 1_700_000_200.0, True, 7.0, 10.0)], scenarios)
    page = render_my_work(journey, catalog, scenarios, "zh-CN")
    rows = re.findall(r'<tr class="coachlab-work-row".*?</tr>', page)
    assert len(rows) == 3
    assert "已评分：7 / 10 分" in rows[0] and "得分 80%" in rows[1]
    assert f"roleplay.ipynb?scenario={slug}&amp;attempt=42&amp;lang=zh" in rows[2]
    assert "打开这次的练习回顾" in rows[2] and "熟练" in rows[2]
    assert "mywork" not in re.sub(r"<[^>]+>", "", page)  # no key shown instead of words


def test_my_work_without_learner_or_work(catalog, scenarios):
    """Nobody signed in: how to sign in; signed in with nothing done: says so plainly."""
    assert "coachlab-signin-needed" in render_my_work(None, catalog, scenarios, "en")
    empty = summarize("li.na", [], [], [], scenarios)
    assert 'class="empty"' in render_my_work(empty, catalog, scenarios, "en")


def test_load_journey_reads_only_this_learner(tmp_path, monkeypatch, scenarios):
    """Records of other learners never reach a learner's journey; hand-ins are read from the course folders."""
    from coachlab.grading.course import Course

    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    slug, scenario = _scenario(scenarios)
    with open_store() as store:
        store.record(Attempt("li.na", slug, {"ending": "x"}, {s: 100 for s in scenario.skills}))
        store.record(Attempt("wang.fang", "lesson:02-swot:board", {}, {}))
        store.save_state("wang.fang", "lesson:04-review:worksheet", {"a": 1})
        store.save_state("li.na", "lesson:02-swot:board", {"a": 1})
    course = Course(tmp_path / "grader")
    folder = course.submitted_dir("li.na", "a05-feedback")
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    other = course.submitted_dir("wang.fang", "a06-grow")
    other.mkdir(parents=True)
    (other / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    journey = load_journey("li.na", course=course, root=REPO)
    assert set(journey.lessons) == {"02-swot"} and set(journey.roleplays) == {slug}
    assert set(journey.exercises) == {"a05-feedback"}
    assert journey.exercises["a05-feedback"].when == parse_stamp("2026-11-30 10:00:00 UTC")
    assert handins(course, "wang.fang", ["a05-feedback"]) == []


def test_exercises_open_on_demand_outside_the_hub_only(tmp_path, monkeypatch):
    """make serve: every exercise can be handed in (released when its form opens); under the hub only released
    ones are open, and COACHLAB_RELEASE_ON_DEMAND overrides either way."""
    from coachlab.grading.course import Course
    from coachlab.widgets.exercise_form import open_exercises, release_on_demand

    course = Course(tmp_path / "grader")
    released = course.release_notebook("a05-feedback")
    released.parent.mkdir(parents=True)
    released.write_text("{}")
    slugs = ["a05-feedback", "a06-grow"]
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("COACHLAB_RELEASE_ON_DEMAND", raising=False)
    assert release_on_demand() and open_exercises(slugs, course) == set(slugs)
    monkeypatch.setenv("JUPYTERHUB_USER", "li.na")
    assert not release_on_demand() and open_exercises(slugs, course) == {"a05-feedback"}
    monkeypatch.setenv("COACHLAB_RELEASE_ON_DEMAND", "1")
    assert release_on_demand()
    monkeypatch.delenv("JUPYTERHUB_USER")
    monkeypatch.setenv("COACHLAB_RELEASE_ON_DEMAND", "0")
    assert open_exercises(slugs, course) == {"a05-feedback"}
