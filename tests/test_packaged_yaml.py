"""The shipped YAML (rules, word lists, catalogs) reads the same with libyaml as with PyYAML's own parser.

`coachlab.packaged.load_yaml` parses with libyaml for speed (the checks' start-up); a file on which the two
parsers disagree would change a check without anyone editing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.packaged import load_yaml

ROOT = Path(__file__).resolve().parent.parent / "coachlab"
FILES = sorted([*ROOT.glob("checks/rules/*.yaml"), *ROOT.glob("text/lexicons/*.yaml"), *ROOT.glob("i18n/*.yaml")])


def test_there_are_files_to_compare() -> None:
    assert len(FILES) >= 10 and any(p.name == "feedback.yaml" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_libyaml_reads_what_pyyaml_reads(path: Path) -> None:
    text = path.read_text("utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_libyaml_is_used_when_the_wheel_has_it() -> None:
    assert getattr(yaml, "__with_libyaml__", False), "PyYAML without libyaml: the checks start slower"


def test_a_colon_in_a_flow_list_is_an_error_not_a_mapping() -> None:
    """PyYAML reads ``[情境:, 背景]`` as [{"情境": None}, "背景"] (a rule's term that was never a string, until
    session 10); libyaml refuses it, so the rule's author hears of it."""
    text = "terms: [情境:, 背景]\n"
    assert yaml.safe_load(text) == {"terms": [{"情境": None}, "背景"]}
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)
