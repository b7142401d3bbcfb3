"""A workshop room at once: many learners open a role-play, play it in Chromium, open and leave pages.

Starts a real ``coachlab serve`` on a free loopback port with its own COACHLAB_DATA (or measures a
running one with ``--url``), then runs three phases and prints one JSON object:

- http: N learners open the role-play page within ``--spread`` seconds over plain HTTP (no browser).
  A page counts as rendered when Voila's HTML stream is complete and the page's widget state, asked
  from its kernel over the kernel websocket as the browser's widget manager does, holds the persona
  card (Voila sends widget state to the browser that way, never inside the HTML).
- browser: M learners in headless Chromium, one browser context each, type their name and play the
  scenario's best test-plan path to the debrief; every click/submit is timed until the next line shows.
- leave: K learners each open and leave ten pages (following a link away or closing the tab, which
  fires the page's beforeunload like a real tab), then the server's live kernel processes are counted.

Memory is read with psutil (USS/PSS, so shared pages of forked kernels are not counted twice) over
every descendant process of the server. A memory guard stops a phase before the shared machine runs
out of memory (kernels that are never freed pile up) and says so in the JSON. Nothing here raises on
a slow or failed load: each is recorded.

    .venv/bin/python benchmarks/load.py [--http 30] [--browser 10] [--leave 30] [--out load.json]
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8866 [--pid PID] [--data DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote
from typing import Any

import psutil
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402  (the flags the browser tests use)

MB = 1024 * 1024
# Ten different pages a learner opens and leaves in the leave phase (lessons, lists, role-plays).
LEAVE_PAGES = (
    "index.ipynb?lang=zh",
    "zh/00-first-line-manager.ipynb?lang=zh",
    "roleplays.ipynb?lang=zh",
    "roleplay.ipynb?scenario=bid-late-logins&lang=zh",
    "zh/05-communication-feedback.ipynb?lang=zh",
    "roleplay.ipynb?scenario=grow-delegation&lang=zh",
    "en/03-goals-smart.ipynb?lang=en",
    "roleplay.ipynb?scenario=bia-angry-customer&lang=en",
    "zh/06-coaching-grow.ipynb?lang=zh",
    "practice-pad.ipynb?lang=zh",
)
# A page is live once the browser shows its first widget (Voila draws widgets only from the state the
# kernel sends); a page that failed shows coachlab's friendly error, itself a widget.
PAGE_LIVE = ".jupyter-widgets"
# What Voila shows instead when a cell or the kernel failed (no widget will ever come).
PAGE_FAILED = ('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
               '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
DEFINITIONS = {
    "rendered_s (http)": "request sent -> Voila's HTML stream complete and the page's widget state (with the "
                         "persona card) received from its kernel over the kernel websocket",
    "html_s": "request sent -> last byte of Voila's HTML stream",
    "rendered_s (browser)": "navigation -> persona card visible in Chromium",
    "first_answered_turn_s": "navigation -> the persona's first line visible after the learner clicked Start",
    "turn_s": "click or submit (Start included) -> the next turn or the debrief visible",
    "kernel_processes": "every live descendant process of the server (kernels, fork templates, forks)",
    "uss_per_kernel_process_mb": "summed USS of the server's descendants / their number",
    "uss_per_open_page_mb": "summed USS of the server's descendants / pages opened and not left",
    "leave_frees_kernels": "live descendants 15 s after the leave phase minus before it, at most one per learner",
}
TARGETS = {
    "http_p95_rendered_s": 5.0,
    "browser_p95_turn_s": 1.0,
    "first_landing_after_start_s": 3.0,
    "uss_per_idle_kernel_mb": 40.0,
}


# --- small helpers ---------------------------------------------------------------------------
def percentiles(values: list[float]) -> dict[str, Any]:
    """Return n, p50, p95 and max (nearest rank) of ``values``; None figures when there are none."""
    ordered = sorted(values)
    if not ordered:
        return {"n": 0, "p50": None, "p95": None, "max": None}

    def rank(p: float) -> float:
        return round(ordered[max(0, math.ceil(p * len(ordered)) - 1)], 3)
    return {"n": len(ordered), "p50": rank(0.50), "p95": rank(0.95), "max": round(ordered[-1], 3)}


def short(error: BaseException | str, limit: int = 160) -> str:
    """Return a one-line description of an error for the JSON."""
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())[:limit]


def arrivals(count: int, spread: float, rng: random.Random) -> list[float]:
    """Return ``count`` seeded start offsets spread over ``spread`` seconds."""
    return sorted(rng.uniform(0, spread) for _ in range(count))


def loadavg() -> list[float]:
    """Return the 1, 5 and 15 minute load averages of the machine (it is shared)."""
    return [round(v, 2) for v in os.getloadavg()]


# --- the server --------------------------------------------------------------------------------
class Server:
    """A ``coachlab serve`` we started, or one already running (``--url``) that we only watch."""

    def __init__(self, url: str, pid: int | None, data: Path | None, proc: subprocess.Popen | None = None,
                 log_path: Path | None = None):
        self.url, self.pid, self.data, self.proc, self.log_path = url.rstrip("/"), pid, data, proc, log_path

    @classmethod
    def start(cls, tmp: Path, root: Path = REPO) -> "Server":
        """Start ``coachlab serve`` of the course at ``root`` on a free loopback port with a fresh COACHLAB_DATA.

        Another checkout's code is imported first (PYTHONPATH), by the server and by its kernels, so an
        older commit can be measured with this benchmark (``git archive REV | tar -x -C DIR``).
        """
        port, data = free_port(), tmp / "data"
        data.mkdir(parents=True)
        env = {**os.environ, "COACHLAB_ROOT": str(root), "COACHLAB_DATA": str(data)}
        if root.resolve() != REPO:
            env["PYTHONPATH"] = os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])])
        env.pop("COACHLAB_LANG", None)  # each request's ?lang= decides
        log_path = tmp / "server.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([sys.executable, "-m", "coachlab.cli", "serve", "--port", str(port)],
                                    cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        return cls(f"http://127.0.0.1:{port}", proc.pid, data, proc, log_path)

    @classmethod
    def attach(cls, url: str, pid: int | None, data: Path | None) -> "Server":
        """Watch a running server: find its process by the port it listens on, its data by its env."""
        port = int(re.search(r":(\d+)", url.split("//", 1)[-1]).group(1)) if ":" in url.split("//", 1)[-1] else 80
        if pid is None:
            try:
                pid = next((c.pid for c in psutil.net_connections("tcp")
                            if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid), None)
            except psutil.AccessDenied:
                pid = None
        if data is None and pid is not None:
            try:
                environ = psutil.Process(pid).environ()
                data = Path(environ.get("COACHLAB_DATA") or Path(
                    environ.get("XDG_DATA_HOME") or Path(environ.get("HOME", "~")) / ".local" / "share") / "coachlab")
            except (psutil.Error, OSError):
                data = None
        return cls(url, pid, data)

    def wait_listening(self, timeout: float) -> float | None:
        """Return the seconds until the server's port accepts a connection (None: it never did)."""
        host, port = "127.0.0.1", int(self.url.rsplit(":", 1)[1])
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc is not None and self.proc.poll() is not None:
                return None
            try:
                with socket.create_connection((host, port), timeout=1):
                    return time.perf_counter() - start
            except OSError:
                time.sleep(0.1)
        return None

    def process(self) -> psutil.Process | None:
        try:
            return psutil.Process(self.pid) if self.pid else None
        except psutil.Error:
            return None

    def descendants(self) -> list[psutil.Process]:
        """Return every live descendant of the server (kernels, a fork template, its forks…)."""
        proc = self.process()
        if proc is None:
            return []
        try:
            return [p for p in proc.children(recursive=True) if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        except psutil.Error:
            return []

    def log_counts(self) -> dict[str, int] | None:
        """Count what the server log says about refused shutdowns, tracebacks and port races."""
        if self.log_path is None or not self.log_path.exists():
            return None
        text = self.log_path.read_text(errors="replace")
        return {
            "shutdown_refused_403": len(re.findall(r"403 POST /voila/api/shutdown", text)),
            "shutdown_ok": len(re.findall(r" 204 POST /voila/api/shutdown", text)),
            "tracebacks": text.count("Traceback (most recent call last)"),
            "zmq_address_in_use": text.count("Address already in use"),
            "kernel_died": len(re.findall(r"(?i)kernel \S+ (?:died|restarted)", text)),
        }

    def stop(self) -> dict[str, Any]:
        """Stop a server we started (SIGTERM, then SIGKILL) and its kernels; say how it went."""
        if self.proc is None:
            return {"stopped_by_us": False}
        kernels = self.descendants()
        result: dict[str, Any] = {"stopped_by_us": True}
        start = time.perf_counter()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
                result["sigterm_stopped_server"] = True
            except subprocess.TimeoutExpired:
                result["sigterm_stopped_server"] = False
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        result["stop_s"] = round(time.perf_counter() - start, 2)
        # Kernels in their own session outlive a killed process group: those are the server's to stop.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in kernels):
            time.sleep(0.25)
        left = [p for p in kernels if _alive(p)]
        result["kernel_processes_left_after_stop"] = len(left)
        for p in left:  # ours: started by the server we started
            try:
                p.kill()
            except psutil.Error:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        return result


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def process_kind(p: psutil.Process) -> str:
    """Name what a server descendant is, from its command line."""
    try:
        cmd = p.cmdline()
    except psutil.Error:
        return "gone"
    line = " ".join(cmd)
    if "ipykernel" in line:
        return "ipykernel"
    if "-m" in cmd and cmd.index("-m") + 1 < len(cmd):
        return cmd[cmd.index("-m") + 1]
    return Path(cmd[0]).name if cmd else p.name()


def count_kernels(server: Server) -> int:
    """Return how many processes below the server are alive now (kernels and their helpers)."""
    return len(server.descendants())


def memory_snapshot(server: Server, open_pages: int | None) -> dict[str, Any]:
    """Return server RSS and USS/PSS/RSS summed per kind over every descendant of the server."""
    snap: dict[str, Any] = {"open_pages": open_pages}
    proc = server.process()
    if proc is None:
        snap["error"] = "server process not found (pass --pid)"
        return snap
    try:
        info = proc.memory_full_info()
        snap["server_rss_mb"], snap["server_uss_mb"] = round(info.rss / MB, 1), round(info.uss / MB, 1)
    except psutil.Error as error:
        snap["error"] = short(error)
        return snap
    kinds: dict[str, dict[str, float]] = {}
    total = {"count": 0, "uss_mb": 0.0, "pss_mb": 0.0, "rss_mb": 0.0}
    procs = server.descendants()
    names = {p.pid: process_kind(p) for p in procs}
    parents = {}
    for p in procs:
        try:
            parents[p.pid] = p.ppid()
        except psutil.Error:
            pass
    for p in procs:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        name = names[p.pid]
        # Forks share their template's command line: tell the template (a parent of its own kind) apart.
        if any(parent == p.pid and names.get(child) == name for child, parent in parents.items()):
            name += " (template)"
        elif names.get(parents.get(p.pid)) == name:
            name += " (fork)"
        kind = kinds.setdefault(name, {"count": 0, "uss_mb": 0.0, "pss_mb": 0.0, "rss_mb": 0.0})
        for bucket in (kind, total):
            bucket["count"] += 1
            bucket["uss_mb"] += info.uss / MB
            bucket["pss_mb"] += getattr(info, "pss", 0) / MB
            bucket["rss_mb"] += info.rss / MB
    round_all = lambda d: {k: (round(v, 1) if isinstance(v, float) else v) for k, v in d.items()}  # noqa: E731
    snap["kernel_processes"] = round_all(total)
    snap["by_kind"] = {name: round_all(v) for name, v in kinds.items()}
    if total["count"]:
        snap["uss_per_kernel_process_mb"] = round(total["uss_mb"] / total["count"], 1)
    if open_pages:
        snap["uss_per_open_page_mb"] = round(total["uss_mb"] / open_pages, 1)
        snap["pss_per_open_page_mb"] = round(total["pss_mb"] / open_pages, 1)
    vm = psutil.virtual_memory()
    snap["machine_available_mb"] = round(vm.available / MB)
    return snap


class Sampler(threading.Thread):
    """Sample the server's RSS and its descendants every second; keep the peaks."""

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server, self.stop_event = server, threading.Event()
        self.peak = {"server_rss_mb": 0.0, "kernel_processes": 0, "tree_rss_mb": 0.0}

    def run(self) -> None:
        while not self.stop_event.wait(1.0):
            proc = self.server.process()
            if proc is None:
                continue
            try:
                server_rss = proc.memory_info().rss / MB
            except psutil.Error:
                continue
            kids = self.server.descendants()
            tree = server_rss
            for p in kids:
                try:
                    tree += p.memory_info().rss / MB
                except psutil.Error:
                    pass
            self.peak["server_rss_mb"] = round(max(self.peak["server_rss_mb"], server_rss), 1)
            self.peak["kernel_processes"] = max(self.peak["kernel_processes"], len(kids))
            self.peak["tree_rss_mb"] = round(max(self.peak["tree_rss_mb"], tree), 1)


class Guard:
    """Stop opening pages before the shared machine runs out of memory or the kernels run away."""

    def __init__(self, server: Server, min_free_mb: int, max_kernels: int, max_failures: int):
        self.server, self.min_free_mb, self.max_kernels = server, min_free_mb, max_kernels
        self.max_failures, self.failures = max_failures, 0
        self.tripped: str | None = None

    def failed(self) -> None:
        """Count a failed page load (many in a row mean the server is broken: stop waiting on it)."""
        self.failures += 1

    def check(self) -> bool:
        """Return True while it is safe and useful to open another page."""
        if self.tripped:
            return False
        available = psutil.virtual_memory().available / MB
        kernels = count_kernels(self.server)
        if self.server.pid is not None and self.server.process() is None:
            self.tripped = "the server process is gone"
        elif self.failures >= self.max_failures:
            self.tripped = f"{self.failures} page loads failed"
        elif available < self.min_free_mb:
            self.tripped = f"machine memory available {available:.0f} MB < {self.min_free_mb} MB"
        elif kernels > self.max_kernels:
            self.tripped = f"{kernels} live kernel processes > {self.max_kernels}"
        return self.tripped is None


async def wait_quiet(server: Server, max_wait: float, cpu_percent: float = 25.0) -> float:
    """Wait until the server and its kernels use little CPU for 3 s (pool filling done); return seconds."""
    start = time.perf_counter()
    quiet = 0
    last: dict[int, float] = {}
    while time.perf_counter() - start < max_wait:
        procs = [p for p in [server.process(), *server.descendants()] if p is not None]
        used = 0.0
        now: dict[int, float] = {}
        for p in procs:
            try:
                cpu = p.cpu_times()
                now[p.pid] = cpu.user + cpu.system
            except psutil.Error:
                continue
            used += now[p.pid] - last.get(p.pid, now[p.pid])
        busy = bool(last) and used * 100 > cpu_percent
        quiet = 0 if busy or not last else quiet + 1
        last = now
        if quiet >= 3:
            break
        await asyncio.sleep(1.0)
    return round(time.perf_counter() - start, 1)


# --- plain HTTP: Voila's HTML stream, then the widget state from the kernel --------------------
def _ws_decode(frame: str | bytes) -> dict[str, Any]:
    """Decode a kernel websocket message (text JSON, or Jupyter's binary frame with buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


def _shell(msg_type: str, content: dict[str, Any], session: str, metadata: dict[str, Any] | None = None) -> str:
    header = {"msg_id": uuid.uuid4().hex, "username": "load", "session": session, "msg_type": msg_type,
              "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
                       "channel": "shell", "buffers": []})


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


async def widget_state(base: str, kernel_id: str, timeout: float) -> dict[str, Any]:
    """Ask a page's kernel for its widget state as ipywidgets' manager does; return every model state.

    Like the browser's kernel connection, first wait for the kernel_info reply (messages sent before it
    may reach the kernel out of order), then open the control comm and request the states; ask again
    every few seconds until the reply comes or the time is up.
    """
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={session}"
    deadline = time.monotonic() + timeout
    conn = await asyncio.wait_for(websocket_connect(ws_url), timeout)
    try:
        await conn.write_message(_shell("kernel_info_request", {}, session))
        ready, asked = False, -math.inf
        while True:
            if ready and time.monotonic() - asked > 5:
                comm_id = uuid.uuid4().hex
                await conn.write_message(_shell("comm_open", {"comm_id": comm_id, "data": {},
                                                              "target_name": "jupyter.widget.control"},
                                                session, {"version": "1.0.0"}))  # ipywidgets 8's control protocol
                await conn.write_message(_shell("comm_msg", {"comm_id": comm_id,
                                                             "data": {"method": "request_states"}}, session))
                asked = time.monotonic()
            wait = min(deadline - time.monotonic(), 5.0)
            if wait <= 0:
                raise asyncio.TimeoutError()
            try:
                frame = await asyncio.wait_for(conn.read_message(), wait)
            except asyncio.TimeoutError:
                ready = True  # no kernel_info reply in 5 s: ask for the states anyway
                continue
            if frame is None:
                raise ConnectionError("kernel websocket closed before the widget state came")
            msg = _ws_decode(frame)
            if msg.get("msg_type") == "kernel_info_reply":
                ready = True
            data = msg.get("content", {}).get("data", {})
            if msg.get("msg_type") == "comm_msg" and isinstance(data, dict) and data.get("method") == "update_states":
                return data.get("states", {})
    finally:
        conn.close()


async def open_over_http(client, base: str, path: str, offset: float, timeout: float,
                         expect: str = "coachlab-persona") -> dict[str, Any]:
    """Open one page over HTTP at ``offset`` seconds; time the HTML stream and the widget state."""
    from tornado.httpclient import HTTPRequest

    await asyncio.sleep(offset)
    record: dict[str, Any] = {"offset_s": round(offset, 2), "ok": False}
    chunks: list[bytes] = []
    first: list[float] = []
    start = time.perf_counter()

    def on_chunk(chunk: bytes) -> None:
        if not first:
            first.append(time.perf_counter())
        chunks.append(chunk)

    request = HTTPRequest(f"{base}/voila/render/{path}", streaming_callback=on_chunk,
                          connect_timeout=timeout, request_timeout=timeout)
    try:
        response = await client.fetch(request, raise_error=False)
    except Exception as error:  # a timeout or a refused connection is a failed load, not a crash
        record["error"] = "timeout" if "timeout" in str(error).lower() or "599" in str(error) else short(error)
        record["html_s"] = round(time.perf_counter() - start, 3)
        return record
    record["html_s"] = round(time.perf_counter() - start, 3)
    if first:
        record["first_byte_s"] = round(first[0] - start, 3)
    record["status"] = response.code
    html = b"".join(chunks).decode("utf-8", errors="replace")
    if response.code != 200:
        record["error"] = "timeout" if response.code == 599 else f"HTTP {response.code}"
        return record
    if "voila_finish" not in html:
        record["error"] = "HTML stream cut short"
        return record
    if '"output_type": "error"' in html:
        record["error"] = "a cell failed (Voila error output in the page)"
        return record
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', html)
    if not kernel:
        record["error"] = "no kernel id in the page"
        return record
    try:
        states = await widget_state(base, kernel.group(1), max(1.0, timeout - (time.perf_counter() - start)))
    except Exception as error:
        record["error"] = "widget state: " + ("timeout" if isinstance(error, asyncio.TimeoutError) else short(error))
        return record
    record["rendered_s"] = round(time.perf_counter() - start, 3)
    text = "\n".join(_strings(states))
    if "coachlab-error" in text:
        record["error"] = "friendly error shown"
    elif expect not in text:
        record["error"] = f"{expect} not in the widget state ({len(states)} models)"
    else:
        record["ok"] = True
    return record


async def http_phase(base: str, path: str, count: int, spread: float, timeout: float,
                     rng: random.Random) -> list[dict[str, Any]]:
    """Run ``count`` plain-HTTP learners opening ``path`` within ``spread`` seconds."""
    from tornado.httpclient import AsyncHTTPClient

    client = AsyncHTTPClient(force_instance=True, max_clients=max(10, count + 5))
    try:
        return await asyncio.gather(*(open_over_http(client, base, path, offset, timeout)
                                      for offset in arrivals(count, spread, rng)))
    finally:
        client.close()


# --- the browser -------------------------------------------------------------------------------
def best_plan(root: Path, scenario: str, lang: str) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """Return the best play of the scenario's test plan as (choose|say, id or text) steps, and the
    option texts by node and option id (the page shows an option's text, not its id)."""
    plan = yaml.safe_load((root / "scenarios" / f"{scenario}.testplan.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load((root / "scenarios" / f"{scenario}.yaml").read_text(encoding="utf-8"))
    play = next(p for p in plan["plays"] if p["name"] == "best")
    steps = [("choose", s["choose"]) if "choose" in s else ("say", s["say"][lang]) for s in play["steps"]]
    texts = {node: {c["id"]: c["text"][lang] for c in body.get("choices", ())}
             for node, body in data["nodes"].items()}
    return steps, texts


_NEXT_TURN = """n => {
  if (document.querySelector('.coachlab-debrief')) return true;
  const turn = document.querySelector('.coachlab-turn');
  return !!turn && Number(turn.dataset.step) > n;
}"""


async def play_learner(browser, base: str, url_path: str, name: str, offset: float, timeout: float,
                       steps: list[tuple[str, str]], texts: dict[str, dict[str, str]],
                       holding: list[str], hold: asyncio.Event) -> dict[str, Any]:
    """One learner plays the scenario to its debrief; return the timings and what went wrong.

    The learner then stays on the page (``holding``) until ``hold`` is set, so that memory is read
    while every page is open, and leaves by closing the tab.
    """
    await asyncio.sleep(offset)
    record: dict[str, Any] = {"learner": name, "offset_s": round(offset, 2), "ok": False, "turns_s": []}
    limit = timeout * 1000
    context = None
    stage = "open"
    start = time.perf_counter()
    try:
        context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        # Signed in once per browser, as a learner on `make serve` is (the top bar's cookie).
        await context.add_cookies([{"name": "coachlab_learner", "value": quote(name, safe=""), "url": base}])
        tab = await context.new_page()
        start = time.perf_counter()
        response = await tab.goto(f"{base}/voila/render/{url_path}", timeout=limit, wait_until="commit")
        if response is not None and response.status >= 400:
            raise RuntimeError(f"HTTP {response.status}")
        await tab.wait_for_selector(f".coachlab-persona, .coachlab-error, {PAGE_FAILED}", timeout=limit)
        if not await tab.query_selector(".coachlab-persona, .coachlab-error"):
            raise RuntimeError("Voila error output, no widget")
        record["rendered_s"] = round(time.perf_counter() - start, 3)
        if await tab.query_selector(".coachlab-error"):
            raise RuntimeError("friendly error shown: " + short(await tab.inner_text(".coachlab-error")))
        stage = "start"
        clicked = time.perf_counter()
        await tab.click(".coachlab-start", timeout=limit)
        await tab.wait_for_function(_NEXT_TURN, arg=-1, timeout=limit, polling=50)
        now = time.perf_counter()
        record["first_answered_turn_s"] = round(now - start, 3)
        record["turns_s"].append(round(now - clicked, 3))
        for index, (kind, value) in enumerate(steps):
            stage = f"turn {index + 1} ({kind})"
            if await tab.query_selector(".coachlab-debrief"):
                raise RuntimeError(f"debrief came after {index} of {len(steps)} planned steps")
            step = int(await tab.get_attribute(".coachlab-turn", "data-step", timeout=limit))
            node = await tab.get_attribute(".coachlab-turn", "data-node", timeout=limit)
            if kind == "choose":
                text = texts.get(node, {}).get(value)
                if text is None:
                    raise RuntimeError(f"plan says {value!r} but the page is at node {node!r}")
                found = await tab.eval_on_selector_all(
                    ".coachlab-option", "(els, t) => els.findIndex(e => (e.title || e.innerText).trim() === t)", text)
                if found < 0:
                    raise RuntimeError(f"no option button {value!r} at node {node!r}")
                clicked = time.perf_counter()
                await tab.locator(".coachlab-option").nth(found).click(timeout=limit)
            else:
                await tab.fill(".coachlab-free-text textarea", value, timeout=limit)
                clicked = time.perf_counter()
                await tab.click(".coachlab-send", timeout=limit)
            await tab.wait_for_function(_NEXT_TURN, arg=step, timeout=limit, polling=50)
            record["turns_s"].append(round(time.perf_counter() - clicked, 3))
        stage = "debrief"
        await tab.wait_for_selector(".coachlab-debrief", timeout=limit)
        record["debrief_s"] = round(time.perf_counter() - start, 3)
        record["saved_shown"] = await tab.query_selector(".coachlab-saved") is not None
        record["ok"] = True
    except Exception as error:  # a timeout or a wrong page is this learner's failure, never the run's
        record["error"] = f"{stage}: " + ("timeout" if "Timeout" in type(error).__name__ else short(error))
    record["stage_reached"] = stage
    holding.append(name)
    try:
        await hold.wait()
        if context is not None:
            for tab in context.pages:
                await tab.close(run_before_unload=True)  # leave as a closing tab does
            await asyncio.sleep(1.0)  # the shutdown beacon leaves before the context goes
            await context.close()
    except Exception as error:
        record["error_on_leave"] = short(error)
    return record


async def leave_learner(browser, base: str, name: str, pages: tuple[str, ...], timeout: float,
                        guard: Guard, gate: asyncio.Semaphore) -> dict[str, Any]:
    """One learner opens and leaves each page: following to the next page or closing the tab."""
    record: dict[str, Any] = {"learner": name, "opened": 0, "left": 0, "failed": [], "load_s": []}
    async with gate:
        context = await browser.new_context(locale="zh-CN")
        tab = None
        try:
            for index, path in enumerate(pages):
                if not guard.check():
                    record["stopped"] = guard.tripped
                    break
                if tab is None:
                    tab = await context.new_page()
                start = time.perf_counter()
                problem = None
                try:
                    response = await tab.goto(f"{base}/voila/render/{path}", timeout=timeout * 1000,
                                              wait_until="commit")
                    if response is not None and response.status >= 400:
                        problem = f"HTTP {response.status}"
                    else:
                        await tab.wait_for_selector(f"{PAGE_LIVE}, {PAGE_FAILED}", timeout=timeout * 1000)
                        if not await tab.query_selector(PAGE_LIVE):
                            problem = "Voila error output, no widget"
                        elif await tab.query_selector(".coachlab-error"):
                            problem = "friendly error shown"
                        else:
                            record["load_s"].append(round(time.perf_counter() - start, 3))
                except Exception as error:
                    problem = "timeout" if "Timeout" in type(error).__name__ else short(error)
                if problem:
                    record["failed"].append({"page": path, "error": problem})
                    guard.failed()
                record["opened"] += 1
                # Even pages are left by closing the tab, odd ones by going on to the next page.
                if index % 2 == 0 or index == len(pages) - 1:
                    await tab.close(run_before_unload=True)
                    tab = None
                record["left"] += 1
            await asyncio.sleep(1.0)  # the last beacon leaves before the context goes
        except Exception as error:
            record["failed"].append({"page": None, "error": short(error)})
        finally:
            try:
                await context.close()
            except Exception:
                pass
    return record


# --- learner records ---------------------------------------------------------------------------
def records_check(data: Path | None, learners: list[str], scenario: str) -> dict[str, Any]:
    """Count each learner's attempts of the scenario in progress.sqlite3 and run integrity_check."""
    if data is None:
        return {"error": "learner records not found (pass --data)"}
    db = data / "progress.sqlite3"
    if not db.exists():
        return {"error": f"{db} does not exist", "attempts": 0}
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            marks = ",".join("?" * len(learners))
            rows = conn.execute(f"SELECT learner_id, COUNT(*) FROM attempts WHERE item_id = ? "
                                f"AND learner_id IN ({marks}) GROUP BY learner_id", [scenario, *learners]).fetchall()
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as error:
        return {"error": short(error)}
    per = dict(rows)
    return {"attempts": sum(per.values()), "attempts_per_learner": {n: per.get(n, 0) for n in learners},
            "integrity_check": integrity[0] if len(integrity) == 1 else integrity}


# --- the run -----------------------------------------------------------------------------------
def summarise_failures(records: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(r["error"] for r in records if not r.get("ok")))


async def run(args: argparse.Namespace, server: Server, result: dict[str, Any]) -> None:
    rng = random.Random(args.seed)
    lang = "zh-CN" if args.lang == "zh" else "en"
    role_play = f"roleplay.ipynb?scenario={args.scenario}&lang={args.lang}"
    sampler = Sampler(server)
    sampler.start()
    guard = Guard(server, args.min_free_mb, args.max_kernels, args.max_failures)
    try:
        if server.proc is not None:
            listening = server.wait_listening(args.timeout)
            result["server_start"] = {"listening_s": round(listening, 2) if listening is not None else None}
            if listening is None:
                result["server_start"]["error"] = "the server never listened"
                return
            # The first landing page right after start-up, as the first learner of the day meets it.
            from tornado.httpclient import AsyncHTTPClient
            client = AsyncHTTPClient(force_instance=True)
            first = await open_over_http(client, server.url, "index.ipynb?lang=zh", 0, args.timeout,
                                         expect="coachlab-landing")
            client.close()
            result["server_start"]["first_landing"] = first
            result["server_start"]["settle_s"] = await wait_quiet(server, args.settle)
        result["idle"] = memory_snapshot(server, None)
        result["idle"]["loadavg"] = loadavg()

        if args.http:
            http = await http_phase(server.url, role_play, args.http, args.spread, args.timeout, rng)
            ok = sum(1 for r in http if r["ok"])
            result["http"] = {
                "learners": args.http, "rendered": ok, "failures": args.http - ok,
                "failure_reasons": summarise_failures(http),
                "rendered_s": percentiles([r["rendered_s"] for r in http if r["ok"]]),
                "html_s": percentiles([r["html_s"] for r in http if "status" in r]),
                "first_byte_s": percentiles([r["first_byte_s"] for r in http if "first_byte_s" in r]),
                "loadavg": loadavg(),
                "memory": memory_snapshot(server, ok),
                "all": http,
            }
            result["http"]["settle_s"] = await wait_quiet(server, args.settle)

        learners: list[str] = []
        if args.browser or args.leave:
            from playwright.async_api import async_playwright
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    if args.browser:
                        steps, texts = best_plan(args.root, args.scenario, lang)
                        learners = [f"load-{args.run}-{i:02d}" for i in range(args.browser)]
                        hold, holding = asyncio.Event(), []
                        tasks = [asyncio.create_task(play_learner(browser, server.url, role_play, name, offset,
                                                                  args.timeout, steps, texts, holding, hold))
                                 for name, offset in zip(learners, arrivals(args.browser, args.spread, rng))]
                        # Read memory while every learner is still on the page.
                        while not all(t.done() or name in holding for t, name in zip(tasks, learners)):
                            await asyncio.sleep(0.2)
                        open_pages = result.get("http", {}).get("rendered", 0) + args.browser
                        snapshot = memory_snapshot(server, open_pages)
                        hold.set()
                        played = await asyncio.gather(*tasks)
                        done = [r for r in played if r["ok"]]
                        result["browser"] = {
                            "learners": args.browser, "reached_debrief": len(done),
                            "failures": args.browser - len(done), "failure_reasons": summarise_failures(played),
                            "saved_shown": sum(1 for r in done if r.get("saved_shown")),
                            "rendered_s": percentiles([r["rendered_s"] for r in played if "rendered_s" in r]),
                            "first_answered_turn_s": percentiles([r["first_answered_turn_s"] for r in played
                                                                  if "first_answered_turn_s" in r]),
                            "turn_s": percentiles([s for r in played for s in r["turns_s"]]),
                            "debrief_s": percentiles([r["debrief_s"] for r in done]),
                            "loadavg": loadavg(),
                            "memory_while_open": snapshot,
                            "all": played,
                        }
                        result["browser"]["settle_s"] = await wait_quiet(server, args.settle)
                    if args.leave:
                        before = count_kernels(server)
                        gate = asyncio.Semaphore(args.leave_concurrency)
                        pages = tuple(LEAVE_PAGES[i % len(LEAVE_PAGES)] for i in range(args.leave_pages))
                        left = await asyncio.gather(*(
                            leave_learner(browser, server.url, f"leave-{args.run}-{i:02d}", pages, args.timeout,
                                          guard, gate) for i in range(args.leave)))
                        waited, live = await wait_kernels_freed(server, before, args.leave_wait)
                        failed = [f for r in left for f in r["failed"]]
                        result["leave"] = {
                            "learners": args.leave, "pages_each": len(pages),
                            "pages_opened": sum(r["opened"] for r in left), "pages_left": sum(r["left"] for r in left),
                            "load_failures": len(failed),
                            "failure_reasons": dict(Counter(f["error"] for f in failed)),
                            "load_s": percentiles([s for r in left for s in r["load_s"]]),
                            "kernel_processes_before": before, "kernel_processes_after": live,
                            "waited_s": waited, "stopped_early": guard.tripped,
                            "loadavg": loadavg(),
                            "memory_after": memory_snapshot(server, None),
                        }
                finally:
                    await browser.close()
        if args.browser:
            debriefs = result["browser"]["reached_debrief"]
            result["records"] = records_check(server.data, learners, args.scenario)
            result["records"]["debriefs"] = debriefs
    finally:
        sampler.stop_event.set()
        result["peaks"] = sampler.peak
        result["guard"] = guard.tripped


async def wait_kernels_freed(server: Server, allowed: int, max_wait: float) -> tuple[float, int]:
    """Wait up to ``max_wait`` s for the live kernel processes to drop to ``allowed``; return (s, count)."""
    start = time.perf_counter()
    live = count_kernels(server)
    while live > allowed and time.perf_counter() - start < max_wait:
        await asyncio.sleep(0.5)
        live = count_kernels(server)
    return round(time.perf_counter() - start, 1), live


def targets(result: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Compare the figures with the issue's targets; a figure that was not measured is not met."""
    out: dict[str, Any] = {}
    http = result.get("http")
    if http:
        p95 = http["rendered_s"]["p95"]
        out["http_opens_p95_le_5s_no_failure"] = {
            "p95_s": p95, "failures": http["failures"],
            "met": p95 is not None and p95 <= TARGETS["http_p95_rendered_s"] and http["failures"] == 0}
        uss = http["memory"].get("uss_per_kernel_process_mb")
        out["uss_per_idle_kernel_le_40mb"] = {"uss_mb": uss,
                                              "met": uss is not None and uss <= TARGETS["uss_per_idle_kernel_mb"]}
    first = result.get("server_start", {}).get("first_landing")
    if first:
        seconds = first.get("rendered_s")
        out["first_landing_after_start_le_3s"] = {
            "rendered_s": seconds, "error": first.get("error"),
            "met": bool(first["ok"]) and seconds is not None and seconds <= TARGETS["first_landing_after_start_s"]}
    browser = result.get("browser")
    if browser:
        p95 = browser["turn_s"]["p95"]
        records = result.get("records", {})
        out["browser_all_finish_saved_turn_p95_le_1s"] = {
            "finished": browser["reached_debrief"], "learners": browser["learners"], "turn_p95_s": p95,
            "attempts": records.get("attempts"),
            "met": browser["failures"] == 0 and records.get("attempts") == browser["learners"]
                   and p95 is not None and p95 <= TARGETS["browser_p95_turn_s"]}
        out["nothing_lost"] = {
            "attempts": records.get("attempts"), "debriefs": records.get("debriefs"),
            "integrity_check": records.get("integrity_check"),
            "met": records.get("attempts") == records.get("debriefs") and records.get("integrity_check") == "ok"}
    leave = result.get("leave")
    if leave:
        extra = leave["kernel_processes_after"] - leave["kernel_processes_before"]
        out["leave_frees_kernels"] = {
            "kernel_processes_before": leave["kernel_processes_before"],
            "kernel_processes_after": leave["kernel_processes_after"], "added": extra, "allowed": args.leave,
            "met": extra <= args.leave and not leave["stopped_early"] and leave["load_failures"] == 0}
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--hub" in argv:  # a room signing in to JupyterHub: benchmarks/load_hub.py
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from load_hub import main as hub_main

        return hub_main([arg for arg in argv if arg != "--hub"])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument("--pid", type=int, help="the running server's process id (found by its port otherwise)")
    parser.add_argument("--data", type=Path, help="the running server's COACHLAB_DATA (read from its env otherwise)")
    parser.add_argument("--http", type=int, default=30, help="plain-HTTP learners opening the role-play")
    parser.add_argument("--browser", type=int, default=10, help="Chromium learners playing to the debrief")
    parser.add_argument("--leave", type=int, default=30, help="Chromium learners opening and leaving pages")
    parser.add_argument("--leave-pages", type=int, default=10, help="pages each leaving learner opens")
    parser.add_argument("--leave-concurrency", type=int, default=3, help="leaving learners at a time")
    parser.add_argument("--leave-wait", type=float, default=15.0, help="seconds to wait for kernels to go")
    parser.add_argument("--spread", type=float, default=6.0, help="learners arrive within this many seconds")
    parser.add_argument("--timeout", type=float, default=180.0, help="time limit of every wait, seconds")
    parser.add_argument("--settle", type=float, default=180.0, help="longest wait for the server to go quiet")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenario", default="bid-late-logins")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--min-free-mb", type=int, default=6000,
                        help="stop opening pages when the machine has less memory available")
    parser.add_argument("--max-kernels", type=int, default=120,
                        help="stop opening pages when the server has more live processes")
    parser.add_argument("--root", type=Path, default=REPO,
                        help="course checkout to serve and read the scenario from (default: this one)")
    parser.add_argument("--max-failures", type=int, default=10,
                        help="stop the leave phase after this many failed page loads")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    args.run = uuid.uuid4().hex[:6]

    result: dict[str, Any] = {
        "definitions": DEFINITIONS, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
        "loadavg_at_start": loadavg(), "memory_total_mb": round(psutil.virtual_memory().total / MB),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    tmp = Path(tempfile.mkdtemp(prefix="coachlab-load-"))
    server = (Server.attach(args.url, args.pid, args.data) if args.url else Server.start(tmp, args.root.resolve()))
    result["server"] = {"url": server.url, "pid": server.pid, "data": str(server.data) if server.data else None,
                        "started_by_us": server.proc is not None}
    started = time.perf_counter()
    try:
        asyncio.run(run(args, server, result))
    except Exception as error:  # the figures gathered so far are still printed
        result["error"] = short(error, 400)
    except KeyboardInterrupt:
        result["error"] = "interrupted (Ctrl+C): the figures so far"
    finally:
        result["server"]["log"] = server.log_counts()
        if server.proc is not None and server.proc.poll() is not None:  # it died on its own: say why
            result["server"]["exited_with"] = server.proc.returncode
            result["server"]["log_tail"] = server.log_path.read_text(errors="replace")[-2000:]
        if server.log_path is not None:
            keep = REPO / "artifacts" / "load-server.log"
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(server.log_path, keep)
            result["server"]["log_copy"] = str(keep.relative_to(REPO))
        result["server"].update(server.stop())
        shutil.rmtree(tmp, ignore_errors=True)
    result["duration_s"] = round(time.perf_counter() - started, 1)
    result["loadavg_at_end"] = loadavg()
    result["targets"] = targets(result, args)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
