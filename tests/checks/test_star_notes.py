"""STAR in notes: labelled parts, a change written as an arrow, and an outcome told without a number."""

from __future__ import annotations

import pytest

from coachlab.checks import check_star
from tests.checks.playing import reached

NOTES_ZH = ("S：3月，新人小白质检不过、快被辞退；T：黄欣被安排辅导；A：每周一起听5通，一次改一个习惯，模拟难缠来电；"
            "R：8周质检62→86，留任并开始带新人")
NOTES_EN = ("Chen Jie, team lead. S — product launch, 3x the normal calls. T — keep SL at 80% or above. "
            "A — borrowed 6 agents from sales, ran a 1-hour crash course for them. R — SL 82% in launch week.")


@pytest.mark.parametrize("text", [NOTES_ZH, NOTES_EN])
def test_labelled_notes_have_every_part(text: str) -> None:
    """'S —', 'T：', 'R —' open the parts of a note; the number after R quantifies the result."""
    report = check_star(text)
    assert dict(report.elements) == {"situation": True, "task": True, "action": True, "result": True}
    assert report.quantified_result is True


@pytest.mark.parametrize("text", ["Xiao Bai QA 62 -> 86.", "质检分62→86。", "QA 62 to 86 in 8 weeks, retained."])
def test_a_change_between_two_numbers_is_a_quantified_result(text: str) -> None:
    """'QA 62 -> 86' tells the outcome with its numbers."""
    report = check_star(text)
    assert report.elements["result"] is True
    assert report.quantified_result is True


@pytest.mark.parametrize("text", ["We decided to change the rota, we tried it for a month, and it worked.",
                                  "Helped Xiao Bai improve her QA. Good result.", "辅导新人经验丰富，质检分提高很多。"])
def test_an_outcome_without_a_number_is_a_result_not_quantified(text: str) -> None:
    """'It worked', '提高很多' end the story; with no number the result is not quantified."""
    report = check_star(text)
    assert report.elements["result"] is True
    assert report.quantified_result is False


@pytest.mark.parametrize(("text", "lang", "intent"), [("QA 62 -> 86.", "en", "partial-star"),
                                                      ("质检62→86。", "zh-CN", "partial-star"),
                                                      (NOTES_ZH, "zh-CN", "full-star")])
def test_the_evaluation_note_turn_reads_notes(text: str, lang: str, intent: str) -> None:
    """In the STAR-probing role-play a bare change is part of a record and a labelled note is a full one."""
    # a question back is answered yes, as a learner who meant it would
    assert reached("promo-star-probing", "record", text, lang, yes=True) == intent


@pytest.mark.parametrize("text", ["I stayed three extra nights and all 200 refund cases were paid before the deadline.",
                                  "He asked every agent for their top dates first. Not a single swap request came in that month.",
                                  "他牵头联系了法务，一周内把客户都安抚下来，没有一个去媒体曝光。"])
def test_every_one_done_or_none_left_quantifies_the_result(text: str) -> None:
    """'All 200 cases paid', 'not a single swap request', '没有一个去曝光' are counts of a defined thing."""
    report = check_star(text)
    assert report.quantified_result is True


@pytest.mark.parametrize("text", ["I was the duty manager that night and had to keep the phones open.",
                                  "Mr Wu was asked to clear the email backlog before the audit.",
                                  "The refund complaint came in on my shift, so it landed with me."])
def test_a_task_told_in_passing_or_of_the_candidate_is_a_task(text: str) -> None:
    """'…and had to', 'was asked to', 'it landed with me' say what the speaker or candidate was responsible for."""
    assert check_star(text).elements["task"] is True


@pytest.mark.parametrize("text", [
    "What I learned is to check the contract before promising the customer anything.",
    "I learned to ask for help earlier. Next time I'd bring IT in from day one.",
    "We got great feedback from the client.",
    "The VP sent a thank-you email to the whole team afterwards.",
    "合同续签了。",
])
def test_a_lesson_thanks_or_a_renewal_is_a_result(text: str) -> None:
    """A concrete lesson, praise received afterwards and a renewed contract end the story (blind4, blind5)."""
    report = check_star(text)
    assert report.elements["result"] is True
    assert report.quantified_result is False


@pytest.mark.parametrize("text", ["I learned a lot from it.", "I asked the team for feedback on the new rota."])
def test_learning_a_lot_or_asking_for_feedback_is_no_result(text: str) -> None:
    assert check_star(text).elements["result"] is False


@pytest.mark.parametrize("text", ["We cut repeat calls by 30% in three months.",
                                  "她把满意度从70%提到了90%。",
                                  "S 大促 T 新人带教 A 我一对一陪听 R 新人首月质检平均88",
                                  "S = new product launch, 2x volume. T = me in charge of the FAQ. R = AHT 5.8 min"])
def test_a_metric_moved_by_an_amount_or_a_bare_r_label_is_a_quantified_result(text: str) -> None:
    """'cut … by 30%', '从70%提到了90%', a bare 'R' or 'R =' in a run of S/T/A/R labels."""
    report = check_star(text)
    assert report.elements["result"] is True
    assert report.quantified_result is True


def test_a_target_to_reach_is_no_result() -> None:
    assert check_star("I was told to reduce AHT on the tech line by 30 seconds.").elements["result"] is False


@pytest.mark.parametrize("text", ["当时的任务就是保住这个大客户。", "当时领导交给我一个任务，让我负责把新人的流失率降下来。",
                                  "我当时的目标是把投诉率控制在千分之三以内，最后做到了千分之二点一。"])
def test_dangshi_opening_the_task_sets_no_scene(text: str) -> None:
    """'当时' before the task or the goal dates it; it is no situation (blind2, blind4, blind5)."""
    assert check_star(text).elements["situation"] is False


def test_a_scene_before_the_task_is_still_the_situation() -> None:
    assert check_star("去年双十一，当时的任务是把排队控制住。").elements["situation"] is True


@pytest.mark.parametrize("text", ["我们团队最后拿了季度第一。", "我们组当时是全中心倒数第一，后来在我的带领下做到了正数第三。",
                                  "结果：组内质检申诉量下降了一半。"])
def test_a_rank_or_a_half_in_the_result_quantifies_it(text: str) -> None:
    """'拿了季度第一', '做到了正数第三', '下降了一半' are numbers (blind2, blind4, blind5)."""
    report = check_star(text)
    assert report.elements["result"] is True and report.quantified_result is True


def test_the_first_time_is_no_rank() -> None:
    assert check_star("第一次上线那天我就把流程做完了。").quantified_result is False


@pytest.mark.parametrize("text", ["Myself was given the target of reducing the backlog by month end.",
                                  "My manager gave me Q2 to fix it.", "So I took ownership and waived the fees myself.",
                                  "Candidate (Li Wei) says he was responsible for the weekend shift."])
def test_a_charge_given_or_taken_is_the_task(text: str) -> None:
    """Notes and learner English: 'was given the target of', 'gave me Q2 to fix it', 'took ownership'."""
    assert check_star(text).elements["task"] is True


@pytest.mark.parametrize("text", [
    "Our CSAT dropped to 71% in Q3. My target was to bring it back above 80%. I started listening to five "
    "low-scoring calls a week with each agent and we agreed one fix each time.",
    "Sales on my queue fell by 20% in the spring. I was asked to turn it around, so I rewrote the upsell prompt.",
])
def test_a_change_told_before_the_first_act_sets_the_scene(text: str) -> None:
    """A metric that moved before the speaker acted is the situation: no result, no number in it."""
    report = check_star(text)
    assert report.elements["result"] is False
    assert report.quantified_result is False


@pytest.mark.parametrize("text, quantified", [
    ("Not one customer record was lost in the migration, and that was down to me: I wrote the checklist.", True),
    ("We reorganised the breaks and got 87% on the summer sale.", True),
    ("Every month I'm in the top 3 of the leaderboard.", True),
    ("The situation was that customers couldn't reset passwords. The result was 200 fewer calls a week.", True),
    ("I rebuilt the collections log in a shared sheet. Missed collections went to zero for the rest of the season.", True),
    ("We won the regional service award 2025.", False),
])
def test_results_told_as_a_level_a_rank_a_zero_or_an_award(text: str, quantified: bool) -> None:
    """A level reached, a rank, 'the result was', a zero of a counted thing, an award (a year counts nothing)."""
    report = check_star(text)
    assert report.elements["result"] is True
    assert report.quantified_result is quantified


def test_spoken_notes_label_the_result_with_a_comma() -> None:
    """'Result, QA up from 62 to 86 in eight weeks': the label with a comma, and 'QA up from … to …' is the change."""
    report = check_star("Situation, Xiao Bai was failing QA last March and about to go. Task, Huang Xin was asked "
                        "to help. Action, five calls a week together, one habit at a time, role-plays. Result, QA up "
                        "from 62 to 86 in eight weeks, still here and now mentoring.", "en")
    assert report.elements["result"] is True
    assert report.quantified_result is True


@pytest.mark.parametrize("text, result", [
    ("I started listening to five low-scoring calls a week with each agent and we agreed one fix each time.", False),
    ("I suggested a knowledge base for the returns queue and the team built it over the summer.", False),
    ("我提议把早会改成十分钟的站会，自己写了议程模板，然后大家轮流主持。", False),
    ("I rang every customer on the list myself, and then we cut the backlog from 300 to 40 in a week.", True),
    ("我先把话术改了一遍，然后大家的一次解决率从70%升到了82%。", True),
])
def test_the_team_carrying_the_act_on_is_no_result(text: str, result: bool) -> None:
    """'…and we agreed one fix', '…然后大家轮流主持': the team's clause joined to the speaker's act is still the act
    (the rules' verdict, before the learned layer); a number or a result word in it makes it the result."""
    from coachlab.checks import learned

    with learned.recording() as log:
        check_star(text)
    assert log[-1][1]["result"] is result


@pytest.mark.parametrize("text, situation", [
    ("我那时候负责回访，每天打五十个电话。", False),
    ("当时我决定先不回复客户，而是先去找法务确认了合同条款。", False),
    ("我当时负责周末值班，每天下班前把工单核一遍。", False),
    ("当时我是新人，啥也不懂。", True),
    ("那段时间正好是旺季，大家压力都很大。", True),
    ("我上夜班那段时间，凌晨两点以后没有主管在岗。", True),
])
def test_a_time_that_dates_the_speakers_act_sets_no_scene(text: str, situation: bool) -> None:
    """'当时我决定…', '我那时候负责…': the time dates the act or the task (the rules' verdict); how the speaker stood
    ('当时我是新人'), how things were ('那段时间正好是旺季') or a time framed by a clause ('我上夜班那段时间，') is the scene."""
    from coachlab.checks import learned

    with learned.recording() as log:
        check_star(text, "zh-CN")
    assert log[-1][1]["situation"] is situation


@pytest.mark.parametrize("text", [
    "系统恢复后他组织回拨，当天登记的客户全部回访完毕，一个没落下。",
    "修好以后全组的质检分恢复正常，没有一个人被误判。",
    "我跟排班商量把她调到9点半的班，之后她没再迟到过。",
    # ("后来他再也没因为这事打进来过": one customer who did not call again is a result, not a count, since convention
    # 16 of session 8: tests/checks/test_gls_session8.py)
    "上线那天我们组是全中心唯一一个没有出现操作错误工单的组。",
])
def test_a_zero_told_in_other_words_quantifies_the_result(text: str) -> None:
    """Convention 1 in the ways people say it: '一个没落下', '没有一个人被误判', '没再迟到过', '没有出现…错误工单'."""
    from coachlab.checks import learned

    with learned.recording() as log:
        check_star(text, "zh-CN")
    assert log[-1][1]["result"] is True and log[-1][1]["quantified_result"] is True


def test_nothing_went_wrong_is_still_no_zero() -> None:
    from coachlab.checks import learned

    with learned.recording() as log:
        check_star("后来那批单子都处理完了，也没出什么问题。", "zh-CN")
    assert log[-1][1]["quantified_result"] is False
