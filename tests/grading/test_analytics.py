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
    """Mean percent per skill over learners, and the percent of learners below half marks (a percentage too)."""
    row = analytics.skill_summary(grades()).iloc[0]
    assert row["skill"] == "feedback" and row["learners"] == 3
    assert row["mean_percent"] == 60.0 and row["below_percent"] == 33.3


def test_question_difficulty_puts_the_hardest_first():
    """Question two earns 2/3 of its points on average, question one 1/2: one is harder (in percent)."""
    frame = analytics.question_difficulty(grades())
    assert list(frame["question"]) == ["one", "two"]
    assert list(frame["mean_percent"]) == [50.0, 66.7]


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


def tiny_scenario():
    """Three turns written in the YAML out of conversation order (close first) and not alphabetical either."""
    from coachlab.scenarios.model import Scenario

    say = {"en": "…", "zh-CN": "……"}
    return Scenario({
        "id": "tiny", "start": "zeta-open", "skills": ["feedback-bid"],
        "nodes": {
            "close": {"say": say, "choices": [
                {"id": "recap", "text": say, "feedback": say, "scores": {"feedback-bid": 1}, "next": "won"},
                {"id": "leave", "text": say, "feedback": say, "scores": {"feedback-bid": 0}, "next": "lost"}]},
            "middle": {"say": say, "free": {"check": "feedback", "intents": [
                {"id": "label", "when": {"any": ["flags:label"]}, "scores": {"feedback-bid": -1},
                 "feedback": say, "next": "close"},
                {"id": "fact", "when": {"all": ["elements.behavior"]}, "scores": {"feedback-bid": 3},
                 "feedback": say, "next": "close"}],
                "fallback": {"feedback": say, "next": "close"}, "better": say}},
            "zeta-open": {"say": say, "choices": [
                {"id": "purpose", "text": say, "feedback": say, "scores": {"feedback-bid": 2}, "next": "middle"},
                {"id": "chat", "text": say, "feedback": say, "scores": {"feedback-bid": 0}, "next": "middle"}]},
        },
        "endings": {"won": {"outcome": "good", "title": say, "say": say},
                    "lost": {"outcome": "poor", "title": say, "say": say}},
    })


def tiny_attempts() -> list[Attempt]:
    return [
        Attempt("a", "tiny", {"path": ["zeta-open:chat", "middle:label", "close:leave", "end:lost"]}, {"f": 10}, 1.0),
        Attempt("a", "tiny", {"path": ["zeta-open:purpose", "middle:fact", "close:recap", "end:won"]}, {"f": 90}, 2.0),
        Attempt("b", "tiny", {"path": ["zeta-open:purpose", "middle:fallback~retry", "middle:fact", "close:recap",
                                       "end:won"]}, {"f": 70}, 3.0),
        Attempt("c", "05-feedback", {"draft": "a lesson tool, not a role-play"}, {}, 4.0),
    ]


def test_conversation_order_follows_the_graph_not_the_file_or_the_alphabet():
    """The start first, then each turn after the turns that lead to it."""
    assert analytics.conversation_order(tiny_scenario()) == ["zeta-open", "middle", "close"]


def test_path_counts_list_steps_in_conversation_order():
    """With the scenario known, steps come in conversation order (was: alphabetical), endings last."""
    paths = analytics.path_counts(tiny_attempts(), {"tiny": tiny_scenario()})
    nodes = [step.partition(":")[0] for step in paths["step"]]
    assert nodes[0] == "zeta-open" and nodes[-1] == "end" and nodes.index("middle") < nodes.index("close")
    counts = dict(zip(paths["step"], paths["attempts"]))
    assert counts["zeta-open:purpose"] == 2 and counts["middle:fallback~retry"] == 1


def test_path_counts_without_the_scenario_keep_the_order_learners_met_the_steps():
    """A role-play that no longer loads still lists its steps as played, each once per attempt."""
    paths = analytics.path_counts(attempts())
    counts = dict(zip(paths["step"], paths["attempts"]))
    assert counts == {"open:ask": 3, "probe:blame": 2, "probe:listen": 1}
    assert paths.iloc[0]["step"] == "open:ask"


def test_roleplay_flow_counts_learners_per_turn_and_marks_where_they_went_wrong():
    """Per turn in conversation order: who reached it, who took which way, and how good that way was."""
    flow = analytics.roleplay_flow(tiny_scenario(), tiny_attempts())
    assert list(dict.fromkeys(flow["node"])) == ["zeta-open", "middle", "close", "end"]
    rows = {(r.node, r.picked): r for r in flow.itertuples()}
    assert rows[("zeta-open", "purpose")].learners == 2 and rows[("zeta-open", "purpose")].quality == "best"
    assert rows[("zeta-open", "chat")].quality == "other"
    assert rows[("middle", "label")].quality == "wrong"          # it cost points
    assert rows[("middle", "fallback~retry")].quality == "retry"
    assert rows[("middle", "fact")].learners == 2 and rows[("middle", "fact")].attempts == 2
    assert rows[("end", "won")].quality == "good" and rows[("end", "lost")].quality == "poor"
    assert set(flow[flow["node"] == "middle"]["reached"]) == {2}
    # a went wrong once (label), b was asked to try again: both missed the best way at least once there
    assert set(flow[flow["node"] == "middle"]["missed"]) == {2}
    assert set(flow[flow["node"] == "zeta-open"]["missed"]) == {1}  # only a's first attempt chatted


def test_learner_views_first_best_lift_and_replay():
    """One learner's role-plays (first, best, lift of the overall percent) and the turns kept for a replay."""
    mine = analytics.learner_roleplays(tiny_attempts(), "a").iloc[0]
    assert (mine["attempts"], mine["first"], mine["best"], mine["lift"], mine["ending"]) == (2, 10.0, 90.0, 80.0, "won")
    assert analytics.learner_roleplays(tiny_attempts(), "c").empty
    turns = [{"n": 1, "node": "zeta-open", "said": "hi"}]
    kept = Attempt("a", "tiny", {"path": [], "transcript": turns}, {})
    richer = Attempt("a", "tiny", {"path": [], "transcript": turns, "details": {"turns": [{"n": 1, "said": "hey"}]}},
                     {})
    assert analytics.replay_turns(kept) == turns and analytics.replay_turns(richer)[0]["said"] == "hey"
    exercises = analytics.learner_exercises(grades(), "b")
    assert list(exercises["percent"]) == [20.0]


def test_dashboard_renders_every_section_in_both_languages():
    """The page shows its sections and charts, headed in the chosen language, with the learners' names."""
    for lang, heading in (("en", "Learners who need help"), ("zh-CN", "需要帮助的学员")):
        page = dashboard_html(grades(), attempts(), lang)
        assert heading in page and ">b<" in page
        assert page.count("<section") == 6
        assert page.count('<img class="coachlab-chart-skills') + page.count('coachlab-chart coachlab-chart-skills') == 1
        assert page.count("coachlab-chart-distribution") == 1


def test_dashboard_shows_percentages_and_says_when_nobody_needs_help():
    """Shares are percentages, like every other number; an empty help list is a sentence, not a bare header."""
    fine = grades()[grades()["learner"] == "a"]
    for lang, words in (("en", "Nobody needs help right now"), ("zh-CN", "目前没有需要帮助的学员")):
        page = dashboard_html(fine, [], lang)
        help_section = page.split('class="coachlab-dashboard-help"', 1)[1].split("</section>", 1)[0]
        assert words in help_section and "<table" not in help_section
    page = dashboard_html(grades(), [], "en")
    assert ">33%<" in page and ">0.33<" not in page and ">50%<" in page and ">0.5<" not in page


def test_dashboard_says_when_there_is_nothing_yet():
    """An empty gradebook and no role-plays give plain messages, not errors."""
    page = dashboard_html(pd.DataFrame(), [], "en")
    assert "No graded submissions yet" in page and "No role-play attempts" in page


def test_chinese_in_charts_uses_a_cjk_font():
    """matplotlib draws the charts with a Chinese font (Noto Sans CJK), so Chinese is never tofu boxes."""
    from coachlab.widgets.charts import chart_font

    assert "NotoSansCJK" in chart_font().replace(" ", "") or "CJK" in chart_font()


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


def test_dashboard_shows_titles_not_slugs():
    """Exercises, questions and role-plays appear by their titles in the chosen language, never as slugs."""
    frame = grades().assign(assignment="a05-feedback").rename(columns={
        "q:one": "q:feedback_bia", "q:one:max": "q:feedback_bia:max", "q:two": "q:feedback_bid",
        "q:two:max": "q:feedback_bid:max"})
    for lang, exercise, question in (("en", "Rewrite the feedback: BIA and BID", "Your BIA feedback to Chen Jing"),
                                     ("zh-CN", "改写反馈：BIA 与 BID", "你给陈静的 BIA 反馈")):
        page = dashboard_html(frame, attempts(), lang)
        assert f">{exercise}<" in page and f">{question}<" in page
        assert ">a05-feedback<" not in page and ">feedback_bia<" not in page


def played(name: str, learner: str, when: float, row: int, lang: str = "zh-CN") -> Attempt:
    """A real play of bid-late-logins from its test plan, recorded as the player records it."""
    from pathlib import Path

    from coachlab.scenarios import engine, load_all
    from coachlab.scenarios.testplan import load_plan, plan_path, run_play

    repo = Path(__file__).resolve().parents[2]
    scenario = load_all(repo)[0]["bid-late-logins"]
    plays = {p["name"]: p for p in load_plan(plan_path(repo / "scenarios" / "bid-late-logins.yaml"))[0]["plays"]}
    session = run_play(scenario, plays[name], lang).session
    try:
        from coachlab.scenarios.record import attempt_answers
        answers = attempt_answers(scenario, session, lang)
    except ImportError:  # before the full record existed: the engine's transcript
        answers = engine.attempt_answers(session)
    return Attempt(learner, "bid-late-logins", answers, engine.percentages(scenario, session), when, lang, id=row)


def test_replay_shows_each_turn_as_the_learner_saw_it():
    """Every turn: the other person's line, the learner's words with the evidence marked, what counted and the
    coaching note, in the language the learner played in; headings in the facilitator's language."""
    import html as html_lib

    from coachlab.widgets.dashboard import Names, replay_html

    attempt = played("judging", "李娜 Lina", 1.0, 7)
    turns = analytics.replay_turns(attempt)
    assert len(turns) == 11
    page = replay_html(attempt, Names("en"), 1)
    assert page.count('class="coachlab-replay-turn') == len(turns)
    assert "The learner said" in page and "Coaching note" in page and "Chinese" in page
    free = [turn for turn in turns if turn["kind"] == "free" and turn.get("evidence")]
    assert free, "the judging play has a typed turn with evidence"
    said, span = free[0]["said"], free[0]["evidence"][0]
    assert html_lib.escape(said[span["end"]:]) in page
    assert "<mark" in page and html_lib.escape(said[span["start"]:span["end"]]) in page
    assert html_lib.escape(free[0]["feedback"]["zh-CN"]) in page
    assert "Try again:" in page  # the judging play is asked to try again twice
    assert "Always / never: “总是”" in page  # the pitfall that counted, named as learners see it
    if "details" in attempt.answers:  # the full record keeps the stronger line the debrief showed
        assert "Stronger line" in page and html_lib.escape(free[0]["better"]["zh-CN"]) in page
    assert "coachlab-replay-ending" in page
    zh = replay_html(attempt, Names("zh-CN"), 1)
    assert "学员说" in zh and "教练点评" in zh and "第 1 轮" in zh


def test_learner_page_lists_exercises_roleplays_and_attempts():
    """A learner's exercises (by title), role-plays (first, best, lift) and every attempt to replay."""
    from coachlab.widgets.dashboard import Names, attempt_choices, learner_html

    attempts = [played("judging", "b", 1.0, 1), played("best", "b", 2.0, 2)]
    frame = grades().assign(assignment="a05-feedback", score=[5.0, 1.0, 3.0], max_score=5.0)
    for lang, title in (("en", "Rewrite the feedback: BIA and BID"), ("zh-CN", "改写反馈：BIA 与 BID")):
        names = Names(lang)
        page = learner_html("b", frame, attempts, names)
        assert f">{title}<" in page and ">1 / 5<" in page and ">20%<" in page
        first, best = (analytics.attempt_percent(a) for a in attempts)
        assert first < best and f">{best - first:+.0f}<" in page
        choices = attempt_choices("b", attempts, names)
        assert [row for _, row in choices] == [2, 1]
        assert names.scenario_title("bid-late-logins") in choices[0][0] and "bid-late-logins" not in choices[0][0]


def test_learner_tab_keeps_the_choice_across_refresh_and_language():
    """Picking a learner and an attempt shows its replay; a refresh or a language switch keeps both."""
    from coachlab.widgets.dashboard import LearnerPage

    attempts = [played("judging", "b", 1.0, 1), played("best", "b", 2.0, 2), played("best", "王芳 Wang", 3.0, 3)]
    tab = LearnerPage("en")
    tab.update(grades(), attempts, "en")
    assert tab.picker.options == ("a", "b", "c", "王芳 Wang")
    tab.picker.value = "b"
    assert [row for _, row in tab.attempt.options] == [2, 1]
    tab.attempt.value = 1
    assert tab.replay.value.count('class="coachlab-replay-turn') == 11
    tab.update(grades(), attempts, "zh-CN")
    assert (tab.picker.value, tab.attempt.value) == ("b", 1) and "学员说" in tab.replay.value
    tab.update(grades().iloc[0:0], [], "en")
    assert tab.picker.options == () and "No learner has handed in" in tab.lead.value


def test_a_dispute_says_where_by_titles_not_slugs():
    """An exercise question by its prompt, a role-play turn by its number and stage; no slug, no node id."""
    from types import SimpleNamespace

    from coachlab.widgets.dashboard import where_words

    question = SimpleNamespace(item_id="a05-feedback", place="feedback_bia", kind="feedback")
    turn = SimpleNamespace(item_id="bid-late-logins", place="behaviour#2", kind="feedback")
    assert where_words(question, "en") == "Rewrite the feedback: BIA and BID · Your BIA feedback to Chen Jing"
    assert where_words(turn, "zh-CN") == "BID 反馈：迟登录与排班遵从率 · 第 2 轮 · 行为与影响"


def test_each_roleplay_gets_a_flow_chart_and_says_where_most_went_wrong():
    """One flow chart per role-play played, and a sentence naming the turn most learners missed, by its stage."""
    attempts = [played("judging", "a", 1.0, 1), played("best", "b", 2.0, 2)]
    for lang, words in (("en", "Where most went wrong"), ("zh-CN", "最容易出错的一轮")):
        page = dashboard_html(pd.DataFrame(), attempts, lang)
        assert page.count("coachlab-chart-flow") == 1 and words in page
        note = page.split('class="note">', 1)[1].split("</p>", 1)[0]
        assert "1 of 2" in note or "2 名学员中有 1 名" in note
        import re

        visible = re.sub(r"<[^>]+>", " ", page)
        assert "bid-late-logins" not in visible and ":" not in note.split("“")[1].split("”")[0]


def test_every_quality_in_the_flow_legend_has_a_colour_of_its_own():
    """A step answered 'other' and a 'mixed' ending must not look the same in the role-play flow's legend."""
    from coachlab.widgets.charts import COLORS

    qualities = (*analytics.QUALITIES, "good", "mixed", "poor")
    colours = [COLORS[q].lower() for q in qualities]
    assert len(qualities) == 8 and len(set(colours)) == len(colours), dict(zip(qualities, colours))
