"""Faults a workshop room meets, against a real `coachlab serve`: no kernel can take the server down or hang a page.

Each test kills or breaks something on a server of its own (never the shared one the other tests use).
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest

from coachlab.kernels.provisioner import ipc_folder
from coachlab.serve import CELL_ERROR_NOTICE

REPO = Path(__file__).resolve().parent.parent
ROLEPLAY = "/voila/render/roleplay.ipynb?scenario=bid-late-logins&lang=zh"
WIDGET = "application/vnd.jupyter.widget-view+json"


def fetch(url: str, *, timeout: float = 120, data: bytes | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Return the status, body and seconds of one request (an HTTP error is a status, not an exception)."""
    start = time.monotonic()
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), time.monotonic() - start
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), time.monotonic() - start


def kernel_id(page: str) -> str:
    """Return the kernel id Voila wrote into a rendered page."""
    found = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    assert found, "no kernel id in the page"
    return found.group(1)


def template_of(server) -> psutil.Process:  # noqa: ANN001 - tests.conftest.VoilaServer
    """Return the server's (live) kernel template process."""
    found = [p for p in psutil.Process(server.proc.pid).children()
             if p.status() != psutil.STATUS_ZOMBIE and "coachlab.kernels.forkserver" in " ".join(p.cmdline())]
    assert len(found) == 1, found
    return found[0]


def page_kernels(server) -> list[psutil.Process]:  # noqa: ANN001
    """Return the server's page kernel processes (forked by the template)."""
    return template_of(server).children()


def wait_until(condition, within: float, step: float = 0.25) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture(scope="module")
def room(start_voila):
    """A server of this module's own, with pools, as `make serve` starts it."""
    return start_voila(REPO)


def test_a_cross_site_request_cannot_shut_a_learners_kernel_down_but_the_page_itself_can(room):
    """The "page left" shutdown needs no XSRF token from this server's own pages, and refuses other sites."""
    status, page, _ = fetch(room.url + ROLEPLAY)
    assert status == 200 and WIDGET in page
    kernel = kernel_id(page)
    status, _, _ = fetch(f"{room.url}/voila/api/shutdown/{kernel}", data=b"",
                         headers={"Origin": "http://evil.example"})
    assert status in (403, 404)  # jupyter-server answers a cross-origin request as if nothing were there
    assert fetch(f"{room.url}/api/kernels/{kernel}")[0] == 200
    status, _, _ = fetch(f"{room.url}/voila/api/shutdown/{kernel}", data=b"", headers={"Origin": room.url})
    assert status == 204
    assert wait_until(lambda: fetch(f"{room.url}/api/kernels/{kernel}")[0] == 404, within=10)


def test_killed_kernels_are_never_handed_to_the_next_learner(room):
    """Every page kernel killed at once (as an out-of-memory killer would): the next pages open normally."""
    assert wait_until(lambda: len(page_kernels(room)) >= 5, within=120), "pools did not fill"
    victims = page_kernels(room)
    sockets = [Path(c.laddr) for v in victims for c in v.net_connections(kind="unix")
               if c.laddr and c.laddr.startswith(str(ipc_folder()))]  # each kernel's five Unix sockets
    assert len(sockets) >= 5 * len(victims) and all(path.exists() for path in sockets)
    for victim in victims:
        victim.kill()
    psutil.wait_procs(victims, timeout=10)
    for path in (ROLEPLAY, "/voila/render/index.ipynb?lang=en", ROLEPLAY):
        status, page, seconds = fetch(room.url + path, timeout=60)
        assert status == 200 and WIDGET in page and CELL_ERROR_NOTICE not in page, (path, seconds, room.log())
    assert "died, removing from map" in room.log(tail=None)
    # the dead kernels' sockets go with them, not at the next server restart
    assert wait_until(lambda: not [path for path in sockets if path.exists()], within=30), \
        [path.name for path in sockets if path.exists()]


def test_a_dead_template_is_replaced_on_the_next_page_open_and_running_kernels_survive_it(room):
    """The template killed: open pages keep their kernels; the next kernel comes from a new template."""
    status, page, _ = fetch(room.url + ROLEPLAY)
    assert status == 200
    open_kernel = kernel_id(page)
    old = template_of(room)
    old.kill()
    assert wait_until(lambda: not old.is_running() or old.status() == psutil.STATUS_ZOMBIE, within=10)
    assert fetch(f"{room.url}/api/kernels/{open_kernel}")[0] == 200
    # Pooled pages were forked already; a page without one in its pool forks now, from a new template.
    status, page, _ = fetch(room.url + "/voila/render/practice-pad.ipynb?lang=zh", timeout=120)
    status2, page2, _ = fetch(room.url + "/voila/render/practice-pad.ipynb?lang=en", timeout=120)
    assert status == status2 == 200 and WIDGET in page and WIDGET in page2, room.log()
    assert wait_until(lambda: template_of(room).pid != old.pid, within=60)
    assert fetch(f"{room.url}/api/kernels/{open_kernel}")[0] == 200


def test_sigterm_stops_the_server_its_template_and_every_kernel(room):
    """SIGTERM (what a service manager sends) ends the server and everything it started."""
    fetch(room.url + ROLEPLAY)
    family = [room.proc.pid, *(p.pid for p in psutil.Process(room.proc.pid).children(recursive=True))]
    assert len(family) >= 4
    os.kill(room.proc.pid, signal.SIGTERM)
    room.proc.wait(timeout=60)
    assert wait_until(lambda: not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"
                                      for pid in family), within=30), [p for p in family if psutil.pid_exists(p)]


def _notebook(path: Path, kernel: str, *sources: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def faulty(start_voila, tmp_path_factory):
    """A course with a page that takes a while and a page whose kernel dies as it starts (no pools)."""
    root = tmp_path_factory.mktemp("faulty-course")
    (root / "notebooks").mkdir()
    setup = "from coachlab.widgets import setup_page\nlang = setup_page()"
    _notebook(root / "notebooks" / "index.ipynb", "coachlab", setup, "print('quick page')")
    _notebook(root / "notebooks" / "slow.ipynb", "coachlab", setup, "import time\ntime.sleep(120)")
    _notebook(root / "notebooks" / "broken.ipynb", "coachlab-broken", "print('never shown')")
    kernels = root / "jupyter" / "kernels" / "coachlab-broken"
    kernels.mkdir(parents=True)
    # The kernel refuses its arguments and exits at once; forked like any course kernel.
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.connection_file=/nonexistent/k.json"],
        "display_name": "broken", "language": "python",
        "metadata": {"kernel_provisioner": {"provisioner_name": "coachlab-fork", "config": {"preload": []}}},
    }), encoding="utf-8")
    return start_voila(root, pool=False, env={"JUPYTER_PATH": str(root / "jupyter")})


def test_a_kernel_killed_while_its_page_waits_gives_the_notice_not_a_hang(faulty):
    """The page is still executing when its kernel is killed: the learner gets the reload notice in seconds."""
    result: dict = {}
    loader = threading.Thread(target=lambda: result.update(
        zip(("status", "page", "seconds"), fetch(faulty.url + "/voila/render/slow.ipynb", timeout=100))))
    before = {p.pid for p in psutil.Process(faulty.proc.pid).children(recursive=True)}
    loader.start()

    def new_kernel() -> list[psutil.Process]:
        return [p for p in psutil.Process(faulty.proc.pid).children(recursive=True)
                if p.pid not in before and "forkserver" in " ".join(p.cmdline()) and p.ppid() != faulty.proc.pid]

    assert wait_until(lambda: bool(new_kernel()), within=60), faulty.log()
    time.sleep(2)  # the page is now in its two-minute cell
    for kernel in new_kernel():
        kernel.kill()
    loader.join(60)
    assert not loader.is_alive(), "the page hung after its kernel died"
    assert result["status"] == 200 and CELL_ERROR_NOTICE in result["page"], result.get("page", "")[-2000:]


def test_a_page_whose_kernel_cannot_start_shows_the_notice_and_the_server_goes_on(faulty):
    """A kernel that dies as it starts: that page answers with the notice, and other pages still work."""
    status, page, seconds = fetch(faulty.url + "/voila/render/broken.ipynb", timeout=150)
    assert status == 200 and "coachlab-error" in page and "never shown" not in page, (seconds, faulty.log())
    status, page, _ = fetch(faulty.url + "/voila/render/index.ipynb", timeout=60)
    assert status == 200 and "quick page" in page
