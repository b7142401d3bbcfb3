"""Read a data file shipped inside a coachlab package (tool contents, word lists, catalogs' companions)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# PyYAML's safe loader on libyaml (C) when the wheel has it: the same documents, parsed about ten times faster.
# The checks' rule files are read at every start of `coachlab check` (issue 13: 1,000 lines in 5 s, start included).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text as ``yaml.safe_load`` does (only plain data), with libyaml when it is there.

    libyaml refuses a colon inside a flow list's plain scalar (``[情境:, 背景]``), which PyYAML silently reads as
    a one-key mapping: an error is the better answer for a word list. tests/test_packaged_yaml.py shows every
    shipped file gives the same data both ways.
    """
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


@lru_cache(maxsize=None)
def packaged_yaml(package: str, name: str) -> Any:
    """Return the parsed YAML file ``name`` of ``package`` (read once per process; callers must not mutate it)."""
    return load_yaml(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
