"""The ``coachlab`` kernel: forked from a warm template, on Unix sockets, with widgets and plots working."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory

from coachlab.kernels import KERNEL_NAME, PAGE_PRELOAD, install
from coachlab.kernels.forkserver import ForkServer, forkable
from coachlab.kernels.kernelspec import PROVISIONER, spec
from coachlab.kernels.provisioner import ForkProvisioner
from coachlab.serve import LANDING, fill_order, preheated_pages

REPO = Path(__file__).resolve().parent.parent


def _arun(coro):  # noqa: ANN001, ANN202 - any coroutine, its result
    """Run ``coro`` in a thread of its own (Playwright keeps an event loop running in the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_the_kernelspec_names_the_fork_provisioner_and_is_installed_in_this_environment(tmp_path):
    """`coachlab` is this interpreter's IPython kernel, provisioned by coachlab-fork; the install step wrote it."""
    kernel = spec()
    assert forkable(kernel["argv"][:5]) and "{connection_file}" in kernel["argv"]
    assert kernel["metadata"]["kernel_provisioner"]["provisioner_name"] == PROVISIONER
    assert KernelProvisionerFactory.instance()._check_availability(PROVISIONER)
    folder = install(tmp_path)
    assert json.loads((folder / "kernel.json").read_text(encoding="utf-8")) == kernel
    installed = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    assert installed.argv == kernel["argv"] and installed.metadata == kernel["metadata"]


def test_every_course_page_names_the_coachlab_kernel():
    """Voila pages and the dashboard start their kernels through the template (not a cold python3)."""
    pages = sorted((REPO / "notebooks").rglob("*.ipynb")) + [REPO / "grader" / "dashboard.ipynb"]
    assert len(pages) > 20
    wrong = [str(p.relative_to(REPO)) for p in pages
             if json.loads(p.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"] != KERNEL_NAME]
    assert wrong == []


def test_pools_fill_landing_first_then_chinese_lessons_before_english():
    """The page everyone opens first is preheated first; the default language's lessons before the other's."""
    order = fill_order(preheated_pages(REPO / "notebooks"))
    assert order[0] == LANDING and order[1:5] == ["roleplays.ipynb", "roleplay.ipynb", "practice-pad.ipynb",
                                                  "my-work.ipynb"]
    assert "facilitator-guide.ipynb" not in order  # a facilitator's page: started when opened
    lessons = order[5:]
    assert lessons and all(name.startswith(("zh/", "en/")) for name in lessons)
    assert max(i for i, name in enumerate(lessons) if name.startswith("zh/")) < \
        min(i for i, name in enumerate(lessons) if name.startswith("en/"))


PROBE = r"""
import os, sys, stat
import ipywidgets as w
from IPython import get_ipython
from IPython.display import display
targets = sorted(get_ipython().kernel.comm_manager.targets)
slider = w.IntSlider(value=3)
display(slider)
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], [2, 1, 3]); plt.show()
print(json.dumps({"ppid": os.getppid(), "pid": os.getpid(), "targets": targets,
                  "preloaded": [m for m in ("coachlab.widgets", "ipywidgets") if m in sys.modules],
                  "backend": __import__("matplotlib").get_backend(), "model": slider.model_id}))
"""


def test_a_page_kernel_is_forked_on_private_unix_sockets_and_its_widgets_and_plots_reach_the_page():
    """The kernel comes from the template, listens on Unix sockets in a folder only we can enter, has the
    ipywidgets comm targets registered (imported before the kernel existed), and sends widgets and plots."""

    async def scenario() -> tuple[dict, list[dict], dict, int]:
        km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        await km.start_kernel()
        try:
            connection = dict(km.get_connection_info())
            assert isinstance(km.provisioner, ForkProvisioner)
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=120)
            outputs: list[dict] = []
            reply = await kc.execute_interactive("import json\n" + PROBE, timeout=120,
                                                 output_hook=lambda msg: outputs.append(msg))
            kc.stop_channels()
            template = ForkServer.shared(list(PAGE_PRELOAD)).process.pid
            return reply["content"], outputs, connection, template
        finally:
            await km.shutdown_kernel(now=True)

    reply, outputs, connection, template = _arun(scenario())
    assert reply["status"] == "ok", reply
    printed = json.loads("".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream"))
    assert printed["ppid"] == template and printed["pid"] != template
    assert printed["preloaded"] == ["coachlab.widgets", "ipywidgets"]
    assert {"jupyter.widget", "jupyter.widget.control"} <= set(printed["targets"])
    opened = [m for m in outputs if m["msg_type"] == "comm_open"]
    assert any(m["content"]["comm_id"] == printed["model"] for m in opened)
    shown = [m["content"]["data"] for m in outputs if m["msg_type"] == "display_data"]
    assert any("application/vnd.jupyter.widget-view+json" in data for data in shown)
    assert any("image/png" in data for data in shown), "the inline matplotlib backend drew nothing"
    assert "inline" in printed["backend"]
    assert connection["transport"] == "ipc"
    folder = Path(connection["ip"]).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()
    assert len(f"{connection['ip']}-{connection['shell_port']}") < 100  # a Unix socket address is at most 107


@pytest.mark.skipif(sys.platform != "linux", reason="pidfd and fork are Linux facts")
def test_two_page_kernels_share_nothing_they_wrote():
    """Module state set in one forked page kernel is not seen by the next (each is its own process)."""

    async def run(code: str) -> str:
        km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        await km.start_kernel()
        try:
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=120)
            out: list[str] = []
            await kc.execute_interactive(code, timeout=60, output_hook=lambda m: out.append(
                m["content"].get("text", "")))
            kc.stop_channels()
            return "".join(out).strip()
        finally:
            await km.shutdown_kernel(now=True)

    code = ("import coachlab.widgets.page as p\nprint(getattr(p, 'learner_seen', None))\n"
            "p.learner_seen = 'alice'")
    assert _arun(run(code)) == "None"
    assert _arun(run(code)) == "None"


def test_a_kernels_exit_is_seen_with_more_than_a_thousand_descriptors_open():
    """A busy server holds descriptors above select()'s limit of 1024; a kernel's pidfd there still works."""
    import resource
    import subprocess

    from coachlab.kernels.forkserver import ForkedProcess

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.fail(f"this machine allows only {hard} open files; a room's server needs more")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
        forked = ForkedProcess(child.pid)
        assert forked.pidfd is not None and forked.pidfd > 1024
        assert forked.poll() is None
        child.wait()
        assert forked.wait(timeout=10) == 0
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_kernels_sockets_go_to_one_private_folder_even_when_the_shared_one_is_open(tmp_path, monkeypatch):
    """A /tmp/coachlab-ipc-<uid> that others can enter is never used, and the fallback is made once, not per kernel."""
    import os
    import stat

    from coachlab.kernels import provisioner

    monkeypatch.setattr(provisioner.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(provisioner, "_private_fallback", None)
    assert provisioner.ipc_folder() == tmp_path / f"coachlab-ipc-{os.getuid()}"  # private: used as it is
    (tmp_path / f"coachlab-ipc-{os.getuid()}").chmod(0o777)
    first, second = provisioner.ipc_folder(), provisioner.ipc_folder()
    assert first == second != tmp_path / f"coachlab-ipc-{os.getuid()}"
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    assert len(list(tmp_path.glob("coachlab-ipc-*"))) == 2


def test_a_template_busy_forking_still_imports_its_background_modules_within_the_wait_limit(tmp_path):
    """Pages opening every 0.1 s leave no quiet moment; the background imports (the checks, in the course) must
    not wait for one forever, or every kernel of a busy room imports them itself."""
    import json
    import subprocess
    import sys
    import time

    from coachlab.kernels import forkserver

    marker = tmp_path / "imported"
    (tmp_path / "cl_background_probe.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    template = subprocess.Popen([sys.executable, "-m", "coachlab.kernels.forkserver", "json", "--",
                                 "cl_background_probe"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(tmp_path)})
    try:
        assert json.loads(template.stdout.readline())["ready"]
        deadline = time.monotonic() + forkserver.MAX_WAIT_S + 20
        while not marker.exists() and time.monotonic() < deadline:
            template.stdin.write(b'{"hello": true}\n')  # a request: never quiet for QUIET_S
            template.stdin.flush()
            assert json.loads(template.stdout.readline())["ready"]
            time.sleep(forkserver.QUIET_S / 5)
        assert marker.exists(), "the background module was never imported while requests kept coming"
    finally:
        template.stdin.close()
        template.wait(timeout=30)
