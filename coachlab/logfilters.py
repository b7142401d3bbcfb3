"""Quiet logs: drop the warnings known to be harmless here, by their exact wording, and nothing else.

A room's server log is read when something goes wrong; two warnings repeat for every page and kernel and bury
what matters:

- ``Notebook <path> is not trusted`` (jupyter_server's contents manager): trust decides whether a notebook's
  saved HTML/JS outputs are shown in JupyterLab; Voilà runs the course's own notebooks fresh and nbgrader grades
  cleared copies, so no page ever depends on it.
- ``Kernel is running over TCP without encryption. ...`` (ipykernel): kernels listen on the loopback interface
  of the machine that serves the room, where only the server talks to them.

Each is matched on the logging call's own message template (``record.msg``), at WARNING level only, so an
error, or a warning worded differently, always gets through. ``install()`` puts the filter on the loggers that
emit them (traitlets names an application's logger after its class); ``quiet_lines`` drops the same lines from
text a child process printed (nbgrader's output shown in an error message).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass


@dataclass(frozen=True)
class Harmless:
    """One known harmless warning: the start of its message template and why it can be dropped."""

    starts: str
    why: str


HARMLESS: tuple[Harmless, ...] = (
    Harmless("Notebook %s is not trusted",
             "notebook trust only gates saved outputs in JupyterLab; Voila and nbgrader run notebooks fresh"),
    Harmless("Kernel is running over TCP without encryption.",
             "kernels listen on loopback, where only this server connects to them"),
)
# Loggers that emit them: the Voila and Jupyter server applications (contents manager), the kernel application,
# nbgrader's applications, and traitlets' fallback logger for configurables without an application.
LOGGERS: tuple[str, ...] = ("Voila", "CourseVoila", "ServerApp", "IPKernelApp", "NbGraderApp", "AutogradeApp",
                            "GenerateAssignmentApp", "CollectApp", "traitlets")


class HarmlessWarningFilter(logging.Filter):
    """Drop WARNING records whose message template starts like one of ``HARMLESS``; pass everything else."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Return False for a known harmless warning."""
        if record.levelno != logging.WARNING or not isinstance(record.msg, str):
            return True
        return not any(record.msg.startswith(known.starts) for known in HARMLESS)


_FILTER = HarmlessWarningFilter()


def install(*extra_loggers: str) -> None:
    """Add the filter to the loggers that emit the known harmless warnings (and ``extra_loggers``); idempotent.

    Call it in the process that logs: the server (before it starts) and each kernel (before IPKernelApp starts).
    """
    for name in (*LOGGERS, *extra_loggers):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def quiet_lines(text: str) -> str:
    """Return ``text`` (a child process's output) without the lines that carry a known harmless warning."""
    templates = [known.starts.split("%s")[-1].strip() or known.starts for known in HARMLESS]
    kept = [line for line in text.splitlines(keepends=True)
            if not ("WARNING" in line and any(t in line for t in templates))]
    return "".join(kept)
