"""The hand-labelled corpus: big enough, and every label at or above the accuracy floor."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from coachlab.checks import KINDS

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("checks_accuracy", REPO / "benchmarks" / "checks_accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)  # type: ignore[union-attr]

FLOOR = 0.90


@pytest.mark.parametrize("lang", accuracy.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_corpus_size_and_accuracy(kind: str, lang: str) -> None:
    """At least 60 varied items per kind and language; every label at least 0.90 accurate."""
    items = accuracy.load(kind, lang)
    assert len(items) >= 60
    assert len({item["t"] for item in items}) == len(items), "duplicate corpus texts"
    scores, misses, _ = accuracy.evaluate(kind, lang)
    low = {label: acc for label, acc in scores.items() if acc < FLOOR}
    assert not low, f"{kind}/{lang} below {FLOOR}: {low}; misses: {misses[:5]}"


def test_corpus_has_near_misses() -> None:
    """Each kind's corpus holds negatives for every element, not only full marks."""
    for kind in KINDS:
        for lang in accuracy.LANGS:
            golds = [accuracy.expected(kind, item) for item in accuracy.load(kind, lang)]
            for label in golds[0]:
                values = {repr(g[label]) for g in golds}
                assert len(values) > 1 or label in ("motive", "threat"), f"{kind}/{lang}: {label} is always {values}"
