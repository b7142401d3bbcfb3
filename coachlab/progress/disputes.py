"""The labels of a disputed verdict: read from a report, corrected by the facilitator, written as corpus items.

Labels use the names of the check contract (``Report.confidence`` keys): feedback elements and flags,
goal criteria, question form / grow_stage / leading / advice, STAR elements, listening elements. A
facilitator's correction is a mapping of those names to the values they should have; ``corpus_item``
turns it into an item in the format of tests/corpus/README.md, so overturned disputes can join the
training corpus. Pure functions: no widgets, no disk.
"""

from __future__ import annotations

import copy
from typing import Any, Mapping

FEEDBACK_ELEMENTS = ("behavior", "impact", "appreciation", "development")
FEEDBACK_FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich",
                  "question_form", "threat")
GOAL_CRITERIA = ("specific", "measurable", "relevant", "time_bound", "achievable")
STAR_ELEMENTS = ("situation", "task", "action", "result")
LISTENING_ELEMENTS = ("fact", "feeling", "focus")
QUESTION_FORMS = ("open", "closed", "statement")
GROW_STAGES = ("goal", "reality", "options", "will")

# The labels a facilitator can set per kind, in the order the dashboard shows them.
LABELS: dict[str, tuple[str, ...]] = {
    "feedback": FEEDBACK_ELEMENTS + FEEDBACK_FLAGS,
    "goal": GOAL_CRITERIA,
    "question": ("form", "grow_stage", "leading", "advice"),
    "star": STAR_ELEMENTS + ("quantified_result",),
    "listening": LISTENING_ELEMENTS,
}
# Labels whose value is not a plain yes/no: the allowed values (None: no value / not judged).
CHOICES: dict[tuple[str, str], tuple[Any, ...]] = {
    ("question", "form"): QUESTION_FORMS,
    ("question", "grow_stage"): (None,) + GROW_STAGES,
    ("goal", "achievable"): (None, True, False),
}
SHORT = {  # the corpus's one-letter names (tests/corpus/README.md)
    "feedback": {"behavior": "b", "impact": "i", "appreciation": "a", "development": "d"},
    "goal": {"specific": "s", "measurable": "m", "relevant": "r", "time_bound": "t"},
    "star": {"situation": "s", "task": "t", "action": "a", "result": "r", "quantified_result": "q"},
}


def labels_of(kind: str, verdict: Mapping[str, Any]) -> dict[str, Any]:
    """Return the labels a report (``to_dict()``) gives, by contract name."""
    if kind == "feedback":
        elements = verdict.get("elements") or {}
        flags = set(verdict.get("flags") or ())
        return {**{e: bool(elements.get(e)) for e in FEEDBACK_ELEMENTS}, **{f: f in flags for f in FEEDBACK_FLAGS}}
    if kind == "goal":
        criteria = verdict.get("criteria") or {}
        return {c: (criteria.get(c) if c == "achievable" else bool(criteria.get(c))) for c in GOAL_CRITERIA}
    if kind == "question":
        return {"form": verdict.get("form") or "statement", "grow_stage": verdict.get("grow_stage"),
                "leading": bool(verdict.get("leading")), "advice": bool(verdict.get("advice"))}
    if kind == "star":
        elements = verdict.get("elements") or {}
        return {**{e: bool(elements.get(e)) for e in STAR_ELEMENTS},
                "quantified_result": bool(verdict.get("quantified_result"))}
    if kind == "listening":
        elements = verdict.get("elements") or {}
        return {e: bool(elements.get(e)) for e in LISTENING_ELEMENTS}
    raise ValueError(f"unknown check kind {kind!r}")


def clean_labels(kind: str, labels: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``labels`` restricted to the kind's names with allowed values; raise ValueError otherwise."""
    known = LABELS.get(kind)
    if known is None:
        raise ValueError(f"unknown check kind {kind!r}")
    out: dict[str, Any] = {}
    for name, value in labels.items():
        if name not in known:
            raise ValueError(f"{name!r} is not a {kind} label")
        allowed = CHOICES.get((kind, name), (True, False))
        if value not in allowed or (isinstance(value, bool) is not isinstance(allowed[-1], bool)
                                    and value is not None):
            raise ValueError(f"{value!r} is not a value of {kind} {name}")
        out[name] = value
    return out


def disputed_default(kind: str, verdict: Mapping[str, Any], label: str | None) -> dict[str, Any]:
    """Return the labels to start an overturn from: the verdict's, with the disputed yes/no label flipped."""
    labels = labels_of(kind, verdict)
    if label in labels and (kind, label) not in CHOICES:
        labels[label] = not labels[label]
    return labels


def apply_labels(kind: str, verdict: Mapping[str, Any], corrected: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of a report dict with the corrected labels in place (model and pitfalls kept in step)."""
    labels = {**labels_of(kind, verdict), **clean_labels(kind, corrected)}
    report = copy.deepcopy(dict(verdict))
    if kind == "feedback":
        report["elements"] = {e: labels[e] for e in FEEDBACK_ELEMENTS}
        report["flags"] = [f for f in FEEDBACK_FLAGS if labels[f]]
        kept = [p for p in report.get("pitfalls") or () if p.get("id") not in FEEDBACK_FLAGS or labels[p["id"]]]
        have = {p.get("id") for p in kept}
        report["pitfalls"] = kept + [{"id": f, "why": ""} for f in report["flags"] if f not in have]
        report["model"] = "BID" if labels["development"] else "BIA" if labels["appreciation"] else None
    elif kind == "goal":
        report["criteria"] = {c: labels[c] for c in GOAL_CRITERIA}
    elif kind == "question":
        report.update(labels)
        pitfall_of = {"leading": "leading", "advice": "advice"}
        kept = [p for p in report.get("pitfalls") or () if p.get("id") not in pitfall_of or labels[p["id"]]]
        have = {p.get("id") for p in kept}
        report["pitfalls"] = kept + [{"id": name, "why": ""} for name in pitfall_of if labels[name] and name not in have]
    elif kind == "star":
        report["elements"] = {e: labels[e] for e in STAR_ELEMENTS}
        report["quantified_result"] = labels["quantified_result"]
    elif kind == "listening":
        report["elements"] = {e: labels[e] for e in LISTENING_ELEMENTS}
    return report


def corpus_item(kind: str, text: str, labels: Mapping[str, Any], context: str | None = None) -> dict[str, Any]:
    """Return one labelled item in the corpus format (``t``, ``has`` and the kind's other keys)."""
    labels = clean_labels(kind, labels)
    item: dict[str, Any] = {"t": text}
    if kind == "listening":
        if context:
            item = {"ctx": context, "t": text}
        item["has"] = [e for e in LISTENING_ELEMENTS if labels.get(e)]
    elif kind == "question":
        item["form"] = labels.get("form") or "statement"
        if labels.get("grow_stage"):
            item["stage"] = labels["grow_stage"]
        has = [name for name in ("leading", "advice") if labels.get(name)]
        if has:
            item["has"] = has
    elif kind == "goal":
        item["has"] = [SHORT["goal"][c] for c in SHORT["goal"] if labels.get(c)]
        if labels.get("achievable") is not None:
            item["ach"] = labels["achievable"]
    elif kind in ("feedback", "star"):
        item["has"] = [SHORT[kind][e] for e in SHORT[kind] if labels.get(e)]
        if kind == "feedback":
            flags = [f for f in FEEDBACK_FLAGS if labels.get(f)]
            if flags:
                item["flags"] = flags
    return item


def changed_labels(dispute: Any) -> dict[str, Any]:
    """Return the labels an overturned dispute changed from its verdict (name -> the value it should have)."""
    verdict = labels_of(dispute.kind, dispute.verdict)
    return {name: value for name, value in (dispute.corrected or {}).items() if verdict.get(name) != value}


def text_lang(dispute: Any) -> str:
    """Return the language of a disputed text (the report's, else the page's) as a corpus file names it."""
    from coachlab.i18n import normalize_lang

    return normalize_lang(str((dispute.verdict or {}).get("lang") or "")) or normalize_lang(dispute.lang) or "zh-CN"


def corpus_groups(disputes: list[Any]) -> dict[tuple[str, str], list[tuple[Any, dict[str, Any]]]]:
    """Return the overturned disputes as corpus items grouped by (kind, language), each with its dispute.

    The labels are the verdict's with the facilitator's corrections over them; a text seen twice is kept once.
    """
    groups: dict[tuple[str, str], list[tuple[Any, dict[str, Any]]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for dispute in disputes:
        if dispute.status != "overturned" or not dispute.corrected:
            continue
        key = (dispute.kind, text_lang(dispute))
        if (*key, dispute.text) in seen:
            continue
        seen.add((*key, dispute.text))
        labels = {**labels_of(dispute.kind, dispute.verdict), **dict(dispute.corrected)}
        groups.setdefault(key, []).append((dispute, corpus_item(dispute.kind, dispute.text, labels, dispute.context)))
    return groups
