"""Knowledge checks that make a learner think: no answer given away by its length or place; every option explained."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from coachlab.i18n import LANGS
from coachlab.tools import quiz
from coachlab.widgets import knowledge_check

MOST_LENGTH_RATIO = 1.5  # the longest option of a question at most this many times the shortest


def all_questions() -> list[tuple[str, int, dict]]:
    """Return every question of every lesson as (slug, index, question)."""
    found = [(slug, i, q) for slug, qs in quiz.all_quizzes().items() for i, q in enumerate(qs)]
    assert len(found) >= 16
    return found


def right_index(question: dict) -> int:
    """Return the index of the one right option."""
    [index] = [i for i, o in enumerate(question["options"]) if o["correct"]]
    return index


def length_rank(question: dict, lang: str) -> int:
    """Return where the right option's length falls: 0 shortest ... n-1 strictly longest (ties count lower)."""
    lengths = [len(o["text"][lang]) for o in question["options"]]
    mine = lengths[right_index(question)]
    return sum(1 for n in lengths if n < mine)


@pytest.mark.parametrize("lang", LANGS)
def test_the_right_answer_is_not_given_away_by_its_length(lang):
    """The right option is the longest in at most a third of the questions, and the shortest in at most a third."""
    questions = all_questions()
    third = len(questions) / 3
    ranks = [length_rank(q, lang) for _, _, q in questions]
    longest = sum(1 for (_, _, q), r in zip(questions, ranks) if r == len(q["options"]) - 1)
    shortest = sum(1 for r in ranks if r == 0)
    assert longest <= third, f"the right answer is the longest in {longest} of {len(questions)} ({lang})"
    assert shortest <= third + 1, f"the right answer is the shortest in {shortest} of {len(questions)} ({lang})"


@pytest.mark.parametrize("lang", LANGS)
def test_option_lengths_are_balanced_within_each_question(lang):
    """No option is much longer than the others: a caricature is usually a short one."""
    for slug, index, question in all_questions():
        lengths = [len(o["text"][lang]) for o in question["options"]]
        assert max(lengths) <= MOST_LENGTH_RATIO * min(lengths), (slug, index, lang, lengths)


def test_the_right_answer_moves_around():
    """No position holds more than half of the right answers."""
    places = [right_index(q) for _, _, q in all_questions()]
    assert max(places.count(p) for p in set(places)) <= len(places) / 2
    assert len(set(places)) >= 3


def test_every_option_says_what_it_leads_to_in_both_languages():
    """Each option has three or more plausible words and an explanation of a sentence or more, in en and zh-CN."""
    for slug, index, question in all_questions():
        assert len(question["options"]) >= 3
        for option in question["options"]:
            for lang in LANGS:
                assert len(option["why"][lang]) >= (40 if lang == "en" else 15), (slug, index, option["why"][lang])
            assert len(option["text"]["en"].split()) >= 5, (slug, index, option["text"]["en"])


def test_explain_opens_every_option_of_answered_questions_only():
    """After checking, every option of an answered question is explained, the learner's choice marked."""
    questions = quiz.quiz("05-communication-feedback")
    wrong = next(i for i, o in enumerate(questions[1]["options"]) if not o["correct"])
    explained = dict(quiz.explain("05-communication-feedback", {1: wrong}, "zh-CN"))
    assert list(explained) == [1]
    notes = explained[1]
    assert [n.why for n in notes] == [o["why"]["zh-CN"] for o in questions[1]["options"]]
    assert [n.chosen for n in notes] == [i == wrong for i in range(len(notes))]
    assert sum(n.correct for n in notes) == 1


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("lang", LANGS)
def test_the_knowledge_check_explains_every_option_after_checking(lang, tmp_path, monkeypatch):
    """The widget shows each option of an answered question with ✔/✘ and why; unanswered ones stay closed."""
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    slug = "06-coaching-grow"
    questions = quiz.quiz(slug)
    tool = knowledge_check(slug, lang)
    radios = [w for w in _walk(tool) if isinstance(w, widgets.RadioButtons)]
    assert len(radios) == len(questions) >= 2
    radios[0].value = (right_index(questions[0]) + 1) % len(questions[0]["options"])  # a wrong answer
    [w for w in _walk(tool) if isinstance(w, widgets.Button)][-1].click()
    shown = [w for w in _walk(tool) if isinstance(w, widgets.HTML) and "cl-quiz-result" in w.value][-1].value
    for option in questions[0]["options"]:
        assert option["why"][lang].replace("'", "&#x27;") in shown
    assert shown.count("coachlab-quiz-option") == len(questions[0]["options"])
    assert questions[1]["options"][0]["why"][lang].replace("'", "&#x27;") not in shown
    assert shown.count("cl-quiz-tag cl-quiz-tag-yours") == 1 and shown.count("cl-quiz-tag cl-quiz-tag-right") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_learner_coming_back_sees_their_answers_already_explained(lang, tmp_path, monkeypatch):
    """Saved answers come back ticked and explained, before any new click; an answer to a gone option is dropped."""
    from coachlab.progress import open_store
    from tests.widget_tree import find, learner

    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    slug = "06-coaching-grow"
    questions = quiz.quiz(slug)
    first = knowledge_check(slug, lang)
    learner(first)
    radios = find(first, kind=widgets.RadioButtons)
    radios[0].value = right_index(questions[0])
    find(first, "coachlab-main-action")[0].click()

    again = knowledge_check(slug, lang)
    assert not [w for w in find(again, kind=widgets.HTML) if "cl-quiz-result" in w.value]  # nobody signed in yet
    learner(again)
    assert find(again, kind=widgets.RadioButtons)[0].value == right_index(questions[0])
    shown = [w.value for w in find(again, kind=widgets.HTML) if "cl-quiz-result" in w.value]
    assert len(shown) == 1 and shown[0].count("coachlab-quiz-option") == len(questions[0]["options"])
    assert questions[0]["options"][0]["why"][lang].replace("'", "&#x27;") in shown[0]

    with open_store() as store:
        store.save_state("wang.fang", f"lesson:{slug}:quiz", {"answers": [99] + [None] * (len(questions) - 1)})
    stale = knowledge_check(slug, lang)
    learner(stale)
    assert all(r.value is None for r in find(stale, kind=widgets.RadioButtons))
    assert not [w for w in find(stale, kind=widgets.HTML) if "cl-quiz-result" in w.value]
