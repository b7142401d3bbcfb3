"""Session 15 (judge feedback15): a threat is a sanction promised as the price of a repeat or of not complying
(feedback.SANCTION_IS_THREAT; rules feedback.*.threat_condition, feedback.*.sanction), and the veiled forms
"you know how this ends", "don't make me …". Phrasings of our own, none copied from a corpus."""

import pytest

from coachlab.checks import check_feedback

THREATS = [
    ("Close another chat without notes and it goes straight to the ops manager.", "en"),
    ("Finish the wrap codes today or I'll be raising it with HR.", "en"),
    ("One more skipped ID check and I'm putting you on a performance plan.", "en"),
    ("Miss the huddle again and you're off the weekend team.", "en"),
    ("Keep going like this and you know how it ends.", "en"),
    ("Don't make me bring this up with you again.", "en"),
    ("下回再漏填工单，我就把这事报给部门经理。", "zh-CN"),
    ("再让我看到你提前签出，这个月绩效直接扣。", "zh-CN"),
    ("小票再录错一次，你这季度的奖金就别想了。", "zh-CN"),
    ("下周还这样的话，咱俩就去找人事聊。", "zh-CN"),
    ("再跟客户抬杠，就不是谈话这么简单了。", "zh-CN"),
]

NOT_THREATS = [
    ("If the caller asks twice, escalate it to the team lead.", "en"),
    ("If you get stuck again, I'll sit next to you for the next few calls.", "en"),
    ("Keep this up and you'll earn the quarterly bonus.", "en"),
    ("Would it help if I spoke to HR about your shift pattern?", "en"),
    ("客户再闹，就转给值班主管。", "zh-CN"),
    ("先跟客户道歉，再把扣费明细念一遍给他听。", "zh-CN"),
    ("再接再厉，年底评优我推荐你。", "zh-CN"),
    ("要是还卡住，我就陪你一起听录音。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), THREATS)
def test_sanction_after_condition_is_threat(text, lang):
    assert "threat" in check_feedback(text, lang).flags


@pytest.mark.parametrize(("text", "lang"), NOT_THREATS)
def test_escalation_step_or_help_is_no_threat(text, lang):
    assert "threat" not in check_feedback(text, lang).flags
