"""Session 9 (judge gls8): goal, listening and STAR calls per label and at role-play turns.

- STAR (zh): a state reached after the speaker's act is the result, though Chinese drops its subject
  ("去年带了6个，都转正了"); a zero with a grade of the counted thing ("零重大投诉") counts.
- STAR hygiene: the words that rate a candidate are rules (rules/star.yaml) with reasons and examples, read
  clause by clause; moving them out of star.py changed no verdict.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks import star
from coachlab.checks.engine import rulebook


# ------------------------------------------------------------------------------- STAR: rating words as rules

def test_rating_words_are_rules_with_examples() -> None:
    """The rating lexicon lives in rules/star.yaml, one rule per language, with examples both ways."""
    rules = {r.id: r for r in rulebook("star").rules if r.target == star.RATES}
    assert set(rules) == {"star.en.rates", "star.zh.rates"}
    for rule in rules.values():
        assert rule.role == "signal" and rule.should_pass and rule.should_fail
        assert all(star._rates(t) for t in rule.should_pass), rule.id
        assert not any(star._rates(t) for t in rule.should_fail), rule.id
    assert not hasattr(star, "_RATES_EN") and not hasattr(star, "_RATES_ZH")


@pytest.mark.parametrize("text", ["Candidate is very patient and good with new starters. Strong coaching skills.",
                                  "黄欣很有耐心，带新人能力强，大家都喜欢找她，建议晋升。"])
def test_rating_rules_are_no_part_of_the_answer(text: str) -> None:
    """The rating rules read clauses; over the whole answer they add no hit, no feature and no result."""
    report = run("star", text)
    assert not report.elements["result"]
    named = {name for ranked in report.features.values() for name, _ in ranked}
    assert "r:rates" not in named
