"""Recall and false alarms of the tone check (the `sarcasm` pitfall, coachlab/checks/tone.py) per retired set, as JSON.

    .venv/bin/python benchmarks/tone_accuracy.py            # rules, and rules + the shipped tone model if any
    .venv/bin/python benchmarks/tone_accuracy.py --loso     # rules + a tone model fitted without the set scored
    .venv/bin/python benchmarks/tone_accuracy.py --loso --sweep   # and, summed over the sets, what each threshold finds

Per turn set (train-retired-blind/turns-blind*/) and language: the sarcasm-register poor answers found
(``mocking``: those labelled fallback, convention 18; ``blunt``: the few left with a specific intent), the good
answers flagged, and the sincere poor answers with a specific intent flagged (a flag sends them to the fallback).
Per per-label set (blind2..blind13, train-writers): items flagged `sarcasm` found, other items flagged.
Never reads a sealed set (coachlab.checks.corpus.BLIND_SETS). Added in session 9 (H-judge-tone8).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.checks import tone as tone_check  # noqa: E402
from coachlab.checks.corpus import BLIND_SETS, corpus_dir  # noqa: E402
from coachlab.checks.learned import predict  # noqa: E402

import yaml  # noqa: E402

LANGS = ("en", "zh-CN")


def items(name: str, folder: Path, kind: str, lang: str) -> list[dict[str, Any]]:
    """Return the items of one set and language with the class each counts in."""
    out = []
    for path in sorted(folder.glob(f"*.{lang}.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if kind == "turns":
            for turn in (data or {}).get("turns") or ():
                for a in turn.get("answers") or ():
                    if a.get("register") == "sarcasm" and a.get("quality") == "poor":
                        cls = "mocking" if a.get("intent") == "fallback" else "blunt"
                    elif a.get("quality") == "good":
                        cls = "good"
                    else:
                        cls = "sincere_poor" if a.get("intent") != "fallback" else "other"
                    out.append({"t": a["t"], "cls": cls})
        else:
            out += [{"t": i["t"], "cls": "flagged" if "sarcasm" in (i.get("flags") or ()) else "unflagged"}
                    for i in data or () if isinstance(i, dict) and isinstance(i.get("t"), str)]
    return out


def sweep(probabilities: list[tuple[str, bool, float]]) -> dict[str, dict[str, int]]:
    """Per threshold, how many items of each class rules + model flag (the class's size under "n")."""
    classes = sorted({cls for cls, _, _ in probabilities})
    table = {"n": {cls: sum(c == cls for c, _, _ in probabilities) for cls in classes}}
    for step in range(10, 65, 5):
        threshold = step / 100
        table[f"{threshold:.2f}"] = {cls: sum(c == cls and (rules or p >= threshold) for c, rules, p in probabilities)
                                     for cls in classes}
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loso", action="store_true", help="score each set with a model fitted without it")
    parser.add_argument("--lang", choices=LANGS, help="one language only (session 10)")
    parser.add_argument("--sweep", action="store_true",
                        help="also sum each class over the sets at the thresholds 0.10 to 0.60 (session 14)")
    args = parser.parse_args(argv)
    sets = [(name, corpus_dir() / spec.folder, spec.kind) for name, spec in BLIND_SETS.items() if not spec.sealed]
    sets.append(("writers", corpus_dir() / "train-writers", "labels"))
    thresholds = tone_check.rulebook("tone").settings["model"]["threshold"]
    limit = int(tone_check.rulebook("tone").settings["model"]["max_chars"])
    out: dict[str, Any] = {"threshold": thresholds, "model": "leave-one-set-out" if args.loso else "shipped"}
    for lang in (args.lang,) if args.lang else LANGS:
        rows = None
        if args.loso:
            from coachlab.checks import train

            rows = train.tone_rows(lang)
        probabilities: list[tuple[str, bool, float]] = []
        for name, folder, kind in sets:
            model = tone_check.model(lang)
            if rows is not None:
                model = train.fit_tone([r for r in rows if r["source"] != name])
            cell: dict[str, dict[str, int]] = {}
            for item in items(name, folder, kind, lang):
                rules = bool(tone_check.spans(item["t"], lang))
                p = (predict(model, tone_check.features(item["t"], lang)).probability(True)
                     if not rules and model is not None and len(item["t"]) <= limit else 0.0)
                both = rules or p >= float(thresholds[lang])
                probabilities.append((item["cls"], rules, p))
                c = cell.setdefault(item["cls"], {"n": 0, "rules": 0, "rules+model": 0})
                c["n"] += 1
                c["rules"] += rules
                c["rules+model"] += both
            out.setdefault(name, {})[lang] = cell
        if args.sweep:
            out.setdefault("sweep", {})[lang] = sweep(probabilities)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
