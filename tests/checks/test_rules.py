"""Every rule carries its own examples, and they hold: one parametrised test runs them all."""

from __future__ import annotations

import pytest

from coachlab.checks import KINDS
from coachlab.checks.engine import LANGS, Doc, Rule, rulebook

RULES: list[Rule] = [rule for kind in KINDS for rule in rulebook(kind).rules]


def _fires(rule: Rule, text: str) -> bool:
    return bool(rule.find(Doc(text, rule.lang)))


def _cases():
    for rule in RULES:
        for text in rule.should_pass:
            yield pytest.param(rule, text, "pass", id=f"{rule.id}:pass:{text[:30]}")
        for text in rule.should_fail:
            yield pytest.param(rule, text, "fail", id=f"{rule.id}:fail:{text[:30]}")


@pytest.mark.parametrize(("rule", "text", "expect"), list(_cases()))
def test_rule_example(rule: Rule, text: str, expect: str) -> None:
    """An element rule fires on should_pass and not on should_fail; a pitfall rule the other way round."""
    fires = _fires(rule, text)
    wanted = (expect == "pass") if rule.role in ("element", "signal") else (expect == "fail")
    assert fires == wanted, f"{rule.id} {'fired' if fires else 'did not fire'} on {expect} example {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_examples_and_reasons(rule: Rule) -> None:
    """A rule without a passing and a failing example, or without a reason in both languages, is unfinished."""
    assert rule.should_pass, f"{rule.id} has no should_pass example"
    assert rule.should_fail, f"{rule.id} has no should_fail example"
    for lang in LANGS:
        assert rule.why[lang].strip() and "\n" not in rule.why[lang].strip(), f"{rule.id}: why[{lang}] must be one line"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_id_names_kind_and_language(rule: Rule) -> None:
    """Rule ids read kind.lang.name, so a report can be traced back to its row."""
    kind, lang, *_ = rule.id.split(".")
    assert kind == rule.kind
    assert lang == ("en" if rule.lang == "en" else "zh")


@pytest.mark.parametrize("kind", KINDS)
def test_every_message_in_both_languages_with_same_placeholders(kind: str) -> None:
    """Learner-facing messages exist in en and zh-CN with the same {placeholders}."""
    from coachlab.i18n import placeholders

    book = rulebook(kind)
    assert book.messages, kind
    for key, texts in book.messages.items():
        assert placeholders(texts["en"]) == placeholders(texts["zh-CN"]), f"{kind} {key}"
        assert all(texts[lang].strip() for lang in LANGS), f"{kind} {key}"


def test_every_kind_has_rules_in_both_languages() -> None:
    """Each kind reads both English and Chinese."""
    for kind in KINDS:
        langs = {r.lang for r in rulebook(kind).rules}
        assert langs == set(LANGS), kind


def test_meta_test_catches_a_rule_without_examples() -> None:
    """The meta test is not vacuous: a rule row without examples is detected."""
    from coachlab.checks.engine import _rule_from

    rule = _rule_from({"id": "feedback.en.x", "target": "label", "role": "pitfall", "lang": "en",
                       "match": "regex", "patterns": ["x"], "why": {"en": "a", "zh-CN": "b"}}, "feedback", "t")
    assert not rule.should_pass and not rule.should_fail
