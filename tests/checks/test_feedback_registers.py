"""The feedback check reads the registers that earlier blind role-play turns lost (issue 13, session 6).

Report-register verdicts on a competency are labels, praise of a competency with no act is vague praise, a
"but" right after the thanks is the sandwich intent's mistake, a named consequence is a threat, results
jotted as a note are impact, and a plan headed by when it starts is a step. The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from coachlab.checks.structure import acts_on_occasion, concrete_steps
from tests.checks.playing import reached

FLAGGED = [
    ("en", "Your handling of the escalation showed a clear lack of ownership.", "label"),
    ("en", "It has been observed that your reliability has deteriorated since October.", "label"),
    ("en", "The others got used to the new queue, so the problem is you.", "label"),
    ("zh-CN", "你这个月的服务意识明显欠缺。", "label"),
    ("zh-CN", "季度评估显示你的团队合作有很大的问题。", "label"),
    ("en", "You displayed excellent teamwork and strong leadership this quarter.", "vague_praise"),
    ("zh-CN", "你在本月工作中展现了良好的职业素养。", "vague_praise"),
    ("en", "Your CSAT looks fine, but the notes are thin.", "vague_praise"),
    ("en", "The new checklist was a good idea, but errors are still up.", "vague_praise"),
    ("zh-CN", "交接表是个好主意，但漏单还是多。", "vague_praise"),
    ("en", "Thanks, but your wrap-up notes still need work.", "sandwich"),
    ("zh-CN", "谢谢你，不过备注还是要写全。", "sandwich"),
    ("en", "Miss another callback and it goes on your record.", "threat"),
    ("zh-CN", "再漏一次回访，我就写进你的绩效考核。", "threat"),
]


@pytest.mark.parametrize(("lang", "text", "flag"), FLAGGED, ids=[f"{f}:{t[:24]}" for _, t, f in FLAGGED])
def test_register_pitfalls_are_flagged(lang: str, text: str, flag: str) -> None:
    """A label, vague praise, half sandwich or threat in report, chat or spoken register raises its flag."""
    report = run("feedback", text, lang=lang)
    assert flag in report.flags, (text, report.flags)


def test_competency_word_alone_is_not_a_label() -> None:
    """A competency named with no verdict, or the customer's attitude, is not a label of the agent."""
    for lang, text in [("en", "On the 2 pm call you showed her the refund screen and she calmed down."),
                       ("zh-CN", "客户的态度很差，你一直没有提高音量，最后他自己道了歉。")]:
        assert "label" not in run("feedback", text, lang=lang).flags, text


def test_results_jotted_as_a_note_are_impact() -> None:
    """'complaint withdrawn, 5/5 survey' and '投诉撤了 回访5分' are results even without 'so' or '所以'."""
    assert run("feedback", "complaint withdrawn after the call, 5/5 on the survey", lang="en").elements["impact"]
    assert run("feedback", "投诉撤了，回访满意度5分，一周内没有再来电", lang="zh-CN").elements["impact"]


def test_plan_headed_by_its_start_is_a_step() -> None:
    """'From next huddle: …', '从周一起：…', '明日起…' with a time or number give the agent a step (development)."""
    for lang, text in [("en", "From next huddle: no talking over people, one question first."),
                       ("zh-CN", "从周一起：早班8:00前上线；车晚→7:50前微信我；月底一起看遵从率"),
                       ("zh-CN", "明日起早班7:55前上线，公交晚点7:45前微信告诉我。")]:
        assert run("feedback", text, lang=lang).elements["development"], text


@pytest.mark.parametrize(("scenario_id", "node", "lang", "text", "intent"), [
    ("bid-curt-tone-qa", "behaviour", "en", "Your manner on that call showed a real lack of professionalism.", "label"),
    ("bid-curt-tone-qa", "behaviour", "zh-CN", "该通话服务意识欠缺，不符合规范。", "label"),
    ("bia-angry-customer", "appreciation", "en", "Thanks, but keep it shorter next time.", "sandwich"),
    ("bia-angry-customer", "appreciation", "zh-CN", "谢谢啊，但是下次时长得压一压。", "sandwich"),
    ("bid-late-logins", "development", "en", "Be at your desk by eight, or it goes in your review.", "threat"),
])
def test_poor_answer_reaches_the_intent_naming_its_mistake(scenario_id: str, node: str, lang: str, text: str,
                                                           intent: str) -> None:
    """A poor answer in these registers gets the feedback that names its mistake, not the fallback."""
    assert reached(scenario_id, node, text, lang) == intent


def test_numbered_plan_is_development_and_numbered_observations_are_not() -> None:
    """'1.… 2.…' or '①…②…' of things still to do is a development step; a numbered list of what happened is not."""
    for lang, text in [("zh-CN", "下次遇到这种：1.先别急着解释 2.把他的问题复述一遍 3.最后问一句还有别的吗"),
                       ("zh-CN", "①交接前把备注补全 ②有升级单先在群里说一声"),
                       ("en", "Two things for next week: 1) greet by name 2) read the order number back")]:
        assert run("feedback", text, lang=lang).elements["development"], text
    for lang, text in [("zh-CN", "1. 10:05那通没核身 2. 10:30那通没说结束语"),
                       ("en", "1. you skipped the greeting 2. you transferred without notes")]:
        assert not run("feedback", text, lang=lang).elements["development"], text


# Second round (judge fb2): verdicts on the person in plain or chat words, and praise pitfalls at praise nodes.
PERSON_VERDICTS = [
    ("en", "Your teamwork is not good lately, you have to be more helpful.", "label"),
    ("en", "You're too soft with callers, that's your problem.", "label"),
    ("en", "u never write the wrap-up code", "absolute"),
    ("zh-CN", "你这人就是太较真了", "label"),
    ("zh-CN", "最近工作纪律涣散，上班态度不端正。", "label"),
    ("zh-CN", "领导说你不是个team player。", "label"),
    ("zh-CN", "你总这样，一着急就抢话。", "absolute"),
    ("zh-CN", "组里都在议论你午休超时的事。", "speaking_for_others"),
]


@pytest.mark.parametrize(("lang", "text", "flag"), PERSON_VERDICTS, ids=[f"{f}:{t[:24]}" for _, t, f in PERSON_VERDICTS])
def test_person_verdicts_in_plain_or_chat_words_are_flagged(lang: str, text: str, flag: str) -> None:
    """'X is not good', 'that's your problem', 'u never', '这人就是', '总这样', '都在议论' raise their flag."""
    report = run("feedback", text, lang=lang)
    assert flag in report.flags, (text, report.flags)


def test_not_good_is_no_praise() -> None:
    """'your teamwork is not good' is a verdict: it raises no vague praise."""
    report = run("feedback", "Honestly your teamwork is not so good lately.", lang="en")
    assert "vague_praise" not in report.flags and "label" in report.flags


@pytest.mark.parametrize(("scenario_id", "node", "lang", "text", "intent"), [
    ("promo-followup-month", "praise", "en", "You're a born coach, the whole team is saying it.", "vague"),
    ("kpi-first-week-former-peer", "strength", "zh-CN", "你是组里最稳的，大家都知道。", "vague-praise"),
    ("bia-angry-customer", "behaviour", "en", "You always know how to calm them down.", "vague-praise"),
])
def test_praise_with_a_pitfall_and_no_act_reaches_the_vague_intent(scenario_id: str, node: str, lang: str, text: str,
                                                                  intent: str) -> None:
    """Praise of the person said for everyone, or as an 'always', names no act: the vague-praise intent."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("lang", "text", "thanks"), [
    ("en", "thank u so much for taking that one, seriously", True),
    ("en", "I appreciate you staying on with her.", True),
    # "Nice work. Keep going like this." left in session 15: bare praise has no A for most writers (blind19,
    # blind21's README), and the session-15 refit reads it so.
    ("zh-CN", "这单多亏你了🙏 我挺感激的", True),
    ("zh-CN", "周末还来顶班，辛苦啦～", True),
    # appreciation said in words, no thanks ("干得漂亮，继续保持！" alone is vague praise with no A: blind10, blind14)
    ("zh-CN", "这单处理得真漂亮，我很欣赏。", False),
])
def test_thanks_said_in_words_is_told_from_praise_of_the_work(lang: str, text: str, thanks: bool) -> None:
    """Both are appreciation; the report's `thanks` is true only when thanks is said in words."""
    report = run("feedback", text, lang=lang)
    assert report.elements["appreciation"] is True
    assert report.to_dict()["thanks"] is thanks


@pytest.mark.parametrize(("lang", "text", "intent"), [
    ("en", "Nice work. Keep going like this.", "fallback"),
    ("zh-CN", "干得漂亮，继续保持！", "fallback"),
    ("en", "Thank you, really. That one can't have been easy.", "thanks"),
    ("zh-CN", "真心谢谢你，这种电话不好接。", "thanks"),
])
def test_plain_praise_does_not_reach_the_thanks_intent(lang: str, text: str, intent: str) -> None:
    """At the BIA's appreciation turn only explicit thanks reaches `thanks`; 'well done' gets the fallback's hint."""
    assert reached("bia-angry-customer", "appreciation", text, lang) == intent


@pytest.mark.parametrize(("text", "behaviour"), [
    ("上个月12个晚班5次提前下线，每次10分钟左右。", True),
    ("最近8通电话里3次没核身。", True),
    ("近20个早班6次迟登录，8:00-8:15服务水平72%。", True),
    ("挺好的，不过第一次提醒之后就该结束通话了。", False),
    ("一次解决率还行，就是通话有点长。", False),
])
def test_zh_note_with_a_count_of_times_before_the_verb_is_a_behaviour(text: str, behaviour: bool) -> None:
    """A note with no subject ('12个晚班5次提前下线') tells the agent's act; an ordinal or '一次解决率' does not."""
    assert bool(acts_on_occasion(analyse("feedback", text, "zh-CN", None).doc)) is behaviour
    if not behaviour:
        assert run("feedback", text, lang="zh-CN").elements["behavior"] is False


def test_everybody_says_at_the_swot_bid_is_the_fallback() -> None:
    """'大家都说你…' speaks for others, a pitfall of its own (convention 8, session 7): the swot BID turn has no
    intent naming it, so the fallback, even with a label in it; the label said as one's own stays the label intent."""
    assert reached("swot-self-scan-candidate", "bid", "大家都说你人太好了，啥都往自己身上揽。", "zh-CN") == "fallback"
    assert reached("swot-self-scan-candidate", "bid", "你这个人就是太爱揽事了。", "zh-CN") == "label-or-absolute"


@pytest.mark.parametrize(("text", "step"), [
    ("Stand-ups: let people finish their point, one question before yours.", True),
    ("use the refund shortcut (3 clicks) + talk the customer through it while u wait", True),
    ("The customer let you finish after the 3pm call.", False),
])
def test_an_imperative_naming_someone_else_is_still_a_step(text: str, step: bool) -> None:
    """'let people finish', 'walk the customer through it' tell the agent what to do, whoever they name."""
    assert bool(concrete_steps(analyse("feedback", text, "en", None).doc)) is step


@pytest.mark.parametrize(("text", "act"), [
    ("你第二周搞的排班互换群 请假冲突从4次变0次 这个真的很厉害 谢谢你", True),
    ("交接表就是你做对的事：第三周推出，漏单5→2。谢谢你。", True),
    ("你在通话中展现了良好的服务意识，值得肯定。", False),
])
def test_zh_wechat_spaces_and_a_left_out_subject_keep_the_agents_act(text: str, act: bool) -> None:
    """A space cuts a WeChat line into clauses, and '…：周三推出' carries on the agent's act; a rating does not."""
    assert bool(acts_on_occasion(analyse("feedback", text, "zh-CN", None).doc)) is act


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Next time please don't be so curt with customers."),
    ("zh-CN", "建议今后加强业务能力，提升服务意识，持续改善客户体验。"),
])
def test_a_manner_or_a_competency_asked_for_is_no_step(lang: str, text: str) -> None:
    """'don't be rude to customers' and '加强…能力，提升…意识' name no act to practise: no development."""
    assert run("feedback", text, lang=lang).elements["development"] is False
