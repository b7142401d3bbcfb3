"""The retired blind corpora (tests/corpus/train-retired-blind/ and its blind2/ to blind24/) and train-writers/ are
well-formed, and the benchmark scores the sealed blind sets (blind25/, turns-blind24/) in the documented format.

The retired sets were the blind measures until issue 13; they are training data now (see their READMEs).
The benchmark's tables for the sealed sets are tested on small fixtures written here, never on the real
sealed sets, which nobody tunes against.
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
RETIRED = {"retired-blind": BLIND, **{f"retired-{name}": REPO / "tests" / "corpus" / spec.folder
                                      for name, spec in accuracy.BLIND_SETS.items()
                                      if spec.kind == "labels" and not spec.sealed},
           "writers": REPO / "tests" / "corpus" / "train-writers"}  # written blind, for training only
MIN_ITEMS = 20

# Keys an item may carry, and the values its label lists may hold, per kind (tests/corpus/README.md).
KEYS = {
    "feedback": {"t", "has", "flags", "model"},
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
TONE_FLAGS = {"sarcasm"}
KEYS = {kind: keys | {"flags"} for kind, keys in KEYS.items()}  # convention 18: a tone flag on any kind
FORMS = {"open", "closed", "statement"}
STAGES = {"goal", "reality", "options", "will"}


def _items(kind: str, lang: str, which: str = "retired-blind") -> list[dict]:
    folder = RETIRED[which]
    aliases, _ = accuracy.flag_names(folder, kind, lang)
    return [{**item, "flags": [aliases.get(f, f) for f in item.get("flags") or ()]} if kind == "feedback" else item
            for item in accuracy.load(kind, lang, folder)]


@pytest.mark.parametrize("which", sorted(RETIRED))
@pytest.mark.parametrize("lang", accuracy.LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_blind_file_loads_with_valid_labels(kind: str, lang: str, which: str) -> None:
    """Each kind and language has at least 20 items, each with a text and only valid label names."""
    items = _items(kind, lang, which)
    _, unscored = accuracy.flag_names_unscored(RETIRED[which])
    assert isinstance(items, list) and len(items) >= MIN_ITEMS
    texts = [item["t"] for item in items]
    assert all(isinstance(t, str) and t.strip() for t in texts)
    assert len(set(texts)) == len(texts), "duplicate blind texts"
    for item in items:
        assert set(item) <= KEYS[kind], f"unknown keys {set(item) - KEYS[kind]} in {item['t']!r}"
        assert set(item.get("has") or ()) <= HAS[kind], f"bad label in {item['t']!r}"
        if kind == "feedback":
            flags = set(item.get("flags") or ()) - unscored
            assert flags <= set(accuracy.FEEDBACK_FLAGS), f"bad flag in {item['t']!r}"
        else:  # convention 18: a mocking item of another kind keeps its labels and carries the tone flag
            assert set(item.get("flags") or ()) <= TONE_FLAGS, f"bad flag in {item['t']!r}"
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
    """Every label (feedback flags included) takes more than one value across the first retired file."""
    golds = [accuracy.expected(kind, item) for item in _items(kind, lang)]
    assert golds
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
    assert table["good"] == {"answers": 1, "right": 1, "asks": table["good"]["asks"], "accuracy": 1.0,
                             "verdict_right": 1, "verdict_accuracy": 1.0}
    assert table["poor"]["answers"] == 1 and table["poor"]["right"] == 0 and table["poor"]["accuracy"] == 0.0
    assert table["poor"]["verdict_right"] == 0  # an intent the node does not have gives no verdict to match


def test_benchmark_reports_the_verdict_a_learner_feels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A poor answer labelled with a lesser intent but reaching the fallback is a wrong intent and a right
    verdict (not the best move either way); one labelled with the best move is wrong both ways."""
    import json

    from coachlab.paths import course_root
    from coachlab.scenarios import engine
    from coachlab.scenarios.validator import load_scenario

    scenario, _ = load_scenario(course_root(), "bid-late-logins")
    text = "Nice weather today."
    event, _ = engine.play_free(scenario, "options", text, "en", False)
    assert engine.reached(event) == "fallback"
    intents = scenario.nodes["options"]["free"]["intents"]
    credit = {i["id"]: sum(i.get("scores", {}).values()) for i in intents}
    best = [i for i in credit if credit[i] == max(credit.values())]
    lesser = [i for i in credit if credit[i] < max(credit.values())]
    assert best and lesser
    (tmp_path / "bid-late-logins.en.yaml").write_text(
        "scenario: bid-late-logins\nlang: en\nturns:\n  - node: options\n    answers:\n"
        f'      - {{t: "{text}", quality: poor, intent: {lesser[0]}}}\n'
        f'      - {{t: "{text}", quality: poor, intent: {best[0]}}}\n', "utf-8")
    assert accuracy.main(["--set", "turns", "--turns", str(tmp_path)]) == 0
    poor = json.loads(capsys.readouterr().out)["turns"]["en"]["poor"]
    assert poor["right"] == 0 and poor["verdict_right"] == 1 and poor["verdict_accuracy"] == 0.5


def test_training_reads_the_retired_sets_and_never_the_sealed_ones() -> None:
    """The trainer learns from the retired blind sets; the sealed blind25/ and turns-blind24/ are not training."""
    from coachlab.checks.corpus import SEALED, TRAINING_SETS, labelled

    folders = set(TRAINING_SETS.values())
    assert {"train-retired-blind", "train-retired-blind/blind2", "train-retired-blind/blind3",
            "train-retired-blind/blind4", "train-retired-blind/blind5", "train-retired-blind/blind6",
            "train-retired-blind/blind7", "train-retired-blind/blind8",
            "train-retired-blind/blind9", "train-retired-blind/blind10",
            "train-retired-blind/blind11", "train-retired-blind/blind12",
            "train-retired-blind/blind13", "train-retired-blind/blind14",
            "train-retired-blind/blind15", "train-retired-blind/blind16",
            "train-retired-blind/blind17", "train-retired-blind/blind18", "train-retired-blind/blind19",
            "train-retired-blind/blind20", "train-retired-blind/blind21",
            "train-retired-blind/blind22", "train-retired-blind/blind23",
            "train-retired-blind/blind24"} <= folders
    assert set(SEALED) == {"blind25", "turns-blind24"}
    assert not any(sealed in f for f in folders for sealed in SEALED)
    assert all(f.startswith("train-retired-blind") or not f.startswith("blind") for f in folders)
    rows = labelled("feedback", "en", RETIRED["retired-blind2"])
    assert len(rows) >= MIN_ITEMS
    # flags.yaml maps the writer's names to the checks' ids; a flag the writer never used is not labelled.
    assert any(gold.get("label") for _, gold in rows)
    assert all("question_form" not in gold for _, gold in rows)


def test_unsure_marks_follow_items(tmp_path: Path) -> None:
    """A '# unsure' comment belongs to the item (or answer) whose block it is in."""
    per_label = tmp_path / "goal.en.yaml"
    per_label.write_text("# a header comment: unsure of nothing\n- t: one\n  has: [s]\n  # unsure: maybe m\n"
                         "- t: two\n  has: []\n- ctx: x\n  t: three\n  has: []  # unsure: inline\n", "utf-8")
    assert accuracy.unsure_marks(per_label) == [True, False, True]
    turns = tmp_path / "t.en.yaml"
    turns.write_text("scenario: s\nturns:\n  - node: a\n    answers:\n      - t: one\n        intent: x  # unsure: y\n"
                     "      - t: two\n        intent: x\n  - node: b\n    answers:\n      - t: three\n        intent: z\n",
                     "utf-8")
    assert accuracy.unsure_marks(turns, answers=True) == [True, False, False]


def test_benchmark_scores_a_sealed_set_with_and_without_unsure(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """--set blind25 scores per label, also without the '# unsure' items, and names the lowest label."""
    import json

    (tmp_path / "goal.en.yaml").write_text(
        '- t: "Cut AHT on billing calls from 420 to 390 seconds by 30 June."\n  has: [s, m, r, t]\n  ach: true\n'
        '- t: "Be better."\n  has: [s, m, r, t]\n  # unsure: a deliberately wrong label, to be left out\n', "utf-8")
    assert accuracy.main(["--set", "blind25", "--blind25", str(tmp_path), "--kind", "goal"]) == 0
    out = capsys.readouterr()
    table = json.loads(out.out)["blind25"]
    cell = table["goal"]["en"]
    assert cell["items"] == 2 and cell["unsure_items"] == 1
    assert cell["accuracy"]["specific"] == 0.5 and cell["accuracy_sure"]["specific"] == 1.0
    assert table["summary"]["en"]["accuracy"]["lowest"][1] <= 0.5
    assert "Be better" not in out.out + out.err  # a sealed set's texts are never printed


@pytest.mark.parametrize("which", ["blind25", "turns24"])
def test_benchmark_refuses_misses_on_sealed_sets(which: str) -> None:
    """Nobody reads the misses of a sealed set: --misses with it is an error."""
    with pytest.raises(SystemExit) as stop:
        accuracy.main(["--set", which, "--misses"])
    assert stop.value.code == 2


def test_benchmark_plays_sealed_turns_with_detail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--set turns24 reports good and poor answers, without '# unsure' answers and per register."""
    import json

    (tmp_path / "bid-late-logins.en.yaml").write_text(
        "scenario: bid-late-logins\nlang: en\nturns:\n  - node: options\n    answers:\n"
        '      - t: "What could you do on the mornings the bus is late?"\n        quality: good\n'
        "        register: spoken\n        intent: open-question\n"
        '      - t: "You should take the earlier bus, right?"\n        quality: poor\n'
        "        register: chat\n        intent: no-such-intent  # unsure: a label no engine picks\n", "utf-8")
    assert accuracy.main(["--set", "turns24", "--turns24", str(tmp_path)]) == 0
    table = json.loads(capsys.readouterr().out)["turns24"]["en"]
    assert table["good"]["answers"] == 1 and table["poor"]["accuracy"] == 0.0
    detail = table["detail"]
    assert detail["sure"]["good"]["answers"] == 1 and "poor" not in detail["sure"]
    assert detail["unsure"]["poor"]["answers"] == 1
    assert set(detail["register"]) == {"spoken", "chat"}


def test_benchmark_prints_misses_of_the_retired_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The retired blind4 and turns-blind3 are training and development data: their misses may be printed."""
    import json

    (tmp_path / "goal.en.yaml").write_text('- t: "Be better."\n  has: [s, m, r, t]\n  # unsure: wrong on purpose\n',
                                           "utf-8")
    assert accuracy.main(["--set", "blind4", "--blind4", str(tmp_path), "--kind", "goal", "--misses"]) == 0
    out = capsys.readouterr()
    table = json.loads(out.out)["blind4"]
    assert table["goal"]["en"]["accuracy"]["specific"] == 0.0
    assert table["sure"]["goal"]["en"]["unsure_items"] == 1
    assert "Be better." in out.err
    retired = {name: spec.folder for name, spec in accuracy.BLIND_SETS.items() if not spec.sealed}
    assert retired["blind4"] == "train-retired-blind/blind4" and retired["turns3"] == "train-retired-blind/turns-blind3"
    assert all(folder.startswith("train-retired-blind/") for folder in retired.values())
    (tmp_path / "turns").mkdir()
    turns = tmp_path / "turns" / "bid-late-logins.en.yaml"
    turns.write_text("scenario: bid-late-logins\nlang: en\nturns:\n  - node: options\n    answers:\n"
                     '      - t: "You should take the earlier bus, right?"\n        quality: poor\n'
                     "        intent: no-such-intent\n", "utf-8")
    assert accuracy.main(["--set", "turns3", "--turns3", str(tmp_path / "turns"), "--misses"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["turns3"]["en"]["poor"]["right"] == 0
    assert "earlier bus" in out.err
