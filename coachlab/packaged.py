"""Read a data file shipped inside a coachlab package (tool contents, word lists, catalogs' companions)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def packaged_yaml(package: str, name: str) -> Any:
    """Return the parsed YAML file ``name`` of ``package`` (read once per process; callers must not mutate it)."""
    return yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
