"""Fit the learned layer of the checks from the labelled corpora and write coachlab/checks/models.json.

    make train-checks            # or: .venv/bin/python -m coachlab.checks.train [--cv-only] [--folds 5]

Needs the optional ``[train]`` extra (scikit-learn); the course itself never imports it. For every kind,
language and label: the rules run over each corpus item (own, heldout, the retired blind sets, train;
never the sealed blind sets of corpus.BLIND_SETS), their verdicts and the text's features are logged (coachlab.checks.learned), and
a logistic regression is fitted on them (L2, fixed solver and seed: the same corpus gives the same weights).
Only the features seen in at least two items are kept, then the ``KEEP`` strongest, so the file stays small.

Cross-validation (items split into ``folds`` by a hash of their text, so the split is stable) decides
per label whether the model or the rules give the verdict: the model only when it beats the rules on the
held-out folds of the sets the rules were not tuned on (train, retired blind) — else the rules decide
and the model only says how sure it is. The printed JSON holds accuracy per set for both ways.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import KINDS, run
from . import learned
from .corpus import LANGS, TRAINING_SETS, corpus_dir, labelled

# Strongest features kept per label model. Session 7 measured 250, 1,000 and all (C 0.3): held out by writer
# (blind6 left out of training, then scored), the mean per label went en .925 -> .930 -> .929, zh .917 -> .922
# -> .925, labels below .85 zh 2 -> 0 -> 0; cross-validated on the retired sets en .933 -> .935, zh .926 -> .929.
# 1,000 keeps most of the gain at a third of the file.
KEEP = 1000
MIN_COUNT = 2         # a feature must fire in this many training items
C = float(os.environ.get("COACHLAB_C", "0.3"))  # inverse L2 strength
# Sets the rules were not written against (train/, the retired blind sets, train-writers/): where the choice
# is made.
UNTUNED = tuple(name for name in TRAINING_SETS if name not in ("own", "heldout"))
# The model overrides the rules when it is at least this sure of the other verdict ("model": always).
GUARDS = {"model": 0.5, "model>0.65": 0.65, "model>0.8": 0.8}
# Among the ways with the model that beat the rules, the most cautious one within this much of the best is
# chosen. Session 9 measured it leave-one-set-out (the way chosen on the other untuned sets, scored on the
# left-out retired set; 12 sets, 28 labels per language): 1.5 points -> 1.0 -> 0.5 -> 0, mean per label
# en .937 -> .940 -> .941 -> .942, zh .935 -> .939 -> .942 -> .942; 1.0 beats 1.5 on every one of the 12 sets
# in both languages (19 labels better, 2 worse). 0.5 gains a little more but sends zh impact to guard 0.5,
# where the model turns "转组申请从4个降到0个了。" (a count that moved, conventions 1 and 14) to no impact at
# p 0.52. Turns to turns10 (exact / verdict / asks): en 92.61/96.06/75 -> 92.63/96.02/73, zh
# 91.39/95.15/64 -> 91.35/95.15/72.
TOLERANCE = 0.01
SKIP = {"feedback": {"model"}, "goal": {"achievable"}}  # derived from other labels, or by arithmetic


def _encode(value: Any) -> Any:
    return "null" if value is None else value


def collect(kind: str, lang: str) -> list[dict[str, Any]]:
    """Return every training item of a kind and language with its features, rule verdicts and gold labels."""
    rows = []
    for source, sub in TRAINING_SETS.items():
        folder = corpus_dir() / sub if sub else corpus_dir()
        for item, gold in labelled(kind, lang, folder):
            with learned.recording() as log:
                run(kind, item["t"], lang=lang, context=item.get("ctx"))
            if not log:
                continue  # empty text: nothing to learn
            feats, rules = log[-1]
            rows.append({"source": source, "text": item["t"], "features": feats, "rules": rules, "gold": gold})
    return rows


def labels_of(rows: list[dict[str, Any]]) -> list[str]:
    """Return every label some row is labelled with, in first-seen order."""
    return list(dict.fromkeys(label for r in rows for label in r["gold"]))


def _fold(text: str, folds: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % folds


def fit(rows: list[dict[str, Any]], label: str) -> dict[str, Any] | None:
    """Fit one label's model on ``rows``; keep the ``KEEP`` strongest features and fit again on those only."""
    rows = [r for r in rows if label in r["gold"]]
    first = _fit(rows, label, None)
    if first is None or len(first["weights"]) < KEEP:
        return first
    return _fit(rows, label, set(first["weights"]))


def _fit(rows: list[dict[str, Any]], label: str, only: set[str] | None) -> dict[str, Any] | None:
    """Fit one label's model on ``rows``; return it as shipped in models.json (None when one class only)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ys = [_encode(r["gold"][label]) for r in rows]
    classes = sorted({str(y) for y in ys})
    if len(classes) < 2:
        return None
    counts: dict[str, int] = {}
    for r in rows:
        for f in r["features"]:
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= MIN_COUNT and (only is None or f in only)}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{f: v for f, v in r["features"].items() if f in keep} for r in rows])
    names = vec.get_feature_names_out()
    binary = all(isinstance(y, bool) for y in ys)
    target = [bool(y) for y in ys] if binary else [str(y) for y in ys]
    model = LogisticRegression(C=C, max_iter=2000, solver="liblinear" if binary else "lbfgs", random_state=0)
    model.fit(x.toarray(), target)
    if binary:
        coef = model.coef_[0]
        order = sorted(range(len(names)), key=lambda i: (-abs(coef[i]), names[i]))[:KEEP]
        weights = {str(names[i]): round(float(coef[i]), 4) for i in sorted(order, key=lambda i: names[i])
                   if abs(coef[i]) >= 1e-4}
        return {"classes": None, "bias": round(float(model.intercept_[0]), 4), "weights": weights}
    cls = [str(c) for c in model.classes_]
    strength = abs(model.coef_).max(axis=0)
    order = sorted(range(len(names)), key=lambda i: (-strength[i], names[i]))[:KEEP]
    weights = {str(names[i]): [round(float(model.coef_[k][i]), 4) for k in range(len(cls))]
               for i in sorted(order, key=lambda i: names[i]) if strength[i] >= 1e-4}
    return {"classes": cls, "bias": [round(float(b), 4) for b in model.intercept_], "weights": weights}


def _decoded(value: Any) -> Any:
    return None if value == "null" else value


def cross_validate(rows: list[dict[str, Any]], label: str, folds: int) -> dict[str, Any]:
    """Return, per set, how often the rules and the model (trained on the other folds) get ``label`` right."""
    rows = [r for r in rows if label in r["gold"]]
    hits: dict[str, dict[str, list[int]]] = {}
    probs: list[tuple[float, bool, bool]] = []  # (confidence of the rules' verdict, rules right, model right)
    for k in range(folds):
        train = [r for r in rows if _fold(r["text"], folds) != k]
        test = [r for r in rows if _fold(r["text"], folds) == k]
        model = fit(train, label) if train else None
        for r in test:
            gold, rule = r["gold"][label], r["rules"].get(label)
            cell = hits.setdefault(r["source"], {way: [0, 0] for way in ("rules", *GUARDS)})
            p = learned.predict(model, r["features"]) if model is not None else None
            for way in ("rules", *GUARDS):
                pred = rule if p is None or way == "rules" or p.probability(p.value) < GUARDS[way] else p.value
                cell[way][0] += pred == gold
                cell[way][1] += 1
            if p is not None:
                pred = p.value
            if model is not None:
                probs.append((p.probability(pred), rule == gold, pred == gold))
    out: dict[str, Any] = {src: {way: round(n / total, 3) for way, (n, total) in cell.items()} | {"items": cell["rules"][1]}
                           for src, cell in hits.items()}
    out["_probs"] = probs
    return out


def _pooled(cv: dict[str, Any], way: str, sources: tuple[str, ...]) -> float | None:
    right = total = 0.0
    for src in sources:
        if src in cv:
            right += cv[src][way] * cv[src]["items"]
            total += cv[src]["items"]
    return right / total if total else None


def train_all(folds: int = 5, write: bool = True, kinds: tuple[str, ...] = KINDS,
              tone: bool | None = None) -> dict[str, Any]:
    """Fit every label model, choose rules or model per label by cross-validation, write models.json.

    The tone model (``train_tone``) is fitted on a full run or when ``tone`` is true; a partial run keeps it."""
    shipped: dict[str, Any] = {}
    report: dict[str, Any] = {}
    for kind in kinds:
        for lang in LANGS:
            rows = collect(kind, lang)
            if not rows:
                continue
            labels = [label for label in labels_of(rows) if label not in SKIP.get(kind, set())]
            for label in labels:
                cv = cross_validate(rows, label, folds)
                probs = cv.pop("_probs")
                untuned = tuple(s for s in UNTUNED if s in cv) or tuple(cv)
                pooled = {way: _pooled(cv, way, untuned) or 0.0 for way in ("rules", *GUARDS)}
                # The rules keep the verdict unless a way with the model beats them by a point or more (two
                # items in 200: less is noise); among those, the most cautious one (highest guard) within
                # TOLERANCE of the best, so a model overrides a rule only when it is sure.
                best = max(pooled.values())
                way = "rules" if best < pooled["rules"] + 0.01 else next(
                    w for w in sorted(GUARDS, key=lambda w: -GUARDS[w]) if pooled[w] >= best - TOLERANCE)
                mode = "rules" if way == "rules" else "model"
                model = fit(rows, label)
                entry = {"mode": mode, "guard": GUARDS.get(way, 1.0), "rule_precision": _rule_precision(rows, label)}
                report.setdefault(kind, {}).setdefault(lang, {})[label] = {
                    "way": way, **{w: round(v, 3) for w, v in pooled.items()}, "by_set": cv,
                    "calibration": _calibration(probs, mode)}
                if model is not None:
                    shipped.setdefault(kind, {}).setdefault(lang, {})[label] = {**model, **entry}
    if tone or (tone is None and set(kinds) == set(KINDS)):
        shipped["tone"] = train_tone()
        report["tone"] = {lang: {"features": len(m["sarcasm"]["weights"])} for lang, m in shipped["tone"].items()}
    if write:
        path = Path(__file__).with_name(learned.MODELS_FILE)
        if set(kinds) != set(KINDS) and path.is_file():
            # A partial run (--kind) keeps the other kinds' models as they were.
            old = json.loads(path.read_text("utf-8")).get("models", {})
            shipped = {**{k: v for k, v in old.items() if k not in kinds}, **shipped}
        path.write_text(json.dumps({"version": 1, "trained_on": list(TRAINING_SETS), "folds": folds,
                                    "models": shipped}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                        + "\n", "utf-8")
        learned.models.cache_clear()
    return report


def _rule_precision(rows: list[dict[str, Any]], label: str) -> dict[str, float]:
    """Return, per verdict the rules give, how often it is right on the sets they were not tuned on (smoothed)."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        if r["source"] not in UNTUNED or label not in r["gold"]:
            continue
        cell = counts.setdefault(str(_encode(r["rules"].get(label))), [0, 0])
        cell[0] += r["rules"].get(label) == r["gold"][label]
        cell[1] += 1
    return {value: round((right + 1) / (total + 2), 3) for value, (right, total) in sorted(counts.items())}


def _calibration(probs: list[tuple[float, bool, bool]], mode: str) -> dict[str, Any]:
    """Return, for the cross-validated verdicts, how many fall under the unsure line and how right the rest are."""
    from .base import UNSURE_BELOW

    if not probs:
        return {}
    idx = 2 if mode == "model" else 1
    sure = [p for p in probs if p[0] >= UNSURE_BELOW]
    return {"unsure_share": round(1 - len(sure) / len(probs), 3),
            "sure_accuracy": round(sum(p[idx] for p in sure) / len(sure), 3) if sure else None}


# The tone model (H-judge-tone8, session 9): one logistic model per language for the `sarcasm` pitfall
# (coachlab/checks/tone.py reads it as kind "tone", label "sarcasm"). Mocking answers: the retired turn sets'
# sarcasm-register answers that reach the fallback (convention 18) and the per-label sets' `sarcasm` flags;
# sincere ones: every other answer and item. A sarcasm-register poor answer that kept a specific intent (a blunt
# question, convention 10/13) is left out of both. The threshold is data (rules/tone.yaml, model.threshold),
# chosen leave-one-set-out (``tone_leave_one_set_out``).
TONE_C = 1.0


def tone_rows(lang: str) -> list[dict[str, Any]]:
    """Return the tone model's training items of a language: text, set name, features and gold (mocking or not)."""
    import yaml

    from coachlab.text.dialect import plain

    from .corpus import BLIND_SETS
    from . import tone as tone_check

    items: list[tuple[str, str, bool]] = []
    root = corpus_dir()
    for name, spec in BLIND_SETS.items():
        if spec.sealed:
            continue
        folder = root / spec.folder
        for path in sorted(folder.glob(f"*.{lang}.yaml")):
            data = yaml.safe_load(path.read_text("utf-8"))
            if spec.kind == "turns":
                for turn in (data or {}).get("turns") or ():
                    for a in turn.get("answers") or ():
                        mocking = a.get("register") == "sarcasm" and a.get("quality") == "poor"
                        if mocking and a.get("intent") != "fallback":
                            continue  # blunt, not clearly mocking: neither class
                        items.append((name, a["t"], mocking))
            else:
                items += [(name, i["t"], "sarcasm" in (i.get("flags") or ())) for i in data or ()
                          if isinstance(i, dict) and isinstance(i.get("t"), str)]
    for name, sub in (("writers", "train-writers"), ("train", "train")):
        for path in sorted((root / sub).glob(f"*.{lang}.yaml")):
            data = yaml.safe_load(path.read_text("utf-8")) or []
            for i in data if isinstance(data, list) else ():
                if not isinstance(i, dict) or not isinstance(i.get("t"), str):
                    continue
                gold = bool(i["sarcasm"]) if path.name.startswith("tone.") else "sarcasm" in (i.get("flags") or ())
                items.append((name, i["t"], gold))
    rows = []
    for source, text, gold in items:
        if not text.strip():
            continue
        read = plain(text)  # as coachlab.checks.run reads it: dialect words and chat spellings as the rules' language
        rule_ids = [rid for rid, _ in tone_check.spans(read, lang)]
        rows.append({"source": source, "text": text, "gold": {"sarcasm": gold}, "rules": {"sarcasm": bool(rule_ids)},
                     "features": tone_check.features(read, lang, rule_ids)})
    return rows


def fit_tone(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Fit the tone model on ``rows`` (see tone_rows), as shipped in models.json.

    Like ``fit`` but sparse (some 10,000 items a language): every feature seen ``MIN_COUNT`` times, then the
    ``KEEP`` strongest fitted again alone (the size every label model keeps).
    """
    first = _fit_tone(rows, None)
    return first if first is None or len(first["weights"]) < KEEP else _fit_tone(rows, set(first["weights"]))


def _fit_tone(rows: list[dict[str, Any]], only: set[str] | None) -> dict[str, Any] | None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ys = [bool(r["gold"]["sarcasm"]) for r in rows]
    if len(set(ys)) < 2:
        return None
    counts: dict[str, int] = {}
    for r in rows:
        for f in r["features"]:
            counts[f] = counts.get(f, 0) + 1
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{f: v for f, v in r["features"].items() if counts[f] >= MIN_COUNT and (only is None or f in only)}
                           for r in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit indices
    model = LogisticRegression(C=TONE_C, max_iter=3000, solver="liblinear", random_state=0).fit(x, ys)
    names, coef = vec.get_feature_names_out(), model.coef_[0]
    order = sorted(range(len(names)), key=lambda i: (-abs(coef[i]), names[i]))[:KEEP]
    weights = {str(names[i]): round(float(coef[i]), 4) for i in sorted(order, key=lambda i: names[i])
               if abs(coef[i]) >= 1e-4}
    return {"classes": None, "bias": round(float(model.intercept_[0]), 4), "weights": weights}


def tone_leave_one_set_out(lang: str, rows: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Return every dev-set row of a language with ``p``: the tone model's probability, fitted without its set."""
    rows = tone_rows(lang) if rows is None else rows
    out = []
    for held in sorted({r["source"] for r in rows} - {"train"}):
        model = fit_tone([r for r in rows if r["source"] != held])
        for r in rows:
            if r["source"] == held:
                out.append({**r, "p": learned.predict(model, r["features"]).probability(True) if model else 0.0})
    return out


def train_tone() -> dict[str, Any]:
    """Return the shipped tone models, by language."""
    return {lang: {"sarcasm": {**model, "mode": "model", "guard": 0.5}} for lang in LANGS
            if (model := fit_tone(tone_rows(lang))) is not None}



def main(argv: list[str] | None = None) -> int:
    """Train and print the cross-validation table as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv-only", action="store_true", help="measure, do not write models.json")
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--tone", action="store_true", help="fit the tone model (alone, unless --kind is given)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is missing: pip install -e '.[train]'", file=sys.stderr)
        return 2
    kinds = tuple(args.kind or (() if args.tone else KINDS))
    report = train_all(args.folds, write=not args.cv_only, kinds=kinds, tone=True if args.tone else None)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
