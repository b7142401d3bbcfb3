"""Serve the course with Voila, configured for learners.

Learners never see code or tracebacks, idle kernels are culled, each cell has a time limit, and
kernels are started ahead of the first visit (a pool per page) so that a lesson opens fast.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from tornado.web import RedirectHandler
from traitlets.config import Config
from voila.app import Voila
from jupyter_server.utils import url_path_join

LANDING = "index.ipynb"
LANDING_POOL = 2
# Exercise forms are opened once per workshop and submitted; a kernel waiting for each of them
# is not worth its memory and start-up CPU. Every other page gets a preheated kernel.
# Voila matches these against each notebook's absolute path.
NOT_PREHEATED = (r".*/exercises/[^/]+\.ipynb$",)
CELL_TIMEOUT_S = 60
# A page's first cell waits for the learner's request (``setup_page`` and the page functions built
# on it). A preheated kernel may wait there for hours, and a time limit would interrupt the wait and
# render the page without its ?lang= (then shut the kernel down): only the other cells are timed.
PAGE_ENTRIES = ("setup_page", "landing", "roleplay_page", "scenario_list_page", "practice_pad",
                "exercise_form", "dashboard")
_ENTRY_CALL = re.compile(r"\b(?:%s)\(" % "|".join(PAGE_ENTRIES))
CULL_IDLE_S = 30 * 60
# Shown by Voila itself only when a page fails before coachlab's own friendly handler is in place.
CELL_ERROR_NOTICE = "Please reload the page or tell your facilitator. 请刷新页面，或告诉培训师。"


def preheated_pages(notebooks: Path, pool: bool = True) -> dict[str, int]:
    """Return the pages (relative to ``notebooks``) that get preheated kernels, with the pool size."""
    if not pool:
        return {}
    pages = {}
    for path in sorted(notebooks.rglob("*.ipynb")):
        name = path.relative_to(notebooks).as_posix()
        if ".ipynb_checkpoints" not in name and not any(re.match(rx, path.as_posix()) for rx in NOT_PREHEATED):
            pages[name] = LANDING_POOL if name == LANDING else 1
    return pages


def waits_for_request(cell: dict) -> bool:
    """Return True for a cell that calls a page entry, which waits for the page request."""
    return cell.get("cell_type") == "code" and bool(_ENTRY_CALL.search(cell.get("source", "")))


def cell_timeout(cell: dict, limit: int = CELL_TIMEOUT_S) -> int | None:
    """Return a cell's time limit in seconds: none for the cell that waits for the page request."""
    return None if waits_for_request(cell) else limit


def voila_config(*, pool: bool = True, pool_size: int = 1, landing_pool: int = LANDING_POOL,
                 cell_timeout_s: int = CELL_TIMEOUT_S) -> Config:
    """Return the learner-facing Voila configuration.

    Pooled kernels run a page before anyone asks for it; pages wait for the request's query
    string (``voila.utils.get_query_string``), so ``?lang=`` still reaches them.
    """
    return Config({
        "VoilaConfiguration": {
            "strip_sources": True,
            "show_tracebacks": False,
            "preheat_kernel": pool,
            "default_pool_size": pool_size if pool else 0,
        },
        "VoilaExecutor": {
            "timeout": cell_timeout_s,
            "timeout_func": functools.partial(cell_timeout, limit=cell_timeout_s),
            "interrupt_on_timeout": True,
            "cell_error_instruction": CELL_ERROR_NOTICE,
            "cell_timeout_instruction": CELL_ERROR_NOTICE,
        },
        "MappingKernelManager": {
            "cull_idle_timeout": CULL_IDLE_S,
            "cull_interval": 60,
            "cull_connected": False,
        },
        "VoilaKernelManager": {
            "preheat_denylist": list(NOT_PREHEATED),
            "kernel_pools_config": {
                "default": {"pool_size": pool_size if pool else 0},
                LANDING: {"pool_size": landing_pool if pool else 0},
            },
        },
    })


class CourseVoila(Voila):
    """Voila serving the notebooks folder, with ``/`` opening on the landing page."""

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        target = url_path_join(self.server_url, "voila/render", LANDING)
        return [(self.server_url, RedirectHandler, {"url": target, "permanent": False}), *handlers]


def serve(root: Path, *, port: int = 8866, ip: str = "127.0.0.1", pool: bool = True,
          open_browser: bool = False, cell_timeout_s: int = CELL_TIMEOUT_S) -> None:
    """Run Voila on ``root``/notebooks until interrupted."""
    app = CourseVoila(config=voila_config(pool=pool, cell_timeout_s=cell_timeout_s))
    argv = [str(root / "notebooks"), f"--port={port}", f"--Voila.ip={ip}",
            "--no-browser" if not open_browser else "--Voila.open_browser=True"]
    app.initialize(argv)
    app.start()
