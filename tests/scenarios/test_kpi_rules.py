"""Numbers that add up: each KPI consistency rule fails its bad example and passes its good one; one record per person."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.data.personas import personas
from coachlab.scenarios import load_all, scenario_files, validate_file
from coachlab.scenarios.kpis import KINDS, check_persona, rules

REPO = Path(__file__).resolve().parents[2]
RULES = rules()


def _ids(found) -> set[str]:
    return {f.rule for f in found}


def test_every_rule_has_a_known_kind_a_reason_and_both_examples():
    """A rule without a failing and a passing example, or without a reason, cannot be trusted."""
    assert len(RULES) >= 8
    for rule in RULES:
        assert rule["kind"] in KINDS, rule["id"]
        assert rule.get("why"), rule["id"]
        assert {"fail", "pass"} <= set(rule.get("examples") or {}), rule["id"]


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_rule_fails_its_bad_example_and_passes_its_good_one(rule):
    """The bad example breaks exactly this rule; the good one breaks none."""
    for kind, expect in (("fail", True), ("pass", False)):
        example = dict(rule["examples"][kind])
        record = example.pop("record", None)
        found = check_persona(example, record, only=rule["id"])
        assert bool(found) is expect, (kind, [f.message for f in found])
        assert _ids(found) <= {rule["id"]}
        if not expect:
            assert check_persona(example, record) == [], [f.message for f in check_persona(example, record)]


@pytest.mark.parametrize(("persona", "rule"), [
    # The slips the issue found, as they were written: each must be caught.
    ({"facts": {"workload": {"calls": 12400, "aht_min": 6, "staffed_hours": 12 * 8}}}, "workload-fits-staffed-time"),
    ({"facts": {"workload": {"calls": 96, "aht_min": 4.6, "staffed_hours": 7.5}}}, "workload-fits-staffed-time"),
    ({"facts": {"adherence": {"scheduled_minutes": 4800, "late_logins": {"count": 7, "minutes": [4, 9]},
                              "before": 93, "reported": 86}}}, "adherence-arithmetic"),
    ({"facts": {"forecast": {"forecast": 9000, "actual": 12400, "stated_error": -38}}}, "forecast-error-stated-right"),
    ({"kpis": [{"label": {"en": "CSAT", "zh-CN": "满意度"}, "value": "78%", "target": "85% (was 89%)"}]},
     "card-values-language-neutral"),
])
def test_the_slips_found_in_review_are_caught(persona, rule):
    """12 agents and 12,400 calls, a shift above 100 % occupancy, 93 % to 86 % from a few late minutes, and the rest."""
    assert rule in _ids(check_persona(persona))


def test_messages_give_the_arithmetic():
    """A finding says what the numbers give, so the author can see which one is wrong."""
    found = check_persona({"facts": {"workload": {"calls": 96, "aht_min": 4.6, "staffed_hours": 7.5}}})
    assert found and "98.1%" in found[0].message and "90%" in found[0].message


def test_real_scenarios_pass_and_carry_facts():
    """Every role-play passes the rules, and the ones whose story rests on numbers declare them."""
    found, problems = load_all(REPO)
    assert problems == [], "\n".join(map(str, problems))
    with_facts = [s.id for s in found.values() if s.data["persona"].get("facts")]
    assert {"bid-late-logins", "bid-curt-tone-qa", "review-peak-day"} <= set(with_facts)
    linked = [k for s in found.values() for k in s.data["persona"].get("kpis", ()) if "fact" in k]
    assert len(linked) >= 6


def test_one_record_per_person_used_by_the_role_plays():
    """Each scenario names its person's record; each record is used; tenure in the role text matches the record."""
    records = personas()
    assert len(records) >= 12
    used = {}
    for path in scenario_files(REPO):
        scenario, problems = validate_file(path)
        assert scenario is not None, problems
        person = scenario.data["persona"].get("id")
        assert person in records, f"{path.name}: persona without a record"
        assert scenario.data["persona"]["name"] == records[person]["name"]
        used.setdefault(person, []).append(path.stem)
    assert set(records) == set(used), set(records) - set(used)
    for slug, record in records.items():
        assert check_persona({}, record) == [], slug


def test_validator_reports_a_person_written_twice(mini, write):
    """A persona written out by name when a record exists for that person is reported at the name."""
    mini["persona"]["name"] = {"en": "Li Na", "zh-CN": "李娜"}
    _, problems = validate_file(write(mini))
    assert [p.code for p in problems] == ["persona-record"] and "id: li-na" in problems[0].message


def test_validator_reports_an_unknown_record(mini, write):
    """persona.id that names no record is reported with the known ones."""
    mini["persona"] = {"id": "nobody", "background": mini["persona"]["background"]}
    _, problems = validate_file(write(mini))
    assert [p.code for p in problems] == ["persona-record"] and "li-na" in problems[0].message


def test_validator_fills_name_and_role_from_the_record(mini, write):
    """A persona with only an id plays with the record's name and role."""
    mini["persona"] = {"id": "li-na", "background": mini["persona"]["background"]}
    scenario, problems = validate_file(write(mini))
    assert problems == [] and scenario.data["persona"]["name"]["zh-CN"] == "李娜"
    assert "8" in scenario.data["persona"]["role"]["en"]


def test_validator_locates_a_kpi_problem_at_the_card(mini, write):
    """A card whose value disagrees with its fact is reported on the card's line with the rule's code."""
    mini["persona"]["facts"] = {"adherence": {"scheduled_minutes": 4800, "other_minutes_out": 192, "reported": 96}}
    mini["persona"]["kpis"] = [{"label": {"en": "Adherence", "zh-CN": "排班遵从率"}, "value": "86%",
                                "fact": "adherence.reported"}]
    path = write(mini)
    _, problems = validate_file(path)
    assert [p.code for p in problems] == ["kpi-card-shows-its-fact"]
    assert "86%" in path.read_text(encoding="utf-8").splitlines()[problems[0].line - 1]


_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_ZH_DIGITS = {c: i for i, c in enumerate("零一两三四五六七八九十")} | {"二": 2}


def _tenures(text: str, lang: str) -> set[int]:
    """Return the tenures in months a text states ('eight months', '2 years', '八个月', '两年')."""
    import re
    found = set()
    if lang == "en":
        for number, unit in re.findall(r"\b(\d+|" + "|".join(_WORDS) + r") (months?|years?)\b", text, re.I):
            n = int(number) if number.isdigit() else _WORDS[number.lower()]
            found.add(n * (12 if unit.lower().startswith("year") else 1))
    else:
        for number, unit in re.findall(r"(\d+|[零一二两三四五六七八九十]) ?(个月|年)", text):
            n = int(number) if number.isdigit() else _ZH_DIGITS[number]
            found.add(n * (12 if unit == "年" else 1))
    return found


def test_a_person_has_one_tenure_wherever_they_appear():
    """Exercises that speak of a recorded person (Li Na's SMART exercise) state the record's time in the team."""
    records = personas()
    checked = 0
    for path in sorted((REPO / "exercises").glob("*/exercise.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in records.values():
            for lang in ("en", "zh-CN"):
                for text in _texts(data, lang):
                    if record["name"][lang] in text:
                        stated = _tenures(text, lang)
                        if stated:
                            checked += 1
                            assert stated == {record["tenure_months"]}, (path.parent.name, lang, stated)
    assert checked >= 2, "the Li Na exercise states her tenure in both languages"


def _texts(data, lang):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from _texts(value, lang)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value, lang)


def test_tenure_reader_sees_words_and_digits():
    """The reader behind the check understands the ways the course writes time in the team."""
    assert _tenures("on the billing line for eight months", "en") == {8}
    assert _tenures("Agent, 2 years in the team", "en") == {24}
    assert _tenures("李娜在账单专线工作了八个月", "zh-CN") == {8}
    assert _tenures("客服，入组两年", "zh-CN") == {24}
