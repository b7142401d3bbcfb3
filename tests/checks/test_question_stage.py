"""The question check's GROW stage and the question nodes' intents on the classes fixed in session 6."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # A suggestion put as a question offers the coach's option: Options, whatever time words it carries.
    ("Wouldn't it be easier to just call the customer back?", "en", "options"),
    ("Wouldn't it be easier to do callbacks first thing?", "en", "options"),
    ("要不要试试先给客户发个短信？", "zh-CN", "options"),
    # Hindsight ("should have", 当时) looks back: Reality, even when it suggests.
    ("Don't you think you should've escalated it earlier?", "en", "reality"),
    ("你当时是不是应该先跟账务核一下？", "zh-CN", "reality"),
    # A deadline (周五之前) and "when will you update me" plan the action; "准备得怎么样" asks how far things are.
    ("周五之前能给我一个初稿吗？", "zh-CN", "will"),
    ("你什么时候跟我同步一下进展？", "zh-CN", "will"),
    ("双十一准备得怎么样了？", "zh-CN", "reality"),
    # What someone else would do in a supposed case is an option, not a plan.
    ("如果你是组长，这批新人的带教你会怎么安排？", "zh-CN", "options"),
    ("换老陈来带这个组，你觉得他会先改哪儿？", "zh-CN", "options"),
    # A reproach aimed at the person asks nothing about the situation.
    ("怎么又是你最后一个走？", "zh-CN", None),
])
def test_grow_stage(text: str, lang: str, stage: str | None) -> None:
    """The stage a trainer gives these questions (retired blind sets and training sets agree on each class)."""
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == stage


def test_accusing_why_without_a_suggestion_is_not_advice() -> None:
    """"你为什么不早点跟我说？" blames (leading) but suggests nothing; "为什么不直接…" suggests."""
    blame = run("question", "你为什么不早点跟我说？", lang="zh-CN").to_dict()
    offer = run("question", "你为什么不直接用模板？", lang="zh-CN").to_dict()
    assert (blame["advice"], blame["leading"]) == (False, True)
    assert offer["advice"] is True


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    ("grow-delegation", "options", "Give the report to Xiao Li then, problem solved.", "en", "advice"),
    ("grow-move-to-qa", "options", "你可以去跟赵老师学学，她是质检组最资深的。", "zh-CN", "advice"),
    ("smart-goal-agent", "actions", "First step: book the billing session. Do it today.", "en", "closed-or-leading"),
    ("bia-angry-customer", "share", "You should teach this to the others, they really need it.", "en", "pushed"),
    # Conventions 13 (session 8): a fix told reaches the closed intent when it names leading or your answer, even where
    # the fallback also speaks of advice ("A closed or leading question gives him the answer to agree with").
    ("swot-self-scan-candidate", "evidence", "You should list your achievements.", "en", "leading-or-closed"),
])
def test_stated_advice_reaches_the_intent_naming_it(scenario_id: str, node: str, text: str, lang: str,
                                                    intent: str) -> None:
    """A suggestion stated outright reaches the node's steering intent, unless the fallback is the one naming it."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("text", "lang", "form"), [
    # A yes/no question followed by an open one or an invitation: the learner asks the open one.
    ("Can you give me a specific time you coached someone new? Who was it, and what was the situation?", "en", "open"),
    ("能举一个具体的例子吗？是哪个新人，当时是什么情况？", "zh-CN", "open"),
    ("Obvious choice, huh? Would you say you're a team player?", "en", "closed"),
    # Chat register: no apostrophe, no question mark.
    ("whats stoping you from handing some of it over?", "en", "open"),
    ("你觉的现在最大的障碍是什么", "zh-CN", "open"),
    ("哈哈你家猫最近还好吗", "zh-CN", "closed"),
    ("你先把这个月的数据拉出来给我看看。", "zh-CN", "statement"),
    # An invitation to tell a story is open.
    ("give me one example - a real person, a real moment where you helped them", "en", "open"),
    ("说一次你印象最深的带新人的经历吧。", "zh-CN", "open"),
])
def test_form(text: str, lang: str, form: str) -> None:
    """The form a trainer gives these turns (turns, turns2, turns3 and blind4 agree on each class)."""
    assert run("question", text, lang=lang).to_dict()["form"] == form


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # "The next step" is Will when the question plans it, Goal when it asks what the person hopes for.
    ("What are you hoping the next step looks like?", "en", "goal"),
    ("说说看，你想的“下一步”是什么样子的？", "zh-CN", "goal"),
    ("下一步做什么？什么时候开始？", "zh-CN", "will"),
])
def test_next_step_stage(text: str, lang: str, stage: str) -> None:
    """A hope about the next step asks for the goal; planning it is the Will stage."""
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == stage


@pytest.mark.parametrize(("text", "lang", "leading", "advice"), [
    # A why with a reproach in it (so long, again, than the others) blames: leading.
    ("Why do you take so long on every call?", "en", True, False),
    ("Why is there a backlog again?", "en", True, False),
    ("为什么别人6分钟能搞定，你要8分多钟？", "zh-CN", True, False),
    ("Why did you pick the billing queue for the pilot?", "en", False, False),
    # The coach settles it for the agent: advice stated outright, which leads (conventions 13, session 8).
    ("好，那就定了，周五班前会你讲十分钟。", "zh-CN", True, True),
    ("跟小倩学一下吧，她用得很快。", "zh-CN", True, True),
    ("why dont you just let xiao li do it every day", "en", True, True),  # a chat question: advice leads
    ("那就这么定了，加油。", "zh-CN", False, False),
])
def test_reproach_and_stated_advice(text: str, lang: str, leading: bool, advice: bool) -> None:
    """Leading and advice on the classes the turn sets label closed-or-leading / advice."""
    report = run("question", text, lang=lang).to_dict()
    assert (report["leading"], report["advice"]) == (leading, advice)


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # Work words the topic list missed: a question about them with no stage cue asks how things are now.
    ("你是不是又没看公告？", "zh-CN", "reality"),
    ("Have you finished the e-learning yet?", "en", "reality"),
    ("这个case你觉得root cause是啥？", "zh-CN", "reality"),
    # Another person's practice, or the option just discussed, is weighed as an option.
    ("老李那种先道歉再查单的做法，你怎么看？", "zh-CN", "options"),
    ("这个方案跟刚才那个比，各有什么好处和坏处？", "zh-CN", "options"),
    ("Who do you know who's good at calming angry callers, and what do they do?", "en", "options"),
])
def test_topic_and_options_of_others(text: str, lang: str, stage: str) -> None:
    """Stages of the retired blind sets' misses fixed in session 6 (work words, others' practice)."""
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == stage


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # A remark before the question sets no stage: the question asks for options.
    ("对，那次确实是你先发现的。那你觉得，接下来可以做哪些事来积累质检的经验？", "zh-CN", "options"),
    ("退款那次就是很好的例子。除了等机会，还有哪些事你现在就能做？", "zh-CN", "options"),
    # ... but a scene the learner sets up is part of the question.
    ("Picture your best shift ever. What's happening?", "en", "goal"),
    # 做过哪些准备 looks back (Reality); 积累 is no tiredness.
    ("到目前为止，你为转质检做过哪些准备？有什么在挡着你？", "zh-CN", "reality"),
    ("那接下来几个月，你觉得有哪些方式能多攒点质检方面的经验？", "zh-CN", "options"),
])
def test_stage_of_the_question_not_the_remark(text: str, lang: str, stage: str) -> None:
    """The stage comes from the question and what follows it, not from a remark before it."""
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == stage


def test_how_could_you_tell_is_not_a_reproach() -> None:
    """'How could you tell it was working?' asks for evidence; 'How could you let it happen?' reproaches."""
    assert run("question", "How could you tell it was working?", lang="en").to_dict()["leading"] is False
    assert run("question", "How could you let the queue get to 80?", lang="en").to_dict()["leading"] is True


@pytest.mark.parametrize(("text", "lang", "leading"), [
    # A guess about the person put for a yes, a nod asked for, a threat: leading.
    ("你是不是又没看知识库？", "zh-CN", True),
    ("那你明天就跟小李说，行吧？", "zh-CN", True),
    ("你还想不想要这个月的绩效了？", "zh-CN", True),
    ("Do you agree that the forecast was the real problem?", "en", True),
    ("You will finish the FCR training by Friday itself, no?", "en", True),
    ("Oh, so the system crashed again just on your calls, did it?", "en", True),
    # An open question with the same words does not lead.
    ("forget urgent for a sec. what do you actually want to change?", "en", False),
    ("那就这么定了，周三之前你把三通录音的改进点发我，可以吧？", "zh-CN", False),
])
def test_leading_agreement_asked_for(text: str, lang: str, leading: bool) -> None:
    """Questions that ask for agreement lead (blind2, blind3, blind4 and the training set agree)."""
    assert run("question", text, lang=lang).to_dict()["leading"] is leading


@pytest.mark.parametrize(("text", "lang", "form", "leading"), [
    # A reproach in question form asks nothing: a statement; it still leads, as an accusing why does (conventions 10:
    # blind4, blind6, blind7, blind8 and train-writers label it leading); reassurance stated outright leads to no answer.
    ("怎么又是你最后一个走？", "zh-CN", "statement", True),
    ("你怎么总是记不住核身四步？", "zh-CN", "statement", True),
    # (the refit of session 15 read it leading; session 16: the model may not add leading to a statement whose leading word
    # hands nothing over, rules/question.yaml model_may_not_add)
    ("你这么优秀，大家肯定会信任你的。", "zh-CN", "statement", False),
    ("Well, the goal was obviously not 58%.", "en", "statement", False),
    # "?!" still asks; a scale is an open question in Chinese; a yes/no tag at the end closes it.
    ("Why on earth did you hang up on that customer?!", "en", "open", True),
    ("从1到10，你现在对接投诉电话有几分信心？", "zh-CN", "open", False),
    ("这周怎么样，还扛得住不？", "zh-CN", "closed", False),
])
def test_statements_and_tags(text: str, lang: str, form: str, leading: bool) -> None:
    """Form and leading of reproaches, reassurance, scales and tags (blind2-4, turns, turns3)."""
    report = run("question", text, lang=lang).to_dict()
    assert (report["form"], report["leading"]) == (form, leading)


@pytest.mark.parametrize(("text", "lang", "small_talk"), [
    ("weekend ok?", "en", True),
    ("周末过得咋样？", "zh-CN", True),
    ("How was the weekend shift?", "en", False),
    ("你觉得有哪些办法，能让你早上送完孩子也不耽误登录？", "zh-CN", False),
    ("Why not you just do them in the quiet hour after lunch?", "en", False),  # advice, not small talk
])
def test_small_talk_is_a_pitfall(text: str, lang: str, small_talk: bool) -> None:
    """Small talk with no work in it is named as a pitfall (the role-plays send it to the fallback)."""
    ids = [p["id"] for p in run("question", text, lang=lang).to_dict()["pitfalls"]]
    assert ("small_talk" in ids) is small_talk


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    ("perf-interview-csat-drop", "self-view", "weekend ok?", "en", "fallback"),
    ("promo-followup-month", "opening", "np! coffee first? ☕", "en", "fallback"),
    ("perf-interview-csat-drop", "self-view", "周末过得咋样？", "zh-CN", "fallback"),
    ("golden-circle-callback-pushback", "how-question", "Why not you just do them in the quiet hour after lunch?",
     "en", "leading-or-closed"),
])
def test_small_talk_reaches_the_fallback(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    """At a question node outside GROW, small talk reaches the fallback, not the open or closed intent."""
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("text", "lang"), [
    ("Do you agree that the forecast was the real problem?", "en"),
    ("Do you actually want to keep this job?", "en"),
    ("你同意吧，问题主要出在预测上？", "zh-CN"),
    ("你还想不想要这个月的绩效了？", "zh-CN"),
])
def test_pressure_leads_and_asks_no_stage(text: str, lang: str) -> None:
    """Agreement demanded or a threat leads, names the pressure, and asks about no GROW stage."""
    report = run("question", text, lang=lang).to_dict()
    assert report["leading"] is True and report["grow_stage"] is None
    assert "pressure" in [p["id"] for p in report["pitfalls"]]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("pitfall", ["pressure", "small_talk"])
def test_new_pitfalls_have_a_name(pitfall: str, lang: str) -> None:
    """The checkpad names the new pitfalls in both languages (never the raw id)."""
    from coachlab.widgets.checkpad import label

    assert label(pitfall, lang) != pitfall


@pytest.mark.parametrize("text", [
    "要是三个月以后一切都按你想的来，跟现在比会有什么不一样？",
    "假如这半小时只能解决一件事，你最想要的outcome是什么？",
])
def test_supposed_success_pictures_the_goal(text: str) -> None:
    """A supposed future where it went well, or what one would most want, is a Goal question, not Options."""
    assert run("question", text, lang="zh-CN").to_dict()["grow_stage"] == "goal"


@pytest.mark.parametrize(("text", "lang"), [
    ("So you will brief Xiao Li tomorrow, right?", "en"),
    ("Is Tuesday afternoon good for our follow-up?", "en"),
    ("Kindly tell me by EOD what you will do about the adherence, and when.", "en"),
    ("那你明天就跟小李说，行吧？", "zh-CN"),
])
def test_a_dated_commitment_is_will(text: str, lang: str) -> None:
    """'You will … tomorrow', 'by EOD', a follow-up, '明天就…' pin down the action: Will."""
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == "will"


@pytest.mark.parametrize(("text", "form"), [
    # WeChat lines break clauses with a space and drop the question mark (turns4, blind3, blind5; session 6).
    ("行 那你打算先从哪块下手 说说看", "open"),
    ("后来呢 客户那边咋说的", "open"),
    ("嗯 除了加班呢 还能从哪些地方想办法", "open"),
    ("是不是排班没跟上", "closed"),
    ("下周一开始执行 没问题吧 能接受不", "closed"),
    ("周报写完了吗😅", "closed"),
    ("这个月目标95%对吧", "closed"),
    # Indefinite question words ask nothing; a suggestion with 吧 is no question.
    ("多打几通就顺了 没啥", "statement"),
    ("不管怎么样 今天先把回访做完", "statement"),
    ("你把录音发我吧", "statement"),
])
def test_chat_lines_without_a_question_mark(text: str, form: str) -> None:
    assert run("question", text, lang="zh-CN").to_dict()["form"] == form


@pytest.mark.parametrize(("text", "lang", "leading"), [
    # A why that presumes a failure or a shortfall, and a who that looks for someone to blame, lead (turns3,
    # turns4; blind2-5 label such whys leading); a factual why with no reproach does not.
    ("Why did the rollout go so badly?", "en", True),
    ("why we only hit 71% yesterday??", "en", True),
    ("Whose fault is it that the callbacks slipped?", "en", True),
    ("你为什么一次解决率才六成？", "zh-CN", True),
    ("到底是谁把服务水平拖下来的？", "zh-CN", True),
    ("Why did the refund take three days to post?", "en", False),
    ("What do you think made Tuesday so busy?", "en", False),
])
def test_blaming_why_and_who_lead(text: str, lang: str, leading: bool) -> None:
    assert run("question", text, lang=lang).to_dict()["leading"] is leading


@pytest.mark.parametrize(("text", "lang"), [
    # Advice stated outright hands over a fix: Options (conventions 19, session 10; it asked about no stage before), a day
    # to do it on being part of the fix.
    ("My advice: sit with Tomás for an hour on Friday.", "en"),
    ("你先把三个模板背熟，下周再说。", "zh-CN"),
    ("我建议你明天早点上线，先把回访清掉。", "zh-CN"),
])
def test_stated_advice_has_the_stage_of_its_fix(text: str, lang: str) -> None:
    report = run("question", text, lang=lang).to_dict()
    assert (report["form"], report["advice"], report["grow_stage"]) == ("statement", True, "options")


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # Choosing which option to try first is Will; weighing them ("哪个最靠谱") stays out of Will (blind2, blind4, blind5).
    ("刚才列的那几个做法，你打算先试哪一个？", "zh-CN", "will"),
    ("So which of these do you want to start with?", "en", "will"),
    # A supposed case that lifts a constraint and asks what to change is Options, even with 最想 (blind4, blind5).
    ("如果不看考核分，你最想怎么调整这个流程？", "zh-CN", "options"),
    ("If you didn't have to worry about AHT, what would you change on these calls?", "en", "options"),
    # A supposed case that pictures the result stays Goal.
    ("如果这个问题彻底解决了，你每天上班会有什么不一样？", "zh-CN", "goal"),
])
def test_picking_an_option_and_lifting_a_constraint(text: str, lang: str, stage: str) -> None:
    assert run("question", text, lang=lang).to_dict()["grow_stage"] == stage


@pytest.mark.parametrize(("text", "advice"), [
    # The coach settles a task for the agent with 吧, even with more after it (turns3, turns4).
    ("你周五去质检组坐半天吧，我跟他们说好了。", True),
    ("你去把上周的录音再听一遍吧。", True),
    ("你就说说你是怎么想的吧。", False),
])
def test_zh_task_settled_with_ba_is_advice(text: str, advice: bool) -> None:
    assert run("question", text, lang="zh-CN").to_dict()["advice"] is advice


@pytest.mark.parametrize(("text", "stage"), [
    # What holds the agent back now, or takes their time now, is Reality; a future obstacle stays Will (turns2-4).
    ("What's kept you from passing the rota to someone else until now?", "reality"),
    ("what eats up your time on a normal shift, and what stops you sharing it out?", "reality"),
    ("And if it goes wrong next week, what might stop you?", "will"),
    # When they would like to do it, who they need and what help they want plan the action (turns2, turns3).
    ("When would you like to start the shadowing, and who do you need to speak to first?", "will"),
    ("great - step one, and when? and how can I help?", "will"),
])
def test_obstacle_now_and_planning_the_action(text: str, stage: str) -> None:
    assert run("question", text, lang="en").to_dict()["grow_stage"] == stage


@pytest.mark.parametrize(("text", "lang", "form", "leading"), [
    # 几种 asks for a list; 那些 typed for 哪些 inside a question is a question word (turns4 zh good answers).
    ("你想想 能有几种排法？", "zh-CN", "open", False),
    ("你觉得还能从那些地方下手？", "zh-CN", "open", False),
    ("那些客户后来又打来了吗？", "zh-CN", "closed", False),
    # 'how could you' + a plan asks for options; 'how could you let…' accuses (turns2, train).
    ("Which calls could you pass on, and how could you brief the person taking them?", "en", "open", False),
    ("How could you let the callbacks slide for a week?", "en", "open", True),
])
def test_question_words_and_how_could_you(text: str, lang: str, form: str, leading: bool) -> None:
    report = run("question", text, lang=lang).to_dict()
    assert (report["form"], report["leading"]) == (form, leading)
