"""Several cohorts on one hub, without a hub: the store keeps each record in its course and lists by course (SQLite,
and PostgreSQL through tests/pg's server), the hub's cohort passcodes, and the dashboard's cohort chooser."""

from __future__ import annotations

import html
import json
import sqlite3
import stat

import pytest

from coachlab.hub.cohorts import DEFAULT_COURSE
from coachlab.progress.store import MIGRATIONS, SCHEMA_VERSION, Attempt, Dispute, ProgressStore
from tests.pg.conftest import postgres, postgres_url  # noqa: F401 - tests/pg's real PostgreSQL, reused here

NOTE = "The impact is there: the service level fell."
VERDICT = {"labels": {"impact": False}}


def fill(store) -> dict[str, list[int]]:
    """Records of three learners: ana in wave-a, bo in wave-b, cy in the default course (no course given)."""
    ids: dict[str, list[int]] = {"wave-a": [], "wave-b": [], DEFAULT_COURSE: []}
    for learner, course in (("ana", "wave-a"), ("bo", "wave-b"), ("cy", None)):
        key = course or DEFAULT_COURSE
        ids[key].append(store.record(Attempt(learner, "05-feedback.bia", {"text": learner}, {"bia": 1.0}),
                                     course=course))
        store.save_state(learner, "05-feedback.pad", {"draft": learner}, course=course)
        store.add_dispute(Dispute(learner, "05-feedback", "feedback", f"{learner}'s text", VERDICT, NOTE), course=course)
        store.add_submission(learner, "a05-feedback", json.dumps({"by": learner}), course=course)
    # The course may also travel on the record itself (what the records client sends).
    ids["wave-a"].append(store.record(Attempt("ana", "05-feedback.bid", {}, {}, course_id="wave-a")))
    return ids


def check_course_filter(store) -> None:
    ids = fill(store)
    assert store.courses() == sorted(["wave-a", "wave-b", DEFAULT_COURSE])
    for course, learner in (("wave-a", "ana"), ("wave-b", "bo"), (DEFAULT_COURSE, "cy")):
        attempts = store.attempts(course=course)
        assert [a.id for a in attempts] == ids[course]
        assert {a.learner_id for a in attempts} == {learner} and {a.course_id for a in attempts} == {course}
        assert [d.learner_id for d in store.disputes(status="open", course=course)] == [learner]
        assert [s.learner_id for s in store.submissions(uncollected=True, course=course)] == [learner]
        assert [s.course_id for s in store.submissions(learner, course=course)] == [course]
        assert store.load_state(learner, "05-feedback.pad", course=course) == {"draft": learner}
        assert [item for item, _ in store.state_items(learner, course=course)] == ["05-feedback.pad"]
    # A learner's records asked for in another course are not there.
    assert store.attempts("ana", course="wave-b") == [] and store.disputes("ana", course="wave-b") == []
    assert store.submissions("ana", course="wave-b") == [] and store.state_items("ana", course="wave-b") == []
    assert store.load_state("ana", "05-feedback.pad", course="wave-b") is None
    assert store.latest("ana", "05-feedback.bia", course="wave-b") is None
    assert store.latest("ana", "05-feedback.bia", course="wave-a").answers == {"text": "ana"}
    # Without a course filter the listings are what they always were: everyone's.
    assert {a.learner_id for a in store.attempts()} == {"ana", "bo", "cy"}
    assert len(store.disputes()) == len(store.submissions()) == 3
    with pytest.raises(ValueError, match="not a course id"):
        store.attempts(course="Wave A")
    with pytest.raises(ValueError, match="not a course id"):
        store.record(Attempt("ana", "x", {}, {}), course="../b")
    assert len(store.attempts()) == 4  # the refused write wrote nothing


def test_the_sqlite_store_keeps_each_record_in_its_course(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        check_course_filter(store)


def test_the_postgresql_store_keeps_each_record_in_its_course(postgres_url):  # noqa: F811 - the fixture
    from coachlab.progress.pg import PostgresStore

    with PostgresStore(postgres_url) as store:
        check_course_filter(store)


def test_records_written_before_the_cohorts_are_the_default_courses(tmp_path):
    """A file at schema 5 (no course column) keeps its rows; they belong to the default course."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:5]:
        conn.executescript(step)
    conn.execute("INSERT INTO attempts (learner_id, item_id, created_at, answers, scores, lang)"
                 " VALUES ('ana', 'bid-late-logins', 1.0, '{}', '{}', 'en')")
    conn.execute("INSERT INTO submissions (learner_id, slug, created_at, notebook) VALUES ('ana', 'a05', 2.0, '{}')")
    conn.execute("PRAGMA user_version=5")
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [a.course_id for a in store.attempts(course=DEFAULT_COURSE)] == [DEFAULT_COURSE]
        assert [s.learner_id for s in store.submissions(course=DEFAULT_COURSE)] == ["ana"]
        assert store.attempts(course="wave-a") == [] and store.courses() == [DEFAULT_COURSE]
    indexes = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"attempts_by_course", "disputes_by_course", "submissions_by_course"} <= indexes


# --- the hub's cohort passcodes ------------------------------------------------------------------
def test_each_cohort_gets_its_own_passcode_written_once_beside_the_two(tmp_path):
    from coachlab.hub.config import (FACILITATOR_PASSCODE, LEARNER_PASSCODE, HubConfigError, cohort_passcode_key,
                                     read_passcodes, write_passcodes)

    path = tmp_path / "state" / "passcodes.env"
    env = {"COACHLAB_COHORTS": "wave-a, wave_b"}
    first = write_passcodes(path, env)
    keys = [LEARNER_PASSCODE, FACILITATOR_PASSCODE, "COACHLAB_COHORT_WAVE_A_PASSCODE", "COACHLAB_COHORT_WAVE_B_PASSCODE"]
    assert list(first) == keys and len(set(first.values())) == 4
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert write_passcodes(path, env) == first  # kept: the room's passcodes do not change
    more = write_passcodes(path, {"COACHLAB_COHORTS": "wave-a,wave_b,wave-c"})  # a cohort added later
    assert {k: more[k] for k in keys} == first and len(more[cohort_passcode_key("wave-c")]) >= 8
    assert read_passcodes(path, {**env, "COACHLAB_COHORT_WAVE_A_PASSCODE": "from-the-env-a"})[
        "COACHLAB_COHORT_WAVE_A_PASSCODE"] == "from-the-env-a"
    with pytest.raises(HubConfigError, match="COACHLAB_COHORT_WAVE_D_PASSCODE"):
        read_passcodes(path, {"COACHLAB_COHORTS": "wave-d"})  # configured, but no passcode anywhere
    with pytest.raises(HubConfigError, match="must differ"):
        read_passcodes(path, {**env, "COACHLAB_COHORT_WAVE_A_PASSCODE": first[LEARNER_PASSCODE]})
    with pytest.raises(HubConfigError, match="COACHLAB_COHORTS"):
        read_passcodes(path, {"COACHLAB_COHORTS": "Wave A"})


def test_the_hub_puts_each_cohorts_learners_in_its_group(tmp_path):
    from coachlab.hub.config import configure
    from traitlets.config import Config

    env = {"COACHLAB_HUB_STATE": str(tmp_path), "COACHLAB_LEARNER_PASSCODE": "room-code-1",
           "COACHLAB_FACILITATOR_PASSCODE": "trainer-code-1", "COACHLAB_COHORTS": "wave-a",
           "COACHLAB_COHORT_WAVE_A_PASSCODE": "wave-a-code-1"}
    c = Config()
    configure(c, env)
    assert c.SharedPasswordAuthenticator.user_password == "room-code-1"
    assert c.SharedPasswordAuthenticator.password_groups == {"trainer-code-1": ["facilitators"],
                                                             "wave-a-code-1": ["cohort-wave-a"]}
    assert c.Spawner.environment["COACHLAB_COHORTS"] == "wave-a"  # the dashboard offers the cohorts
    records = next(s for s in c.JupyterHub.services if s["name"] == "coachlab-records")
    assert records["environment"]["COACHLAB_COHORTS"] == "wave-a"


# --- the dashboard's cohort chooser and the exports -----------------------------------------------------------
SCENARIO = "bid-late-logins"


@pytest.fixture
def two_cohorts(tmp_path):
    """Learner records of two cohorts in one file: ana (wave-a) and bo (wave-b) each played a role-play and raised
    a dispute; wave-a also has 陈静, who handed in an exercise."""
    from pathlib import Path

    from coachlab.scenarios import engine, load_all
    from coachlab.scenarios.testplan import load_plan, plan_path, run_play

    repo = Path(__file__).resolve().parents[1]
    scenario = load_all(repo)[0][SCENARIO]
    plays = {p["name"]: p for p in load_plan(plan_path(repo / "scenarios" / f"{SCENARIO}.yaml"))[0]["plays"]}
    path = tmp_path / "data" / "progress.sqlite3"
    with ProgressStore(path) as store:
        for n, (learner, course, play) in enumerate((("ana", "wave-a", "best"), ("bo", "wave-b", "judging"),
                                                     ("bo", "wave-b", "best"))):
            session = run_play(scenario, plays[play], "en").session
            store.record(Attempt(learner, SCENARIO, engine.attempt_answers(session), engine.percentages(scenario, session),
                                 created_at=1_790_000_000 + n, lang="en"), course=course)
            if play == "best":
                store.add_dispute(Dispute(learner, SCENARIO, "feedback", f"{learner}'s line", VERDICT, NOTE),
                                  course=course)
        store.add_submission("陈静", "a05-feedback", "{}", course="wave-a")
    return path


def test_the_dashboard_chooser_shows_one_cohort_at_a_time(two_cohorts, tmp_path, monkeypatch):
    from coachlab.grading.course import Course
    from coachlab.widgets.dashboard import Dashboard

    monkeypatch.delenv("COACHLAB_COHORTS", raising=False)
    monkeypatch.delenv("COACHLAB_COURSE_ID", raising=False)
    dash = Dashboard("zh-CN", Course(tmp_path / "grader"), two_cohorts)
    assert dash.cohort.layout.display != "none" and list(dash.cohort.options) == [DEFAULT_COURSE, "wave-a", "wave-b"]
    assert dash.cohort.description == "班级" and dash.cohort.value == DEFAULT_COURSE
    assert dash.learner.picker.options == () and dash.disputes.cards == []  # nobody in the default course
    for course, learner, attempts in (("wave-a", "ana", 1), ("wave-b", "bo", 2)):
        dash.cohort.value = course  # choosing redraws the page for that cohort
        assert f"“{course}”班" in dash.head.value
        assert list(dash.learner.picker.options) == [learner]
        assert len(dash.learner.attempt.options) == attempts
        assert [card.dispute.learner_id for card in dash.disputes.cards] == [learner]
        assert html.escape(f"{learner}'s line") in dash.disputes.cards[0].info.value
    dash.switch.value = "en"  # a redraw keeps the chosen cohort
    assert dash.cohort.value == "wave-b" and dash.cohort.description == "Cohort"
    assert list(dash.learner.picker.options) == ["bo"] and "“wave-b”" in dash.head.value


def test_with_one_cohort_the_dashboard_has_no_chooser(tmp_path, monkeypatch):
    from coachlab.grading.course import Course
    from coachlab.widgets.dashboard import Dashboard

    monkeypatch.delenv("COACHLAB_COHORTS", raising=False)
    monkeypatch.delenv("COACHLAB_COURSE_ID", raising=False)
    path = tmp_path / "p.sqlite3"
    with ProgressStore(path) as store:
        store.record(Attempt("ana", "05-feedback.bia", {}, {}))
    dash = Dashboard("en", Course(tmp_path / "grader"), path)
    assert dash.cohort.layout.display == "none" and list(dash.cohort.options) == [DEFAULT_COURSE]
    assert "coachlab-cohort-note" not in dash.head.value
    monkeypatch.setenv("COACHLAB_COHORTS", "wave-a")  # the hub serves two: the chooser appears on the next redraw
    dash.render()
    assert dash.cohort.layout.display != "none" and list(dash.cohort.options) == [DEFAULT_COURSE, "wave-a"]


def test_the_grades_of_a_cohort_are_its_learners_only(two_cohorts):
    import pandas as pd

    from coachlab.grading.course import student_id
    from coachlab.grading.export import course_learners, in_course

    with ProgressStore(two_cohorts) as store:
        assert course_learners(store, "wave-a") == {"ana", "陈静"} and course_learners(store, "wave-b") == {"bo"}
        grades = pd.DataFrame({"learner": ["陈静", "bo", "ana"], "student": [student_id("陈静"), "bo", "ana"],
                               "percent": [90.0, 40.0, 70.0]})
        assert list(in_course(grades, course_learners(store, "wave-a"))["learner"]) == ["陈静", "ana"]
        assert list(in_course(grades, course_learners(store, "wave-b"))["percent"]) == [40.0]
        assert in_course(grades, course_learners(store, "nobody-here")).empty


def test_the_roleplay_export_takes_a_course(two_cohorts, tmp_path):
    import pandas as pd

    from tests.grading.conftest import coachlab_cli

    out = tmp_path / "out"
    env = {"COACHLAB_DATA": str(two_cohorts.parent)}
    done = coachlab_cli("grade", "roleplays", "--course", "wave-b", "--lang", "en", "-o", str(out / "b.csv"), env=env,
                        timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(pd.read_csv(out / "b.csv", encoding="utf-8-sig")["learner"]) == ["bo", "bo"]
    bad = coachlab_cli("grade", "roleplays", "--course", "Wave B", "--lang", "zh-CN", "-o", str(out / "x.csv"), env=env,
                       timeout=300)
    assert bad.returncode == 2 and "不是有效的班级编号" in bad.stdout and not (out / "x.csv").exists()


@pytest.mark.parametrize("step", ["release", "collect"])
def test_release_and_collect_refuse_a_bad_course_before_touching_the_course(step, tmp_path):
    """`grade release|collect --course` names the exchange's cohort; a bad id is refused in the caller's language."""
    from coachlab.i18n import t
    from tests.grading.conftest import coachlab_cli

    course_dir = tmp_path / "grader"
    done = coachlab_cli("grade", step, "a05-feedback", "--exchange", "--course", "Wave B", "--course-dir",
                        str(course_dir), "--lang", "zh-CN", timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert t("grade.cli.bad_course", "zh-CN", course="Wave B") in done.stdout
    assert not (course_dir / "source").exists()  # nothing released or collected
