"""3F listening: a sentence that answers instead of listening restates nothing, and a feeling argued away is no feeling."""

from __future__ import annotations

import pytest

from coachlab.checks import check_listening
from tests.checks.playing import reached

PAY = "To be honest, my wife is expecting in the autumn, and money matters right now. I don't want to take on more stress for nothing."
SCARED = "I thought I was getting good at this. Now I'm scared to pick up the next call."
OVERLOAD_ZH = "说实话，我已经帮阿美和老陈顶了三个礼拜的班了，没有一个人提过一句。我累坏了，只想这些电话赶紧结束。"


@pytest.mark.parametrize(("text", "context"), [
    ("Everybody wants more money, that's normal.", PAY),
    ("I understand. But you shouldn't take the job just for money.", PAY),
    ("Just take the next call, the fear goes away when you do it.", SCARED),
    ("我懂，我以前顶班的时候比你还惨，一个人顶三个。", OVERLOAD_ZH),
    ("现在谁不累啊，又不是只有你。", OVERLOAD_ZH),
])
def test_an_answer_that_shares_the_agents_words_is_no_fact(text: str, context: str) -> None:
    """Advice, an argument, 'everybody…' or the manager's own story repeat words but restate nothing."""
    assert check_listening(text, context=context).elements["fact"] is False


@pytest.mark.parametrize(("text", "context"), [
    ("Everybody is scared after a call like this, it is normal.", SCARED),
    ("你一直在进步啊，质检88分呢，别怕。", None),
])
def test_a_feeling_normalised_or_reassured_away_is_not_acknowledged(text: str, context: str | None) -> None:
    """'It is normal', '别怕': the feeling is named to wave it away."""
    assert check_listening(text, context=context).elements["feeling"] is False


@pytest.mark.parametrize(("text", "context"), [
    ("So with the baby coming, money really matters right now, and you don't want more stress for nothing.", PAY),
    ("He told you off in front of everyone on the floor, and that stung.", "The supervisor told me off in front of everyone on the floor this morning."),
    ("顶了三个礼拜的班，也没人说一句。", OVERLOAD_ZH),
])
def test_a_real_restatement_still_is_one(text: str, context: str | None) -> None:
    """A restatement keeps its fact ('in front of everyone' is no 'everybody does it')."""
    assert check_listening(text, context=context).elements["fact"] is True


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang"), [
    ("promo-pay-question", "understand", "Everybody wants more money, that's normal.", "en"),
    ("listening-abusive-call", "focus", "Just take the next call, the fear goes away when you do it.", "en"),
    ("bid-curt-tone-qa", "overload", "我懂，我以前顶班的时候比你还惨，一个人顶三个。", "zh-CN"),
])
def test_a_poor_reply_gets_the_fallbacks_coaching(scenario_id: str, node: str, text: str, lang: str) -> None:
    """In the role-plays such replies reach the fallback ('reflect first'), not 'half of 3F'."""
    assert reached(scenario_id, node, text, lang) == "fallback"


THREAT = "A customer said he'd come to the office and find me. He called me useless and then hung up."
TRAINING = "I've been training the new starters for a month now, on top of my own calls."


@pytest.mark.parametrize(("text", "context", "fact"), [
    ("He called you useless and then hung up on you?", THREAT, True),
    ("A month of training the new starters on top of your own calls — what would make that manageable for you?",
     TRAINING, True),
    ("Well, were you rude to him before he hung up?", THREAT, False),
    ("那你早点出门，坐早一班公交不就行了？", "新排班以后我7点半送孩子去幼儿园，公交老是不准时，我一路跑还是迟到。", False),
])
def test_an_echo_question_or_the_words_before_a_check_can_restate(text: str, context: str, fact: bool) -> None:
    """An echo with a question mark tells the story back; a question that asks or argues does not."""
    assert check_listening(text, context=context).elements["fact"] is fact


@pytest.mark.parametrize("text", ["Would an on-call number for a senior help?",
                                  "Is it the hours themselves, or who's on nights with you?",
                                  "The bonus scheme isn't clear. Which part — how it's calculated or when it's paid?",
                                  "排班要不要调一下？你想怎么调？"])
def test_an_offer_or_a_choice_put_as_a_question_checks_the_need(text: str) -> None:
    """Offering a fix or a choice as a question asks what the agent needs."""
    assert check_listening(text).elements["focus"] is True


ASSESSMENT = "My assessment is on Monday and I keep thinking I'll freeze."


@pytest.mark.parametrize(("text", "feeling"), [("That's confusing, I can see why.", True), ("心里还堵着吧。", True),
                                               ("两周了还没消息，等得挺焦心的吧？", True),
                                               ("Of course you're ready, stop worrying.", False)])
def test_feelings_in_everyday_words(text: str, feeling: bool) -> None:
    """'Confusing', '堵着', '焦心' name a feeling; 'stop worrying' waves it away."""
    assert check_listening(text, context=ASSESSMENT if text.isascii() else None).elements["feeling"] is feeling


@pytest.mark.parametrize(("text", "context", "fact"), [
    ("资费老是记不住，客户一问就发慌，这个我刚来的时候也一样。", "新出的资费我老是记不住，客户一问我就慌。", True),
    ("我懂，我以前顶班的时候比你还惨。", OVERLOAD_ZH, False),
])
def test_words_before_the_managers_own_story_may_restate(text: str, context: str, fact: bool) -> None:
    """The agent's story told back before 'me too' still restates; 'me too' alone never does, whatever the model says."""
    assert check_listening(text, context=context).elements["fact"] is fact


@pytest.mark.parametrize("text", ["He called you stupid. After you did everything right. That really hurts.",
                                  "So money matters right now and you don't want more stress for nothing."])
def test_hurts_and_stress_name_a_feeling(text: str) -> None:
    """'That really hurts', 'more stress' name how it is for the agent."""
    assert check_listening(text).elements["feeling"] is True


@pytest.mark.parametrize("text", ["Approved leave, then pulled because of a forecast. That's infuriating.",
                                  "You feel unheard here.", "That call really got to you."])
def test_a_feeling_in_any_word_said_as_theirs(text: str) -> None:
    """'Infuriating', 'got to you', 'you feel unheard' name the agent's feeling."""
    assert check_listening(text).elements["feeling"] is True


@pytest.mark.parametrize("text", ["你每天五点就得起来赶早班，是想看看能不能固定排中班？",
                                  "连饭都不敢去吃，是不是希望午休能有人帮你顶一下？"])
def test_a_guessed_need_checked_as_a_question_is_focus(text: str) -> None:
    """'是想…？', '是不是希望…？' check what the agent wants."""
    assert check_listening(text).elements["focus"] is True


@pytest.mark.parametrize("context, text", [
    ("I thought I was getting good at this. Now I'm scared to pick up the next call.",
     "You are getting good at this, don't let one idiot change that."),
    ("I thought I was getting good at this. Now I'm scared to pick up the next call.", "You're good at this, your QA is 88."),
    ("我还以为自己慢慢上手了，现在我都怕接下一个电话了。", "怕什么，接多了就习惯了。"),
    ("我还以为自己慢慢上手了，现在我都怕接下一个电话了。", "怕接电话那可不行啊，咱们是客服，不接电话干嘛呢。"),
    ("说实话，我已经帮阿梅和老陈顶了三个星期的班了，没人说过一句。我真的好累。", "我之前也顶过一个月的班，那时候比你还惨。"),
])
def test_reassurance_normalising_and_the_managers_own_story_are_no_fact_or_feeling(context: str, text: str) -> None:
    """'You're getting good at this', '接多了就习惯了', '那可不行', '我之前也顶过' repeat the agent's words without listening."""
    report = check_listening(text, context=context)
    assert (report.elements["fact"], report.elements["feeling"]) == (False, False)


def test_the_same_words_told_back_still_restate() -> None:
    report = check_listening("So you thought you were getting good at this and now you're scared of the next call.",
                             context="I thought I was getting good at this. Now I'm scared to pick up the next call.")
    assert report.elements["fact"] is True and report.elements["feeling"] is True


KPI_REACTION = ("So the quick ones get praised and I get the talk? Half of those callers ring back because somebody "
                "rushed them the first time. And honestly, it's strange hearing this from you. A month ago we were "
                "moaning about the same targets together.")


@pytest.mark.parametrize("text", [
    "You feel it is not fair, fast people get praise and you get criticism. And it is strange because I was your "
    "colleague before. What is most important for you?",
    "ok so you're fixing the calls others rushed, and now I'm the one bringing this up, a month after we moaned "
    "together. that's awkward, I get it. what matters most for you?",
])
def test_a_feeling_named_through_a_frame_is_the_feeling(text: str) -> None:
    """'You feel it is not fair', 'that's awkward': the feeling named in a frame, with the facts told back."""
    report = check_listening(text, "en", context=KPI_REACTION)
    assert report.elements["feeling"] is True
    assert report.elements["fact"] is True


def test_a_framed_feeling_leaves_the_words_told_back_a_restatement() -> None:
    """'You say it's fine, but you seem quite low today': the frame is the feeling, 'it's fine' still restates."""
    report = check_listening("You say it's fine, but you seem quite low today. Anything you'd like to talk about?",
                             "en", context="It's fine. Honestly, it's fine, I just need to get on with it.")
    assert report.elements["feeling"] is True
    assert report.elements["fact"] is True


@pytest.mark.parametrize("text, feeling", [
    ("努力了一个月还是排在后面，挺受打击的吧。", True),
    ("三通都被扣分，又不知道错在哪，肯定很迷茫。", True),
    ("别慌，先跟客户说系统在修，留个电话回拨。", False),
])
def test_zh_feelings_in_plain_talk_and_feelings_waved_away(text: str, feeling: bool) -> None:
    """受打击, 迷茫 name the feeling; '别慌，先…' waves it away with advice."""
    assert check_listening(text, "zh-CN").elements["feeling"] is feeling


@pytest.mark.parametrize("context, text", [
    ("我还以为自己慢慢上手了，现在我都怕接下一个电话了。", "怕什么，接多了就习惯了。"),
    ("我还以为自己慢慢上手了，现在我都怕接下一个电话了。", "怕啥，下一个电话接起来就好了。"),
    ("I thought I was getting good at this. Now I'm scared to pick up the next call.",
     "Come on, it's just a call, pick up the next one and you'll be fine."),
])
def test_a_feeling_waved_away_restates_nothing_after_it(context: str, text: str) -> None:
    """'怕什么，…', 'Come on, it's just a call': what follows a dismissal answers the agent, so the rules find no fact
    in it however many of their words it repeats (and the learned layer may not add one: answers_only)."""
    from coachlab.checks import learned

    with learned.recording() as log:
        check_listening(text, context=context)
    assert log[-1][1]["fact"] is False
    assert check_listening(text, context=context).elements["fact"] is False


@pytest.mark.parametrize("context, text, fact", [
    ("我最近老是被安排去带新人，自己的量都做不完。", "你老是被安排去带新人，这事你怎么看？", True),
    ("我申请调去质检组，你能不能帮我说说话？", "你想去质检组，是看重那边的哪一点？", True),
    ("我就是觉得在这儿没什么前途。", "什么叫没前途？", False),
    ("我申请调去质检组，你能不能帮我说说话？", "为什么想去质检组？", False),
])
def test_the_agents_words_told_back_before_the_question(context: str, text: str, fact: bool) -> None:
    """'你想去质检组，是看重那边的哪一点？': the clause before the one that asks tells their words back (one piece of
    three characters or more is enough when it is told to them); a question alone restates nothing."""
    from coachlab.checks import learned

    with learned.recording() as log:
        check_listening(text, context=context)
    assert log[-1][1]["fact"] is fact
