"""Tone (coachlab/checks/tone.py, rules/tone.yaml): sarcasm at the listener is a pitfall every report carries,
and a sarcastic answer at a role-play turn does not reach the good move.

Precision comes first: no sincere good answer of the retired turn-level sets may be called sarcastic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.checks import KINDS, run
from coachlab.checks.engine import LANGS, Doc, Rule, rulebook
from coachlab.checks.tone import PITFALL, features, shapes, spans, with_tone
from coachlab.i18n import t
from coachlab.text.dialect import plain
from tests.checks.playing import reached

RETIRED = Path(__file__).resolve().parents[1] / "corpus" / "train-retired-blind"
TURN_SETS = ("turns-blind", "turns-blind2", "turns-blind3", "turns-blind4", "turns-blind5", "turns-blind6",
             "turns-blind7", "turns-blind8")
RULES: list[Rule] = [r for r in rulebook("tone").rules if r.target != "shape"]  # the pitfall rules
SHAPES: list[Rule] = [r for r in rulebook("tone").rules if r.target == "shape"]  # features of the tone model


def _answers() -> list[dict]:
    out = []
    for name in TURN_SETS:
        for path in sorted((RETIRED / name).glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            for turn in data.get("turns") or ():
                for item in turn.get("answers") or ():
                    out.append({**item, "lang": data["lang"], "scenario": data["scenario"], "node": turn["node"],
                                "_set": name})
    return out


ANSWERS = _answers()


def _cases():
    for rule in RULES:
        for text in rule.should_pass:
            yield pytest.param(rule, text, False, id=f"{rule.id}:pass:{text[:30]}")
        for text in rule.should_fail:
            yield pytest.param(rule, text, True, id=f"{rule.id}:fail:{text[:30]}")


@pytest.mark.parametrize(("rule", "text", "fires"), list(_cases()))
def test_tone_rule_example(rule: Rule, text: str, fires: bool) -> None:
    """A tone rule fires on its should_fail examples (sarcastic) and not on its should_pass ones."""
    assert bool(rule.find(Doc(text, rule.lang))) == fires, f"{rule.id} on {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_tone_rule_has_reasons_and_examples(rule: Rule) -> None:
    """Each tone rule is data with a one-line reason in both languages and examples both ways."""
    assert rule.target == PITFALL and rule.role == "pitfall" and rule.id.startswith(f"tone.{rule.lang[:2]}.")
    assert rule.should_pass and rule.should_fail
    for lang in LANGS:
        assert rule.why[lang].strip() and "\n" not in rule.why[lang].strip()


def test_the_answer_shapes_are_rules_read_as_features_never_as_flags() -> None:
    """The shapes of a mocking answer (rules/tone.yaml, target ``shape``) carry a reason and examples in both
    directions; each names the feature ``s:<name>`` the tone model reads, and none is a rule hit (no span, no
    ``r:`` feature): sincere answers take these shapes too (session 13: moved out of tone.py as data)."""
    assert {r.lang for r in SHAPES} == set(LANGS)
    assert {name for lang in LANGS for name, _ in shapes(lang)} == {r.id.rsplit(".", 1)[-1] for r in SHAPES}
    for rule in SHAPES:
        name = rule.id.rsplit(".", 1)[-1]
        assert rule.role == "signal" and rule.options.get("piece") and rule.should_pass and rule.should_fail
        assert all(rule.why[lang].strip() and "\n" not in rule.why[lang].strip() for lang in LANGS)
        for text in rule.should_pass:
            assert f"s:{name}" in features(text, rule.lang), (rule.id, text)
            assert all(hit_id != rule.id for hit_id, _ in spans(text, rule.lang))
        for text in rule.should_fail:
            assert f"s:{name}" not in features(text, rule.lang), (rule.id, text)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("text", "lang"), [
    ("Thanks, I guess miracles do happen in billing.", "en"),
    ("Maybe try not going quiet for two minutes? Radical idea, I know.", "en"),
    ("行，就你最认真，别人都是草草打发的。", "zh-CN"),
    ("怎么了？你自己心里没数吗？", "zh-CN"),
])
def test_every_kind_reports_sarcasm_with_evidence(kind: str, text: str, lang: str) -> None:
    """Whatever the check kind, a sarcastic answer carries the sarcasm pitfall, its reason and its words."""
    report = run(kind, text).to_dict()
    found = [p for p in report["pitfalls"] if p["id"] == PITFALL]
    assert len(found) == 1 and found[0]["why"]
    quoted = [e for e in report["evidence"] if e["element"] == PITFALL]
    assert quoted and all(text[e["start"]:e["end"]] == e["text"] for e in quoted)
    assert report["lang"] == ("en" if lang == "en" else "zh-CN")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", [
    "Thanks, Chen Hao: you stayed calm for eleven minutes and he dropped the complaint.",
    "Ha, yeah, the irony's not lost on me. That feels unfair. What matters most to you?",
    "哈，是挺讽刺的，上个月我还坐你旁边骂这指标。你最在意的是哪块？",
    "",
])
def test_sincere_text_has_no_sarcasm(kind: str, text: str) -> None:
    """Shared irony about the situation, sincere praise and an empty answer carry no sarcasm pitfall."""
    assert all(p["id"] != PITFALL for p in run(kind, text).to_dict()["pitfalls"])


def test_with_tone_adds_once() -> None:
    """Adding the tone twice gives one pitfall, not two."""
    from coachlab.checks import check_feedback

    text = "Thanks. Just don't let it go to your head, haha."
    once = with_tone(check_feedback(text), text)
    assert [p.id for p in with_tone(once, text).pitfalls].count(PITFALL) == 1


def test_no_good_answer_of_the_retired_turn_sets_is_called_sarcastic() -> None:
    """Precision: of every good answer the turn-level writers wrote (irony about the situation included), none."""
    good = [a for a in ANSWERS if a.get("quality") == "good"]
    assert len(good) > 3700
    called = [a["t"] for a in good if spans(a["t"])]
    assert called == []


def test_few_sincere_poor_answers_are_called_sarcastic() -> None:
    """A poor answer with no sarcasm, labelled with a specific intent, that got the pitfall would fall to the
    fallback wrongly: at most 2 of the ~1,800 (today one scornful rebuttal, "Your 360 says otherwise, though.")."""
    poor = [a for a in ANSWERS if a.get("quality") == "poor" and a.get("register") != "sarcasm"
            and a.get("intent") != "fallback"]
    assert len(poor) > 1500
    assert len([a["t"] for a in poor if spans(a["t"])]) <= 2


@pytest.mark.parametrize(("lang", "floor"), [("en", 0.74), ("zh-CN", 0.74)])
def test_recall_on_sarcastic_poor_answers(lang: str, floor: float) -> None:
    """Recall on the writers' sarcastic poor answers (these sets were studied: a floor, not an estimate)."""
    poor = [a for a in ANSWERS if a.get("register") == "sarcasm" and a.get("quality") == "poor" and a["lang"] == lang]
    assert len(poor) > 140
    assert sum(bool(spans(a["t"])) for a in poor) / len(poor) >= floor


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "want"), [
    ("bia-angry-customer", "appreciation", "Thanks, I guess miracles do happen in billing.", "en", None),
    ("bia-angry-customer", "appreciation", "Thank you, Chen Hao, that was a hard call and you turned it around.", "en", "thanks"),
    ("kpi-first-week-former-peer", "reaction", "行，就你最认真，别人都是草草打发的。", "zh-CN", None),
    ("review-peak-day", "goal", "从哪开始？从58%开始呗。", "zh-CN", None),
    ("smart-goal-agent", "draft", "64 to 85 by next Friday. Why not aim high.", "en", None),
    # session 8 forms (own wording): an echo then a put-down, mock praise, a point granted then turned
    ("promo-followup-month", "support", "Need a hand? I thought you ran this team now.", "en", None),
    ("review-peak-day", "evaluate", "Off target? Only by twenty-two points. Practically a triumph.", "en", None),
    ("promo-followup-month", "support", "要人帮？你不是说都能搞定吗？", "zh-CN", None),
    ("grow-delegation", "goal", "都很急？那你喝咖啡的时候就不急了？", "zh-CN", None),
])
def test_sarcastic_answer_does_not_reach_the_good_move(scenario_id: str, node: str, text: str, lang: str,
                                                        want: str | None) -> None:
    """A sarcastic answer falls to the fallback (as the writers labelled); the sincere one keeps the good move."""
    assert reached(scenario_id, node, text, lang, yes=want is not None) == (want or "fallback")


def test_recall_on_the_sarcasm_flags_of_the_per_label_sets() -> None:
    """Ironic praise of a fault ("Wow, another 20-minute password reset") in the per-label sets' sarcasm flags."""
    flagged = []
    for folder in sorted(RETIRED.glob("blind*")) + [RETIRED.parent / "train-writers"]:
        for path in sorted(folder.glob("feedback.*.yaml")):
            items = yaml.safe_load(path.read_text("utf-8")) or []
            flagged += [i["t"] for i in items if isinstance(i, dict) and "sarcasm" in (i.get("flags") or ())]
    assert len(flagged) > 30
    # The rules alone (the learned tone model is tested in test_tone_session9.py): 0.88 until blind11 joined
    # the sets (43/52), 44/57 with blind12 (both retired in session 9), 46/62 with blind13 (retired in session 10),
    # 49/70 with blind14 and blind15 (session 12), 54/81 with blind16 and blind17 (session 13), 57/90 with blind18
    # and blind19 (session 14), 57/96 with blind20 (session 15), 58/101 with blind21 (session 16), 59/106 with blind22
    # (session 18), 60/111 with blind23, 61/115 with blind24 (session 19): each unseen set finds forms no rule has, which the tone model weighs (test_tone_session9.py,
    # test_tone_session11.py; rules and model together are held there)
    assert sum(bool(spans(plain(text))) for text in flagged) / len(flagged) >= 0.53  # read as run() reads it


TAILS = {"en": " Nice of you to join us for once, by the way.", "zh-CN": "你可真行啊，佩服佩服。"}


def test_a_good_answer_with_a_dig_added_reaches_no_intent_at_any_turn() -> None:
    """At every free turn, a good answer that reaches its good move goes to the fallback once a dig is added.

    The engine does this in one place (coachlab/scenarios/engine.py); no intent lists the pitfall in `none`.
    Good answers: the first of each turn's good answers in turns-blind8 that reaches its labelled intent.
    """
    from coachlab.paths import course_root
    from coachlab.scenarios import engine
    from coachlab.scenarios.validator import load_scenario

    turns = [a for a in ANSWERS if a["quality"] == "good" and a["intent"] != "fallback"
             and a.get("_set") == "turns-blind8"]
    assert turns
    done: set[tuple[str, str, str]] = set()
    for item in turns:
        key = (item["scenario"], item["node"], item["lang"])
        if key in done:
            continue
        scenario, problems = load_scenario(course_root(), item["scenario"])
        assert scenario is not None, problems
        assert not any("pitfalls:sarcasm" in (i["when"].get("none") or ())
                       for i in scenario.nodes[item["node"]]["free"]["intents"])  # said once, in the engine
        event, _ = engine.play_free(scenario, item["node"], item["t"], item["lang"], True)
        if engine.reached(event) != item["intent"]:
            continue
        done.add(key)
        text = item["t"].rstrip() + TAILS[item["lang"]]
        assert spans(text), text
        event, _ = engine.play_free(scenario, item["node"], text, item["lang"], True)
        assert engine.reached(event) == "fallback", (key, text, engine.reached(event))
    assert len(done) > 100  # most of the 61 turns in both languages


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_checkpad_name_in_both_languages(lang: str) -> None:
    """The check pad names the pitfall in each language (not the key itself)."""
    name = t(f"checkpad.pitfall.{PITFALL}", lang)
    assert name and PITFALL not in name


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_tone_training_items(lang: str) -> None:
    """The tone training items (tests/corpus/train/tone.*.yaml, own wording): no sincere one is called sarcastic
    (shared irony, an echo that reflects, real praise with "wow"/"厉害", curt answers that mock nobody), and the
    sarcastic ones of the forms the rules name are found."""
    items = yaml.safe_load((RETIRED.parent / "train" / f"tone.{lang}.yaml").read_text("utf-8"))
    sincere = [i["t"] for i in items if not i["sarcasm"]]
    mocking = [i["t"] for i in items if i["sarcasm"]]
    assert len(sincere) > 25 and len(mocking) > 25
    assert [t for t in sincere if spans(t, lang)] == []
    assert sum(bool(spans(t, lang)) for t in mocking) / len(mocking) >= 0.85
