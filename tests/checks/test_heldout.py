"""The held-out corpus (tests/corpus/heldout/): text written after the rules, in team leaders' own words.

It guards what the rules learned from it (IME spaces in Chinese dates, impacts without a marker word,
occasions such as 组会上 or "during the team huddle", GROW cues beyond the textbook phrasing) and catches
a rule edit that fits the own corpus at the cost of real phrasing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from coachlab.checks import KINDS

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("checks_accuracy", REPO / "benchmarks" / "checks_accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)  # type: ignore[union-attr]

# Reached 0.96-1.00 per label after the rule changes; the floor leaves room for one or two honest misses
# per label and still fails when a regression costs a few items.
FLOOR = 0.90
MIN_ITEMS = 25


@pytest.mark.parametrize("lang", accuracy.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_heldout_size_and_accuracy(kind: str, lang: str) -> None:
    """At least 25 items per kind and language, none repeating the own corpus; every label at least 0.90."""
    items = accuracy.load(kind, lang, accuracy.HELDOUT)
    assert len(items) >= MIN_ITEMS
    texts = [item["t"] for item in items]
    assert len(set(texts)) == len(texts), "duplicate held-out texts"
    own = {item["t"] for item in accuracy.load(kind, lang)}
    assert not own & set(texts), f"held-out texts copied from the own corpus: {sorted(own & set(texts))[:3]}"
    scores, misses, _ = accuracy.evaluate(kind, lang, accuracy.HELDOUT)
    low = {label: acc for label, acc in scores.items() if acc < FLOOR}
    assert not low, f"held-out {kind}/{lang} below {FLOOR}: {low}; misses: {misses[:5]}"


def test_heldout_has_negatives() -> None:
    """Each held-out file holds items where an element is absent, not only full marks."""
    for kind in KINDS:
        for lang in accuracy.LANGS:
            golds = [accuracy.expected(kind, item) for item in accuracy.load(kind, lang, accuracy.HELDOUT)]
            element_labels = [label for label in golds[0] if label not in accuracy.FEEDBACK_FLAGS]
            for label in element_labels:
                values = {repr(g[label]) for g in golds}
                assert len(values) > 1, f"heldout {kind}/{lang}: {label} is always {values}"


def test_benchmark_prints_heldout_table(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/checks_accuracy.py reports the held-out accuracy per kind, language and label as JSON."""
    import json

    assert accuracy.main(["--set", "heldout", "--kind", "goal"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert set(table["heldout"]["goal"]) == set(accuracy.LANGS)
    assert "time_bound" in table["heldout"]["goal"]["zh-CN"]["accuracy"]
