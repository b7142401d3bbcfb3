"""Per-label accuracy of coachlab.checks on the hand-labelled corpus in tests/corpus/, per language.

    .venv/bin/python benchmarks/checks_accuracy.py [--misses] [--set own|heldout|blind|all]

Prints one JSON object: {kind: {lang: {label: accuracy}}} plus the item counts for the corpus the rules
were written with, and under "heldout" the same table for tests/corpus/heldout/ (text written after the
rules; the rules were later tuned against it, so it is now a regression guard), and under "blind" the
same for tests/corpus/blind/ (written by someone who never read the rules, measured and never tuned
against: the honest estimate of accuracy on unseen text); --misses also lists
every wrong label with its text (on stderr) so a rule author can see where the checks go wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.checks import KINDS, run  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
HELDOUT = CORPUS / "heldout"
BLIND = CORPUS / "blind"
LANGS = ("en", "zh-CN")
SHORT = {
    "feedback": {"b": "behavior", "i": "impact", "a": "appreciation", "d": "development"},
    "goal": {"s": "specific", "m": "measurable", "r": "relevant", "t": "time_bound"},
    "star": {"s": "situation", "t": "task", "a": "action", "r": "result", "q": "quantified_result"},
}
FEEDBACK_FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich",
                  "question_form", "threat")


def load(kind: str, lang: str, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Return the corpus items of one kind and language (``corpus``: CORPUS, HELDOUT or BLIND)."""
    return yaml.safe_load((corpus / f"{kind}.{lang}.yaml").read_text("utf-8")) or []


def expected(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """Return the gold labels of an item."""
    has = {SHORT.get(kind, {}).get(h, h) for h in item.get("has") or ()}
    if kind == "feedback":
        gold = {e: e in has for e in SHORT["feedback"].values()}
        gold["model"] = "BID" if gold["development"] else "BIA" if gold["appreciation"] else None
        gold.update({f: f in (item.get("flags") or ()) for f in FEEDBACK_FLAGS})
        return gold
    if kind == "goal":
        gold = {c: c in has for c in SHORT["goal"].values()}
        gold["achievable"] = item.get("ach")
        return gold
    if kind == "question":
        return {"form": item["form"], "grow_stage": item.get("stage"), "leading": "leading" in has,
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


def evaluate(kind: str, lang: str, corpus: Path = CORPUS) -> tuple[dict[str, float], list[tuple[str, str, Any, Any]], int]:
    """Return per-label accuracy, the misses (label, text, gold, got) and the item count."""
    items = load(kind, lang, corpus)
    right: dict[str, int] = {}
    misses = []
    for item in items:
        gold = expected(kind, item)
        got = predicted(kind, run(kind, item["t"], lang=lang, context=item.get("ctx")).to_dict())
        for label, value in gold.items():
            ok = got.get(label) == value
            right[label] = right.get(label, 0) + ok
            if not ok:
                misses.append((label, item["t"], value, got.get(label)))
    return {label: round(n / len(items), 3) for label, n in right.items()}, misses, len(items)


def table_for(corpus: Path, kinds: "list[str] | tuple[str, ...]", misses: bool = False,
              tag: str = "") -> dict[str, Any]:
    """Return {kind: {lang: {items, accuracy}}, minimum} for one corpus folder; print misses on stderr."""
    table: dict[str, Any] = {}
    for kind in kinds:
        for lang in LANGS:
            if not (corpus / f"{kind}.{lang}.yaml").exists():
                continue
            acc, wrong, count = evaluate(kind, lang, corpus)
            table.setdefault(kind, {})[lang] = {"items": count, "accuracy": acc}
            if misses:
                for label, text, gold, got in wrong:
                    print(f"[{tag}{kind} {lang}] {label}: gold={gold} got={got} :: {text}", file=sys.stderr)
    table["minimum"] = min((v for k in table.values() for lang in k.values() for v in lang["accuracy"].values()),
                           default=None)
    return table


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list wrong labels on stderr")
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--set", choices=("own", "heldout", "blind", "all"), default="all",
                        help="which corpus to score: the rules' own, the held-out one, the blind one, or all (default)")
    args = parser.parse_args(argv)
    kinds = args.kind or KINDS
    table: dict[str, Any] = {}
    if args.set in ("own", "all"):
        table = table_for(CORPUS, kinds, args.misses)
    if args.set in ("heldout", "all") and HELDOUT.is_dir():
        table["heldout"] = table_for(HELDOUT, kinds, args.misses, tag="heldout ")
    if args.set in ("blind", "all") and BLIND.is_dir():
        table["blind"] = table_for(BLIND, kinds, args.misses, tag="blind ")
    print(json.dumps(table, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
