"""A fork server: a warm Python that hands out a fresh IPython kernel process in milliseconds.

Why: a new kernel is a new Python that imports ipykernel, IPython, ipywidgets and the course, about a second of
CPU and 150 MB each. Thirty learners opening a page at once, or nbgrader grading sixty notebooks, pay that again
and again on a 2-core machine. The server (the "template") imports all of that once, then for every kernel asked
of it forks a child that becomes that kernel. The child is a new process holding nothing of any other learner
(the template never runs learner, page or test code, only imports), in its own session and process group like a
kernel ``jupyter_client`` would start, so interrupts, timeouts, culling and kills work as before; the memory it
has not written to stays shared with the template (``gc.freeze`` keeps the collector from touching it).

Two users, one mechanism: nbgrader's grading workers (grading/forkkernel.py) and every Voilà page through the
``coachlab`` kernelspec and its provisioner (kernels/provisioner.py).

A kernel lives as long as its *owner*, the process that asked for it (the Voilà server, the grading worker): it
watches the owner through a pidfd and exits when the owner goes. It does not depend on the template: a template
that dies (killed, out of memory) takes no learner's kernel with it, and the next kernel starts a new template.

This module uses the standard library only, so the server starts without jupyter_client or nbgrader:

- ``serve()`` is the server's loop (``python -m coachlab.kernels.forkserver MODULE...``): one JSON request per
  line on stdin (``argv``, ``cwd``, ``env``, ``owner``), one JSON reply per line on stdout (``pid`` or ``error``);
- ``ForkServer`` starts one and talks to it; ``ForkedProcess`` stands in for ``subprocess.Popen`` for a kernel
  that is not our child (its exit is seen through a pidfd).

provisioner.py plugs it into jupyter_client; grading/forkkernel.py into nbgrader.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

PRELOAD_ENV = "COACHLAB_FORK_PRELOAD"  # comma-separated modules the server imports before forking
# Always imported: the kernel itself, and what it imports while it starts (the debugger half of that).
BASE_PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
                "IPython.core.completerlib", "IPython.extensions.storemagic")
# How long the template must have had no request before it imports the next background module.
QUIET_S = 0.5
# ... and how long a background module waits at most for that quiet moment: in a room where pages keep opening
# there is none, and every kernel forked without the checks imports them itself (12-18 s for a first Chinese
# reply under load), so after this long the template imports the module between two forks anyway.
MAX_WAIT_S = 5.0
# The inline backend the kernel would choose; matplotlib reads it when it is imported, maybe in the template.
MPL_INLINE = "module://matplotlib_inline.backend_inline"


def _warm_checks() -> None:
    from coachlab.checks import KINDS, run

    for kind in KINDS:
        for text in ("On Monday you closed four tickets, so two customers called back.",
                     "周一你关闭了四张工单，结果两位客户又打了进来。"):
            run(kind, text)


def _warm_chinese() -> None:
    import jieba.posseg  # noqa: F401  (its tagger's tables; the checks' clause structure uses them)

    from coachlab.text.zh import tokenizer

    tokenizer()  # jieba's dictionary with the course's words: the longest single step of warming the checks


def _warm_scenarios() -> None:
    from coachlab.paths import course_root
    from coachlab.scenarios import load_all

    load_all(course_root())  # parsed and validated once; kernels reuse them while the files are unchanged


def _warm_i18n() -> None:
    from coachlab.i18n import LANGS, t

    for lang in LANGS:
        t("page.switch_tooltip", lang)


def _warm_fonts() -> None:
    from matplotlib import font_manager

    font_manager.findfont("Noto Sans CJK SC", fallback_to_default=True)


# What a module loads on first use (the checks' rules, the Chinese dictionary, the role-plays, the message
# catalogs, matplotlib's font list): done once here, not per kernel. The Chinese dictionary is a step of its
# own, before the checks: a page asked for while the template warms waits for one step, not for both.
WARM_UP = {"coachlab.text.zh": _warm_chinese, "coachlab.checks": _warm_checks, "coachlab.scenarios": _warm_scenarios,
           "coachlab.i18n": _warm_i18n, "matplotlib.pyplot": _warm_fonts}


def _readable(fd: int, timeout: float | None) -> bool:
    """Return whether ``fd`` becomes readable within ``timeout`` seconds (None: wait for it).

    poll, not select: a server with many kernels holds descriptors above select's limit of 1024.
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(None if timeout is None else max(0, int(timeout * 1000))))


def _after_start() -> None:
    """What imports would have done had the kernel existed when the template imported them."""
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:  # registers the 'jupyter.widget' comm targets with this kernel's comm manager
        widgets.register_comm_target()


def _watch_owner(owner: int) -> None:
    """Exit this kernel as soon as process ``owner`` has ended (a pidfd: no polling, works for non-parents)."""
    try:
        fd = os.pidfd_open(owner)
    except (AttributeError, OSError):
        os._exit(1)  # the owner is already gone (or cannot be watched): nobody would ever stop this kernel

    def wait() -> None:
        _readable(fd, None)
        os._exit(1)

    threading.Thread(target=wait, name="coachlab-owner-watch", daemon=True).start()


def _preload(modules: list[str]) -> list[str]:
    """Import ``modules`` (and warm what needs warming); return the ones that failed, which kernels import later."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
            if name in WARM_UP:
                WARM_UP[name]()
        except Exception:  # noqa: BLE001 - a module the kernel cannot import fails there, with the learner's grade
            failed.append(name)
    return failed


def _become_kernel(argv: list[str], cwd: str, env: dict[str, str], owner: int) -> None:
    """Turn this freshly forked child into the kernel ``argv`` asked for; never returns."""
    code = 1
    try:
        os.setsid()  # its own session and process group, as jupyter_client's launcher does
        for sig in (signal.SIGCHLD, signal.SIGPIPE, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(2, 1)  # the kernel's own prints go where the server's errors go, never into the reply pipe
        os.close(devnull)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        os.environ.pop("JPY_PARENT_PID", None)
        sys.argv = [argv[0], *argv[3:]]
        _watch_owner(owner)
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # A parent handle tells the kernel it was started by a server (no "connect to this kernel" banner). Its
        # poller, which would exit when the template (this process's parent) goes, is dropped: the owner watch
        # above is the one that counts. (The trait's default was read when the template imported ipykernel.)
        app.parent_handle = owner
        app.initialize(argv[3:])
        app.poller = None
        _after_start()
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - report and leave; the grader sees a dead kernel
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110 - the streams may be closed sockets by now
                pass
        os._exit(code)


def _requests(pending: bytearray, wait: float | None) -> list[bytes] | None:
    """Return the complete request lines on stdin, waiting up to ``wait`` seconds for one (None: as long as it
    takes); None once stdin has closed."""
    while True:
        if b"\n" in pending or not _readable(0, wait):
            break
        chunk = os.read(0, 65536)
        if not chunk:
            return None
        pending.extend(chunk)
        wait = 0
    *lines, rest = bytes(pending).split(b"\n")
    pending[:] = rest
    return [line for line in lines if line.strip()]


def _fork(line: bytes, close: tuple[int, ...] = ()) -> dict[str, Any]:
    """Fork the kernel a request line asks for; return the reply (in the template only: the child never returns).

    ``close``: descriptors the kernel must not keep (the listening socket and other callers' connections).
    """
    try:
        request = json.loads(line)
        if request.get("hello"):
            return {"ready": True, "preload": PRELOADED}
        pid = os.fork()
    except (ValueError, OSError) as exc:
        return {"error": str(exc)}
    if pid == 0:
        for fd in close:
            try:
                os.close(fd)
            except OSError:
                pass
        _become_kernel(request["argv"], request["cwd"], request["env"], int(request.get("owner") or os.getppid()))
    return {"pid": pid}


PRELOADED: list[str] = []  # the preload list this template was started with (told to callers of a shared one)


class _Background:
    """The modules a template imports after it said it is ready, one at a time: at a quiet moment, or between
    two forks once the next one has waited ``MAX_WAIT_S``."""

    def __init__(self, modules: list[str]):
        self.modules, self.since = list(modules), time.monotonic()

    def __bool__(self) -> bool:
        return bool(self.modules)

    def import_next(self, quiet: bool) -> None:
        if self.modules and (quiet or time.monotonic() - self.since >= MAX_WAIT_S):
            _preload([self.modules.pop(0)])
            gc.collect()
            gc.freeze()
            self.since = time.monotonic()


def serve(preload: list[str], listen: str | None = None) -> None:
    """Run the fork server: preload, then fork one kernel per request until stdin closes.

    Modules after a ``--`` in ``preload`` are imported after the server has said it is ready, one at a time
    whenever no request has come for ``QUIET_S``, and at the latest ``MAX_WAIT_S`` after the previous one: the first
    pages need not wait for what only later pages use (a kernel forked before then imports the rest itself).
    """
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)  # as ipykernel_launcher does; the kernel's shell puts its own working folder back
    os.environ.setdefault("MPLBACKEND", MPL_INLINE)
    first, rest = (preload[:preload.index("--")], preload[preload.index("--") + 1:]) if "--" in preload \
        else (preload, [])
    failed = _preload([*BASE_PRELOAD, *first])
    gc.collect()
    gc.freeze()  # the collector never writes to what the template imported, so forked kernels keep sharing it
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system, never left as zombies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C for the facilitator's command is not for us
    PRELOADED[:] = preload
    out = sys.stdout.buffer
    out.write(json.dumps({"ready": True, "failed": failed}).encode() + b"\n")
    out.flush()
    later = _Background(rest)
    if listen:
        _serve_socket(listen, later)
        return
    pending = bytearray()
    while True:
        # Background imports wait for a quiet moment: each is a second or so during which no kernel is forked.
        lines = _requests(pending, wait=QUIET_S if later else None)
        if lines is None:
            return
        for line in lines:
            out.write(json.dumps(_fork(line)).encode() + b"\n")
            out.flush()
        later.import_next(quiet=not lines)


def _serve_socket(path: str, later: _Background) -> None:
    """Serve fork requests on the Unix socket ``path`` (one template for every server of one Unix user, e.g.
    all learners' servers under the hub) until SIGTERM; the same one-line JSON requests and replies."""
    import socket

    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)  # the socket is the user's own: nobody else may ask for a kernel
    try:
        listener.bind(path)
    finally:
        os.umask(old_mask)
    listener.listen(64)
    for stop in (signal.SIGTERM, signal.SIGINT):  # the hub stops its services with SIGINT first
        signal.signal(stop, lambda *_: sys.exit(0))
    poller = select.poll()
    poller.register(listener.fileno(), select.POLLIN)
    clients: dict[int, tuple[socket.socket, bytearray]] = {}
    try:
        while True:
            events = poller.poll(int(QUIET_S * 1000) if later else None)
            if not events and later:
                later.import_next(quiet=True)
                continue
            later.import_next(quiet=False)
            for fd, _ in events:
                if fd == listener.fileno():
                    conn, _ = listener.accept()
                    clients[conn.fileno()] = (conn, bytearray())
                    poller.register(conn.fileno(), select.POLLIN)
                    continue
                conn, pending = clients[fd]
                chunk = b""
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    pass
                if not chunk:
                    poller.unregister(fd)
                    del clients[fd]
                    conn.close()
                    continue
                pending.extend(chunk)
                while b"\n" in pending:
                    line, _, rest = bytes(pending).partition(b"\n")
                    pending[:] = rest
                    if line.strip():
                        close = (listener.fileno(), *clients)
                        try:
                            conn.sendall(json.dumps(_fork(line, close)).encode() + b"\n")
                        except OSError:
                            pass
    finally:
        listener.close()
        try:
            os.unlink(path)
        except OSError:
            pass


class RemoteForkServer:
    """A template another process runs on a Unix socket (``SOCKET_ENV``), asked for kernels like a ForkServer."""

    def __init__(self, path: str, timeout: float = 30.0):
        self.path, self.timeout = path, timeout
        hello = self._ask({"hello": True})
        if not hello.get("ready"):
            raise OSError(f"no kernel template answers on {path}")
        self.preload = tuple(hello.get("preload") or ())
        self.failed: list[str] = []

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(self.timeout)
            conn.connect(self.path)
            conn.sendall(json.dumps(request).encode() + b"\n")
            reply = bytearray()
            while b"\n" not in reply:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                reply.extend(chunk)
        try:
            return json.loads(bytes(reply).split(b"\n")[0] or b"{}")
        except ValueError:
            return {}

    def alive(self) -> bool:
        try:
            return bool(self._ask({"hello": True}).get("ready"))
        except OSError:
            return False

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str], owner: int | None = None) -> ForkedProcess:
        """Fork a kernel in the shared template; it watches ``owner`` (default: this process) and exits with it."""
        reply = self._ask({"argv": argv, "cwd": cwd, "env": env, "owner": owner or os.getpid()})
        if "pid" not in reply:
            raise OSError(reply.get("error") or "the shared kernel template has stopped")
        return ForkedProcess(int(reply["pid"]))

    def close(self) -> None:
        """The template is not ours to stop."""


SOCKET_ENV = "COACHLAB_FORK_SOCKET"  # a shared template's socket (set by the hub for learners' servers)


class ForkedProcess:
    """Enough of ``subprocess.Popen`` for jupyter_client, for a kernel forked by the server (not our child)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._signal: int | None = None
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._pidfd = None  # no pidfd (old kernel) or already gone: fall back to probing with signal 0

    @property
    def pidfd(self) -> int | None:
        """Return a descriptor that becomes readable when the kernel exits (None without pidfd support)."""
        return self._pidfd

    def _alive(self) -> bool:
        if self._pidfd is not None:
            return not _readable(self._pidfd, 0)
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def poll(self) -> int | None:
        """Return None while the kernel runs, else its exit code (only the signal we sent is known)."""
        if self.returncode is None and not self._alive():
            self.returncode = -self._signal if self._signal else 0
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to exit."""
        if self.poll() is None and self._pidfd is not None:
            _readable(self._pidfd, timeout)
        elif self.returncode is None:
            deadline = None if timeout is None else time.monotonic() + timeout
            while self.poll() is None and (deadline is None or time.monotonic() < deadline):
                time.sleep(0.02)
        if self.poll() is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel."""
        if self.poll() is None:
            self._signal = signum if signum in (signal.SIGKILL, signal.SIGTERM) else self._signal
            os.kill(self.pid, signum)

    def kill(self) -> None:
        """Kill the kernel."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the kernel to terminate."""
        self.send_signal(signal.SIGTERM)


class ForkServer:
    """One warm server per process and preload list, started on first use."""

    _instances: dict[tuple[str, ...], ForkServer] = {}
    _lock = threading.Lock()  # guards _instances

    def __init__(self, preload: list[str]):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYDEVD_DISABLE_FILE_VALIDATION": "1"}  # the debugger's note on frozen modules, once per template
        self.preload = tuple(preload)
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "coachlab.kernels.forkserver", *preload],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        try:
            hello = json.loads(self.process.stdout.readline() or b"{}")  # type: ignore[union-attr]
        except ValueError:
            hello = {}
        if not hello.get("ready"):
            self.close()
            raise RuntimeError("the kernel fork server did not start")
        self.failed = hello.get("failed", [])
        self._io = threading.Lock()  # one request and its reply at a time on the pipes
        atexit.register(self.close)

    @classmethod
    def shared(cls, preload: list[str] | tuple[str, ...] | None = None) -> ForkServer:
        """Return this process's server for ``preload`` (default: the modules named in ``COACHLAB_FORK_PRELOAD``),
        starting it, or a new one if it has died."""
        if preload is None:
            preload = [m for m in os.environ.get(PRELOAD_ENV, "").split(",") if m.strip()]
        key = tuple(preload)
        with cls._lock:
            shared = os.environ.get(SOCKET_ENV)
            if shared and not isinstance(cls._instances.get(key), ForkServer):
                remote = cls._instances.get(key)
                try:
                    if remote is None:
                        remote = RemoteForkServer(shared)
                    if remote.preload == key:  # the shared template imported what this kernel needs
                        cls._instances[key] = remote  # type: ignore[assignment]
                        return remote  # type: ignore[return-value]
                except OSError:
                    pass  # no shared template (yet): this process starts its own
            server = cls._instances.get(key)
            if not isinstance(server, ForkServer) or server.process.poll() is not None:
                server = cls._instances[key] = cls(list(key))
            return server

    @classmethod
    def close_all(cls) -> None:
        """Stop every server this process started."""
        with cls._lock:
            servers, cls._instances = list(cls._instances.values()), {}
        for server in servers:
            server.close()

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str], owner: int | None = None) -> ForkedProcess:
        """Fork a kernel running ``argv`` in ``cwd`` with ``env``; it exits when process ``owner`` (default: this
        one) has ended."""
        request = json.dumps({"argv": argv, "cwd": cwd, "env": env,
                              "owner": owner or os.getpid()}).encode() + b"\n"
        with self._io:
            self.process.stdin.write(request)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
            reply = json.loads(self.process.stdout.readline() or b"{}")  # type: ignore[union-attr]
        if "pid" not in reply:
            raise OSError(reply.get("error") or "the kernel fork server has stopped")
        return ForkedProcess(int(reply["pid"]))

    def close(self) -> None:
        """Stop the server (kernels it forked notice their parent is gone and exit)."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()  # type: ignore[union-attr]
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()


def forkable(argv: list[str]) -> bool:
    """Return whether ``argv`` is this interpreter's IPython kernel, the only kind the server can fork."""
    if len(argv) < 3 or argv[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    try:
        return Path(argv[0]).resolve() == Path(sys.executable).resolve()
    except OSError:
        return False


if __name__ == "__main__":
    args = sys.argv[1:]
    socket_path = None
    if args[:1] == ["--listen"]:
        socket_path, args = args[1], args[2:]
    serve(args, socket_path)
