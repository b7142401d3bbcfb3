"""Two cohorts on one real hub: each cohort's passcode puts its learners in its course; the records service keeps
each learner to their own course; the facilitator lists the cohorts and reads each one separately.

The session hub (tests/hub/conftest.py) serves the cohorts ``wave-a`` and ``wave-b`` besides the default course.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import requests

from coachlab.i18n import t
from coachlab.progress.store import Attempt, Dispute
from coachlab.records.client import RecordsClient, RecordsError

from tests.conftest import REPO

from .conftest import COHORT_CODES, FACILITATOR_CODE, LEARNER_CODE

CJK = re.compile(r"[\u4e00-\u9fff]")
NOTE = "The impact is there: the service level fell."


@pytest.fixture(scope="module")
def people(hub):
    """Clients for a learner of wave-a, one of wave-b, one of the default course, and a facilitator."""
    signed = {"amy": COHORT_CODES["wave-a"], "bob": COHORT_CODES["wave-b"], "cat": LEARNER_CODE,
              "fay": FACILITATOR_CODE}
    return {name: RecordsClient(hub.records_url, hub.token(hub.sign_in(name, code), name), lang="en")
            for name, code in signed.items()}


@pytest.fixture(scope="module")
def written(people):
    """amy (wave-a) and bob (wave-b) each write an attempt, tool state, a dispute and a hand-in."""
    for name in ("amy", "bob"):
        client = people[name]
        client.record(Attempt(name, "05-feedback.bia", {"text": f"{name}'s answer"}, {"bia": 1.0}, lang="en"))
        client.save_state(name, "05-feedback.pad", {"draft": f"{name}'s draft"})
        client.add_dispute(Dispute(name, "05-feedback", "feedback", f"{name}'s text", {"labels": {}}, NOTE))
        client.add_submission(name, "a05-feedback", json.dumps({"cells": [], "by": name}))
    return people


def get(hub, client, path, lang="en"):
    return requests.get(f"{hub.records_url}/api/{path}", timeout=30,
                        headers={"Authorization": f"token {client._token}", "Accept-Language": lang})


def test_each_passcode_puts_its_learners_in_its_course(people):
    assert {name: people[name].whoami()["course"] for name in people} == {
        "amy": "wave-a", "bob": "wave-b", "cat": "coachlab", "fay": "coachlab"}


def test_each_learner_sees_only_their_own_records_in_their_own_course(written):
    for name, course in (("amy", "wave-a"), ("bob", "wave-b")):
        client = written[name]
        mine = client.attempts(name)
        assert [a.answers["text"] for a in mine] == [f"{name}'s answer"] and {a.course_id for a in mine} == {course}
        assert [d.text for d in client.disputes(name)] == [f"{name}'s text"]
        assert [(s.learner_id, s.course_id) for s in client.submissions(name)] == [(name, course)]
        assert client.load_state(name, "05-feedback.pad") == {"draft": f"{name}'s draft"}
        assert [item for item, _ in client.state_items(name)] == ["05-feedback.pad"]
    assert written["cat"].attempts("cat") == [] and written["cat"].submissions("cat") == []


def test_the_facilitator_lists_both_cohorts_and_reads_each_separately(written):
    fay = written["fay"]
    assert {"wave-a", "wave-b"} <= set(fay.courses())
    for course, name in (("wave-a", "amy"), ("wave-b", "bob")):
        assert {a.learner_id for a in fay.attempts(course=course)} == {name}
        assert {d.learner_id for d in fay.disputes(status="open", course=course)} == {name}
        assert {s.learner_id for s in fay.submissions(uncollected=True, course=course)} == {name}
    everyone = {a.learner_id for a in fay.attempts()}  # no course asked: every cohort, as before
    assert {"amy", "bob"} <= everyone


def test_a_learner_asking_for_another_course_gets_nothing_of_it(hub, written):
    amy = written["amy"]
    for path in ("attempts?course=wave-b", "disputes?course=wave-b", "submissions?course=wave-b", "state?course=wave-b",
                 "state/05-feedback.pad?course=wave-b", "attempts?course=wave-b&learner=bob"):
        reply = get(hub, amy, path)
        assert reply.status_code == 403 and reply.json()["error"] in ("course_not_yours", "not_yours"), path
        assert "bob" not in reply.text
    assert get(hub, amy, "cohorts").status_code == 403  # nor the list of cohorts
    with pytest.raises(RecordsError) as refused:
        amy.attempts("amy", course="wave-b")
    assert refused.value.status == 403 and "wave-b" in str(refused.value)
    assert amy.attempts("amy", course="wave-a")[0].learner_id == "amy"  # their own course, named, is fine
    # Writing into another cohort is refused and writes nothing.
    with pytest.raises(RecordsError) as forged:
        amy.record(Attempt("amy", "05-feedback.bia", {"text": "forged"}, {}), course="wave-b")
    assert forged.value.status == 403
    assert written["fay"].attempts(course="wave-b", item_id="05-feedback.bia")[0].learner_id == "bob"
    assert [a.answers["text"] for a in amy.attempts("amy")] == ["amy's answer"]
    # Another cohort's dispute and hand-in, by id, do not exist for her.
    bobs = written["fay"].submissions("bob", course="wave-b")[0]
    assert get(hub, amy, f"submissions/{bobs.id}").status_code == 404
    bobs_dispute = written["fay"].disputes("bob", course="wave-b")[0]
    assert get(hub, amy, f"disputes/{bobs_dispute.id}").status_code == 404


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_bad_course_id_gets_a_clear_error_in_the_callers_language(hub, written, lang):
    reply = get(hub, written["fay"], "attempts?course=Wave%20B", lang)
    assert reply.status_code == 400 and reply.json()["error"] == "bad_course"
    assert reply.json()["message"] == t("records.error.bad_course", lang, course="Wave B")
    assert bool(CJK.search(reply.json()["message"])) is (lang == "zh-CN")


def test_collecting_from_the_hub_takes_one_cohorts_hand_ins(hub, written, tmp_path):
    """`coachlab grade collect --from-hub --course wave-a` files amy's hand-in and leaves bob's (wave-b) waiting."""
    grader = tmp_path / "grader"
    shutil.copytree(hub.grader, grader, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"))
    env = {**os.environ, "COACHLAB_RECORDS_URL": hub.records_url, "JUPYTERHUB_API_TOKEN": written["fay"]._token,
           "COACHLAB_ROOT": str(REPO)}

    def collect(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "coachlab.cli", "grade", "collect", "--from-hub", "--course-dir",
                               str(grader), *extra], env=env, capture_output=True, text=True, timeout=300)

    done = collect("--course", "wave-a", "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert t("grade.cli.hub_course", "en", course="wave-a") in done.stdout and "1 new hand-in(s)" in done.stdout
    assert (grader / "submitted" / "amy" / "a05-feedback" / "timestamp.txt").exists()
    assert not (grader / "submitted" / "bob").exists()
    assert [s.learner_id for s in written["fay"].submissions(uncollected=True, course="wave-b")] == ["bob"]
    refused = collect("--course", "Wave A", "--lang", "zh-CN")
    assert refused.returncode == 2 and t("grade.cli.bad_course", "zh-CN", course="Wave A") in refused.stdout
