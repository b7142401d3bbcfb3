"""The people of the course (personas.yaml): one record per person, reused by every role-play they appear in."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def personas() -> dict[str, dict[str, Any]]:
    """Return the person records by slug."""
    text = resources.files(__package__).joinpath("personas.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["personas"]
