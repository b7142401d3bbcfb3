"""Session 9 (judge gls8): goal, listening and STAR calls per label and at role-play turns.

- STAR (zh): a state reached after the speaker's act is the result, though Chinese drops its subject
  ("去年带了6个，都转正了"); a zero with a grade of the counted thing ("零重大投诉") counts.
- STAR hygiene: the words that rate a candidate are rules (rules/star.yaml) with reasons and examples, read
  clause by clause; moving them out of star.py changed no verdict.
- Goals: a starting point written as notes ("FCR now 64%", "8.4分钟→7.5分钟") is the baseline and "Week 4" a time;
  a rise is judged against the time the goal gives (goal.yaml achievable.max_points_per_week), and a goal
  whose step is too large for its time (criteria.achievable false) reaches no good or nearly-there intent.
- Listening: a feeling put in anyone's place ("搁谁都憋屈") or said plainly ("别扭", "怪怪的") is named; the decision
  defended ("这个是上面定的，我也没办法") answers instead of listening.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks import star
from coachlab.checks.engine import rulebook
from tests.checks.playing import reached


# ------------------------------------------------------------------------------- STAR: rating words as rules

def test_rating_words_are_rules_with_examples() -> None:
    """The rating lexicon lives in rules/star.yaml, one rule per language, with examples both ways."""
    rules = {r.id: r for r in rulebook("star").rules if r.target == star.RATES}
    assert set(rules) == {"star.en.rates", "star.zh.rates"}
    for rule in rules.values():
        assert rule.role == "signal" and rule.should_pass and rule.should_fail
        assert all(star._rates(t) for t in rule.should_pass), rule.id
        assert not any(star._rates(t) for t in rule.should_fail), rule.id
    assert not hasattr(star, "_RATES_EN") and not hasattr(star, "_RATES_ZH")


@pytest.mark.parametrize("text", ["Candidate is very patient and good with new starters. Strong coaching skills.",
                                  "黄欣很有耐心，带新人能力强，大家都喜欢找她，建议晋升。"])
def test_rating_rules_are_no_part_of_the_answer(text: str) -> None:
    """The rating rules read clauses; over the whole answer they add no hit, no feature and no result."""
    report = run("star", text)
    assert not report.elements["result"]
    named = {name for ranked in report.features.values() for name, _ in ranked}
    assert "r:rates" not in named


# ----------------------------------------------------------------------- STAR: a state reached after the act

@pytest.mark.parametrize("clause", ["都转正了", "第五天就清完了", "一张没超时", "报告交上去后IVR改了", "他就不生气了",
                                    "二十分钟内就解了"])
def test_a_state_reached_is_a_completed_change(clause: str) -> None:
    """A clause with no subject the structure knows that ends on a change completed tells a state reached."""
    assert star.completed_state(clause)


@pytest.mark.parametrize("clause", ["找出是IVR菜单引导错了", "就提议删掉了", "当场给他申请了加急退款", "然后把他们的班错开了",
                                    "因为原来那个太乱了", "以后就会好了", "我做了"])
def test_the_speakers_act_carried_on_is_no_state_reached(clause: str) -> None:
    """A clause that opens on a verb or 把/给 carries the speaker's act on; a cause, a degree or a plan is no change."""
    assert not star.completed_state(clause)


@pytest.mark.parametrize("text", ["我负责新人带教。去年带了6个，都转正了。",
                                  "那次投诉升级到总部，组长让我牵头写整改报告。我把三个月的录音都调出来听了一遍，找出是IVR菜单引导错了。报告交上去后IVR改了。"])
def test_state_after_the_act_is_a_structural_result(text: str) -> None:
    """The state reached after the speaker's act is among the parts the structure adds (feature story_result)."""
    from coachlab.checks.base import analyse, clean
    from coachlab.checks.structure import story

    a = analyse("star", clean(text))
    told = story(a.doc)
    assert not told["result"]
    star._state_after_act(a, told)
    assert told["result"]


def test_a_zero_with_a_grade_of_the_counted_thing_is_a_number() -> None:
    """"一年零重大投诉" counts a defined thing at zero (convention 1)."""
    assert run("star", "我负责的那条线一年零重大投诉。").quantified_result


# -------------------------------------------------------------------- goal: baseline, target and time sized

@pytest.mark.parametrize(("text", "baseline", "target"), [
    ("FCR now 64%. Week 4: 67%. End of February: 72%.", "64%", "67%"),
    ("目标：AHT 8.4分钟→7.5分钟以内；截止：6月30日。", "8.4分钟", "7.5分钟"),
    ("AHT 8.4 min -> 7.5 min by 30 June.", "8.4 min", "7.5 min"),
])
def test_a_baseline_written_as_notes(text: str, baseline: str, target: str) -> None:
    """'now 64%' and a number with its unit before an arrow are the starting point; 'Week 4' is a time, no target."""
    report = run("goal", text)
    assert (report.baseline or "").strip() == baseline
    assert (report.target or "").strip() == target


@pytest.mark.parametrize(("text", "achievable"), [
    ("FCR from 64% to 72% by next Friday.", False),      # 8 points in a week: too large for its time
    ("一周内一次解决率从52%提到60%。", False),
    ("4周内把10:00-12:00的SL从64%拉到80%。", True),       # 16 points in four weeks: a plan
    ("Service level from 64% to 75% in two weeks.", True),
    ("Service level from 64% to 95% by the end of next month.", False),
])
def test_a_jump_is_judged_against_its_time(text: str, achievable: bool) -> None:
    """The size of a rise in points is judged per week of the horizon the goal gives (goal.yaml achievable)."""
    assert run("goal", text).criteria["achievable"] is achievable


def test_a_review_window_bounds_the_goal() -> None:
    """'First three months … we check at 31 March' has a deadline."""
    assert run("goal", "First three months: team CSAT stay minimum 85% every month, we check at 31 March.").criteria[
        "time_bound"]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "yes", "want"), [
    ("smart-goal-agent", "draft", "一周内一次解决率从52%提到95%。", "zh-CN", False, "fallback"),
    ("smart-goal-agent", "draft", "FCR 64 -> 85 % in a week", "en", False, "fallback"),
    ("kpi-first-week-former-peer", "goal", "目标：AHT 8.4分钟→7.5分钟以内；FCR保持≥78%；截止：6月30日；每周四一对一看一次。",
     "zh-CN", True, "smart-goal"),
    ("smart-goal-agent", "final-goal",
     "FCR now 64%. Week 4: 67%. End of February: 72%. You do billing session this week and use ¥200 adjustment.", "en",
     True, "smart"),
    ("promo-pay-question", "success", "First three months: team CSAT stay minimum 85% every month, we check at 31 March.",
     "en", True, "smart-expectation"),
    ("golden-circle-callback-pushback", "what", "4周内把10:00-12:00的SL从64%拉到80%，abandon从11%降到5%以内，月底review。",
     "zh-CN", True, "smart-goal"),
])
def test_goal_turns(scenario: str, node: str, text: str, lang: str, yes: bool, want: str) -> None:
    """SMART goals as notes reach the good move; a jump too large for its time does not (achievable is false)."""
    assert reached(scenario, node, text, lang, yes=yes) == want


# ------------------------------------------------------------------------------------------ listening turns

@pytest.mark.parametrize(("scenario", "node", "text", "lang", "yes", "want"), [
    ("kpi-first-week-former-peer", "reaction",
     "我懂 一半回头客是被别人草草打发才来找你的 结果你还被说慢 这事儿搁谁都憋屈 而且是我来说 更别扭了吧 你最介意的是哪一点？",
     "zh-CN", True, "fact-and-feeling"),
    ("kpi-first-week-former-peer", "reaction",
     "你是说那些repeat call很多是别人rush掉的，最后锅反而到你这，而且现在是我来跟你谈，感觉怪怪的。你最在意的是公平，还是咱俩的关系？",
     "zh-CN", True, "fact-and-feeling"),
    ("golden-circle-callback-pushback", "listen", "这个是上面定的，我也没办法，先执行吧。", "zh-CN", False, "fallback"),
    ("golden-circle-callback-pushback", "listen", "其实回拨是为了客户体验 你想想就明白了", "zh-CN", False, "fallback"),
])
def test_listening_turns(scenario: str, node: str, text: str, lang: str, yes: bool, want: str) -> None:
    """A feeling put in anyone's place or said plainly (别扭) is named; the decision defended is no listening."""
    assert reached(scenario, node, text, lang, yes=yes) == want


@pytest.mark.parametrize(("text", "feeling"), [("这事儿搁谁都憋屈。", True), ("换我也别扭。", True),
                                               ("谁都憋屈，又不是只有你。", False)])
def test_a_feeling_put_in_anyones_place_is_theirs(text: str, feeling: bool) -> None:
    """'搁谁都憋屈' validates the agent's feeling; '谁都憋屈' makes it everyone's."""
    from coachlab.checks.base import analyse

    assert bool(analyse("listening", text, "zh-CN").hits.get("feeling")) is feeling
