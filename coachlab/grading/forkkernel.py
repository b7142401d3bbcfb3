"""Kernels from the warm template (coachlab/kernels/), plugged into nbgrader's Execute step.

- ``ForkProvisioner`` (coachlab/kernels/provisioner.py) is jupyter_client's local provisioner with the launch
  swapped: an IPython kernel of this interpreter is forked from the template, anything else is started as usual;
- ``ForkKernelClient`` waits for a new kernel without jupyter_client's fixed 0.2 s pause after it is ready;
- ``ForkKernelManager`` uses both; ``ForkExecute`` is nbgrader's Execute preprocessor with that manager, and
  stops a kernel at once when its notebook is done (nothing in a grading kernel needs a graceful goodbye);
- ``autograde_preprocessors()`` is nbgrader's autograde pipeline with ``ForkExecute`` in place of ``Execute``;
  autograde.py writes it into each worker's scratch ``nbgrader_config.py``, so grading is otherwise nbgrader's.

This module imports jupyter_client and nbgrader; only the nbgrader process that grades should import it.
"""

from __future__ import annotations

import time
import uuid
from queue import Empty
from typing import Any

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from traitlets import Type

from coachlab.kernels.provisioner import ForkProvisioner


class ForkKernelClient(AsyncKernelClient):
    """An async client that reaches a new kernel as soon as it listens, and stops waiting once it has answered."""

    def _create_connected_socket(self, channel: str, identity: bytes | None = None):  # noqa: ANN202
        # A forked kernel is asked for before it has bound its ports; ZeroMQ then retries the connection after
        # its default 100 ms. Retry every 5 ms instead (a default of this kernel manager's own ZeroMQ context).
        self.context.setsockopt(zmq.RECONNECT_IVL, 5)
        return super()._create_connected_socket(channel, identity)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Wait until the kernel answers on shell and IOPub (RuntimeError if it dies or ``timeout`` passes)."""
        # jupyter_client's version ends by draining IOPub until 0.2 s pass in silence; per notebook that pause is
        # a large share of grading time. Messages left on IOPub carry another parent id, which nbclient ignores.
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:  # IOPub is connected once a message reaches us there; start over otherwise
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:
            try:
                await ensure_async(self.iopub_channel.get_msg(timeout=0.01))
            except Empty:
                break


class ForkKernelManager(AsyncKernelManager):
    """An async kernel manager whose kernels come from the fork server."""

    client_class = "coachlab.grading.forkkernel.ForkKernelClient"
    client_factory = Type(ForkKernelClient, klass=AsyncKernelClient)

    async def _async_pre_start_kernel(self, **kw: Any):  # noqa: ANN202 - jupyter_client's signature
        self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
        if self.provisioner is None:
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class ForkExecute(Execute):
    """nbgrader's Execute preprocessor, with kernels from the fork server, stopped at once when done."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("kernel_manager_class", ForkKernelManager)
        kwargs.setdefault("shutdown_kernel", "immediate")
        super().__init__(*args, **kwargs)


def autograde_preprocessors() -> list[type]:
    """Return nbgrader's autograde preprocessors with ``ForkExecute`` in place of ``Execute``."""
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    return [ForkExecute if step is Execute else step for step in default]
