"""The role-play record: what a finished play keeps, enough to show its debrief and replay again."""

from __future__ import annotations

import copy
import json

import pytest

from coachlab.progress import Attempt, open_store
from coachlab.scenarios import Scenario, engine
from coachlab.scenarios.record import RECORD_VERSION, RecordError, attempt_record, details_of
from coachlab.widgets import ScenarioPlayer
from coachlab.widgets.debrief import render_debrief_record, render_path, render_replay


class FakeLearner:
    """A fixed learner id."""

    def __init__(self, learner_id):
        self.learner_id = learner_id


def weak_play(mini, checker):
    """Play the tiny scenario with a weaker choice, a retried reply, then good replies (trust stays low: "meh")."""
    scenario = Scenario(mini)
    session = engine.start(scenario, seed=3)
    session, _ = engine.choose(scenario, session, "bad")
    session, _ = engine.answer(scenario, session, "On Monday you logged in late.", checker)  # fallback: a retry
    session, _ = engine.answer(scenario, session, "On Monday you logged in at 8:09 and the queue waited.", checker)
    session, _ = engine.answer(scenario, session, "The bus is late and that is stressful.", checker)
    assert session.finished
    return scenario, session


def test_record_keeps_every_turn_with_its_words_evidence_note_and_outcome(mini, checker):
    """Each turn: what was said, the evidence that counted, the coach's note, the intent and what happened."""
    scenario, session = weak_play(mini, checker)
    record = attempt_record(scenario, session, "en")
    assert record["record_version"] == RECORD_VERSION and record["scenario"] == "mini" and record["lang"] == "en"
    turns = record["turns"]
    assert [t["outcome"] for t in turns] == ["choice", "retry", "intent", "intent"]
    assert [t["picked"] for t in turns] == ["bad", None, "bi", "ff"]
    choice, retry, good, listen = turns
    assert choice["said"] == {"en": "You are lazy.", "zh-CN": "中文：You are lazy."}
    assert choice["feedback"]["en"] == "A label." and choice["line"]["en"] in ("Hello A.", "Hello B.")
    assert retry["said"] == "On Monday you logged in late." and retry["evidence"] == []  # the fallback: none counted
    assert retry["feedback"]["en"] == "Say what you saw." and not retry["was_best"]
    assert good["evidence"] == [{"element": "behavior", "start": 14, "end": 20, "text": "logged"}]
    assert good["feedback"] == {"en": "B and I.", "zh-CN": "中文：B and I."} and good["was_best"]
    assert listen["matched"] == ["elements.fact", "elements.feeling"] and listen["next"] == "meh"
    assert record["ending"] == {"id": "meh", "title": {"en": "Meh", "zh-CN": "中文：Meh"},
                                "say": {"en": "OK.", "zh-CN": "中文：OK."}, "outcome": "mixed"}


def test_a_choice_turn_keeps_every_option_offered_with_its_explanation(mini, checker):
    """The options the learner saw, each with its feedback; the chosen and the strongest marked; hidden ones out."""
    scenario, session = weak_play(mini, checker)
    options = attempt_record(scenario, session, "zh-CN")["turns"][0]["options"]
    assert [o["id"] for o in options] == ["good", "bad"]  # "secret" was not offered (trust too low)
    assert [(o["chosen"], o["best"]) for o in options] == [(False, True), (True, False)]
    assert options[0]["feedback"] == {"en": "Good.", "zh-CN": "中文：Good."}


def test_skills_keep_score_band_advice_and_the_history_shown(mini, checker):
    """Per skill: percent, band, advice in both languages, and first/best/lift as shown at the time."""
    scenario, session = weak_play(mini, checker)
    history = {"listening": {"first": 50.0, "best": 100.0, "latest": 100.0, "lift": 50.0, "count": 2}}
    skills = {s["skill"]: s for s in attempt_record(scenario, session, "en", history)["skills"]}
    assert skills["feedback-bid"]["percent"] == 40 and skills["feedback-bid"]["band"] == "needs_work"
    assert skills["feedback-bid"]["history"] is None and skills["listening"]["history"]["lift"] == 50.0
    assert skills["listening"]["advice"] == {"en": "proficient", "zh-CN": "中文：proficient"}


def test_the_record_survives_json_and_renders_the_same_without_the_scenario(mini, checker):
    """A record read back from JSON draws the same debrief, even after the scenario file changed."""
    scenario, session = weak_play(mini, checker)
    record = attempt_record(scenario, session, "en")
    shown = render_debrief_record(record, "en", saved=True)
    again = json.loads(json.dumps(record, ensure_ascii=False))
    mini["nodes"]["open"]["choices"][0]["feedback"]["en"] = "Edited after the attempt."
    assert render_debrief_record(again, "en", saved=True) == shown
    assert "Edited after the attempt." not in shown and "Facts first." in shown


def test_path_is_drawn_as_stages_with_what_was_said(mini, checker):
    """One numbered stage per node, the retry named in words (no bare ↺), the ending last."""
    mini["nodes"]["speak"]["stage"] = {"en": "Behaviour", "zh-CN": "行为"}
    scenario, session = weak_play(mini, checker)
    drawn = render_path(attempt_record(scenario, session, "zh-CN"), "zh-CN")
    assert drawn.count("<li ") == 4 and drawn.index('data-node="open"') < drawn.index('data-node="speak"')
    speak = drawn.split('data-node="speak"')[1].split("</li>")[0]
    assert "行为" in speak and speak.count("cl-stage-said") == 2  # both tries at the same stage
    assert "“On Monday you logged in late.”" in speak and "教练请你重说一次" in speak
    assert "↺" not in drawn and "一般结局" in drawn and "中文：Meh" in drawn


def test_replay_shows_each_line_answer_and_note_in_order(mini, checker):
    """The replay is the conversation as the learner saw it: their line, their words, the coach, every option."""
    scenario, session = weak_play(mini, checker)
    replay = render_replay(attempt_record(scenario, session, "en"), "en")
    order = ["You are lazy.", "A label.", "Facts first.", "On Monday you logged in late.",
             "Try again: Say what you saw.",
             "<mark>logged</mark> in at 8:09", "B and I.", "My bus is late.", "Heard.", "OK."]
    positions = [replay.index(text) for text in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("answers", [None, {}, {"path": []}, {"details": {"record_version": 99}},
                                     {"details": {"record_version": RECORD_VERSION, "scenario": "x"}}])
def test_answers_without_a_record_are_refused(answers):
    """Older attempts and other items hold no record: a clear error, not a half-drawn debrief."""
    with pytest.raises(RecordError):
        details_of(answers)


def test_the_player_saves_the_record_it_shows(mini, checker, tmp_path):
    """The attempt's details draw exactly the debrief the learner saw, first/best/lift included."""
    path = tmp_path / "progress.sqlite3"
    player = ScenarioPlayer(Scenario(copy.deepcopy(mini)), "en", learner=FakeLearner("amy"), checker=checker,
                            store_opener=lambda: open_store(path))
    for _ in range(2):
        player.start_button.click() if player.session is None else player.restart_button.click()
        buttons = [w for w in player.turn.children if "coachlab-option" in getattr(w, "_dom_classes", ())]
        buttons[0].click()
        player.text.value = "On Monday you logged in at 8:09 and the queue waited."
        player.send.click()
        player.text.value = "The bus is late and that is stressful."
        player.send.click()
    with open_store(path) as store:
        attempts = store.attempts("amy", "mini")
    assert len(attempts) == 2
    record = details_of(attempts[-1].answers)
    assert render_debrief_record(record, "en", saved=True) == player.debrief_box.value
    assert record["skills"][0]["history"]["count"] == 2
    assert attempts[-1].answers["path"][-1] == "end:happy"  # the older keys stay for exports


def test_a_saved_debrief_reopens_as_shown_only_for_its_learner(mini, checker, tmp_path):
    """?attempt=N shows the owner's debrief and replay; another learner's number shows a message and nothing of it."""
    from coachlab.widgets.player import reopen_html, reopen_page

    path = tmp_path / "progress.sqlite3"
    player = ScenarioPlayer(Scenario(copy.deepcopy(mini)), "zh-CN", learner=FakeLearner("amy"), checker=checker,
                            store_opener=lambda: open_store(path))
    player.start_button.click()
    [w for w in player.turn.children if "coachlab-option" in getattr(w, "_dom_classes", ())][1].click()
    player.text.value = "On Monday you logged in at 8:09 and the queue waited."
    player.send.click()
    player.text.value = "The bus is late and that is stressful."
    player.send.click()
    with open_store(path) as store:
        [attempt] = store.attempts("amy", "mini")
        store.record(Attempt("bob", "mini", {"path": []}, {"listening": 0}))  # an attempt from before records
        [older] = store.attempts("bob", "mini")
        mine = reopen_html(store, "amy", str(attempt.id), "zh-CN")
        theirs = reopen_html(store, "bob", str(attempt.id), "zh-CN")
        missing = reopen_html(store, "amy", "999", "zh-CN")
        old = reopen_html(store, "bob", str(older.id), "en")
        odd = reopen_html(store, "amy", "1 OR 1=1", "en")
        nobody = reopen_html(store, None, str(attempt.id), "en")
    assert player.debrief_box.value in mine and "coachlab-replay" in mine and "中文：You are lazy." in mine
    assert "你在 " in mine and 'href="roleplay.ipynb?scenario=mini&amp;lang=zh"' in mine
    assert theirs == missing.replace("999", str(attempt.id)) and "coachlab-reopen-refused" in theirs
    assert "中文：You are lazy." not in theirs and "coachlab-debrief" not in theirs
    assert "only its scores are left" in old and "“1 OR 1=1” is not the number" in odd
    assert "Say who you are first" in nobody
    page = reopen_page("zh-CN", str(attempt.id), learner=FakeLearner("amy"), store_opener=lambda: open_store(path))
    assert player.debrief_box.value in page.children[-1].value


def test_consecutive_nodes_of_one_stage_are_drawn_as_one(mini, checker):
    """Two nodes named as the same stage in a row make one stage with both lines, not the stage twice."""
    for node in ("speak", "listen"):
        mini["nodes"][node]["stage"] = {"en": "Options", "zh-CN": "探讨方案"}
    scenario, session = weak_play(mini, checker)
    drawn = render_path(attempt_record(scenario, session, "zh-CN"), "zh-CN")
    assert drawn.count("探讨方案") == 1 and drawn.count("cl-stage-said") == 4 and drawn.count("<li ") == 3


@pytest.mark.parametrize("lang, absolute, other", [("zh-CN", "绝对化（总是/从来）", "要点"), ("en", None, "point")])
def test_evidence_is_named_in_words_never_by_the_checks_id(lang, absolute, other):
    """A pitfall found in the learner's words is named as the practice pad names it; an unknown one plainly."""
    from coachlab.i18n import t
    from coachlab.widgets.debrief import element_label

    assert element_label("absolute", lang) == (absolute or t("checkpad.pitfall.absolute", "en"))
    assert element_label("threat", lang) == t("checkpad.pitfall.threat", lang) != "threat"
    assert element_label("behavior", lang) == t("checkpad.element.behavior", lang)
    assert element_label("no_such_label", lang) == other
