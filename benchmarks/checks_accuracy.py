"""Per-label accuracy of coachlab.checks on the labelled corpora in tests/corpus/, per language, as JSON.

    .venv/bin/python benchmarks/checks_accuracy.py [--misses] [--kind KIND]
        [--set own|heldout|train|blind2..blind25|turns|turns2..turns24|all] [--NAME DIR]

Sets (see tests/corpus/README.md; the blind sets are declared in coachlab/checks/corpus.py, BLIND_SETS):

- ``own`` (tests/corpus/*.yaml) and ``heldout``: written with and after the rules, tuned against, and part
  of the learned layer's training data: regression guards, not estimates.
- ``train``: tests/corpus/train/ and the retired per-label blind sets (train-retired-blind/ and its blind2/
  to blind24/), which the models learn from: scored by cross-validation (each item by a model that
  did not see it, the rules or the model deciding as models.json says), so the figure is honest for the
  learned layer; ``"cross_validated": false`` when scikit-learn is missing and the shipped models were scored
  instead (then it is training accuracy).
- a retired per-label blind set (``blind2`` to ``blind24``): a plain score is training accuracy now
  (the cross-validated figure is under ``train`` -> ``retired-NAME``); ``sure`` scores it without the items
  its writer marked ``# unsure``, as when it was sealed.
- a retired turn-level set (``turns`` to ``turns23``), a development set of the turn level: natural
  good and poor answers for every free-text turn of every role-play with the intent a trainer would pick.
  Each answer is played as the free-text step at its node (fresh session, the scenario's start state); the
  table gives, per language, the share whose picked intent equals the label, for good and for poor answers,
  and how many turns were an "ask" (the check unsure). An ask counts as right when answering it the way the
  learner would (yes for a good answer, no for a poor one) picks the labelled intent. A fallback is the
  intent ``fallback``. ``detail`` scores it also without its ``# unsure`` answers and per register.
- the sealed sets (``blind25`` per label, ``turns24`` per turn, written in session 19 and measured once at its
  end), written by writers who read neither
  the rules nor the training data, scored the same way (``summary`` gives, per language, the mean and the
  lowest label). ``--misses`` is refused for them: their misses are never printed, so nobody can tune on
  them.

``--NAME DIR`` scores another folder as blind set NAME (for example the sealed set from a worktree of an older
commit, or a new set before it is sealed).

--misses lists every wrong label with its text on stderr (own, heldout, and the retired sets only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coachlab.checks import KINDS, run  # noqa: E402
from coachlab.checks.train import UNTUNED  # noqa: E402
from coachlab.checks.corpus import BLIND_SETS, FEEDBACK_FLAGS, LANGS, SHORT, TRAINING_SETS  # noqa: E402,F401
from coachlab.checks.corpus import expected, predicted  # noqa: E402,F401
from coachlab.checks.corpus import flag_aliases as flag_names_unscored  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
HELDOUT = CORPUS / "heldout"
_ITEM = re.compile(r"^- ")                     # a top-level corpus item (blind3, blind4)
_ANSWER = re.compile(r"^\s+- t:")               # an answer of a turn-level file
_BOUNDARY = re.compile(r"^(\S|\s*- node:)")      # a line that ends the answer before it


def load(kind: str, lang: str, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Return the corpus items of one kind and language in ``corpus`` (empty when there is no such file)."""
    path = corpus / f"{kind}.{lang}.yaml"
    if not path.is_file():
        return []
    return [i for i in (yaml.safe_load(path.read_text("utf-8")) or []) if isinstance(i, dict) and i.get("t")]


def flag_names(corpus: Path, kind: str, lang: str) -> tuple[dict[str, str], set[str]]:
    """Return a set's feedback flag aliases (its flags.yaml) and the flag ids it never labels in ``lang``."""
    spec = corpus / "flags.yaml"
    if kind != "feedback" or not spec.is_file():
        return {}, set()
    aliases = (yaml.safe_load(spec.read_text("utf-8")) or {}).get("aliases") or {}
    used = {aliases.get(f, f) for item in load(kind, lang, corpus) for f in item.get("flags") or ()}
    return aliases, set(FEEDBACK_FLAGS) - used


def evaluate(kind: str, lang: str, corpus: Path = CORPUS) -> tuple[dict[str, float], list[tuple[str, str, Any, Any]], int]:
    """Return per-label accuracy, the misses (label, text, gold, got) and the item count."""
    items = load(kind, lang, corpus)
    aliases, unlabelled = flag_names(corpus, kind, lang)
    right: dict[str, int] = {}
    misses = []
    for item in items:
        if aliases:
            item = {**item, "flags": [aliases.get(f, f) for f in item.get("flags") or ()]}
        gold = {label: value for label, value in expected(kind, item).items() if label not in unlabelled}
        got = predicted(kind, run(kind, item["t"], lang=lang, context=item.get("ctx")).to_dict())
        for label, value in gold.items():
            ok = got.get(label) == value
            right[label] = right.get(label, 0) + ok
            if not ok:
                misses.append((label, item["t"], value, got.get(label)))
    return {label: round(n / len(items), 3) for label, n in right.items()}, misses, len(items)


def unsure_marks(path: Path, answers: bool = False) -> list[bool]:
    """Return, per item of a YAML corpus file in file order, whether its block carries a ``# unsure`` comment.

    The writer puts ``# unsure: why`` after an item's keys (blind3, blind4) or at the end of an answer's
    ``intent`` line (turns-blind2, turns-blind3); a comment belongs to the item whose block it is in. Items only, no text is returned.
    """
    marks: list[bool] = []
    start = _ANSWER if answers else _ITEM
    open_item = False
    for line in path.read_text("utf-8").splitlines():
        if start.match(line):
            marks.append(False)
            open_item = True
        elif answers and _BOUNDARY.match(line):
            open_item = False
        if open_item and "# unsure" in line:
            marks[-1] = True
    return marks


def _score(kind: str, lang: str, item: dict[str, Any], aliases: dict[str, str],
           unlabelled: set[str]) -> dict[str, bool]:
    if aliases:
        item = {**item, "flags": [aliases.get(f, f) for f in item.get("flags") or ()]}
    gold = {label: value for label, value in expected(kind, item).items() if label not in unlabelled}
    got = predicted(kind, run(kind, item["t"], lang=lang, context=item.get("ctx")).to_dict())
    return {label: got.get(label) == value for label, value in gold.items()}


def sealed_table(corpus: Path, kinds: "list[str] | tuple[str, ...]") -> dict[str, Any]:
    """Score a sealed blind set per label, with and without its ``# unsure`` items; never return a text."""
    table: dict[str, Any] = {}
    for kind in kinds:
        for lang in LANGS:
            path = corpus / f"{kind}.{lang}.yaml"
            if not path.is_file():
                continue
            raw = [i for i in (yaml.safe_load(path.read_text("utf-8")) or []) if isinstance(i, dict)]
            marks = unsure_marks(path)
            if len(marks) != len(raw):
                raise SystemExit(f"{path.name}: {len(raw)} items but {len(marks)} item starts")
            pairs = [(item, mark) for item, mark in zip(raw, marks) if item.get("t")]
            if not pairs:
                continue
            aliases, unlabelled = flag_names(corpus, kind, lang)
            right: dict[str, int] = {}
            sure: dict[str, int] = {}
            regs: dict[str, dict[str, int]] = {}
            counts: dict[str, int] = {}
            for item, mark in pairs:
                hits = _score(kind, lang, item, aliases, unlabelled)
                reg = str(item.get("register") or "")
                for label, ok in hits.items():
                    right[label] = right.get(label, 0) + ok
                    if not mark:
                        sure[label] = sure.get(label, 0) + ok
                    if reg:
                        regs.setdefault(reg, {})[label] = regs.get(reg, {}).get(label, 0) + ok
                if reg:
                    counts[reg] = counts.get(reg, 0) + 1
            n, n_sure = len(pairs), sum(1 for _, m in pairs if not m)
            cell: dict[str, Any] = {
                "items": n, "unsure_items": n - n_sure,
                "accuracy": {label: round(k / n, 3) for label, k in right.items()},
                "accuracy_sure": {label: round(sure.get(label, 0) / n_sure, 3) for label in right} if n_sure else {}}
            if regs:
                cell["by_register"] = {reg: {"items": counts[reg], "accuracy": {
                    label: round(k / counts[reg], 3) for label, k in labels.items()}} for reg, labels in regs.items()}
            table.setdefault(kind, {})[lang] = cell
    table["minimum"] = _minimum(table)
    table["summary"] = summary(table)
    return table


def summary(table: dict[str, Any]) -> dict[str, Any]:
    """Return per language the mean of every label's accuracy and the lowest label (all items and sure ones)."""
    out: dict[str, Any] = {}
    for key in ("accuracy", "accuracy_sure"):
        for lang in LANGS:
            values = [(f"{kind}.{label}", v) for kind, cell in table.items() if isinstance(cell, dict)
                      and isinstance(cell.get(lang), dict) for label, v in (cell[lang].get(key) or {}).items()]
            if values:
                low = min(values, key=lambda kv: kv[1])
                out.setdefault(lang, {})[key] = {"mean": round(sum(v for _, v in values) / len(values), 3),
                                                 "lowest": list(low), "labels": len(values),
                                                 "below_0.85": sum(1 for _, v in values if v < 0.85)}
    return out


def _minimum(table: dict[str, Any]) -> float | None:
    return min((v for k in table.values() if isinstance(k, dict) for lang in k.values() if isinstance(lang, dict)
                for v in lang.get("accuracy", {}).values()), default=None)


def table_for(corpus: Path, kinds: "list[str] | tuple[str, ...]", misses: bool = False,
              tag: str = "") -> dict[str, Any]:
    """Return {kind: {lang: {items, accuracy}}, minimum} for one corpus folder; print misses on stderr."""
    table: dict[str, Any] = {}
    for kind in kinds:
        for lang in LANGS:
            if not (corpus / f"{kind}.{lang}.yaml").exists():
                continue
            acc, wrong, count = evaluate(kind, lang, corpus)
            if not count:
                continue
            table.setdefault(kind, {})[lang] = {"items": count, "accuracy": acc}
            if misses:
                for label, text, gold, got in wrong:
                    print(f"[{tag}{kind} {lang}] {label}: gold={gold} got={got} :: {text}", file=sys.stderr)
    table["minimum"] = _minimum(table)
    return table


def train_table(kinds: "list[str] | tuple[str, ...]", folds: int = 5) -> dict[str, Any]:
    """Return the cross-validated accuracy on the training sets (train/ and the retired blind set)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        table = {"cross_validated": False}
        for name in UNTUNED:
            table[name] = table_for(CORPUS / TRAINING_SETS[name], kinds)
        return table
    from coachlab.checks import learned, train

    table: dict[str, Any] = {"cross_validated": True, "folds": folds}
    for kind in kinds:
        for lang in LANGS:
            rows = train.collect(kind, lang)
            if not rows:
                continue
            for label in train.labels_of(rows):
                if label in train.SKIP.get(kind, set()):
                    continue
                model = learned.model_for(kind, lang, label) or {}
                way = "rules" if model.get("mode", "rules") == "rules" else next(
                    (w for w, g in train.GUARDS.items() if g == model.get("guard", 0.5)), "model")
                cv = train.cross_validate(rows, label, folds)
                cv.pop("_probs", None)
                for source in UNTUNED:
                    if source in cv:
                        cell = table.setdefault(source, {}).setdefault(kind, {}).setdefault(
                            lang, {"items": cv[source]["items"], "accuracy": {}, "rules_only": {}})
                        cell["accuracy"][label] = cv[source][way]
                        cell["rules_only"][label] = cv[source]["rules"]
    for source in UNTUNED:
        if source in table:
            table[source]["minimum"] = _minimum(table[source])
    return table


def _best(scenario: Any, node: str, intent_id: str) -> bool | None:
    """Whether reaching ``intent_id`` at ``node`` tells the learner theirs was the best move (as the debrief's
    ``was_best`` does): an intent with the node's highest credit (scores summed) that moves on. The fallback
    and a retry never are; None for an id the node does not have."""
    intents = scenario.nodes[node]["free"].get("intents") or ()
    if intent_id == "fallback":
        return False
    found = next((i for i in intents if i["id"] == intent_id), None)
    if found is None:
        return None
    credit = {i["id"]: sum((i.get("scores") or {}).values()) for i in intents}
    return not found.get("retry") and credit[intent_id] == max(credit.values())


def turns_table(folder: Path, misses: bool = False, detail: bool = False) -> dict[str, Any]:
    """Play every labelled answer of the turn-level set at its node; return the share that picks its intent.

    Also the verdict as the learner feels it (``verdict_right``, ``verdict_accuracy``): told it was the best
    move, or not, as the labelled intent would tell them, though the coach's words may differ (a closed
    question reaching the fallback is not the best move either way). With ``detail``: also the
    share without the ``# unsure`` answers (``sure``), per register, and how many answers end in an ask per
    quality; never a text.
    """
    from coachlab.paths import course_root
    from coachlab.scenarios import engine
    from coachlab.scenarios.validator import load_scenario

    table: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        scenario_id, lang = str(data.get("scenario") or ""), str(data.get("lang") or "")
        scenario, problems = load_scenario(course_root(), scenario_id)
        if scenario is None or lang not in LANGS:
            raise SystemExit(f"{path.name}: no scenario {scenario_id!r} or bad lang {lang!r}: {problems[:1]}")
        marks = None
        if detail:
            found = unsure_marks(path, answers=True)
            total = sum(len(turn.get("answers") or ()) for turn in data.get("turns") or ())
            if len(found) != total:
                raise SystemExit(f"{path.name}: {total} answers but {len(found)} answer starts")
            marks = iter(found)
        cell = table.setdefault(lang, {q: {"answers": 0, "right": 0, "asks": 0, "verdict_right": 0}
                                       for q in ("good", "poor")})
        for turn in data.get("turns") or ():
            node = str(turn["node"])
            if node not in scenario.nodes or "free" not in scenario.nodes[node]:
                raise SystemExit(f"{path.name}: {node!r} is not a free-text node of {scenario_id}")
            for item in turn.get("answers") or ():
                quality = str(item.get("quality"))
                if quality not in cell:
                    raise SystemExit(f"{path.name}: quality must be good or poor, not {quality!r}")
                want = item.get("intent") or "fallback"
                # an ask is answered as the learner would: yes for a good answer, no for a poor one
                event, asked = engine.play_free(scenario, node, str(item["t"]), lang, quality == "good")
                cell[quality]["asks"] += asked
                got = engine.reached(event)
                ok = got == want
                felt = False if event.kind == "retry" else _best(scenario, node, got)
                verdict_ok = felt is not None and felt == _best(scenario, node, want)
                cell[quality]["answers"] += 1
                cell[quality]["right"] += ok
                cell[quality]["verdict_right"] += verdict_ok
                if detail:
                    unsure = next(marks, False)
                    groups = [("all", ""), ("sure" if not unsure else "unsure", ""),
                              ("register", str(item.get("register") or "none"))]
                    for group, sub in groups:
                        slot = extra.setdefault(lang, {}).setdefault(group, {})
                        slot = slot.setdefault(sub, {}) if sub else slot
                        c = slot.setdefault(quality, {"answers": 0, "right": 0, "asks": 0, "right_without_ask": 0,
                                                      "verdict_right": 0})
                        c["answers"] += 1
                        c["right"] += ok
                        c["verdict_right"] += verdict_ok
                        c["asks"] += asked
                        c["right_without_ask"] += ok and not asked
                if misses and not ok:
                    print(f"[turns {scenario_id} {lang} {node} {quality}] want={want} got={got} :: {item['t']}",
                          file=sys.stderr)
    for lang, cell in table.items():
        for quality, c in cell.items():
            c["accuracy"] = round(c["right"] / c["answers"], 3) if c["answers"] else None
            c["verdict_accuracy"] = round(c["verdict_right"] / c["answers"], 3) if c["answers"] else None

    def rate(c: dict[str, Any]) -> None:
        for q in c.values():
            if isinstance(q, dict) and "answers" in q:
                q["accuracy"] = round(q["right"] / q["answers"], 3) if q["answers"] else None
                q["verdict_accuracy"] = round(q["verdict_right"] / q["answers"], 3) if q["answers"] else None
    for lang, groups in extra.items():
        for group, value in groups.items():
            if group == "register":
                for sub in value.values():
                    rate(sub)
            else:
                rate(value)
        table[lang]["detail"] = {g: extra[lang][g] for g in ("sure", "unsure", "register") if g in extra[lang]}
    return table


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy tables as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list wrong labels on stderr")
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--set", choices=("own", "heldout", "train", *BLIND_SETS, "all"), default="all",
                        help="which corpus to score (default: all)")
    for name, spec in BLIND_SETS.items():
        state = "sealed" if spec.sealed else "retired"
        parser.add_argument(f"--{name}", type=Path, default=CORPUS / spec.folder, metavar="DIR",
                            help=f"folder of the {state} blind set {name} ({spec.kind}; default {spec.folder})")
    args = parser.parse_args(argv)
    if args.misses and args.set in BLIND_SETS and BLIND_SETS[args.set].sealed:
        parser.error(f"--misses is refused for --set {args.set}: its misses are never printed (nobody tunes on it)")
    kinds = args.kind or KINDS
    table: dict[str, Any] = {}
    if args.set in ("own", "all"):
        table = table_for(CORPUS, kinds, args.misses)
    if args.set in ("heldout", "all") and HELDOUT.is_dir():
        table["heldout"] = table_for(HELDOUT, kinds, args.misses, tag="heldout ")
    if args.set in ("train", "all"):
        table["train"] = train_table(kinds)
    for name, spec in BLIND_SETS.items():
        folder: Path = getattr(args, name)
        if args.set not in (name, "all") or not folder.is_dir():
            continue
        misses = args.misses and not spec.sealed
        if spec.kind == "turns":  # the first set (turns) has flow-style answers and no '# unsure' marks
            table[name] = turns_table(folder, misses, detail=name != "turns")
        elif spec.sealed:
            table[name] = sealed_table(folder, kinds)
        else:
            table[name] = table_for(folder, kinds, misses, tag=f"{name} ")
            table[name]["sure"] = sealed_table(folder, kinds)
    print(json.dumps(table, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
