"""Labelled corpora of the checks (tests/corpus/, format in tests/corpus/README.md): gold and predicted labels.

Shared by the trainer (coachlab/checks/train.py) and the accuracy benchmark (benchmarks/checks_accuracy.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from coachlab.paths import course_root

LANGS = ("en", "zh-CN")
SHORT = {
    "feedback": {"b": "behavior", "i": "impact", "a": "appreciation", "d": "development"},
    "goal": {"s": "specific", "m": "measurable", "r": "relevant", "t": "time_bound"},
    "star": {"s": "situation", "t": "task", "a": "action", "r": "result", "q": "quantified_result"},
}
FEEDBACK_FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich",
                  "question_form", "threat")


def corpus_dir() -> Path:
    """Return tests/corpus/ of the course checkout."""
    return course_root() / "tests" / "corpus"


class BlindSet(NamedTuple):
    """A set written by someone who read neither the rules nor the training data (tests/corpus/README.md)."""

    folder: str      # under tests/corpus/
    kind: str        # "labels" (per label, the format of blind3/) or "turns" (per role-play turn)
    sealed: bool     # True: it measures, nobody reads its misses or learns from it


# Every blind set, by its benchmark name (`benchmarks/checks_accuracy.py --set NAME`). A sealed set measures;
# once measured before and after a change it is retired: moved under train-retired-blind/, `sealed` turned
# off and, for a per-label set, its folder added to TRAINING_SETS (issue 13: blind2 and turns in session 4,
# blind3 and turns2 in session 5, blind4 and turns3 then blind5 and turns4 in session 6, blind6 and turns5,
# blind7 and turns6, then blind8 and turns7, then blind9 and turns8 in session 7, blind10 and turns9, then
# blind11 and turns10 in session 8, blind12 and turns11 in session 9, blind13 and turns12 in session 10,
# blind14 and turns13, then blind15 and turns14 in session 12, blind16 and turns15, then blind17 and turns16 in
# session 13, blind18 and turns17 with blind19 and turns18 in session 14, blind20 and
# turns19, then blind21 and turns20 in session 15, blind22 and turns21 in session 18, blind23 and turns22, then
# blind24 and turns23 in session 19).
BLIND_SETS = {
    "blind2": BlindSet("train-retired-blind/blind2", "labels", False),
    "blind3": BlindSet("train-retired-blind/blind3", "labels", False),
    "blind4": BlindSet("train-retired-blind/blind4", "labels", False),
    "blind5": BlindSet("train-retired-blind/blind5", "labels", False),
    "blind6": BlindSet("train-retired-blind/blind6", "labels", False),
    "blind7": BlindSet("train-retired-blind/blind7", "labels", False),
    "blind8": BlindSet("train-retired-blind/blind8", "labels", False),
    "blind9": BlindSet("train-retired-blind/blind9", "labels", False),
    "blind10": BlindSet("train-retired-blind/blind10", "labels", False),
    "blind11": BlindSet("train-retired-blind/blind11", "labels", False),
    "blind12": BlindSet("train-retired-blind/blind12", "labels", False),
    "blind13": BlindSet("train-retired-blind/blind13", "labels", False),
    "blind14": BlindSet("train-retired-blind/blind14", "labels", False),
    "blind15": BlindSet("train-retired-blind/blind15", "labels", False),
    "blind16": BlindSet("train-retired-blind/blind16", "labels", False),
    "blind17": BlindSet("train-retired-blind/blind17", "labels", False),
    "blind18": BlindSet("train-retired-blind/blind18", "labels", False),
    "blind19": BlindSet("train-retired-blind/blind19", "labels", False),
    "blind20": BlindSet("train-retired-blind/blind20", "labels", False),
    "blind21": BlindSet("train-retired-blind/blind21", "labels", False),
    "blind22": BlindSet("train-retired-blind/blind22", "labels", False),
    "blind23": BlindSet("train-retired-blind/blind23", "labels", False),
    "blind24": BlindSet("train-retired-blind/blind24", "labels", False),
    "blind25": BlindSet("blind25", "labels", True),  # written in session 19, measured once at its end
    "turns": BlindSet("train-retired-blind/turns-blind", "turns", False),
    "turns2": BlindSet("train-retired-blind/turns-blind2", "turns", False),
    "turns3": BlindSet("train-retired-blind/turns-blind3", "turns", False),
    "turns4": BlindSet("train-retired-blind/turns-blind4", "turns", False),
    "turns5": BlindSet("train-retired-blind/turns-blind5", "turns", False),
    "turns6": BlindSet("train-retired-blind/turns-blind6", "turns", False),
    "turns7": BlindSet("train-retired-blind/turns-blind7", "turns", False),
    "turns8": BlindSet("train-retired-blind/turns-blind8", "turns", False),
    "turns9": BlindSet("train-retired-blind/turns-blind9", "turns", False),
    "turns10": BlindSet("train-retired-blind/turns-blind10", "turns", False),
    "turns11": BlindSet("train-retired-blind/turns-blind11", "turns", False),
    "turns12": BlindSet("train-retired-blind/turns-blind12", "turns", False),
    "turns13": BlindSet("train-retired-blind/turns-blind13", "turns", False),
    "turns14": BlindSet("train-retired-blind/turns-blind14", "turns", False),
    "turns15": BlindSet("train-retired-blind/turns-blind15", "turns", False),
    "turns16": BlindSet("train-retired-blind/turns-blind16", "turns", False),
    "turns17": BlindSet("train-retired-blind/turns-blind17", "turns", False),
    "turns18": BlindSet("train-retired-blind/turns-blind18", "turns", False),
    "turns19": BlindSet("train-retired-blind/turns-blind19", "turns", False),
    "turns20": BlindSet("train-retired-blind/turns-blind20", "turns", False),
    "turns21": BlindSet("train-retired-blind/turns-blind21", "turns", False),
    "turns22": BlindSet("train-retired-blind/turns-blind22", "turns", False),
    "turns23": BlindSet("train-retired-blind/turns-blind23", "turns", False),
    "turns24": BlindSet("turns-blind24", "turns", True),  # written in session 19, measured once at its end
}
SEALED = tuple(s.folder for s in BLIND_SETS.values() if s.sealed)  # folders never read to tune or train

# The corpora a model may learn from, by name: the own and held-out sets, train/, the retired per-label
# blind sets and train-writers/ (written blind for training, session 7). The sealed sets are never read
# here: they measure.
TRAINING_SETS = {"own": "", "heldout": "heldout", "retired-blind": "train-retired-blind",
                 **{f"retired-{name}": s.folder for name, s in BLIND_SETS.items()
                    if s.kind == "labels" and not s.sealed},
                 "train": "train", "writers": "train-writers",
                 # Cantonese-flavoured, dictated Mandarin (zh-CN only; session 14, a register no set had)
                 "writers-yue": "train-writers/yue"}


def flag_aliases(folder: Path) -> tuple[dict[str, str], set[str]]:
    """Return a folder's feedback flag aliases (its flags.yaml, writer's name -> check id) and unscored names."""
    spec = folder / "flags.yaml"
    if not spec.is_file():
        return {}, set()
    data = yaml.safe_load(spec.read_text("utf-8")) or {}
    return dict(data.get("aliases") or {}), set(data.get("unscored") or ())


def labelled(kind: str, lang: str, folder: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Return (item, gold labels) of one kind and language in ``folder``, flags mapped through its flags.yaml.

    A feedback flag no writer of that folder ever used in ``lang`` is left out of the gold labels (it was
    never labelled, so its absence says nothing).
    """
    items = load(kind, lang, folder)
    aliases, _ = flag_aliases(folder)
    if kind == "feedback" and aliases:
        items = [{**item, "flags": [aliases.get(f, f) for f in item.get("flags") or ()]} for item in items]
        used = {f for item in items for f in item["flags"]}
        return [(item, {k: v for k, v in expected(kind, item).items()
                        if k not in FEEDBACK_FLAGS or k in used}) for item in items]
    return [(item, expected(kind, item)) for item in items]


def load(kind: str, lang: str, folder: Path) -> list[dict[str, Any]]:
    """Return the items of one kind and language in ``folder`` (empty when the file is absent)."""
    path = folder / f"{kind}.{lang}.yaml"
    if not path.is_file():
        return []
    items = yaml.safe_load(path.read_text("utf-8")) or []
    return [item for item in items if isinstance(item, dict) and str(item.get("t") or "").strip()]


def expected(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """Return the gold labels of an item."""
    has = {SHORT.get(kind, {}).get(h, h) for h in item.get("has") or ()}
    if kind == "feedback":
        gold: dict[str, Any] = {e: e in has for e in SHORT["feedback"].values()}
        gold["model"] = "BID" if gold["development"] else "BIA" if gold["appreciation"] else None
        gold.update({f: f in (item.get("flags") or ()) for f in FEEDBACK_FLAGS})
        return gold
    if kind == "goal":
        gold = {c: c in has for c in SHORT["goal"].values()}
        gold["achievable"] = item.get("ach")
        return gold
    if kind == "question":
        return {"form": item.get("form"), "grow_stage": item.get("stage"), "leading": "leading" in has,
                "advice": "advice" in has}
    if kind == "star":
        return {e: e in has for e in SHORT["star"].values()}
    if kind == "listening":
        return {e: e in has for e in ("fact", "feeling", "focus")}
    raise ValueError(kind)


def predicted(kind: str, report: dict[str, Any]) -> dict[str, Any]:
    """Return the labels a report gives, in the corpus's terms."""
    if kind == "feedback":
        out = dict(report["elements"])
        out["model"] = report["model"]
        out.update({f: f in report["flags"] for f in FEEDBACK_FLAGS})
        return out
    if kind == "goal":
        return dict(report["criteria"])
    if kind == "question":
        return {k: report[k] for k in ("form", "grow_stage", "leading", "advice")}
    if kind == "star":
        return {**report["elements"], "quantified_result": report["quantified_result"]}
    return dict(report["elements"])
