"""Several cohorts on one hub, without a hub: the store keeps each record in its course and lists by course (SQLite,
and PostgreSQL through tests/pg's server), the hub's cohort passcodes, and the dashboard's cohort chooser."""

from __future__ import annotations

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
