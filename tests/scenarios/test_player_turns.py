"""The player's turns: option buttons reused without a stale click answering the next turn; the persona card stays."""

from __future__ import annotations

import copy

from coachlab.scenarios import Scenario
from coachlab.widgets import ScenarioPlayer


class FakeLearner:
    """No learner: nothing is saved."""

    learner_id = None


def shown_options(player):
    """Return the option buttons on show."""
    return [w for w in player.turn.children if "coachlab-option" in getattr(w, "_dom_classes", ())]


def two_choices(mini):
    """Return the tiny scenario with a second choice turn right after the first."""
    data = copy.deepcopy(mini)
    data["nodes"]["open"]["choices"][0]["next"] = "again"
    data["nodes"]["open"]["choices"][1]["next"] = "again"
    data["nodes"]["again"] = {"say": {"en": "And?", "zh-CN": "然后呢？"}, "choices": [
        {"id": "calm", "text": {"en": "Calmly.", "zh-CN": "平静地。"}, "feedback": {"en": "Calm.", "zh-CN": "平静。"},
         "scores": {"feedback-bid": 1}, "next": "speak"},
        {"id": "rush", "text": {"en": "Quickly.", "zh-CN": "赶紧地。"}, "feedback": {"en": "Rushed.", "zh-CN": "太急。"},
         "next": "speak"}]}
    return Scenario(data)


def test_a_double_click_answers_one_turn_only(mini, checker):
    """The second half of a double click lands on a button of the turn already answered and is dropped."""
    player = ScenarioPlayer(two_choices(mini), "en", learner=FakeLearner(), checker=checker, store_opener=None)
    player.start_button.click()
    first = shown_options(player)[0]
    first.click()
    assert [t["node"] for t in player.session.turns] == ["open"]
    second = shown_options(player)
    assert first not in second and [b.description for b in second] == ["Calmly.", "Quickly."]
    first.click()  # the stale half of the double click
    assert len(player.session.turns) == 1 and player.session.node == "again"
    second[1].click()
    assert [t.get("option") for t in player.session.turns] == ["good", "rush"]


def test_option_buttons_are_reused_from_turn_to_turn(mini, checker):
    """Playing again draws the same button widgets, relabelled, instead of new ones."""
    player = ScenarioPlayer(two_choices(mini), "en", learner=FakeLearner(), checker=checker, store_opener=None)
    player.start_button.click()
    before = shown_options(player)
    before[0].click()
    shown_options(player)[0].click()
    player.text.value = "On Monday you logged in at 8:09 and the queue waited."
    player.send.click()
    player.text.value = "The bus is late and that is stressful."
    player.send.click()
    assert player.session.finished
    player.restart_button.click()
    again = shown_options(player)
    assert [id(b) for b in again[:2]] == [id(b) for b in before[:2]] and again[0].description == "Facts first."


def test_the_persona_card_stays_beside_the_conversation(mini, checker):
    """Before the start the full card; during play and in the debrief a compact card with the KPIs."""
    player = ScenarioPlayer(Scenario(copy.deepcopy(mini)), "zh-CN", learner=FakeLearner(), checker=checker,
                            store_opener=None)
    assert "86%" in player.card.value and player.side_card.value == ""
    player.start_button.click()
    assert player.card.value == "" and "86%" in player.side_card.value
    assert "coachlab-persona-card" in player.side_card.value
    assert "<details" in player.side_card.value.split("</table>")[1]  # the KPIs first, the background folded
    shown_options(player)[0].click()
    player.text.value = "On Monday you logged in at 8:09 and the queue waited."
    player.send.click()
    player.text.value = "The bus is late and that is stressful."
    player.send.click()
    assert player.session.finished and "86%" in player.side_card.value


def test_after_a_choice_every_option_offered_is_explained_in_the_chat(mini, checker):
    """The chat explains each option the learner saw (chosen and strongest marked), not only the chosen one."""
    player = ScenarioPlayer(Scenario(copy.deepcopy(mini)), "zh-CN", learner=FakeLearner(), checker=checker,
                            store_opener=None)
    player.start_button.click()
    shown_options(player)[1].click()
    block = player.chat.value.split("coachlab-options-explained")[1]
    assert "中文：Good." in block and "中文：A label." in block and "中文：Hidden." not in block
    assert block.count("cl-tag-chosen") == 1 and block.count("cl-tag-best") == 1 and "最佳做法" in block
