"""Starting the page kernels' template early, before the server has imported Voila (standard library only)."""

from __future__ import annotations

import threading

from .forkserver import ForkServer
from .kernelspec import PAGE_PRELOAD


def warm_template() -> threading.Thread:
    """Start the page kernels' template in the background, so the first page need not wait for its imports.

    Idempotent: a template already running for this process is kept.
    """
    def start() -> None:
        try:
            ForkServer.shared(list(PAGE_PRELOAD))
        except (OSError, RuntimeError) as exc:  # the first kernel retries, and falls back to a normal launch
            print(f"coachlab: kernel template did not start ({exc}); kernels start the usual way.", flush=True)
    thread = threading.Thread(target=start, name="coachlab-template", daemon=True)
    thread.start()
    return thread
