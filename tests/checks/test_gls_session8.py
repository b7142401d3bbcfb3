"""Session 8 (judge gls6): goal, listening and STAR calls at role-play turns and per label.

Conventions 13-17 (tests/corpus/README.md) and the poor-answer misses of turns6-turns8: a vague goal with
only a date is no 'nearly' goal; a me-too story or reassurance is no listening; an opinion is no STAR record.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# ------------------------------------------------------------------------------------------------ goal turns

@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("grow-delegation", "smart", "Be a calmer, more relaxed leader by the end of the month.", "en"),
    ("swot-self-scan-candidate", "wt-goal", "Build up your management skills before the interview.", "en"),
    ("promo-followup-month", "goal", "下个月争取方方面面都再上一个台阶。", "zh-CN"),
    ("swot-self-scan-candidate", "wt-goal", "面谈之前多积累点带团队的经验。", "zh-CN"),
    # convention 17: a number and a date on a vague area change nothing
    ("kpi-first-week-former-peer", "goal", "Overall productivity up 15% by June.", "en"),
    ("smart-goal-agent", "draft", "整体工作表现提升15%，月底前。", "zh-CN"),
])
def test_a_vague_area_with_a_date_is_not_nearly_a_goal(scenario: str, node: str, text: str, lang: str) -> None:
    """Neither specific nor measurable: a date alone does not make it 'nearly there' (conventions 3, 17)."""
    assert reached(scenario, node, text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    ("promo-followup-month", "goal", "月底前把遵从率提上去。", "zh-CN", "partly"),
    ("promo-followup-month", "goal", "Get adherence back up by the end of the month.", "en", "partly"),
    ("grow-delegation", "smart", "By Friday Xiao Li writes the daily report herself.", "en", "partly"),
])
def test_a_named_metric_or_deliverable_with_a_date_is_nearly_a_goal(scenario: str, node: str, text: str, lang: str,
                                                                     want: str) -> None:
    """A named metric (遵从率 alone names schedule adherence) or a deliverable with a date still reaches 'nearly'."""
    assert reached(scenario, node, text, lang, yes=False) == want


def test_adherence_alone_is_a_named_metric_in_chinese() -> None:
    """'遵从率' alone is the floor's word for schedule adherence: specific (convention 4)."""
    assert run("goal", "月底前把遵从率提上去。", lang="zh-CN").to_dict()["criteria"]["specific"] is True


# ------------------------------------------------------------------------------------------- listening turns

@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    # a me-too story that ends the reply
    ("listening-abusive-call", "first-words", "I had a caller like that in my second month, he swore at me for ten minutes. "
                                              "Took me ages to shake it off.", "en"),
    ("bid-late-logins", "reason", "Oh I know, my son's nursery was the same, I was late every morning for months.", "en"),
    ("bid-curt-tone-qa", "overload", "我懂，我当年也替人顶过一个月的班，天天加到九点。", "zh-CN"),
    ("promo-pay-question", "understand", "我懂，我刚当组长那会儿也是，孩子刚出生，也纠结要不要接，后来也就过来了。", "zh-CN"),
    # a feeling waved away, with the agent's words around it
    ("listening-abusive-call", "focus", "Nervous about the next call? Well, don't take it personally, he was just a rude caller.", "en"),
    ("listening-abusive-call", "focus", "怕也得接啊，下一通电话马上就来了。", "zh-CN"),
    ("bid-curt-tone-qa", "overload", "累我懂，熬一熬就过去了，顶班的事下周就结束。", "zh-CN"),
])
def test_a_me_too_story_or_a_feeling_waved_away_is_no_listening(scenario: str, node: str, text: str, lang: str) -> None:
    """The speaker's own story or a dismissal answers the agent instead of listening: the fallback (turns6-8)."""
    assert reached(scenario, node, text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    # the story told, then back to the agent with their need checked: still listening (blind4)
    ("bid-curt-tone-qa", "overload", "三周一个人顶两个人的班，你肯定累坏了，我刚来那会儿也顶过。你最需要我先帮你解决哪一块？",
     "zh-CN", "fact-and-feeling"),
    # "don't come on time" is no "come on"; calming first ("先别慌") is no dismissal
    ("bid-late-logins", "reason", "So since the shift change the bus doesn't come on time and you run in late anyway. "
                                  "That sounds exhausting.", "en", "fact-and-feeling"),
])
def test_a_reply_that_comes_back_to_the_agent_still_listens(scenario: str, node: str, text: str, lang: str,
                                                             want: str) -> None:
    """Words that look like a story or a dismissal do not cancel a real restatement and feeling."""
    assert reached(scenario, node, text, lang, yes=True) == want


def test_a_feeling_named_as_theirs_in_plain_talk() -> None:
    """'不爽' names the agent's annoyance; '你现在最在意的…' checks what they care about most."""
    report = run("listening", "我知道你不爽。你现在最在意的是不是公平？", lang="zh-CN").to_dict()
    assert report["elements"]["feeling"] is True
    assert report["elements"]["focus"] is True


# ---------------------------------------------------------------------------------------------- STAR records

@pytest.mark.parametrize(("text", "lang"), [
    ("Candidate is very calm and great with new joiners. Strong mentoring skills.", "en"),
    ("The candidate showed excellent people skills and a real commitment to the team.", "en"),
    ("候选人很踏实，带人能力强，建议晋升。", "zh-CN"),
    ("黄欣做事很认真，善于辅导他人，值得晋升。", "zh-CN"),
])
def test_notes_that_only_rate_the_candidate_are_no_star_record(text: str, lang: str) -> None:
    """A trait or a competency rated, and a recommendation, tell no act and no result: the fallback (turns2-8)."""
    assert reached("promo-star-probing", "record", text, lang, yes=False) == "fallback"
    assert run("star", text, lang=lang).to_dict()["elements"]["result"] is False


@pytest.mark.parametrize(("text", "lang", "want"), [
    # a joint label opens the situation (turns8)
    ("情境/任务：新人质检总不过关，组长让黄欣带她。行动：每周一起听5通录音，一次只改一个习惯。结果：8周质检从62分到86分。",
     "zh-CN", "full-star"),
    # a number that moved is the result (turns7)
    ("质检分从60到85。", "zh-CN", "partial-star"),
])
def test_labelled_notes_and_a_number_that_moved(text: str, lang: str, want: str) -> None:
    """'情境/任务：' labels the situation; '从60到85' is the result even with no verb of change."""
    assert reached("promo-star-probing", "record", text, lang, yes=True) == want


@pytest.mark.parametrize(("text", "lang", "quantified"), [
    ("有个客户为同一张账单打了四次。我亲自回拨，把账单改好了。最后客户没再打来。", "zh-CN", False),
    ("客户投诉了三次。我把工单升级，第二天回电确认。后来他就没再打过来。", "zh-CN", False),
    ("当时重复来电很多。我开始每通电话结束前再核对一遍账户。那周一个重复来电都没有。", "zh-CN", True),
    ("A customer had rung four times about one bill. I called him back myself and fixed it. He never called back.", "en", False),
])
def test_a_repeat_call_that_did_not_come_is_a_result_not_a_count(text: str, lang: str, quantified: bool) -> None:
    """Convention 16: one customer who did not call again is the result (r = yes), not a count (q = no)."""
    report = run("star", text, lang=lang).to_dict()
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is quantified


def test_the_customer_who_never_called_again_is_a_result_in_notes() -> None:
    """Convention 16 in notes: '后来他再也没因为这事打进来过' is the result, with no count (was q = yes under convention 1)."""
    report = run("star", "我把多扣的钱当天退了，后来他再也没因为这事打进来过。", lang="zh-CN").to_dict()
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is False


@pytest.mark.parametrize(("text", "context"), [
    ("标准变是正常的，适应就好。", "我觉得质检标准天天变，根本不知道怎么做才对。"),
    ("投诉就投诉呗，一个而已。", "客户说要投诉我，我明明是按流程做的。"),
    ("那个客户必须接，这是规定。", "那个客户又打来了，第六次了，我真的不想接了。"),
])
def test_a_shrug_or_the_rule_restates_nothing(text: str, context: str) -> None:
    """'适应就好', 'X就X呗', '这是规定' wave the agent's point away: the words around them restate nothing."""
    report = run("listening", text, lang="zh-CN", context=context).to_dict()
    assert report["elements"]["fact"] is False


@pytest.mark.parametrize("text", ["这个经历教会我，数据要自己亲自核对，不能只听汇报。",
                                  "事后我总结了一条：改流程之前先跟质检对齐口径。"])
def test_a_lesson_drawn_is_a_result_without_a_number(text: str) -> None:
    """Convention 5: '教会我…', '我总结了一条：…' end the story (r = yes); the one lesson is no count (q = no)."""
    report = run("star", text, lang="zh-CN").to_dict()
    assert report["elements"]["result"] is True
    assert report["quantified_result"] is False
