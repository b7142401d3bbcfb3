"""A fork server: a warm Python that hands out a fresh IPython kernel process per notebook in milliseconds.

Why: plain nbgrader starts a new Python for every notebook it grades. On our exercises that start-up (importing
ipykernel, IPython and the checks) costs more CPU than grading itself, and on a 2-core machine CPU is what
parallel workers run out of. The server imports ipykernel and the modules the exercise imports once, then for
every kernel asked of it forks a child that becomes that kernel. The child is a new process holding nothing of
any other learner (the server never runs learner or test code, only imports), in its own session like a kernel
``jupyter_client`` would start, so interrupts, timeouts and kills work as before.

This module uses the standard library only, so the server starts without jupyter_client or nbgrader:

- ``serve()`` is the server's loop (``python -m coachlab.grading.forkserver MODULE...``): one JSON request per
  line on stdin (``argv``, ``cwd``, ``env``), one JSON reply per line on stdout (``pid`` or ``error``);
- ``ForkServer`` starts one and talks to it; ``ForkedProcess`` stands in for ``subprocess.Popen`` for a kernel
  that is not our child (its exit is seen through a pidfd).

forkkernel.py plugs it into jupyter_client and nbgrader.
"""

from __future__ import annotations

import atexit
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


def _warm_checks() -> None:
    from coachlab.checks import KINDS, run

    for kind in KINDS:
        for text in ("On Monday you closed four tickets, so two customers called back.",
                     "周一你关闭了四张工单，结果两位客户又打了进来。"):
            run(kind, text)


# What a module loads on first use (the checks' rules, the Chinese dictionary): done once here, not per kernel.
WARM_UP = {"coachlab.checks": _warm_checks}


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


def _become_kernel(argv: list[str], cwd: str, env: dict[str, str], server_pid: int) -> None:
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
        os.environ["JPY_PARENT_PID"] = str(server_pid)
        sys.argv = [argv[0], *argv[3:]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # The kernel exits when its parent goes; its parent is this server, not the grader that asked. (The
        # trait's default was read from the environment when the server imported ipykernel, so set it here.)
        app.parent_handle = server_pid
        app.initialize(argv[3:])
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


def serve(preload: list[str]) -> None:
    """Run the fork server: preload, then fork one kernel per request until stdin closes."""
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)  # as ipykernel_launcher does; the kernel's shell puts its own working folder back
    failed = _preload([*BASE_PRELOAD, *preload])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system, never left as zombies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C for the facilitator's command is not for us
    out = sys.stdout.buffer
    out.write(json.dumps({"ready": True, "failed": failed}).encode() + b"\n")
    out.flush()
    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
            pid = os.fork()
        except (ValueError, OSError) as exc:
            reply: dict[str, Any] = {"error": str(exc)}
        else:
            if pid == 0:
                _become_kernel(request["argv"], request["cwd"], request["env"], os.getppid())
            reply = {"pid": pid}
        out.write(json.dumps(reply).encode() + b"\n")
        out.flush()


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
            readable, _, _ = select.select([self._pidfd], [], [], 0)
            return not readable
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
            select.select([self._pidfd], [], [], timeout)
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
    """One warm server per grading process, started on first use."""

    _instance: ForkServer | None = None
    _lock = threading.Lock()  # guards _instance

    def __init__(self, preload: list[str]):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "coachlab.grading.forkserver", *preload],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        hello = json.loads(self.process.stdout.readline() or b"{}")  # type: ignore[union-attr]
        if not hello.get("ready"):
            self.close()
            raise RuntimeError("the kernel fork server did not start")
        self.failed = hello.get("failed", [])
        self._io = threading.Lock()  # one request and its reply at a time on the pipes
        atexit.register(self.close)

    @classmethod
    def shared(cls) -> ForkServer:
        """Return this process's server, starting it with the modules named in ``COACHLAB_FORK_PRELOAD``."""
        with cls._lock:
            if cls._instance is None or cls._instance.process.poll() is not None:
                preload = [m for m in os.environ.get(PRELOAD_ENV, "").split(",") if m.strip()]
                cls._instance = cls(preload)
            return cls._instance

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str]) -> ForkedProcess:
        """Fork a kernel running ``argv`` in ``cwd`` with ``env``."""
        request = json.dumps({"argv": argv, "cwd": cwd, "env": env}).encode() + b"\n"
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
    serve(sys.argv[1:])
