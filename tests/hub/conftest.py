"""A real JupyterHub for the hub tests: deploy/jupyterhub_config.py, configurable-http-proxy, the records
service and the idle culler, on free loopback ports, with its state in a temporary folder; stopped at the end.

One hub serves the whole session (starting one costs seconds, each learner's server more). Its nbgrader course
is a scratch copy with two exercises released, so hand-ins from Voila forms have somewhere to go.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import IN_CI, REPO, free_port

PROXY = Path(sys.prefix) / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNER_CODE, FACILITATOR_CODE = "room-code-2468", "trainer-code-13579"
# Two extra cohorts (COACHLAB_COHORTS), each with its own learner passcode (tests/hub/test_hub_cohorts.py).
COHORT_CODES = {"wave-a": "wave-a-code-1122", "wave-b": "wave-b-code-3344"}
HUB_EXERCISES = ("a05-feedback", "a03-smart-goals")


class Hub:
    """A running hub: its URL, how to sign in over HTTP, and its log."""

    def __init__(self, state: Path, grader: Path, extra_env: dict[str, str] | None = None):
        self.state, self.grader = state, grader
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.records_port = free_port()
        self.records_url = f"http://127.0.0.1:{self.records_port}"
        self.env = {**os.environ, "COACHLAB_HUB_STATE": str(state), "COACHLAB_HUB_PORT": str(self.port),
                    "COACHLAB_HUB_API_PORT": str(free_port()), "COACHLAB_PROXY_API_PORT": str(free_port()),
                    "COACHLAB_RECORDS_PORT": str(self.records_port), "COACHLAB_LEARNER_PASSCODE": LEARNER_CODE,
                    "COACHLAB_FACILITATOR_PASSCODE": FACILITATOR_CODE, "COACHLAB_GRADER": str(grader),
                    "COACHLAB_ROOT": str(REPO), "COACHLAB_COHORTS": ",".join(COHORT_CODES),
                    **{f"COACHLAB_COHORT_{c.upper().replace('-', '_')}_PASSCODE": code for c, code in COHORT_CODES.items()}}
        self.env.update(extra_env or {})
        self.env.pop("COACHLAB_COURSE_ID", None)
        self.env.pop("COACHLAB_LANG", None)
        self.env.pop("COACHLAB_DATA", None)
        self.log_path = state / "hub.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(REPO / "deploy" / "jupyterhub_config.py")],
                                     cwd=state, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if requests.get(f"{self.url}/hub/api", timeout=5).ok and \
                        requests.get(f"{self.records_url}/", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.close()
        raise RuntimeError(f"the hub did not answer on {self.url} within {timeout:.0f}s:\n{self.log()}")

    def log(self, tail: int = 8000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]

    def sign_in(self, name: str, passcode: str = LEARNER_CODE) -> requests.Session:
        """Sign in through the login form; return the session (raises when the hub refuses)."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30)
        reply = session.post(f"{self.url}/hub/login", data={"username": name, "password": passcode,
                                                             "_xsrf": session.cookies.get("_xsrf")},
                             allow_redirects=False, timeout=60)
        if reply.status_code != 302:
            raise PermissionError(f"sign-in of {name} answered {reply.status_code}")
        return session

    def token(self, session: requests.Session, name: str, **body: object) -> str:
        """Return a new API token for the signed-in ``name`` (as the hub's token page makes one)."""
        reply = session.post(f"{self.url}/hub/api/users/{name}/tokens", json={"note": "test", **body},
                             headers={"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/")}, timeout=30)
        reply.raise_for_status()
        return reply.json()["token"]

    def close(self) -> int:
        """Stop the hub (it stops the servers and services); return how many processes had to be killed after."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while leftovers(self.state) and time.monotonic() < deadline:  # kernels leave when their server has
            time.sleep(0.2)
        stragglers = leftovers(self.state)
        for pid in stragglers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()
        return len(stragglers)


def leftovers(state: Path) -> list[int]:
    """Return the processes still working for the hub of ``state`` (servers live in its homes folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if (entry / "stat").read_text().split(")")[-1].split()[0] == "Z":
                continue  # already dead, waiting to be reaped
            cwd = os.readlink(entry / "cwd")
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if cwd.startswith(str(state)) or str(state).encode() in environ:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="session")
def hub(course_hub):
    """The session's hub; a module may override this name (test_hub_records.py runs on PostgreSQL too)."""
    return course_hub


@pytest.fixture(scope="session")
def course_hub(tmp_path_factory):
    """Start the hub once for the session (its proxy comes from `make`; missing, CI fails and others skip)."""
    if not PROXY.exists():
        reason = f"configurable-http-proxy not found at {PROXY}: run `make hub-deps`"
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: hub tests must run)")
        pytest.skip(reason)
    from coachlab.grading.course import Course, run_nbgrader

    work = tmp_path_factory.mktemp("hub")
    grader = work / "grader"
    grader.mkdir()
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", grader / "nbgrader_config.py")
    for slug in HUB_EXERCISES:
        shutil.copytree(REPO / "exercises" / slug, grader / "source" / slug, ignore=shutil.ignore_patterns("*.yaml"))
    for slug in HUB_EXERCISES:
        done = run_nbgrader(["generate_assignment", slug, "--force"], Course(grader).root, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:]
    state = work / "state"
    state.mkdir()
    running = Hub(state, grader)
    yield running
    assert running.close() == 0, "processes of the hub outlived it"
