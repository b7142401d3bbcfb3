"""Fixtures for the scenario tests: the tiny scenario, a file writer, the stub checker and a session at its
free-text turn."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from coachlab.scenarios import Scenario, choose, start
from scenario_testdata import MINI, stub_checker


@pytest.fixture
def mini() -> dict[str, Any]:
    """Return a fresh copy of the tiny valid scenario's data."""
    return copy.deepcopy(MINI)


@pytest.fixture
def write(tmp_path: Path):
    """Return a function writing scenario data (or raw text) to tmp/scenarios/<name>.yaml."""
    def put(data: Any, name: str = "mini") -> Path:
        folder = tmp_path / "scenarios"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.yaml"
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path
    return put


@pytest.fixture
def checker():
    """Return the keyword stub checker."""
    return stub_checker


@pytest.fixture
def speaking(mini) -> tuple[Scenario, Any]:
    scenario = Scenario(mini)
    session, _ = choose(scenario, start(scenario), "good")
    return scenario, session
