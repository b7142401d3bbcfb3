"""Numbers that add up: the consistency rules (kpi_rules.yaml) for a persona's facts and KPI cards, and persona records.

A rule is a row of data with a generic ``kind``; the functions here are the kinds. Each returns messages saying what
the numbers give and what the text claims, so an author can fix the one that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator

import yaml

from coachlab.i18n import LANGS


@dataclass(frozen=True)
class Finding:
    """One broken rule: where in the persona (a path below ``persona``), and why."""

    rule: str
    path: tuple[Any, ...]
    message: str


@lru_cache(maxsize=1)
def rules() -> tuple[dict[str, Any], ...]:
    """Load the KPI consistency rules."""
    text = resources.files(__package__).joinpath("kpi_rules.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["rules"])


def _get(facts: dict[str, Any], dotted: str) -> Any:
    group, _, name = dotted.partition(".")
    return (facts.get(group) or {}).get(name)


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _occupancy(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    work = (persona.get("facts") or {}).get("workload")
    if not work or not work["staffed_hours"]:
        return
    occupancy = 100 * work["calls"] * work["aht_min"] / (work["staffed_hours"] * 60)
    if occupancy > rule["max"]:
        yield Finding(rule["id"], ("facts", "workload"),
                      f"{work['calls']:g} calls × {work['aht_min']:g} min need {work['calls'] * work['aht_min'] / 60:.0f} h "
                      f"of {work['staffed_hours']:g} staffed hours: occupancy {_pct(occupancy)}, above {rule['max']}%")


def _occupancy_stated(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    work = (persona.get("facts") or {}).get("workload")
    if not work or work.get("occupancy") is None or not work["staffed_hours"]:
        return
    occupancy = 100 * work["calls"] * work["aht_min"] / (work["staffed_hours"] * 60)
    if abs(occupancy - work["occupancy"]) > rule["tolerance"]:
        yield Finding(rule["id"], ("facts", "workload", "occupancy"),
                      f"stated occupancy {_pct(work['occupancy'])}, but calls × handle time / staffed time gives "
                      f"{_pct(occupancy)}")


def _adherence(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    adh = (persona.get("facts") or {}).get("adherence")
    if not adh or not adh["scheduled_minutes"]:
        return
    scheduled, other = adh["scheduled_minutes"], adh.get("other_minutes_out", 0)
    late = adh.get("late_logins") or {"count": 0, "minutes": [0, 0]}
    low, high = (late["count"] * m for m in sorted(late["minutes"]))
    best, worst = 100 * (1 - (other + low) / scheduled), 100 * (1 - (other + high) / scheduled)
    tol = rule["tolerance"]
    if not worst - tol <= adh["reported"] <= best + tol:
        yield Finding(rule["id"], ("facts", "adherence", "reported"),
                      f"reported adherence {_pct(adh['reported'])}, but {other:g} + {low:g}–{high:g} minutes out of "
                      f"{scheduled:g} scheduled give {_pct(worst)}–{_pct(best)}")
    if adh.get("before") is not None:
        before = 100 * (1 - other / scheduled)
        if abs(before - adh["before"]) > tol:
            yield Finding(rule["id"], ("facts", "adherence", "before"),
                          f"adherence before the change is given as {_pct(adh['before'])}, but {other:g} minutes out of "
                          f"{scheduled:g} give {_pct(before)}")


def _range(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    value = _get(persona.get("facts") or {}, rule["fact"])
    if value is not None and not rule["min"] <= value <= rule["max"]:
        yield Finding(rule["id"], ("facts", *rule["fact"].split(".")),
                      f"{rule['fact']} = {_pct(value)} is outside the plausible {rule['min']}–{rule['max']}%")


def _sum(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    values = [_get(persona.get("facts") or {}, name) for name in rule["facts"]]
    if all(v is not None for v in values) and abs(sum(values) - rule["total"]) > rule["tolerance"]:
        yield Finding(rule["id"], ("facts", *rule["facts"][0].split(".")),
                      f"{' + '.join(rule['facts'])} = {_pct(sum(values))}, not {rule['total']}%")


def _forecast(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    fc = (persona.get("facts") or {}).get("forecast")
    if not fc or fc.get("stated_error") is None or not fc["forecast"]:
        return
    error = 100 * (fc["actual"] - fc["forecast"]) / fc["forecast"]
    if abs(error - fc["stated_error"]) > rule["tolerance"]:
        yield Finding(rule["id"], ("facts", "forecast", "stated_error"),
                      f"{fc['actual']:g} against a forecast of {fc['forecast']:g} is {error:+.0f}% against the forecast, "
                      f"not {fc['stated_error']:+g}%")


def _at_most_complement(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    facts = persona.get("facts") or {}
    value, other = _get(facts, rule["fact"]), _get(facts, rule["complement_of"])
    if value is not None and other is not None and value > 100 - other + rule["tolerance"]:
        yield Finding(rule["id"], ("facts", *rule["fact"].split(".")),
                      f"{rule['fact']} = {_pct(value)} is more than 100% minus {rule['complement_of']} "
                      f"({_pct(100 - other)})")


_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def _card_fact(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    facts = persona.get("facts") or {}
    for i, card in enumerate(persona.get("kpis") or ()):
        if "fact" not in card:
            continue
        fact = _get(facts, card["fact"])
        if fact is None:
            yield Finding(rule["id"], ("kpis", i, "fact"), f"the card names {card['fact']!r}, which `facts` does not give")
            continue
        shown = _NUMBER.search(card["value"])
        if shown is None or abs(float(shown.group(0).replace(",", "")) - fact) > rule["tolerance"]:
            yield Finding(rule["id"], ("kpis", i, "value"),
                          f"the card shows {card['value']!r} but {card['fact']} is {fact:g}")


_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")


def _card_text(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    for i, card in enumerate(persona.get("kpis") or ()):
        for key in ("value", "target"):
            words = _WORDS.findall(str(card.get(key, "")))
            if words:
                yield Finding(rule["id"], ("kpis", i, key),
                              f"{key} {card[key]!r} has words ({', '.join(words)}) that would show untranslated in "
                              "the other language: put units and notes in the label")


_TENURE = {"en": re.compile(r"\b(\d+) (months?|years?)\b"), "zh-CN": re.compile(r"(\d+) ?(个月|年)")}


def _tenure(rule: dict, persona: dict, record: dict | None) -> Iterator[Finding]:
    if not record or record.get("tenure_months") is None:
        return
    for lang in LANGS:
        found = _TENURE[lang].search(record["role"][lang])
        months = None
        if found:
            months = int(found.group(1)) * (1 if found.group(2).startswith(("month", "个月")) else 12)
        if months != record["tenure_months"]:
            yield Finding(rule["id"], ("role", lang),
                          f"the {lang} role says {found.group(0) if found else 'no time in the team'!r}, the record "
                          f"{record['tenure_months']} months")


KINDS: dict[str, Callable[[dict, dict, dict | None], Iterator[Finding]]] = {
    "occupancy": _occupancy, "occupancy_stated": _occupancy_stated, "adherence": _adherence, "range": _range,
    "sum": _sum, "forecast": _forecast, "at_most_complement": _at_most_complement, "card_fact": _card_fact, "card_text": _card_text, "tenure": _tenure,
}


def check_persona(persona: dict[str, Any], record: dict[str, Any] | None = None,
                  only: str | None = None) -> list[Finding]:
    """Return the broken rules for one persona (as in a scenario) and its person record, if any."""
    found: list[Finding] = []
    for rule in rules():
        if only is None or rule["id"] == only:
            found.extend(KINDS[rule["kind"]](rule, persona, record))
    return found
