"""Serve the course with Voila, configured for learners and for a room of them.

Learners never see code or tracebacks, idle kernels are culled, each cell has a time limit. Every page's kernel
is forked from one warm template process (coachlab/kernels/), which the server starts as it starts; pages also get
a preheated kernel (a pool per page), filled one page at a time in order of likely use, never all at once, so the
landing page answers at once after start-up. A page whose pool is empty forks its kernel on request.

A page left (tab closed, link followed) shuts its kernel down: Voila's beacon carries no XSRF token, so the
shutdown handler accepts a same-origin request instead. A kernel that dies is not restarted blank (nothing could
use it: the page it ran is gone); it leaves the pool, and the page tells the learner to reload.
"""

from __future__ import annotations

import asyncio
import functools
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets.config import Config
from voila.app import Voila
from voila.exporter import VoilaExporter
from voila.notebook_renderer import NotebookRenderer
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from coachlab.kernels import install as install_kernelspec
from coachlab.kernels.serving import warm_template

LANDING = "index.ipynb"
LANDING_POOL = 2
# Exercise forms are opened once per workshop and submitted; a kernel waiting for each of them
# is not worth its memory and start-up CPU. Every other page gets a preheated kernel.
# Voila matches these against each notebook's absolute path.
# Exercise forms (rarely opened together) and the facilitator guide (a facilitator's page) get no pool.
NOT_PREHEATED = (r".*/exercises/[^/]+\.ipynb$", r".*/facilitator-guide\.ipynb$")
CELL_TIMEOUT_S = 60
IOPUB_TIMEOUT_S = 30
# A page's first cell waits for the learner's request (``setup_page`` and the page functions built
# on it). A preheated kernel may wait there for hours, and a time limit would interrupt the wait and
# render the page without its ?lang= (then shut the kernel down): only the other cells are timed.
PAGE_ENTRIES = ("setup_page", "landing", "roleplay_page", "scenario_list_page", "practice_pad",
                "exercise_form", "dashboard")
_ENTRY_CALL = re.compile(r"\b(?:%s)\(" % "|".join(PAGE_ENTRIES))
CULL_IDLE_S = 30 * 60
# Pools are filled in this order (then every other page, Chinese lessons before English ones): the landing page
# first, since everyone opens it, then what a facilitator sends a room to.
FILL_ORDER = (LANDING, "roleplays.ipynb", "roleplay.ipynb", "practice-pad.ipynb", "my-work.ipynb")
POOL_FILL_TIMEOUT_S = 60.0
# How long a page waits for its kernel to answer before it shows the learner the reload notice instead.
KERNEL_START_TIMEOUT_S = 90.0
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


def fill_order(pages: dict[str, int]) -> list[str]:
    """Return the preheated pages in the order their pools are filled."""
    def rank(name: str) -> tuple[int, int, str]:
        first = FILL_ORDER.index(name) if name in FILL_ORDER else len(FILL_ORDER)
        return first, 0 if name.startswith("zh/") else 1, name
    return sorted(pages, key=rank)


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
        "VoilaExecutor": {
            "timeout": cell_timeout_s,
            "timeout_func": functools.partial(cell_timeout, limit=cell_timeout_s),
            "interrupt_on_timeout": True,
            # After a cell has run, nbclient waits this long for the rest of its output (by default 4 s). In a
            # busy room the server reads kernels' output late, and a page lost its widgets when the wait ran out.
            "iopub_timeout": IOPUB_TIMEOUT_S,
            "cell_error_instruction": CELL_ERROR_NOTICE,
            "cell_timeout_instruction": CELL_ERROR_NOTICE,
        },
        "VoilaConfiguration": {
            "strip_sources": True,
            "show_tracebacks": False,
            "http_header_envs": ["Cookie"],  # the kernel learns the name this browser signed in with (page.py)
            "preheat_kernel": pool,
            "default_pool_size": pool_size if pool else 0,
            "multi_kernel_manager_class": f"{__name__}.CourseKernelManager",
        },
        "MappingKernelManager": {
            "cull_idle_timeout": CULL_IDLE_S,
            "cull_interval": 60,
            "cull_connected": False,
        },
        # A dead page kernel is reported to the page, not restarted blank (see the module's docstring).
        "KernelRestarter": {"restart_limit": 0},
        # Pools start empty; CourseVoila fills them one page at a time with these sizes (pool_sizes()).
        "VoilaKernelManager": {
            "preheat_denylist": list(NOT_PREHEATED),
            "kernel_pools_config": {"default": {"pool_size": 0}},
        },
    })


def pool_sizes(*, pool: bool = True, pool_size: int = 1, landing_pool: int = LANDING_POOL) -> dict:
    """Return Voila's ``kernel_pools_config`` once the pools are being filled."""
    return {"default": {"pool_size": pool_size if pool else 0},
            LANDING: {"pool_size": landing_pool if pool else 0}}


class CourseKernelManager(AsyncMappingKernelManager):
    """jupyter-server's kernel manager, with dead kernels taken out of Voila's pools.

    Voila builds its pooling manager on top of this class (``multi_kernel_manager_class``). A pooled kernel that
    dies is noticed twice: by the restarter every few seconds, and at once when its page is asked for
    (``prune_dead``, called before Voila counts the pool), so no learner is handed a dead kernel.
    """

    def _pooled(self, name: str) -> list[tuple[object, str]]:
        found = []
        for task in list(getattr(self, "_pools", {}).get(name, [])):
            if task.done() and not task.cancelled() and task.exception() is None:
                found.append((task, task.result().get("kernel_id")))
        return found

    def _alive(self, kernel_id: str) -> bool:
        if kernel_id not in self:
            return False
        process = getattr(self.get_kernel(kernel_id).provisioner, "process", None)
        return process is not None and process.poll() is None

    def ready_pooled(self, name: str) -> list[object]:
        """Return the tasks of ``name``'s pool whose kernel is up and alive, oldest first."""
        return [task for task, kernel_id in self._pooled(name) if self._alive(kernel_id)]

    def prune_dead(self, name: str) -> None:
        """Drop the dead kernels, and kernels that failed to start, from ``name``'s pool (the pool refills)."""
        pool = getattr(self, "_pools", {}).get(name, [])
        for task in list(pool):
            if task.done() and (task.cancelled() or task.exception() is not None):
                pool.remove(task)
                self.log.warning("A pooled kernel of %s failed to start (%r); the pool refills.", name,
                                 None if task.cancelled() else task.exception())
                self.fill_if_needed(notebook_name=name)
        for task, kernel_id in self._pooled(name):
            if not self._alive(kernel_id):
                self._handle_kernel_died(kernel_id)

    def _handle_kernel_died(self, kernel_id: str) -> None:
        """Forget a kernel that died; a pooled one leaves its pool, which refills."""
        for name in list(getattr(self, "_pools", {})):
            for task, pooled in self._pooled(name):
                if pooled == kernel_id:
                    self._pools[name].remove(task)
                    self.log.warning("Pooled kernel %s of %s died; the pool refills.", kernel_id, name)
                    self.fill_if_needed(notebook_name=name)
        if kernel_id in self:
            manager = self.get_kernel(kernel_id)
            manager.cleanup_ipc_files()  # a killed kernel never removed its sockets; nobody else will
            manager.cleanup_connection_file()
            super()._handle_kernel_died(kernel_id)


class CourseShutdownHandler(VoilaShutdownKernelHandler):
    """Voila's "page left" shutdown, which its beacon sends without an XSRF token: same origin is required."""

    def check_xsrf_cookie(self) -> None:
        """Accept the beacon when it comes from a page of this server; anything else needs the token."""
        source = self.request.headers.get("Origin") or self.request.headers.get("Referer") or ""
        if source and urlsplit(source).netloc == self.request.host:
            return None
        if self.request.headers.get("Sec-Fetch-Site") == "same-origin":
            return None
        return super().check_xsrf_cookie()


class CourseVoila(Voila):
    """Voila serving the notebooks folder, with ``/`` opening on the landing page and pools filled in order."""

    pools: dict = {}  # kernel_pools_config to fill with (set by serve)

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        shutdown = url_path_join(self.server_url, r"/voila/api/shutdown/(.*)")
        handlers = [(pattern, CourseShutdownHandler, *rest) if pattern == shutdown else (pattern, handler, *rest)
                    for pattern, handler, *rest in handlers]
        target = url_path_join(self.server_url, "voila/render", LANDING)
        return [(self.server_url, RedirectHandler, {"url": target, "permanent": False}), *handlers]

    def init_settings(self) -> dict:
        settings = super().init_settings()
        km = self.kernel_manager
        if hasattr(km, "get_rendered_notebook") and hasattr(km, "prune_dead"):
            # Voila counts a pool's kernels that are still starting (a refill waits fill_delay first) as
            # available, so a burst of requests for one page queued behind the pool, one refill at a time: 30
            # learners opening a role-play together waited up to a second each in turn. Only a kernel that is
            # up counts; every other request forks its own kernel at once, in parallel.
            take = km.get_rendered_notebook

            def ready_pool_size(name: str) -> int:
                km.prune_dead(name)
                return len(km.ready_pooled(name))

            async def take_ready(notebook_name: str, **kwargs):  # noqa: ANN202 - Voila's tuple
                km.prune_dead(notebook_name)
                ready = km.ready_pooled(notebook_name)
                if ready:  # Voila takes the head of the pool: put a kernel that is up there
                    pool = km._pools[notebook_name]
                    pool.remove(ready[0])
                    pool.insert(0, ready[0])
                return await take(notebook_name, **kwargs)
            km.get_pool_size = ready_pool_size  # the handler counts, then takes, with no await in between
            km.get_rendered_notebook = take_ready
        pages = fill_order(preheated_pages(Path(self.root_dir))) if self.pools else []
        if pages:
            asyncio.get_event_loop().create_task(self._fill_pools(pages))
        return settings

    async def _fill_pools(self, pages: list[str]) -> None:
        """Fill each page's pool in turn, waiting for one page's kernels to be up before the next."""
        km = self.kernel_manager
        km.kernel_pools_config = self.pools
        for name in pages:
            km.fill_if_needed(delay=0, notebook_name=name)
            pending = [task for task in km._pools.get(name, []) if not task.done()]
            if pending:
                await asyncio.wait(pending, timeout=POOL_FILL_TIMEOUT_S)


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled page templates, kept in memory for the server's life.

    Voila builds a new Jinja environment for every page it renders, and each compiled the page templates again: a
    fifth of the server's CPU per page, all of it on the one event loop. A bucket's key covers the template's
    name and source checksum, so a changed template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_BYTECODE = TemplateBytecode()


def share_compiled_templates() -> None:
    """Give every Jinja environment Voila's exporter creates the server's one bytecode cache."""
    create = VoilaExporter._create_environment
    if getattr(create, "shares_bytecode", False):
        return

    @functools.wraps(create)
    def with_shared_bytecode(exporter: VoilaExporter) -> jinja2.Environment:
        environment = create(exporter)
        environment.bytecode_cache = TEMPLATE_BYTECODE
        return environment

    with_shared_bytecode.shares_bytecode = True  # type: ignore[attr-defined]
    VoilaExporter._create_environment = with_shared_bytecode


def kernel_failed_html() -> str:
    """Return what a page shows when its kernel could not start (the request's language is not known here)."""
    from coachlab.i18n import LANGS, error_box_html, t

    text = " ".join(t("error.friendly", lang) for lang in reversed(LANGS))
    return error_box_html(f'{html.escape(text)} <a href="#" onclick="location.reload();return false">'
                          f'{html.escape(" / ".join(t("error.reload", lang) for lang in reversed(LANGS)))}</a>')


def report_failed_kernel_starts() -> None:
    """Make a page whose kernel does not start (dies at once, or never answers) show the reload notice.

    Voila starts the kernel from inside the page template; when that raised, the half-sent page stayed open for
    good (the learner saw a spinner, the server kept sending heartbeats). Here the start has a time limit, a
    kernel that failed is stopped, and the page's cells are replaced by the notice.
    """
    start, cells = NotebookRenderer._jinja_kernel_start, NotebookRenderer._jinja_cell_generator
    if getattr(start, "reports_failure", False):
        return

    @functools.wraps(start)
    async def start_or_report(renderer: NotebookRenderer, nb, kernel_id, kernel_future):  # noqa: ANN001, ANN202
        try:
            return await asyncio.wait_for(start(renderer, nb, kernel_id, kernel_future), KERNEL_START_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - whatever it was, the learner gets the notice, the log the reason
            renderer.log.error("The kernel of %s did not start (%r); the page shows the reload notice.",
                               renderer.notebook_path, exc)
            renderer.kernel_failed = True
            try:
                km = await asyncio.wait_for(asyncio.ensure_future(kernel_future), 5)
                if km.has_kernel:
                    await km.provisioner.kill()  # the restarter then reports it dead and it leaves the server
            except Exception:  # noqa: BLE001, S110 - already gone
                pass
            return kernel_id

    @functools.wraps(cells)
    async def cells_or_notice(renderer: NotebookRenderer, nb, kernel_id):  # noqa: ANN001, ANN202
        if getattr(renderer, "kernel_failed", False):
            import nbformat

            notice = nbformat.v4.new_code_cell()
            notice.outputs = [nbformat.v4.new_output("display_data", data={"text/html": kernel_failed_html()})]
            yield notice
            return
        async for cell in cells(renderer, nb, kernel_id):
            yield cell

    start_or_report.reports_failure = True  # type: ignore[attr-defined]
    NotebookRenderer._jinja_kernel_start = start_or_report
    NotebookRenderer._jinja_cell_generator = cells_or_notice


def serve(root: Path, *, port: int = 8866, ip: str = "127.0.0.1", pool: bool = True,
          open_browser: bool = False, cell_timeout_s: int = CELL_TIMEOUT_S) -> None:
    """Run Voila on ``root``/notebooks until interrupted."""
    install_kernelspec()
    warm_template()
    share_compiled_templates()
    report_failed_kernel_starts()
    app = CourseVoila(config=voila_config(pool=pool, cell_timeout_s=cell_timeout_s))
    from coachlab.logfilters import install as quiet_known_warnings

    quiet_known_warnings(app.log.name)
    app.pools = pool_sizes() if pool else {}
    argv = [str(root / "notebooks"), f"--port={port}", f"--Voila.ip={ip}", "--Voila.port_retries=0",
            "--no-browser" if not open_browser else "--Voila.open_browser=True"]
    app.initialize(argv)
    app.start()
