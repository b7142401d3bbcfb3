"""Where the course content and the learner data live."""

from __future__ import annotations

import os
from pathlib import Path


def course_root() -> Path:
    """Return the folder holding notebooks/, scenarios/ and exercises/ (``COACHLAB_ROOT`` overrides)."""
    override = os.environ.get("COACHLAB_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the learner-data folder: ``COACHLAB_DATA``, else the XDG data home, outside the repo."""
    override = os.environ.get("COACHLAB_DATA")
    if override:
        return Path(override).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser().resolve() / "coachlab"
