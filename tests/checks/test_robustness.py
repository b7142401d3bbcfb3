"""Bad input never raises: emoji, control characters, huge text, binary garbage, mixed zh/en."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachlab.checks import KINDS, run

PIECES = st.sampled_from(["你总是", "下次请先核对订单号", "thanks", "by end of Q3", "三月底前", "两成", "80%", "?", "？",
                          "😀", "🔥👍", "\x00", "\x1b[31m", "\u200b", "\ufeff", "\r\n", "\t", "I", "we", "从64%到70%",
                          "\ud7ff", "ﾟ", "Ω", "\u202e", "(((", "[[", "\\", "$1", "{x}", "<<metric>>"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join),
                  st.binary(max_size=300).map(lambda b: b.decode("latin-1")))


def _valid(report: dict, text: str) -> None:
    json.dumps(report)
    assert 0 <= report["score"] <= 100
    for ev in report["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), text=TEXTS, lang=st.sampled_from(["auto", "en", "zh", "zh-CN"]),
       context=st.one_of(st.none(), TEXTS))
def test_any_text_gives_a_report(kind: str, text: str, lang: str, context: str | None) -> None:
    """Whatever is typed or pasted, each check returns a valid report."""
    report = run(kind, text, lang=lang, context=context).to_dict()
    _valid(report, text)
    if not text.strip():
        assert report["empty"] is True


@pytest.mark.parametrize("kind", KINDS)
def test_hundred_thousand_characters(kind: str) -> None:
    """A 100,000-character paste is read (up to the cap) without error."""
    text = ("On the 3 pm call you read the order back, so the customer didn't repeat it. 下次请先核对订单号。😀" * 1200)[:100_000]
    report = run(kind, text).to_dict()
    assert report["empty"] is False
    assert all(ev["end"] <= len(text) for ev in report["evidence"])


@pytest.mark.parametrize("kind", KINDS)
def test_binary_garbage_and_bytes(kind: str) -> None:
    """Bytes and undecodable garbage are reported on, not raised."""
    garbage = bytes(range(256)) * 8
    assert run(kind, garbage).to_dict()["score"] >= 0  # type: ignore[arg-type]
    assert run(kind, garbage.decode("latin-1")).to_dict()["score"] >= 0


def test_unknown_language_is_a_value_error() -> None:
    """An unknown lang value is the caller's mistake and says so."""
    with pytest.raises(ValueError, match="language"):
        run("goal", "text", lang="fr")
