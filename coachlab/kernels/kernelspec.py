"""The ``coachlab`` kernelspec: this interpreter's IPython kernel, provisioned by ``coachlab-fork``.

The course's notebooks name it in their metadata, so whoever starts their kernels (Voilà, jupyter-server under
JupyterHub, nbgrader) gets a kernel forked from the warm template. ``install()`` writes it into
``<prefix>/share/jupyter/kernels/coachlab``; the Makefile's install step and ``coachlab serve`` call it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KERNEL_NAME = "coachlab"
PROVISIONER = "coachlab-fork"
# What a course page imports, loaded once into the template. Before the "--": what every page needs, the
# landing page first (the template says it is ready after these: the role-plays are validated and the message
# catalogs read there too, see forkserver.WARM_UP); after it, imported in the background between forks: the
# checks' rules and the Chinese dictionary, pandas and matplotlib for the lesson tools.
PAGE_PRELOAD = ("ipywidgets", "coachlab.widgets", "voila.utils", "coachlab.i18n", "coachlab.scenarios", "--",
                "coachlab.text.zh", "coachlab.checks", "coachlab.progress", "pandas", "matplotlib.pyplot")


def spec(python: str | None = None) -> dict[str, Any]:
    """Return the kernel.json of the ``coachlab`` kernel for ``python`` (default: this interpreter)."""
    return {
        # A page kernel keeps no input history: nobody types into it, and each history is an SQLite file and a
        # thread per kernel.
        "argv": [python or sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--HistoryManager.enabled=False"],
        "display_name": "coachlab (Python 3)",
        "language": "python",
        "interrupt_mode": "signal",
        "metadata": {
            "debugger": True,
            "kernel_provisioner": {"provisioner_name": PROVISIONER, "config": {"preload": list(PAGE_PRELOAD)}},
        },
    }


def spec_dir(prefix: str | Path | None = None) -> Path:
    """Return where the kernelspec lives under ``prefix`` (default: this environment)."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def install(prefix: str | Path | None = None) -> Path:
    """Write the kernelspec under ``prefix`` unless it is already there and the same; return its folder."""
    folder = spec_dir(prefix)
    target = folder / "kernel.json"
    text = json.dumps(spec(), indent=1, ensure_ascii=False) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder

