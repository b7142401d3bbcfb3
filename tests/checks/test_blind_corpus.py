"""The retired blind corpus (tests/corpus/train-retired-blind/) is well-formed, and the benchmark scores
the new blind sets (blind2/, turns-blind/) in the documented format.

The retired set was the blind measure until issue 13; it is training data now (see its README). The
benchmark's blind2 and turns tables are tested on small fixtures written here, never on the real blind
sets, which nobody tunes against.
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

BLIND = REPO / "tests" / "corpus" / "train-retired-blind"
MIN_ITEMS = 20

# Keys an item may carry, and the values its label lists may hold, per kind (tests/corpus/README.md).
KEYS = {
    "feedback": {"t", "has", "flags"},
    "goal": {"t", "has", "ach"},
    "question": {"t", "form", "stage", "has"},
    "star": {"t", "has"},
    "listening": {"t", "has", "ctx"},
}
HAS = {
    "feedback": set(accuracy.SHORT["feedback"]),
    "goal": set(accuracy.SHORT["goal"]),
    "question": {"leading", "advice"},
    "star": set(accuracy.SHORT["star"]),
    "listening": {"fact", "feeling", "focus"},
}
FORMS = {"open", "closed", "statement"}
STAGES = {"goal", "reality", "options", "will"}


def _items(kind: str, lang: str) -> list[dict]:
    return accuracy.load(kind, lang, BLIND)


@pytest.mark.parametrize("lang", accuracy.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_blind_file_loads_with_valid_labels(kind: str, lang: str) -> None:
    """Each kind and language has at least 20 items, each with a text and only valid label names."""
    items = _items(kind, lang)
    assert isinstance(items, list) and len(items) >= MIN_ITEMS
    texts = [item["t"] for item in items]
    assert all(isinstance(t, str) and t.strip() for t in texts)
    assert len(set(texts)) == len(texts), "duplicate blind texts"
    for item in items:
        assert set(item) <= KEYS[kind], f"unknown keys {set(item) - KEYS[kind]} in {item['t']!r}"
        assert set(item.get("has") or ()) <= HAS[kind], f"bad label in {item['t']!r}"
        if kind == "feedback":
            assert set(item.get("flags") or ()) <= set(accuracy.FEEDBACK_FLAGS), f"bad flag in {item['t']!r}"
        if kind == "goal":
            assert item.get("ach") in (True, False, None)
        if kind == "question":
            assert item["form"] in FORMS and item.get("stage") in STAGES | {None}
        if kind == "listening":
            assert isinstance(item.get("ctx"), str) and item["ctx"].strip()
        accuracy.expected(kind, item)


@pytest.mark.parametrize("lang", accuracy.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_blind_labels_have_positives_and_negatives(kind: str, lang: str) -> None:
    """Every label (feedback flags included) takes more than one value across the file."""
    golds = [accuracy.expected(kind, item) for item in _items(kind, lang)]
    for label in golds[0]:
        values = {repr(g[label]) for g in golds}
        assert len(values) > 1, f"blind {kind}/{lang}: {label} is always {values}"


def test_blind_texts_not_in_other_corpora() -> None:
    """No blind text appears in the own or held-out corpus (any kind or language)."""
    others = {item["t"].strip().casefold()
              for corpus in (accuracy.CORPUS, accuracy.HELDOUT)
              for path in corpus.glob("*.yaml")
              for item in (accuracy.yaml.safe_load(path.read_text("utf-8")) or [])}
    blind = {item["t"].strip().casefold() for kind in KINDS for lang in accuracy.LANGS for item in _items(kind, lang)}
    assert not blind & others, f"blind texts found in other corpora: {sorted(blind & others)[:3]}"


def test_benchmark_scores_a_blind2_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--set blind2 scores <kind>.<lang>.yaml files of a folder per label."""
    import json

    (tmp_path / "goal.en.yaml").write_text(
        '- {t: "Cut AHT on billing calls from 420 to 390 seconds by 30 June.", has: [s, m, r, t], ach: true}\n'
        '- {t: "Be better.", has: []}\n', "utf-8")
    assert accuracy.main(["--set", "blind2", "--blind2", str(tmp_path), "--kind", "goal"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["blind2"]["goal"]["en"]["items"] == 2
    assert set(table["blind2"]["goal"]["en"]["accuracy"]) == {"specific", "measurable", "relevant", "time_bound",
                                                              "achievable"}


def test_benchmark_plays_turn_level_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--set turns plays each answer at its node and reports the share picking the labelled intent."""
    import json

    (tmp_path / "bid-late-logins.en.yaml").write_text(
        "scenario: bid-late-logins\nlang: en\nturns:\n  - node: options\n    answers:\n"
        '      - {t: "What could you do on the mornings the bus is late?", quality: good, intent: open-question}\n'
        '      - {t: "You should take the earlier bus, right?", quality: poor, intent: no-such-intent}\n', "utf-8")
    assert accuracy.main(["--set", "turns", "--turns", str(tmp_path)]) == 0
    table = json.loads(capsys.readouterr().out)["turns"]["en"]
    assert table["good"] == {"answers": 1, "right": 1, "asks": table["good"]["asks"], "accuracy": 1.0}
    assert table["poor"]["answers"] == 1 and table["poor"]["right"] == 0 and table["poor"]["accuracy"] == 0.0
