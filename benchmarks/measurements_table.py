"""Render measurements of a sealed blind set as the Markdown tables of tests/corpus/MEASUREMENTS.md.

    python benchmarks/measurements_table.py tests/corpus/measurements/blind20-before.json [.../blind20-after.json]
    python benchmarks/measurements_table.py tests/corpus/measurements/turns19-before.json [.../turns19-after.json]

Each file is the JSON `checks_accuracy.py --set NAME` printed. With two files every figure reads
"before → after"; with one, the figure alone. A per-label set gives the summary per language and the table per
kind and label (all items, and without the items its writer marked `# unsure`); a turn-level set gives the good
and poor answers per group and register, the figures with an ask counted as wrong, and the verdict a learner
feels.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

LANGS = ("en", "zh-CN")
KINDS = ("feedback", "goal", "question", "star", "listening")


def _pair(before, after, fmt="{:.2f}"):
    show = (lambda v: "–" if v is None else fmt.format(v) if isinstance(v, float) else str(v))
    return show(before) if after is _ONE else f"{show(before)} → {show(after)}"


_ONE = object()


def _get(data, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def labels(before: dict, after) -> list[str]:
    out = ["| lang | items | mean, all | lowest, all | labels < 0.85, all | mean, sure | lowest, sure | "
           "labels < 0.85, sure |", "|---|---|---|---|---|---|---|---|"]
    for lang in LANGS:
        items = sum(_get(before, k, lang, "items") or 0 for k in KINDS)
        cells = []
        for which in ("accuracy", "accuracy_sure"):
            b = _get(before, "summary", lang, which)
            a = _ONE if after is _ONE else _get(after, "summary", lang, which)
            low = (lambda s: f"{s['lowest'][0]} {s['lowest'][1]:.2f}")
            cells += [_pair(b["mean"], a if a is _ONE else a["mean"], "{:.3f}"),
                      _pair(low(b), a if a is _ONE else low(a)),
                      _pair(b["below_0.85"], a if a is _ONE else a["below_0.85"])]
        out.append(f"| {lang} | {items} | " + " | ".join(cells) + " |")
    out += ["", "| kind | lang | items (unsure) | label (all items) | without `# unsure` |", "|---|---|---|---|---|"]
    for kind in KINDS:
        for lang in LANGS:
            b = before[kind][lang]
            a = _ONE if after is _ONE else after[kind][lang]
            cols = []
            for which in ("accuracy", "accuracy_sure"):
                cols.append(", ".join(f"{label} " + _pair(value, a if a is _ONE else a[which].get(label))
                                      for label, value in b[which].items()))
            out.append(f"| {kind} | {lang} | {b['items']} ({b['unsure_items']}) | {cols[0]} | {cols[1]} |")
    return out


def _cell(group, after_group, quality):
    b = _get(group, quality)
    a = _ONE if after_group is _ONE else _get(after_group, quality)
    show = (lambda g: "–" if not g else f"{g['accuracy']:.2f} of {g['answers']} ({g['asks']})")
    return show(b) if a is _ONE else f"{show(b)} → {show(a)}"


def turns(before: dict, after) -> list[str]:
    out = ["| lang | group | good: right (asks) | poor: right (asks) |", "|---|---|---|---|"]
    for lang in LANGS:
        b, a = before[lang], (_ONE if after is _ONE else after[lang])
        groups = [("all", b, a), ("without `# unsure`", b["detail"]["sure"], a if a is _ONE else a["detail"]["sure"]),
                  ("only `# unsure`", b["detail"].get("unsure", {}),
                   a if a is _ONE else a["detail"].get("unsure", {}))]
        for register in sorted(b["detail"]["register"]):
            groups.append((f"register {register}", b["detail"]["register"][register],
                           a if a is _ONE else a["detail"]["register"].get(register, {})))
        for name, bg, ag in groups:
            out.append(f"| {lang} | {name} | {_cell(bg, ag, 'good')} | {_cell(bg, ag, 'poor')} |")
    out.append("")
    for lang in LANGS:
        b, a = before[lang], (_ONE if after is _ONE else after[lang])

        def strict(d, q):
            g = _get(d, "detail", "sure", q)
            u = _get(d, "detail", "unsure", q) or {}
            right = (g or {}).get("right_without_ask", 0) + u.get("right_without_ask", 0)
            return right / d[q]["answers"] if d[q]["answers"] else None

        asks = (lambda d: d["good"]["asks"] + d["poor"]["asks"])
        total = b["good"]["answers"] + b["poor"]["answers"]
        out.append(f"- {lang}, an ask counted as wrong: good "
                   f"{_pair(strict(b, 'good'), a if a is _ONE else strict(a, 'good'))}, poor "
                   f"{_pair(strict(b, 'poor'), a if a is _ONE else strict(a, 'poor'))}; asks "
                   f"{_pair(asks(b), a if a is _ONE else asks(a))} of {total}")
    for lang in LANGS:
        b, a = before[lang], (_ONE if after is _ONE else after[lang])
        out.append(f"- {lang}, the verdict a learner feels (best move or not, as the labelled intent): good "
                   f"{_pair(b['good']['verdict_accuracy'], a if a is _ONE else a['good']['verdict_accuracy'])}, "
                   f"poor {_pair(b['poor']['verdict_accuracy'], a if a is _ONE else a['poor']['verdict_accuracy'])}")
    return out


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    docs = [json.loads(Path(p).read_text("utf-8")) for p in argv]
    name = next(iter(docs[0]))
    before = docs[0][name]
    after = docs[1][name] if len(docs) == 2 else _ONE
    print("\n".join(labels(before, after) if "summary" in before else turns(before, after)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
