"""How often a second trainer agrees with a blind set's writer, and how often the checks agree with each, as JSON.

    .venv/bin/python benchmarks/label_agreement.py [--turns NAME] [--questions NAME]

The ceiling the targets of issue 13 stand under: a second trainer (session 8) labelled the answers of a
retired turn-level set and the question items of a retired per-label set without seeing the writer's
labels (tests/corpus/agreement/README.md). For turns: per language and quality, the share of answers where
the second trainer picked the writer's intent (``trainers``), where the engine picked the writer's
(``engine_vs_writer``, as ``checks_accuracy.py --set`` scores it) and the second trainer's
(``engine_vs_second``). For questions: the same per label (form, GROW stage, leading, advice).

Only retired sets are read (never a sealed one): the agreement files name the set they label.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.checks.corpus import BLIND_SETS, corpus_dir, expected, predicted  # noqa: E402

LANGS = ("en", "zh-CN")
QUESTION_LABELS = ("form", "grow_stage", "leading", "advice")


def _set_folder(name: str, kind: str) -> Path:
    spec = BLIND_SETS.get(name)
    if spec is None or spec.kind != kind:
        raise SystemExit(f"no retired {kind} set named {name!r}")
    if spec.sealed:
        raise SystemExit(f"{name} is sealed: nobody reads its labels to compare them")
    return corpus_dir() / spec.folder


def _share(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


def turns(name: str, agreement: Path) -> dict[str, Any]:
    """Compare the writer's intents of turn set ``name`` with the second trainer's and the engine's picks."""
    from coachlab.paths import course_root
    from coachlab.scenarios import engine
    from coachlab.scenarios.validator import load_scenario

    folder = _set_folder(name, "turns")
    out: dict[str, Any] = {}
    for lang in LANGS:
        path = agreement / f"turns.{lang}.yaml"
        if not path.is_file():
            continue
        second = {(r["scenario"], r["node"], int(r["id"])): r["intent"]
                  for r in yaml.safe_load(path.read_text("utf-8")) or ()}
        counts = {q: {"answers": 0, "trainers": 0, "engine_vs_writer": 0, "engine_vs_second": 0}
                  for q in ("good", "poor")}
        for file in sorted(folder.glob(f"*.{lang}.yaml")):
            data = yaml.safe_load(file.read_text("utf-8")) or {}
            scenario, problems = load_scenario(course_root(), data["scenario"])
            if scenario is None:
                raise SystemExit(f"{file.name}: {problems[:1]}")
            for turn in data.get("turns") or ():
                for index, item in enumerate(turn.get("answers") or ()):
                    key = (data["scenario"], turn["node"], index)
                    if key not in second:
                        raise SystemExit(f"{path.name}: no label for {key}")
                    quality = item["quality"]
                    writer = item.get("intent") or "fallback"
                    event, _ = engine.play_free(scenario, turn["node"], str(item["t"]), lang, quality == "good")
                    got = engine.reached(event)
                    c = counts[quality]
                    c["answers"] += 1
                    c["trainers"] += second[key] == writer
                    c["engine_vs_writer"] += got == writer
                    c["engine_vs_second"] += got == second[key]
        out[lang] = {q: {"answers": c["answers"], **{k: _share(v, c["answers"]) for k, v in c.items() if k != "answers"}}
                     for q, c in counts.items()}
    return out


def questions(name: str, agreement: Path) -> dict[str, Any]:
    """Compare the writer's question labels of per-label set ``name`` with the second trainer's and the check's."""
    from coachlab.checks import run

    folder = _set_folder(name, "labels")
    out: dict[str, Any] = {}
    for lang in LANGS:
        path = agreement / f"question.{lang}.yaml"
        if not path.is_file():
            continue
        second = {int(r["id"]): r for r in yaml.safe_load(path.read_text("utf-8")) or ()}
        items = yaml.safe_load((folder / f"question.{lang}.yaml").read_text("utf-8")) or []
        counts = {label: [0, 0, 0] for label in QUESTION_LABELS}
        for index, item in enumerate(items):
            if index not in second:
                raise SystemExit(f"{path.name}: no label for item {index}")
            writer = expected("question", item)
            label = second[index]  # the second trainer wrote the labels out: stage, leading, advice
            other = expected("question", {"form": label.get("form"), "stage": label.get("stage"),
                                          "has": [k for k in ("leading", "advice") if label.get(k)]})
            check = predicted("question", run("question", str(item["t"]), lang=lang).to_dict())
            for label in QUESTION_LABELS:
                counts[label][0] += other[label] == writer[label]
                counts[label][1] += check[label] == writer[label]
                counts[label][2] += check[label] == other[label]
        out[lang] = {"items": len(items), **{label: {"trainers": _share(c[0], len(items)),
                                                     "check_vs_writer": _share(c[1], len(items)),
                                                     "check_vs_second": _share(c[2], len(items))}
                                             for label, c in counts.items()}}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", default="turns9", help="retired turn set with a second trainer's labels")
    parser.add_argument("--questions", default="blind10", help="retired per-label set with a second trainer's labels")
    parser.add_argument("--agreement", type=Path, default=None, help="folder of the second trainer's labels")
    args = parser.parse_args(argv)
    base = args.agreement or corpus_dir() / "agreement"
    table = {"turns": {args.turns: turns(args.turns, base / args.turns)},
             "questions": {args.questions: questions(args.questions, base / args.questions)}}
    print(json.dumps(table, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
