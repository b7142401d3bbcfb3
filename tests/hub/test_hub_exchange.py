"""nbgrader's exchange over the records service, with real nbgrader commands against the real hub.

Two learners and a facilitator, each with their own hub token, home and working folder (nothing shared on disk):
the facilitator releases an exercise, the learners fetch and submit it, the facilitator collects, autogrades and
releases feedback, and each learner fetches only their own. Refusals come back as the service's message. Also:
cohorts (the session hub's wave-a and wave-b), a cut upload, `coachlab grade release/collect --exchange`, and a
second hub started with COACHLAB_LEARNER_UI=lab whose learner's JupyterLab server lists, fetches and submits
through nbgrader's Assignments tab handlers.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from coachlab.grading.course import run_nbgrader
from coachlab.i18n import t
from coachlab.records.assignments import DIGEST_HEADER, pack_files

from tests.conftest import REPO

from .conftest import COHORT_CODES, FACILITATOR_CODE, HUB_EXERCISES

EXERCISE, UNRELEASED = HUB_EXERCISES  # released through the exchange / never released through it
COURSE = "coachlab"


class Person:
    """One person at the workshop: a hub token, a home of their own, nbgrader run as them."""

    def __init__(self, hub, name: str, folder: Path, passcode: str | None = None):
        self.name, self.folder = name, folder
        folder.mkdir(parents=True, exist_ok=True)
        session = hub.sign_in(name, passcode) if passcode else hub.sign_in(name)
        self.token = hub.token(session, name)
        self.env = {"HOME": str(folder), "JUPYTERHUB_API_TOKEN": self.token, "COACHLAB_RECORDS_URL": hub.records_url,
                    "JUPYTER_CONFIG_DIR": str(folder / ".jupyter"), "JUPYTER_DATA_DIR": str(folder / ".jupyter-data"),
                    "COACHLAB_LANG": "en", "JUPYTER_CONFIG_PATH": str(REPO / "grader" / "learners")}
        self.records_url = hub.records_url

    def nbgrader(self, *args: str, cwd: Path | None = None):
        done = run_nbgrader(list(args), cwd or self.folder, timeout=600, env=self.env)
        return done.returncode, done.stdout

    def api(self, method: str, path: str, **kwargs):
        return requests.request(method, f"{self.records_url}/api/exchange/{path}",
                                headers={"Authorization": f"token {self.token}", **kwargs.pop("headers", {})},
                                timeout=30, **kwargs)


@pytest.fixture(scope="module")
def room(hub, tmp_path_factory):
    """Two learners and a facilitator; the facilitator's course is a copy of the hub's (released, not shared)."""
    work = tmp_path_factory.mktemp("exchange")
    lena, liam = Person(hub, "lena", work / "lena"), Person(hub, "liam", work / "liam")
    fay = Person(hub, "fay", work / "fay", FACILITATOR_CODE)
    course = work / "fay" / "course"
    shutil.copytree(hub.grader, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"))
    fay.folder = course
    fay.env.pop("JUPYTER_CONFIG_PATH")  # the facilitator works in the course folder, with its own config
    return {"lena": lena, "liam": liam, "fay": fay}


def test_the_whole_round_through_the_exchange(room):
    lena, liam, fay = room["lena"], room["liam"], room["fay"]

    # Nothing is released yet: fetching says so in the learner's words.
    code, out = lena.nbgrader("fetch_assignment", EXERCISE)
    assert code != 0 and t("records.error.not_released", "en", assignment=EXERCISE, course=COURSE) in out, out

    # The facilitator releases; a learner sees it listed and fetches it into ./<exercise>/.
    code, out = fay.nbgrader("release_assignment", EXERCISE, "--force")
    assert code == 0 and f"Released as: {COURSE} {EXERCISE}" in out, out
    code, out = lena.nbgrader("list")
    assert code == 0 and f"{COURSE} {EXERCISE}" in out and "already downloaded" not in out, out
    for learner in (lena, liam):
        code, out = learner.nbgrader("fetch_assignment", EXERCISE)
        assert code == 0, out
        assert (learner.folder / EXERCISE / f"{EXERCISE}.ipynb").is_file()
    code, out = lena.nbgrader("list")
    assert f"{COURSE} {EXERCISE} (already downloaded)" in out, out

    # An exercise the facilitator has not released through the exchange cannot be fetched.
    code, out = liam.nbgrader("fetch_assignment", UNRELEASED)
    assert code != 0 and t("records.error.not_released", "en", assignment=UNRELEASED, course=COURSE) in out, out
    assert not (liam.folder / UNRELEASED).exists()

    # A learner cannot release (even with a student copy of their own) nor collect.
    shutil.copytree(lena.folder / EXERCISE, lena.folder / "release" / EXERCISE)
    code, out = lena.nbgrader("release_assignment", EXERCISE, "--force")
    assert code != 0 and t("records.error.facilitators_only", "en") in out, out
    code, out = lena.nbgrader("collect", EXERCISE)
    assert code != 0 and t("records.error.facilitators_only", "en") in out, out
    assert not (lena.folder / "submitted").exists()

    # Each submits as themselves: naming someone else with --student changes nothing.
    notebook = liam.folder / EXERCISE / f"{EXERCISE}.ipynb"
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["metadata"]["coachlab_test"] = "liam's copy"
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    code, out = lena.nbgrader("submit", EXERCISE)
    assert code == 0 and f"Submitted as: {COURSE} {EXERCISE}" in out, out
    code, out = liam.nbgrader("submit", EXERCISE, "--student", "lena")
    assert code == 0, out
    code, out = fay.nbgrader("list", "--inbound")
    assert code == 0, out
    inbound = [line for line in out.splitlines() if f"{COURSE} " in line and EXERCISE in line]
    assert sorted(line.split(f"{COURSE} ")[1].split()[0] for line in inbound) == ["lena", "liam"], out

    # liam lists only his own submission, and cannot list or fetch lena's.
    code, out = liam.nbgrader("list", "--cached")
    assert code == 0 and f"{COURSE} liam {EXERCISE}" in out and "lena" not in out, out
    code, out = liam.nbgrader("list", "--inbound", "--student", "lena")
    assert code != 0 and "lena" not in out.split("Submitted assignments:")[-1], out
    lenas = fay.api("GET", f"{COURSE}/submissions", params={"learner": "lena"}).json()
    assert [s["student_id"] for s in lenas] == ["lena"]
    assert liam.api("GET", f"{COURSE}/submissions/{lenas[0]['id']}").status_code == 404
    assert liam.api("GET", f"{COURSE}/submissions", params={"learner": "lena"}).status_code == 403
    assert lena.api("GET", f"{COURSE}/submissions/{lenas[0]['id']}").status_code == 200

    # The facilitator collects both and autogrades them.
    code, out = fay.nbgrader("collect", EXERCISE)
    assert code == 0, out
    for name in ("lena", "liam"):
        kept = fay.folder / "submitted" / name / EXERCISE
        assert (kept / f"{EXERCISE}.ipynb").is_file() and (kept / "timestamp.txt").is_file(), out
    collected = json.loads((fay.folder / "submitted" / "liam" / EXERCISE / f"{EXERCISE}.ipynb").read_text("utf-8"))
    assert collected["metadata"]["coachlab_test"] == "liam's copy"  # liam's own work, filed under liam
    code, out = fay.nbgrader("autograde", EXERCISE)
    assert code == 0, out
    assert {p.name for p in (fay.folder / "autograded").iterdir()} == {"lena", "liam"}

    # Feedback goes back to the submission it was made for; each learner fetches only their own.
    code, out = fay.nbgrader("generate_feedback", EXERCISE)
    assert code == 0, out
    code, out = fay.nbgrader("release_feedback", EXERCISE)
    assert code == 0 and out.count("Releasing feedback for student") == 2, out
    stamps = {}
    for learner in (lena, liam):
        code, out = learner.nbgrader("fetch_feedback", EXERCISE)
        assert code == 0, out
        pages = sorted((learner.folder / EXERCISE / "feedback").glob("*/*.html"))
        assert [p.name for p in pages] == [f"{EXERCISE}.html"], out
        stamps[learner.name] = pages[0].parent.name
        own = (fay.folder / "submitted" / learner.name / EXERCISE / "timestamp.txt").read_text().strip()
        assert stamps[learner.name] == own  # the page of their own submission, filed under its timestamp
        code, out = learner.nbgrader("list", "--cached")
        assert "(feedback already fetched)" in out, out
    assert stamps["lena"] != stamps["liam"]
    assert liam.api("GET", f"{COURSE}/submissions/{lenas[0]['id']}/feedback").status_code == 404
    assert lena.api("GET", f"{COURSE}/submissions/{lenas[0]['id']}/feedback").status_code == 200


def test_a_cut_or_altered_upload_is_never_listed_or_collected(hub, room, tmp_path):
    fay, course = room["fay"], "wave-b"  # a cohort of its own, so the other tests' listings stay as they are
    wes = Person(hub, "wes", tmp_path / "wes", COHORT_CODES[course])
    released = pack_files([(f"{EXERCISE}.ipynb", b'{"cells": [], "metadata": {}}')])
    assert fay.api("PUT", f"{course}/assignments/{EXERCISE}", params={"force": "1"}, data=released,
                   headers={DIGEST_HEADER: hashlib.sha256(released).hexdigest()}).status_code == 201
    archive = pack_files([(f"{EXERCISE}.ipynb", os.urandom(300_000).hex().encode())])  # ~600 kB on the wire
    # The connection is cut halfway through the body.
    address = urlsplit(wes.records_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as raw:
        raw.sendall((f"POST /api/exchange/{course}/submissions?assignment={EXERCISE} HTTP/1.1\r\n"
                     f"Host: {address.netloc}\r\nAuthorization: token {wes.token}\r\n"
                     f"Content-Type: application/gzip\r\nContent-Length: {len(archive)}\r\n\r\n").encode()
                    + archive[: len(archive) // 2])
    # A body that is not what the sender hashed (cut or altered on the way) is refused, in the caller's language.
    altered = wes.api("POST", f"{course}/submissions", params={"assignment": EXERCISE}, data=archive[:-10],
                      headers={DIGEST_HEADER: hashlib.sha256(archive).hexdigest(), "Accept-Language": "zh-CN"})
    assert altered.status_code == 400 and altered.json()["message"] == t("records.error.bad_archive", "zh-CN")
    assert fay.api("GET", f"{course}/submissions", params={"learner": "wes"}).json() == []
    code, out = fay.nbgrader("collect", EXERCISE, "--course", course,
                             f"--CourseDirectory.submitted_directory={tmp_path / 'collected'}")
    assert code == 0 and not (tmp_path / "collected" / "wes").exists(), out
    # A whole one is kept and collected.
    whole = wes.api("POST", f"{course}/submissions", params={"assignment": EXERCISE}, data=archive,
                    headers={DIGEST_HEADER: hashlib.sha256(archive).hexdigest()})
    assert whole.status_code == 201, whole.text
    assert [s["id"] for s in fay.api("GET", f"{course}/submissions", params={"learner": "wes"}).json()] == \
        [whole.json()["id"]]
    code, out = fay.nbgrader("collect", EXERCISE, "--course", course,
                             f"--CourseDirectory.submitted_directory={tmp_path / 'collected'}")
    assert code == 0 and (tmp_path / "collected" / "wes" / EXERCISE / f"{EXERCISE}.ipynb").is_file(), out


def test_collect_before_duedate_takes_the_last_submission_in_time(hub, room, tmp_path):
    """`nbgrader collect --before-duedate`: the newest hand-in by the gradebook's due date, as nbgrader's own."""
    import datetime

    fay, course = room["fay"], "wave-b"
    dora = Person(hub, "dora", tmp_path / "dora", COHORT_CODES[course])
    released = pack_files([(f"{EXERCISE}.ipynb", b'{"cells": [], "metadata": {}}')])
    assert fay.api("PUT", f"{course}/assignments/{EXERCISE}", params={"force": "1"}, data=released,
                   headers={DIGEST_HEADER: hashlib.sha256(released).hexdigest()}).status_code == 201

    def hand_in(words: bytes) -> None:
        archive = pack_files([(f"{EXERCISE}.ipynb", words)])
        reply = dora.api("POST", f"{course}/submissions", params={"assignment": EXERCISE}, data=archive,
                         headers={DIGEST_HEADER: hashlib.sha256(archive).hexdigest()})
        assert reply.status_code == 201, reply.text

    hand_in(b"on time")
    time.sleep(0.05)
    due = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)  # naive UTC, as nbgrader keeps it
    time.sleep(0.05)
    hand_in(b"late")
    gradebook = f"sqlite:///{tmp_path / 'gradebook.db'}"
    code, out = fay.nbgrader("db", "assignment", "add", EXERCISE, f"--duedate={due.isoformat()} UTC",
                             "--course", course, f"--CourseDirectory.db_url={gradebook}")
    assert code == 0, out
    collected = tmp_path / "collected" / "dora" / EXERCISE / f"{EXERCISE}.ipynb"

    def collect(*extra: str) -> str:
        code, out = fay.nbgrader("collect", EXERCISE, "--course", course, "--student", "dora", *extra,
                                 f"--CourseDirectory.db_url={gradebook}",
                                 f"--CourseDirectory.submitted_directory={tmp_path / 'collected'}")
        assert code == 0, out
        return collected.read_text("utf-8")

    assert collect("--before-duedate") == "on time"
    assert collect("--update") == "late"  # without it: the newest, as before
    assert collect("--before-duedate") == "on time"  # and back: a different one already collected is replaced


def test_a_cohort_learner_sees_their_own_cohort_only(hub, room, tmp_path):
    fay, lena = room["fay"], room["lena"]
    wynn = Person(hub, "wynn", tmp_path / "wynn", COHORT_CODES["wave-a"])
    code, out = fay.nbgrader("release_assignment", UNRELEASED, "--course", "wave-a", "--force")
    assert code == 0 and f"Released as: wave-a {UNRELEASED}" in out, out
    # No course named anywhere: the service says which is theirs.
    code, out = wynn.nbgrader("list")
    assert code == 0 and f"wave-a {UNRELEASED}" in out and f"{COURSE} " not in out, out
    code, out = wynn.nbgrader("fetch_assignment", UNRELEASED)
    assert code == 0 and (wynn.folder / UNRELEASED / f"{UNRELEASED}.ipynb").is_file(), out
    code, out = wynn.nbgrader("submit", UNRELEASED)
    assert code == 0 and f"Submitted as: wave-a {UNRELEASED}" in out, out
    # The default course's learners and its listing do not see it, and wynn cannot reach the default course.
    code, out = lena.nbgrader("fetch_assignment", UNRELEASED, "--course", "wave-a", cwd=tmp_path)
    assert code != 0 and t("records.error.other_course", "en", course="wave-a") in out, out
    code, out = wynn.nbgrader("fetch_assignment", EXERCISE, "--course", COURSE, cwd=tmp_path)
    assert code != 0 and t("records.error.other_course", "en", course=COURSE) in out, out
    inbound = [s["student_id"] for s in fay.api("GET", f"{COURSE}/submissions", params={"learner": "*"}).json()]
    assert "wynn" not in inbound
    assert [s["student_id"] for s in fay.api("GET", "wave-a/submissions", params={"learner": "*"}).json()] == ["wynn"]


def test_coachlab_grade_release_and_collect_use_the_exchange_under_the_hub(hub, room, tmp_path):
    fay, course = room["fay"], "wave-b"
    wren = Person(hub, "wren", tmp_path / "wren", COHORT_CODES[course])
    grade = [str(Path(sys.executable).with_name("coachlab")), "grade"]
    env = {**os.environ, **fay.env}  # the cohort comes from --course, not from COACHLAB_COURSE_ID
    env.pop("COACHLAB_COURSE_ID", None)
    done = subprocess.run([*grade, "release", UNRELEASED, "--exchange", "--course", course, "--course-dir",
                           str(fay.folder), "--lang", "en"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    code, out = wren.nbgrader("fetch_assignment", UNRELEASED)
    assert code == 0, out
    code, out = wren.nbgrader("submit", UNRELEASED)
    assert code == 0, out
    done = subprocess.run([*grade, "collect", UNRELEASED, "--exchange", "--course", course, "--course-dir",
                           str(fay.folder), "--lang", "en"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Collected wren's {UNRELEASED}" in done.stdout, done.stdout
    assert any(fay.folder.glob(f"submitted/*/{UNRELEASED}/{UNRELEASED}.ipynb")), done.stdout
    # A second, late submission: --before-duedate keeps the one made by the due date set in the gradebook.
    code, out = wren.nbgrader("submit", UNRELEASED)
    assert code == 0, out
    first, late = [s["timestamp"] for s in fay.api("GET", f"{course}/submissions", params={"learner": "wren"}).json()
                   if s["assignment_id"] == UNRELEASED]
    code, out = fay.nbgrader("db", "assignment", "add", UNRELEASED, f"--duedate={first}")
    assert code == 0, out
    done = subprocess.run([*grade, "collect", UNRELEASED, "--exchange", "--before-duedate", "--course", course,
                           "--course-dir", str(fay.folder), "--lang", "en"], env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    stamps = [p.read_text("utf-8").strip() for p in fay.folder.glob(f"submitted/wren/{UNRELEASED}/timestamp.txt")]
    assert stamps == [first] and late != first, (stamps, first, late, done.stdout)


def test_a_learner_acts_only_in_their_own_course(room):
    lena = room["lena"]
    reply = lena.api("GET", "other-cohort/assignments", headers={"Accept-Language": "en"})
    assert reply.status_code == 403
    assert reply.json()["message"] == t("records.error.other_course", "en", course="other-cohort")
    assert lena.api("GET", "course").json() == {"course_id": COURSE, "cohort": False}
    elsewhere = lena.folder / "elsewhere"
    elsewhere.mkdir()
    code, out = lena.nbgrader("fetch_assignment", EXERCISE, "--course", "other-cohort", cwd=elsewhere)
    assert code != 0 and t("records.error.other_course", "en", course="other-cohort") in out, out


@pytest.fixture(scope="module")
def lab_hub(hub, tmp_path_factory):
    """A second hub like the session's, started with COACHLAB_LEARNER_UI=lab (learners get JupyterLab)."""
    from .conftest import Hub

    state = tmp_path_factory.mktemp("lab-hub")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACHLAB_LEARNER_UI", "lab")  # Hub takes its environment from this process's
        running = Hub(state, hub.grader)
    yield running
    assert running.close() == 0, "processes of the lab hub outlived it"


def test_the_assignments_tab_of_a_jupyterlab_learner_lists_and_fetches_through_the_exchange(lab_hub, tmp_path):
    fay = Person(lab_hub, "fay", tmp_path / "fay", FACILITATOR_CODE)
    course = tmp_path / "course"
    shutil.copytree(lab_hub.grader, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"))
    code, out = fay.nbgrader("release_assignment", EXERCISE, "--force", cwd=course)
    assert code == 0, out

    # The learner's server, as the hub spawns it with the lab switch: JupyterLab, nbgrader's Assignments tab.
    session = lab_hub.sign_in("lara")
    token = lab_hub.token(session, "lara")
    auth = {"Authorization": f"token {token}"}
    started = requests.post(f"{lab_hub.url}/hub/api/users/lara/server", headers=auth, timeout=60)
    assert started.status_code in (201, 202), started.text
    server = f"{lab_hub.url}/user/lara"
    deadline = time.monotonic() + 90
    while not requests.get(f"{lab_hub.url}/hub/api/users/lara", headers=auth, timeout=30).json()["servers"].get(
            "", {}).get("ready"):
        assert time.monotonic() < deadline, lab_hub.log()
        time.sleep(0.5)
    lab = requests.get(f"{server}/lab", headers=auth, timeout=60)
    assert lab.status_code == 200
    # A learner gets the Assignments tab, not the facilitators' panels and handlers.
    hidden = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:create-assignment")
    embedded = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', lab.text, re.S)
    assert embedded, lab.text[:2000]
    page_config = json.loads(embedded.group(1))
    assert set(hidden) <= set(page_config["disabledExtensions"]), page_config["disabledExtensions"]
    assert "@jupyter/nbgrader:assignment-list" not in page_config["disabledExtensions"]
    for handler in ("formgrader", "formgraders"):
        assert requests.get(f"{server}/{handler}", headers=auth, timeout=60).status_code == 404, handler

    listed = requests.get(f"{server}/assignments", params={"course_id": COURSE}, headers=auth, timeout=120).json()
    assert listed["success"], listed
    released = [a for a in listed["value"] if a["assignment_id"] == EXERCISE]
    assert [(a["course_id"], a["status"]) for a in released] == [(COURSE, "released")], listed
    assert [nb["notebook_id"] for nb in released[0]["notebooks"]] == [EXERCISE]
    assert requests.get(f"{server}/courses", headers=auth, timeout=120).json() == {"success": True, "value": [COURSE]}

    # Fetching from the tab puts it in the learner's own folder, listed as fetched; submitting lists the submission.
    fetched = requests.post(f"{server}/assignments/fetch", data={"course_id": COURSE, "assignment_id": EXERCISE},
                            headers=auth, timeout=120)
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["success"], fetched.text
    now = {a["assignment_id"]: a for a in fetched.json()["value"] if a["status"] != "submitted"}
    assert now[EXERCISE]["status"] == "fetched"
    assert [nb["path"] for nb in now[EXERCISE]["notebooks"]] == [f"{EXERCISE}/{EXERCISE}.ipynb"]
    submitted = requests.post(f"{server}/assignments/submit", data={"course_id": COURSE, "assignment_id": EXERCISE},
                              headers=auth, timeout=120)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["success"], submitted.text
    mine = [a for a in submitted.json()["value"] if a["status"] == "submitted"]
    assert [(a["student_id"], len(a["submissions"])) for a in mine] == [("lara", 1)], submitted.text
    kept = fay.api("GET", f"{COURSE}/submissions", params={"learner": "lara"}).json()
    assert [s["assignment_id"] for s in kept] == [EXERCISE]
