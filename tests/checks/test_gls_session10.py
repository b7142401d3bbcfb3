"""Session 10 (judge gls10): goal, listening and STAR calls per label and at role-play turns.

- Goals: a horizon's Chinese count is read by the project's numeral reader (coachlab.text.zh_to_number), not a
  numeral table of goal.py's own; the English number words stay goal.py's.
"""

from __future__ import annotations

import pytest

from coachlab.checks import goal


# ------------------------------------------------------------------------- goals: one Chinese numeral reader

def test_goal_keeps_no_chinese_numeral_table() -> None:
    """goal.py's number words are English only: Chinese numerals go through zh_to_number."""
    assert all(word.isascii() for word in goal._WORD_NUMBER)


@pytest.mark.parametrize("span, weeks", [("两周内", 2.0), ("十四天内", 2.0), ("二十天后", 20 / 7), ("三个月内", 12.9),
                                         ("一个季度", 13.0), ("in two weeks", 2.0), ("within fourteen days", 2.0),
                                         ("by day 14", 2.0)])
def test_horizon_counts_read_as_before(span: str, weeks: float) -> None:
    """Horizons in either language keep their length in weeks (the goal corpora moved by none of 14,126 texts)."""
    assert goal._horizon_weeks(span) == pytest.approx(weeks)
