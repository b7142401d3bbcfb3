"""train-writers/yue/: training items in Cantonese-flavoured, dictated Mandarin (session 14).

The sealed turn set of session 14's first measurement had a writer from Guangdong who dictated into WeChat: its good
Chinese answers in the wechat and rambling registers were picked right 0.40 and 0.56 of the time, where every
retired set's were over 0.9. No training set had that register, so a writer who read neither the rules nor the
training data wrote 300 items in it (see its README-zh.md); they are training data of `make train-checks`, never
a measure.
"""

from __future__ import annotations

import re

import pytest

from coachlab.checks import KINDS
from coachlab.checks.corpus import SHORT, TRAINING_SETS, corpus_dir, expected, load

FOLDER = corpus_dir() / "train-writers" / "yue"
CANTONESE = re.compile(r"[佢嘅咗唔啲冇咁睇畀揾攞嗰]|而家|乜嘢|点解|搞掂")
VALID_HAS = {"feedback": set(SHORT["feedback"]), "goal": set(SHORT["goal"]), "question": {"leading", "advice"},
             "star": set(SHORT["star"]), "listening": {"fact", "feeling", "focus"}}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_sixty_labelled_items_in_the_register(kind: str) -> None:
    items = load(kind, "zh-CN", FOLDER)
    assert len(items) >= 60
    for item in items:
        assert set(item.get("has") or ()) <= VALID_HAS[kind], item["t"]
        expected(kind, item)  # raises on a label the benchmark cannot read
    # the register: many items carry Cantonese words (goals fewest, 27 of 60), many have no Chinese punctuation
    assert sum(bool(CANTONESE.search(i["t"])) for i in items) >= len(items) // 3
    assert sum(not re.search(r"[，。？！；]", i["t"]) for i in items) >= len(items) // 4


def test_the_trainer_reads_the_folder_in_chinese_only() -> None:
    assert TRAINING_SETS["writers-yue"] == "train-writers/yue"
    assert not list(FOLDER.glob("*.en.yaml"))
    assert {p.name for p in FOLDER.glob("*.zh-CN.yaml")} == {f"{k}.zh-CN.yaml" for k in KINDS}
