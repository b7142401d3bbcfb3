"""Shared fixtures: a real Voila server on a free loopback port, and headless Debian Chromium.

Browser tests skip with a visible reason on a machine without /usr/bin/chromium, and fail under
CI=true instead, so a green CI always means the browser really ran.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from coachlab.serve import preheated_pages

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("COACHLAB_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VoilaServer:
    """``coachlab serve`` run as a learner's server would be, on a free port, stopped on close."""

    def __init__(self, root: Path, data: Path, *, pool: bool = True, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()):
        self.root, self.data, self.port = root, data, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = data / f"voila-{self.port}.log"
        data.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "coachlab.cli", "serve", "--port", str(self.port)]
        if not pool:
            cmd.append("--no-pool")
        cmd.extend(args)
        full_env = {**os.environ, "COACHLAB_ROOT": str(root), "COACHLAB_DATA": str(data), **(env or {})}
        if "COACHLAB_LANG" not in (env or {}):
            full_env.pop("COACHLAB_LANG", None)  # the page's own ?lang= decides in tests
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._wait_ready()
        if pool:
            self._wait_pools_filled(len(preheated_pages(root / "notebooks")))

    def _wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"voila exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/voila/tree", timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.close()
        raise RuntimeError(f"voila did not answer on {self.url} within {timeout:.0f}s:\n{self.log()}")

    def _wait_pools_filled(self, pages: int, timeout: float = 240.0) -> None:
        # Every page gets its preheated kernels at start-up; tests measure pages, not that burst.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.log(tail=None).count("Kernel pool of ") < pages:
            time.sleep(0.5)

    def log(self, tail: int | None = 6000) -> str:
        """Return what the server printed so far (its last ``tail`` characters; None for all)."""
        self._log.flush()
        text = self.log_path.read_text(errors="replace")
        return text[-tail:] if tail else text

    def close(self) -> None:
        """Stop the server and every kernel it started."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


def released_course(root: Path, slug: str):
    """Return an nbgrader course at ``root`` (made here) with exercise ``slug`` copied in and released."""
    import shutil

    from coachlab.grading.course import Course, run_nbgrader

    course = Course(root)
    course.root.mkdir(parents=True)
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", course.root / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / slug, course.root / "source" / slug)
    done = run_nbgrader(["generate_assignment", slug, "--force"], course.root, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    return course


@contextmanager
def dashboard_server(data: Path, grader: Path, log_dir: Path, **env: str):
    """Run `make dashboard`'s command on a free port over ``data`` and ``grader``; yield its URL, then stop it."""
    port = free_port()
    full_env = {**os.environ, "COACHLAB_ROOT": str(REPO), "COACHLAB_GRADER": str(grader), "COACHLAB_DATA": str(data),
                **env}
    full_env.pop("COACHLAB_LANG", None)
    log_path = log_dir / "voila-dashboard.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "voila", str(REPO / "grader" / "dashboard.ipynb"),
                             f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"],
                            cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the dashboard server did not start:\n" + log_path.read_text(errors="replace")[-3000:])
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def start_voila(tmp_path_factory):
    """Return a factory that starts a Voila server on a course root; all are stopped at the end."""
    servers: list[VoilaServer] = []

    def start(root: Path = REPO, *, pool: bool = True, env: dict[str, str] | None = None,
              args: tuple[str, ...] = ()) -> VoilaServer:
        server = VoilaServer(root, tmp_path_factory.mktemp("coachlab-data"), pool=pool, env=env, args=args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def voila_server(start_voila) -> VoilaServer:
    """The course in this repository, served the way `make serve` serves it."""
    return start_voila(REPO)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skips (or fails under CI) when it is missing."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: run `sudo apt-get install chromium fonts-noto-cjk`"
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: browser tests must run)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (own context) at a desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(90_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot():
    """Return a function saving a full-page screenshot under artifacts/screenshots/ (git-ignored)."""
    def shoot(tab, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path
    return shoot
