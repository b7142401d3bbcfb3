"""The kernel provisioner that forks kernels from the warm template (forkserver.py), for jupyter_client.

Registered under the ``jupyter_client.kernel_provisioners`` entry point as ``coachlab-fork`` and named by the
``coachlab`` kernelspec (kernelspec.py), so Voilà, jupyter-server (alone or under JupyterHub) and nbgrader all
start the course's kernels through it without special cases.

What it changes from jupyter_client's local provisioner, and why:

- **launch**: an IPython kernel of this interpreter is forked from the template (milliseconds, shared memory)
  instead of started as a new Python; anything else is launched the usual way. Talking to the template runs in a
  thread with a time limit, so the server's event loop never waits on it.
- **transport**: the kernel listens on Unix sockets (``ipc``) in a private folder instead of TCP ports. TCP ports
  are picked by the server and bound later by the kernel; with twenty kernels starting at once another socket
  could take a port in between and the kernel died with "Address already in use".
- **wait**: a kernel's exit is seen through a pidfd the moment it happens, instead of polling every 0.1 s.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Float, List, Unicode

from .forkserver import ForkedProcess, ForkServer, forkable

# How long the template may take to start (imports) plus one fork, before the kernel start is declared failed.
TEMPLATE_TIMEOUT_S = 120.0


_private_fallback: Path | None = None


def ipc_folder() -> Path:
    """Return a private folder for kernels' Unix sockets, with a path short enough for a socket address.

    When the shared folder is not private (someone else made it, or opened it up), this process puts all its
    kernels into one fresh private folder of its own, made once, not one folder per kernel.
    """
    global _private_fallback
    folder = Path(tempfile.gettempdir()) / f"coachlab-ipc-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise PermissionError(f"{folder} is not private to this user")
    except OSError:
        if _private_fallback is None or not _private_fallback.is_dir():
            _private_fallback = Path(tempfile.mkdtemp(prefix="coachlab-ipc-"))
        folder = _private_fallback
    return folder


class ForkProvisioner(LocalProvisioner):
    """The local provisioner, launching through the warm template where it can."""

    preload = List(Unicode(), default_value=None, allow_none=True, config=True,
                   help="Modules the template imports before forking (default: COACHLAB_FORK_PRELOAD).")
    template_timeout = Float(TEMPLATE_TIMEOUT_S, config=True,
                             help="Seconds the template may take to start and fork one kernel.")
    transport = Unicode("ipc", config=True, help="ipc (Unix sockets, no port races) or tcp.")

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        """Put the kernel on Unix sockets in a private folder, then prepare as jupyter_client does."""
        km = self.parent
        if km is not None and self.transport == "ipc" and forkable(self.kernel_spec.argv[:3]):
            km.transport = "ipc"
            km.cache_ports = False
            km.ip = str(ipc_folder() / (self.kernel_id or "kernel"))
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):  # noqa: ANN201 - jupyter_client's type
        """Fork the kernel from the warm template; fall back to a normal launch if that cannot be done."""
        if not forkable(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        preload = self.preload

        def fork() -> ForkedProcess:
            return ForkServer.shared(preload).spawn(cmd, cwd, env)

        forking = asyncio.ensure_future(asyncio.to_thread(fork))
        try:
            self.process = await asyncio.wait_for(asyncio.shield(forking), self.template_timeout)
        except (OSError, RuntimeError, ValueError, asyncio.TimeoutError) as exc:
            # A fork that still arrives after the time limit belongs to nobody: stop it when it does.
            forking.add_done_callback(lambda done: done.exception() is None and done.result().kill())
            self.log.warning("Kernel template unavailable (%r); starting the kernel the usual way.", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.pid = self.pgid = self.process.pid  # the child called setsid(): its pid is its group
        self.cwd = cwd
        return self.connection_info

    async def wait(self) -> int | None:
        """Wait for the kernel to exit: woken by its pidfd instead of polling every 0.1 s."""
        process = self.process
        if isinstance(process, ForkedProcess) and process.pidfd is not None and process.poll() is None:
            loop = asyncio.get_running_loop()
            exited = loop.create_future()
            loop.add_reader(process.pidfd, lambda: exited.done() or exited.set_result(None))
            try:
                await exited
            finally:
                if process.pidfd is not None:
                    loop.remove_reader(process.pidfd)
        return await super().wait()
