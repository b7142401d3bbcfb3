"""Kernels forked from the warm server: fresh processes that behave like ordinarily started kernels."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coachlab.grading.forkkernel import ForkExecute, ForkKernelManager, autograde_preprocessors
from coachlab.kernels.forkserver import ForkServer, forkable
from tests.grading.conftest import nb_cell, nb_notebook

REPO = Path(__file__).resolve().parents[2]


async def _run(km: ForkKernelManager, code: str, timeout: float = 30) -> dict:
    """Execute ``code`` in a started kernel; return the reply content and the text it printed."""
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=timeout)
        printed: list[str] = []
        reply = await kc.execute_interactive(
            code, timeout=timeout, store_history=False,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        return {**reply["content"], "printed": "".join(printed)}
    finally:
        kc.stop_channels()


def _arun(coro):  # noqa: ANN001, ANN202 - any coroutine, its result
    """Run ``coro`` to completion in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole session, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _gone(pid: int, within: float) -> bool:
    """Return whether process ``pid`` has ended within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


async def _kernel(cwd: Path, env: dict | None = None) -> ForkKernelManager:
    km = ForkKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(cwd), env={**os.environ, **(env or {})},
                          extra_arguments=["--HistoryManager.hist_file=:memory:"])
    return km


@pytest.fixture
def server(monkeypatch):
    """A fresh fork server for this test that preloads the checks."""
    monkeypatch.setenv("COACHLAB_FORK_PRELOAD", "coachlab.checks")
    ForkServer.close_all()
    yield ForkServer.shared()
    ForkServer.close_all()


def test_each_kernel_is_a_fresh_child_of_the_server_with_its_own_folder_and_environment(server, tmp_path):
    """Two kernels in a row: different processes, forked by the server, nothing of the first in the second."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    probe = ("import os, sys\n"
             "print(os.getpid(), os.getppid(), os.getcwd(), os.environ.get('PROBE'), "
             "'coachlab.checks' in sys.modules, 'leftover' in globals())\n"
             "import coachlab.checks as cc\n"
             "print(getattr(cc, 'touched_by', None))\n"
             "cc.touched_by = os.environ.get('PROBE')\n"
             "leftover = 1\n")

    async def scenario() -> list[list[str]]:
        lines = []
        for name in ("a", "b"):
            km = await _kernel(tmp_path / name, {"PROBE": name})
            try:
                reply = await _run(km, probe)
                assert reply["status"] == "ok", reply
                lines.append(reply["printed"].split())
            finally:
                await km.shutdown_kernel(now=True)
            assert not km.has_kernel
        return lines

    first, second = _arun(scenario())
    for fields, name in ((first, "a"), (second, "b")):
        pid, ppid, cwd, probe_env, preloaded, leftover, touched = fields
        assert int(ppid) == server.process.pid  # forked by the server, not started by us
        assert Path(cwd) == (tmp_path / name).resolve() and probe_env == name
        assert preloaded == "True"  # the checks were already imported: that is the point
        assert leftover == "False" and touched == "None"  # nothing carried over from the kernel before
    assert first[0] != second[0]


def test_a_busy_kernel_can_be_interrupted_and_a_killed_one_is_gone(server, tmp_path):
    """Interrupt reaches the forked kernel (its own process group); shutdown leaves no process behind."""

    async def scenario() -> tuple[dict, int]:
        km = await _kernel(tmp_path)
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=30)
        msg_id = kc.execute("import time\nwhile True:\n    time.sleep(0.01)")
        await asyncio.sleep(1.0)
        await km.interrupt_kernel()
        while True:
            reply = await kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        kc.stop_channels()
        pid = km.provisioner.pid
        await km.shutdown_kernel(now=True)
        return reply["content"], pid

    content, pid = _arun(scenario())
    assert content["status"] == "error" and content["ename"] == "KeyboardInterrupt"
    assert _gone(pid, within=10), f"kernel {pid} still running after shutdown"


def test_a_kernel_outlives_its_template_and_exits_with_its_owner(server, tmp_path):
    """A template killed (out of memory, say) takes no kernel with it; a kernel's owner going takes it down."""
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        forked = server.spawn([sys.executable, "-m", "ipykernel_launcher", "-f", str(tmp_path / "k.json")],
                              str(tmp_path), dict(os.environ), owner=owner.pid)
        time.sleep(1.0)
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        assert not _gone(forked.pid, within=3), "the kernel died with its template"
        owner.kill()
        owner.wait()
        assert _gone(forked.pid, within=10), f"kernel {forked.pid} outlived its owner"
    finally:
        owner.kill()
        forked_pid = locals().get("forked")
        if forked_pid is not None and not _gone(forked_pid.pid, within=0.1):
            os.kill(forked_pid.pid, signal.SIGKILL)


def test_a_dead_server_is_replaced_on_the_next_kernel(server, tmp_path):
    """If the server dies between notebooks, the next kernel comes from a new one."""
    old = server.process.pid
    server.close()

    async def scenario() -> str:
        km = await _kernel(tmp_path)
        try:
            return (await _run(km, "import os; print(os.getppid())"))["printed"].strip()
        finally:
            await km.shutdown_kernel(now=True)

    ppid = int(_arun(scenario()))
    assert ppid == ForkServer.shared().process.pid != old


def test_only_this_interpreters_ipython_kernel_is_forked():
    """Another interpreter or another kernel is launched the ordinary way."""
    assert forkable([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not forkable(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "c.json"])
    assert not forkable([sys.executable, "-m", "some_other_kernel", "-f", "c.json"])
    assert not forkable(["R", "--slave"])


def test_the_autograde_pipeline_is_nbgraders_with_one_step_swapped():
    """Every nbgrader autograde step is kept, in order; only Execute becomes ForkExecute."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    ours = autograde_preprocessors()
    assert len(ours) == len(default) and ours.count(ForkExecute) == 1 and Execute not in ours
    assert [o for o in ours if o is not ForkExecute] == [d for d in default if d is not Execute]


# An exercise whose tests look at the kernel they run in, graded by `coachlab grade autograde`.
PROBE_NOTEBOOK = nb_notebook(
    nb_cell("setup", "import os, sys\npreloaded = 'coachlab.checks' in sys.modules\nimport coachlab.checks as cc"),
    nb_cell("answer_name", "name = (\n### BEGIN SOLUTION\n\"someone\"\n### END SOLUTION\n)", solution=True),
    nb_cell("kernel_from_fork_server", "with open(f'/proc/{os.getppid()}/cmdline', 'rb') as f:\n"
            "    assert b'coachlab.kernels.forkserver' in f.read()\nassert preloaded", grade=True, points=1),
    nb_cell("nothing_from_other_learners", "seen = getattr(cc, 'seen_by', None)\ncc.seen_by = name\n"
            "assert seen is None, seen", grade=True, points=1),
)
PROBE_META = """title: {en: Kernel probe, zh-CN: 内核探测}
skills: [testing]
notebook: t-probe.ipynb
intro: {en: For the fork-server test., zh-CN: 用于预热内核测试。}
questions:
  - {name: name, cell: answer_name, skill: testing, type: text, prompt: {en: Name, zh-CN: 名字}}
"""


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc to find the kernel's parent")
def test_autograde_grades_in_forked_kernels_one_learner_per_process(tmp_path, monkeypatch):
    """`autograde` runs every notebook in a kernel forked from a warm server; no learner sees another's state."""
    from coachlab.grading.autograde import autograde
    from coachlab.grading.course import Course, run_nbgrader
    from coachlab.grading.submission import write_submission

    root = tmp_path / "course"
    probe = root / "exercises" / "t-probe"
    probe.mkdir(parents=True)
    (probe / "t-probe.ipynb").write_text(json.dumps(PROBE_NOTEBOOK), encoding="utf-8")
    (probe / "exercise.yaml").write_text(PROBE_META, encoding="utf-8")
    course = Course(root / "grader")
    course.root.mkdir()
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", course.root / "nbgrader_config.py")
    shutil.copytree(probe, course.root / "source" / "t-probe", ignore=shutil.ignore_patterns("*.yaml"))
    monkeypatch.setenv("COACHLAB_ROOT", str(root))
    monkeypatch.setenv("COACHLAB_GRADER", str(course.root))
    done = run_nbgrader(["generate_assignment", "t-probe", "--force"], course.root, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    learners = [f"learner{i}" for i in range(5)]
    for learner in learners:
        write_submission(course, learner, "t-probe", {"name": learner})

    outcomes = autograde(course, "t-probe", workers=2, timeout=30, progress=False)

    assert [(o.student, o.status, o.score, o.max_score) for o in outcomes] == [
        (learner, "ok", 2.0, 2.0) for learner in learners]
