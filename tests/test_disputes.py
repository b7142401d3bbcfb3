"""Unsure verdicts and the dispute control in the CheckPad and the role-play player, without a browser."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from coachlab.checks import run
from coachlab.paths import course_root
from coachlab.progress import open_store
from coachlab.scenarios import engine, load_all
from coachlab.widgets.checkpad import CheckPad, render_report
from coachlab.widgets.player import ScenarioPlayer, render_debrief

IMPACT_TEXT = "昨天早上你8点15才登录，少你一个人，那一刻钟服务水平就掉到71%，其他人排队压力也挺大的。"
QUESTION = "你说的“那一刻钟服务水平就掉到71%”，是想讲它带来的影响吗？"


def unsure_impact(kind: str, text: str, lang: str = "auto", context: str | None = None):
    """The real check, with its impact verdict made unsure (as the contract describes it)."""
    report = run(kind, text, lang=lang, context=context)
    if kind != "feedback":
        return report
    return dataclasses.replace(report, unsure=("impact",), questions=({"label": "impact", "text": QUESTION},))


@pytest.fixture
def opener(tmp_path: Path):
    return lambda: open_store(tmp_path / "progress.sqlite3")


def test_an_unsure_verdict_reads_as_a_question_not_a_miss():
    """The checklist marks the unsure element with “?” and the report's question is shown."""
    report = unsure_impact("feedback", IMPACT_TEXT)
    html = render_report(IMPACT_TEXT, report, "feedback", "zh-CN")
    assert 'data-element="impact" data-found="unsure"' in html
    assert "不太确定" in html and QUESTION in html
    sure = render_report(IMPACT_TEXT, run("feedback", IMPACT_TEXT), "feedback", "zh-CN")
    assert 'data-found="unsure"' not in sure


def test_checkpad_dispute_is_saved_for_this_learner_only(opener):
    """A note about one verdict is filed with the text and verdict; the learner sees their own notes only."""
    pad = CheckPad("feedback", "zh-CN", debounce=0, store_opener=opener)
    pad.text.value = IMPACT_TEXT
    assert pad.dispute.layout.display == ""
    pad.dispute.learner.text.value = "王芳"
    pad.dispute.which.value = "impact"
    pad.dispute.note.value = "“服务水平掉到71%”就是影响"
    row = pad.dispute.send()
    assert row is not None and "已经保存" in pad.dispute.status.value and pad.dispute.note.value == ""
    with opener() as store:
        store.add_dispute(dataclasses.replace(store.dispute(row), learner_id="li-lei", id=None))
        [mine] = store.disputes(learner_id="王芳")
    assert (mine.kind, mine.item_id, mine.place, mine.label, mine.text) == (
        "feedback", "practice-pad", "feedback", "impact", IMPACT_TEXT)
    assert mine.verdict["elements"] == run("feedback", IMPACT_TEXT).to_dict()["elements"]
    pad.dispute.show(True)
    assert f'data-dispute="{row}"' in pad.dispute.mine.value and pad.dispute.mine.value.count("<li") == 1


@pytest.mark.parametrize(("lang", "note", "label", "words"), [
    ("zh-CN", "", "", "请选出你不认同的那一项"),
    ("en", "", "", "Pick the verdict you disagree with"),
    ("en", "x" * 1001, "impact", "please keep it to 1000"),
])
def test_bad_dispute_input_says_why_and_keeps_the_note(opener, lang, note, label, words):
    """Nothing is saved, the message is in the learner's language, and the typed note stays."""
    pad = CheckPad("feedback", lang, debounce=0, store_opener=opener)
    pad.text.value = IMPACT_TEXT
    pad.dispute.learner.text.value = "王芳"
    pad.dispute.which.value = label
    pad.dispute.note.value = note
    assert pad.dispute.send() is None
    assert words in pad.dispute.status.value and pad.dispute.note.value == note
    with opener() as store:
        assert store.disputes() == []


def test_no_learner_no_dispute(opener):
    """Without a name the note is not filed, and the learner is told why."""
    pad = CheckPad("feedback", "en", debounce=0, store_opener=opener)
    pad.text.value = IMPACT_TEXT
    pad.dispute.note.value = "It has an impact."
    assert pad.dispute.send() is None and "enter your name" in pad.dispute.status.value
    assert pad.dispute.note.value == "It has an impact."


def _to_free_turn(player: ScenarioPlayer) -> dict:
    for _ in range(10):
        shown = engine.view(player.scenario, player.session, player.lang)
        if shown["kind"] == "free":
            return shown
        player.pick(shown["options"][0]["id"])
    raise AssertionError("no free-text turn reached")


def _checker(kind: str, text: str, context: str | None = None) -> dict:
    return unsure_impact(kind, text, context=context).to_dict()


@pytest.mark.parametrize("yes", [True, False])
def test_player_asks_instead_of_judging_and_uses_no_retry(opener, yes):
    """An unsure impact makes the coach ask; yes/no resolves the turn; tries are untouched by the ask."""
    scenario = load_all(course_root())[0]["bid-late-logins"]
    player = ScenarioPlayer(scenario, "zh-CN", checker=_checker, store_opener=opener)
    player.begin()
    shown = _to_free_turn(player)
    tries = shown["tries_left"]
    turns = len(player.session.turns)
    player.say(IMPACT_TEXT)
    assert player.session.pending and len(player.session.turns) == turns
    assert "coachlab-ask" in player.chat.value and QUESTION in player.chat.value
    assert player.yes_button in player.turn.children[0].children
    assert player.text.value == IMPACT_TEXT  # the learner may edit instead
    assert engine.view(scenario, player.session, "zh-CN")["tries_left"] == tries
    player.confirm(yes)
    last = player.session.turns[-1]
    assert last["confirmed"] is yes and last["unsure"] == ["impact"]
    assert "coachlab-ask" not in player.chat.value


def test_debrief_notes_the_turns_where_the_learner_was_asked():
    """A turn answered after a question says so in the debrief, in both languages."""
    scenario = load_all(course_root())[0]["bid-late-logins"]
    session = engine.start(scenario)
    for _ in range(20):
        shown = engine.view(scenario, session, "zh-CN")
        if shown["kind"] == "ending":
            break
        if shown["kind"] == "free":
            session, _ = engine.answer(scenario, session, IMPACT_TEXT)
            continue
        session, _ = engine.choose(scenario, session, shown["options"][0]["id"])
    free = [i for i, turn in enumerate(session.turns) if turn["kind"] == "free"]
    assert free
    turns = [dict(turn) for turn in session.turns]
    turns[free[0]].update(confirmed=True, unsure=["impact"])
    asked = dataclasses.replace(session, turns=tuple(turns))
    assert "教练就这一点问过你：你确认了就是这个意思。" in render_debrief(scenario, asked, "zh-CN")
    assert "The coach asked you about it; you said that is what you meant." in render_debrief(scenario, asked, "en")
    assert "coachlab-asked" not in render_debrief(scenario, session, "en")


def test_player_dispute_names_the_turn_and_the_line_answered(opener):
    """Disputing a free-text turn files the scenario, node and turn, the text, its verdict and the context."""
    scenario = load_all(course_root())[0]["bid-late-logins"]
    player = ScenarioPlayer(scenario, "zh-CN", store_opener=opener)
    player.begin()
    _to_free_turn(player)
    player.say(IMPACT_TEXT)
    if player.session.pending:
        player.confirm(True)
    assert player.dispute_row.layout.display == "" and player.turn_pick.options
    player.dispute.learner.text.value = "王芳"
    player.dispute.note.value = "这一轮判断太严了"
    assert player.dispute.send() is not None
    with opener() as store:
        [d] = store.disputes(learner_id="王芳")
    turn = [t for t in player.session.turns if t["kind"] == "free"][-1]
    assert d.item_id == "bid-late-logins" and d.place == f'{turn["node"]}#{turn["n"]}'
    assert d.text == IMPACT_TEXT and d.context == turn["line"]["zh-CN"] and d.kind == "feedback"


def test_exercise_practice_check_can_be_disputed(tmp_path, monkeypatch):
    """The exercise form's practice check has the control too; the note names the exercise and the question."""
    from coachlab.grading.course import Course
    from coachlab.widgets.exercise_form import ExerciseForm

    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    form = ExerciseForm("a05-feedback", "en", course=Course(tmp_path / "grader"))
    box = form.disputes["feedback_bia"]
    assert box.layout.display == "none"  # nothing checked yet, nothing to dispute
    form.learner.text.value = "wang-fang"
    form.fields["feedback_bia"].value = IMPACT_TEXT
    form.practice_buttons["feedback_bia"].click()
    assert box.layout.display == "" and "coachlab-practice" in form.practice_out["feedback_bia"].value
    box.which.value = "impact"
    assert box.send() is not None
    with open_store(tmp_path / "progress.sqlite3") as store:
        [d] = store.disputes(learner_id="wang-fang")
    assert (d.item_id, d.place, d.kind, d.text, d.label) == ("a05-feedback", "feedback_bia", "feedback", IMPACT_TEXT,
                                                              "impact")
