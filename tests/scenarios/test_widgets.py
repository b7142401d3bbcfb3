"""The player and the list page, driven without a browser: what they render and what they save."""

from __future__ import annotations

import pytest

from coachlab.progress import open_store
from coachlab.scenarios import Scenario, load_all
from coachlab.widgets import ScenarioPlayer
from coachlab.widgets.player import history_by_skill, render_debrief, render_persona
from coachlab.widgets.scenario_list import render_scenario_list


class FakeLearner:
    """Stands in for LearnerField: a fixed (or missing) learner id."""

    def __init__(self, learner_id):
        self.learner_id = learner_id


@pytest.fixture
def store_path(tmp_path):
    """Return a fresh progress-store path."""
    return tmp_path / "progress.sqlite3"


def make_player(mini, checker, store_path, learner="amy", lang="en", **kw) -> ScenarioPlayer:
    """Return a player over the tiny scenario, saving to a temporary store."""
    return ScenarioPlayer(Scenario(mini), lang, learner=FakeLearner(learner), checker=checker,
                          store_opener=lambda: open_store(store_path), **kw)


def option_buttons(player):
    """Return the option buttons shown now."""
    return [w for w in player.turn.children if "coachlab-option" in getattr(w, "_dom_classes", ())]


def play_to_end(player):
    """Play the tiny scenario to its happy ending through the widget's own buttons."""
    player.start_button.click()
    option_buttons(player)[0].click()
    player.text.value = "On Monday you logged in at 8:09 and the queue waited."
    player.send.click()
    player.text.value = "The bus is late and that is stressful."
    player.send.click()


def test_persona_card_comes_first_in_both_languages(mini, checker, store_path):
    """Before starting, the learner sees the persona card and a start button, in the page language."""
    player = make_player(mini, checker, store_path, lang="zh-CN")
    assert "中文：Wang" in player.card.value and "86%" in player.card.value
    assert player.start_button.description == "开始角色扮演"
    assert player.turn.children and player.chat.value == ""
    assert "Wang" in render_persona(Scenario(mini), "en")


def test_buttons_and_free_text_reach_the_debrief_and_save_an_attempt(mini, checker, store_path):
    """Options as buttons, free text through the box, then a debrief; the attempt is recorded."""
    player = make_player(mini, checker, store_path)
    play_to_end(player)
    assert player.session.finished and player.session.ending == "happy"
    assert "coachlab-debrief" in player.debrief_box.value and "Proficient" in player.debrief_box.value
    assert "<mark>logged</mark>" in player.debrief_box.value  # the learner's own words as evidence
    assert "coachlab-saved" in player.debrief_box.value
    with open_store(store_path) as store:
        [attempt] = store.attempts("amy", "mini")
    assert attempt.scores == {"feedback-bid": 100, "listening": 100} and attempt.lang == "en"
    assert attempt.answers["path"][-1] == "end:happy"
    assert attempt.answers["transcript"][1]["said"] == "On Monday you logged in at 8:09 and the queue waited."


def test_empty_text_shows_a_notice_and_changes_nothing(mini, checker, store_path):
    """Sending an empty box asks again."""
    player = make_player(mini, checker, store_path)
    player.start_button.click()
    option_buttons(player)[0].click()
    before = player.session
    player.text.value = "   "
    player.send.click()
    assert player.session == before and "coachlab-notice" in player.prompt.value


def test_first_best_and_lift_over_attempts(mini, checker, store_path):
    """A second, better attempt shows first, best and lift per skill."""
    player = make_player(mini, checker, store_path)
    player.start_button.click()
    option_buttons(player)[1].click()
    for _ in range(2):
        player.text.value = "nothing useful"
        player.send.click()
    player.text.value = "nothing"
    player.send.click()
    assert player.session.finished
    player.restart_button.click()
    play_to_end(player)
    skills = player.history
    assert skills["feedback-bid"]["first"] == 0 and skills["feedback-bid"]["best"] == 100
    assert skills["feedback-bid"]["lift"] == 100 and skills["listening"]["count"] == 2
    assert "+100" in player.debrief_box.value


def test_unsaved_when_no_learner(mini, checker, store_path):
    """Without a valid learner id the debrief says the attempt was not saved."""
    player = make_player(mini, checker, store_path, learner=None)
    play_to_end(player)
    assert "coachlab-not-saved" in player.debrief_box.value


def test_resume_continues_an_unfinished_play(mini, checker, store_path):
    """Leaving mid-play and coming back offers to resume at the same turn."""
    player = make_player(mini, checker, store_path)
    player.start_button.click()
    option_buttons(player)[0].click()
    again = make_player(mini, checker, store_path)
    assert again.resume_button in again.turn.children[0].children
    again.resume_button.click()
    assert again.session == player.session and again.session.node == "speak"


def test_meters_are_off_by_default_and_on_for_facilitators(mini, checker, store_path):
    """The hidden state is shown only when asked for."""
    learner_view = make_player(mini, checker, store_path)
    learner_view.start_button.click()
    assert learner_view.meters.value == ""
    facilitator = make_player(mini, checker, store_path, show_state=True)
    facilitator.start_button.click()
    assert "<meter" in facilitator.meters.value


def test_language_switch_rerenders_the_conversation(mini, checker, store_path):
    """Switching language mid-play shows the same turn in the other language."""
    player = make_player(mini, checker, store_path)
    player.start_button.click()
    option_buttons(player)[0].click()
    player.set_lang("zh-CN")
    assert "中文：Facts first." in player.chat.value and player.send.description == "发送"


def test_history_ignores_missing_skills():
    """Attempts that lack a skill do not break first/best/lift."""
    assert history_by_skill([{"a": 10}, {"b": 5}, {"a": 40}], ["a", "c"]) == {
        "a": {"first": 10.0, "best": 40.0, "latest": 40.0, "lift": 30.0, "count": 2}}


def test_list_page_shows_every_scenario_with_skills_and_minutes(mini, write, tmp_path):
    """The role-plays page lists each valid scenario with skill labels and minutes, and counts broken files."""
    write(mini)
    write("id: [\n", "broken")
    found, problems = load_all(tmp_path)
    page = render_scenario_list(found, problems, "zh-CN")
    assert 'href="roleplay.ipynb?scenario=mini&amp;lang=zh"' in page and "约 3 分钟" in page
    assert "中文：feedback-bid" in page and "有 1 个角色扮演文件无法打开" in page


def test_debrief_lists_better_alternatives_for_weaker_turns(mini, checker, store_path):
    """A weaker choice lists every option with its explanation, the strongest marked; a weaker reply gets a better one."""
    player = make_player(mini, checker, store_path)
    player.start_button.click()
    option_buttons(player)[1].click()
    player.text.value = "On Monday you logged in late."  # behaviour without impact: the coach asks again
    player.send.click()
    html = render_debrief(player.scenario, player.session, "en")
    explained = html.split("coachlab-options-explained")[1]
    assert 'data-option="good"><b>Facts first.</b><span class="cl-tag cl-tag-best">' in explained
    assert "Good." in explained and "A label." in explained and "Hidden." not in explained  # only what was offered
    assert "A stronger answer: <i>On Monday you logged in at 8:09; the queue waited.</i>" in html


def test_debrief_names_elements_in_the_learners_language_and_skips_better_for_best_turns(mini, checker, store_path):
    """Evidence is labelled in Chinese on a Chinese page; a turn that hit the best intent shows no 'better'."""
    player = make_player(mini, checker, store_path, lang="zh-CN")
    play_to_end(player)
    html = player.debrief_box.value
    assert "行为：“logged”" in html and "behavior:" not in html
    assert "更好的说法" not in html  # every turn of this play was the best one
    assert "中文：Happy" in html.split("coachlab-path")[1]  # the path ends with the ending's title
