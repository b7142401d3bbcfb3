"""Session 14 (judge feedback14), impact told as what happened next (structure.consequences).

Three recurring misses of the clause reading, in the retired sets of many writers (blind3 to blind17, train,
train-writers; rules alone, impact gold yes, no consequence found):

- the agent is the object of what came next ("客户办完说下次还找你", "By the end he apologised to you himself"): a person
  right after a verb or a preposition is its object, so the clause is the customer's (OBJECT_IS_NOT_SUBJECT);
- what came next has a subject that is no actor word ("今天物流直接按备注派送", "小李中午就用上了"): a Chinese clause that
  opens with another noun that then does something (actor "thing");
- the customer's words speak of the future ("挂之前她说要给你送锦旗", "He has told me he will continue"): what someone
  said happened; only a supposition before the saying verb keeps it unhappened (REPORTED_SPEECH_HAPPENED).

And the other way: an opinion of the agent ("客户都喜欢你", "质检那边说你听起来很敷衍", "我看你就是…"), the agent's
own quoted words, a time phrase and a bare level beside a target are no consequence.
"""

from __future__ import annotations

import pytest

from coachlab.checks.base import analyse
from coachlab.checks.structure import consequences


def _told(text: str, lang: str) -> list[str]:
    a = analyse("feedback", text, lang, None)
    return [span.text for span in consequences(a.doc, a.spans("behavior"))]


@pytest.mark.parametrize("text, lang, clause", [
    # the agent as the object
    ("小马，你今天早上那通新客户开户，中途系统卡住了，你没让客户干等，跟他说“我先帮您记下来，十分钟内回您电话”，"
     "十分钟内真回了。客户办完说下次还找你。做的很到位，谢谢。", "zh-CN", "客户办完说下次还找你"),  # blind10
    ("那个找不到订单号的阿姨，你陪她在APP上一页一页点了九分钟，第二天她专门打电话来点名找你。", "zh-CN",
     "第二天她专门打电话来点名找你"),  # blind3
    ("On the 2 pm escalation you never once raised your voice, even when he swore at you. By the end he apologised "
     "to you himself. I really appreciate how you held that.", "en", "By the end he apologised to you himself"),  # blind12
    ("Since you started reading back the account number on every call, not one of your tickets has gone to the wrong "
     "account this month.", "en", "not one of your tickets has gone to the wrong account this month"),  # blind12
    ("你周二帮她把退款单补齐了，第三天她还专门发消息谢你。", "zh-CN", "第三天她还专门发消息谢你"),
    # another noun as the subject
    ("昨天下午3点那单，你在系统里把客户的地址备注写清楚了，今天物流直接按备注派送，没再来回打电话确认。", "zh-CN",
     "今天物流直接按备注派送"),  # blind11
    ("今天早会你主动分享了怎么安抚催单的客户，讲得很清楚，小李中午就用上了，说挺管用。", "zh-CN",
     "小李中午就用上了"),  # blind15
    ("你昨天在3号工单里把客户的身份证号发在了公共群里，安全部今天一早就来查了。以后客户资料只在系统里看。", "zh-CN",
     "安全部今天一早就来查了"),  # blind13
    # what someone said, with a future in it
    ("今天早上那个老年客户问社保卡激活，你一步一步陪她在手机上点，点了快十分钟，挂之前她说要给你送锦旗哈哈。辛苦了哈",
     "zh-CN", "挂之前她说要给你送锦旗哈哈"),  # blind10
    ("昨晚十点那个要提额的客户，你帮他把近半年的还款记录调出来，当场讲清楚了这次为啥提不了。他最后说那我下个月再申请，"
     "也没再吵着要转主管。谢了哈。", "zh-CN", "他最后说那我下个月再申请"),  # blind17
    ("Sir, yesterday evening you have done the callback to customer Mr Rao exactly on time as promised. He has told me "
     "he will continue with our plan only because of that.", "en",
     "He has told me he will continue with our plan only"),  # blind7
])
def test_what_came_next_is_a_consequence(text: str, lang: str, clause: str) -> None:
    """A clause told after the agent's act, about someone else, is what happened next with no marker word."""
    assert clause in _told(text, lang)


@pytest.mark.parametrize("text, lang, clause", [
    ("你的声音很好听，客户都喜欢你。", "zh-CN", "客户都喜欢你"),  # blind15: an opinion of the agent
    ("不是我说你啊，质检那边说你听起来很敷衍。", "zh-CN", "质检那边说你听起来很敷衍"),  # blind3: passed on
    ("你上周五下午连着三次把电话转给投诉组，我看你就是故意不想接难缠的客户。", "zh-CN",
     "我看你就是故意不想接难缠的客户"),  # blind4: the manager's judgement
    ("你在这个call里说了“我刚才已经说过了，条款里写着”，然后叹了口气。", "zh-CN", "条款里写着”"),  # the agent's words
    ("谢谢你，不过其实他第一次骂你的时候就可以挂了。", "zh-CN", "不过其实他第一次骂你的时候就可以挂了"),  # a time phrase
    ("你这个月 QA 88 分，高于 target，说明你没问题的。", "zh-CN", "说明你没问题的"),  # what it says of the agent
    ("你8:00到8:15的遵从率只有70%，目标是93%。", "zh-CN", "目标是93%"),  # a level beside a target
    ("你今天那通先核了身份，如果客户再说要投诉，就转给我。", "zh-CN", "如果客户再说要投诉"),  # a supposition
    ("谢谢你这阵子的付出，下个月开始你每周三下午带一下两个新人做录音复盘吧。", "zh-CN",
     "下个月开始你每周三下午带一下两个新人做录音复盘吧"),  # blind16: a step, the agent after 开始 is its subject
    ("You handled the refund on Monday. If the customer says he will complain, send him to me.", "en",
     "If the customer says he will complain"),
    ("You answered the billing call at 9. Customers like you, everyone knows it.", "en", "Customers like you"),
])
def test_no_consequence(text: str, lang: str, clause: str) -> None:
    """An opinion of the agent, their own words, a supposition or a target beside a level is not what happened next."""
    assert clause not in _told(text, lang)
