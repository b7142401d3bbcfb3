"""The agreement benchmark (benchmarks/label_agreement.py) reads the second trainer's labels of retired sets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "label_agreement.py"


def _bench():
    spec = importlib.util.spec_from_file_location("label_agreement", BENCH)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_agreement_covers_every_answer_and_item_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """Every answer of turns9 and every question of blind10 has a second label; the shares are proportions."""
    assert _bench().main([]) == 0
    table = json.loads(capsys.readouterr().out)
    turns, questions = table["turns"]["turns9"], table["questions"]["blind10"]
    assert set(turns) == set(questions) == {"en", "zh-CN"}
    for lang, cell in turns.items():
        assert cell["good"]["answers"] == cell["poor"]["answers"] == 244, lang
        for quality in ("good", "poor"):
            assert all(0.0 <= cell[quality][k] <= 1.0 for k in ("trainers", "engine_vs_writer", "engine_vs_second"))
        # two trainers who read the same conventions agree on poor answers far more often than chance
        assert cell["poor"]["trainers"] >= 0.8, (lang, cell["poor"])
    for lang, cell in questions.items():
        assert cell["items"] >= 60 and cell["grow_stage"]["trainers"] >= 0.8, (lang, cell)


def test_a_sealed_set_is_refused() -> None:
    """Nobody compares labels of a sealed set: the benchmark stops before reading it."""
    from coachlab.checks.corpus import BLIND_SETS

    sealed = [name for name, spec in BLIND_SETS.items() if spec.sealed and spec.kind == "turns"]
    assert sealed
    with pytest.raises(SystemExit, match="sealed"):
        _bench().main(["--turns", sealed[0]])
