"""Dashboard numbers from small hand-made tables: skills, difficulty, bands, who needs help, role-play paths."""

from __future__ import annotations

import pandas as pd

from coachlab.grading import analytics
from coachlab.progress import Attempt
from coachlab.widgets.dashboard import dashboard_html


def grades() -> pd.DataFrame:
    return pd.DataFrame([
        {"learner": "a", "assignment": "x", "percent": 100.0, "status": "ok", "q:one": 2.0, "q:one:max": 2.0,
         "q:two": 3.0, "q:two:max": 3.0, "skill:feedback": 5.0, "skill:feedback:max": 5.0},
        {"learner": "b", "assignment": "x", "percent": 20.0, "status": "ok", "q:one": 1.0, "q:one:max": 2.0,
         "q:two": 0.0, "q:two:max": 3.0, "skill:feedback": 1.0, "skill:feedback:max": 5.0},
        {"learner": "c", "assignment": "x", "percent": 60.0, "status": "neutralised", "q:one": 0.0, "q:one:max": 2.0,
         "q:two": 3.0, "q:two:max": 3.0, "skill:feedback": 3.0, "skill:feedback:max": 5.0},
    ])


def test_skill_summary_averages_learners():
    """Mean percent per skill over learners, and the share below half marks."""
    row = analytics.skill_summary(grades()).iloc[0]
    assert row["skill"] == "feedback" and row["learners"] == 3
    assert row["mean_percent"] == 60.0 and row["below_threshold"] == 0.33


def test_question_difficulty_puts_the_hardest_first():
    """Question two earns 2/3 of its points on average, question one 1/2: one is harder."""
    frame = analytics.question_difficulty(grades())
    assert list(frame["question"]) == ["one", "two"]
    assert list(frame["mean_share"]) == [0.5, 0.67]


def test_score_distribution_counts_each_band():
    """Each learner lands in exactly one band."""
    bands = analytics.score_distribution(grades())
    assert bands["learners"].sum() == 3
    assert dict(zip(bands["band"], bands["learners"]))["0–20"] == 1


def test_needs_help_lists_low_scores_and_odd_statuses():
    """A low score and a neutralised submission both need the facilitator; a full score does not."""
    help_ = analytics.needs_help(grades())
    assert dict(zip(help_["learner"], help_["reason"])) == {"b": "score", "c": "status"}


def attempts() -> list[Attempt]:
    return [
        Attempt("a", "bid-late-logins", {"path": ["open:ask", "probe:blame", "probe:blame"]}, {"feedback": 40.0}, 1.0),
        Attempt("a", "bid-late-logins", {"path": ["open:ask", "probe:listen"]}, {"feedback": 90.0}, 2.0),
        Attempt("b", "bid-late-logins", {"path": ["open:ask", "probe:blame"]}, {"feedback": 30.0}, 3.0),
    ]


def test_path_counts_show_where_learners_go():
    """Each step counts once per attempt, most visited first."""
    paths = analytics.path_counts(attempts())
    counts = dict(zip(paths["step"], paths["attempts"]))
    assert counts == {"open:ask": 3, "probe:blame": 2, "probe:listen": 1}
    assert paths.iloc[0]["step"] == "open:ask"


def test_skill_progress_first_best_lift():
    """First, best and lift per learner and skill, in time order."""
    progress = analytics.skill_progress(attempts()).set_index("learner")
    assert progress.loc["a", "first"] == 40.0 and progress.loc["a", "best"] == 90.0 and progress.loc["a", "lift"] == 50.0
    assert progress.loc["b", "lift"] == 0.0


def test_dashboard_renders_every_section_in_both_languages():
    """The page shows all six sections, headed in the chosen language, with the learners' names."""
    for lang, heading in (("en", "Learners who need help"), ("zh-CN", "需要帮助的学员")):
        page = dashboard_html(grades(), attempts(), lang)
        assert heading in page and "probe:blame" in page and ">b<" in page
        assert page.count("<section") == 6


def test_dashboard_says_when_there_is_nothing_yet():
    """An empty gradebook and no role-plays give plain messages, not errors."""
    page = dashboard_html(pd.DataFrame(), [], "en")
    assert "No graded submissions yet" in page and "No role-play attempts" in page


def test_every_exercise_skill_and_grading_status_has_words_in_both_languages():
    """The dashboard names skills and statuses in words; a new skill or status without them is a bug."""
    from pathlib import Path

    from coachlab.grading.autograde import STATUS_ORDER
    from coachlab.grading.course import list_exercises
    from coachlab.i18n import t

    repo = Path(__file__).resolve().parents[2]
    skills = {s for e in list_exercises(repo / "exercises") for s in e.meta["skills"]}
    skills |= {q["skill"] for e in list_exercises(repo / "exercises") for q in e.questions if q.get("skill")}
    for lang in ("en", "zh-CN"):
        assert all(t(f"skill.{s}", lang) for s in skills)
        assert all(t(f"dashboard.state.{s}", lang) for s in STATUS_ORDER)
    page = dashboard_html(grades(), attempts(), "zh-CN")
    assert "反馈（BIA/BID）" in page and "答案已清空" in page and ">neutralised<" not in page
