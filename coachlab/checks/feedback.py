"""BIA/BID feedback: behaviour, impact, appreciation, development, and the classic feedback pitfalls."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from coachlab.text import Span

from .base import UNSURE_BELOW, Analysis, Judgement, analyse, clamp, clean, is_empty, judge
from .report import Evidence, FeedbackReport, Pitfall, frozen
from .structure import (ABSTRACT, CHANGE, NOT_AN_ACT, STRUCTURE_MAX, WARNING_CUE, ZH_CUT, ZH_SPACE_CUT, lang_of,
                         abstract_quality, act_clauses, actor_features, acts_on_occasion, clauses,
                         concrete_steps, consequences, en_cut_without, imperative_lexicon, named_not_done,
                         noun_phrase, plans_ahead, pos_tags, split_spans, zh_clause)

ELEMENTS = ("behavior", "impact", "appreciation", "development")
CONSEQUENCE_IS_IMPACT = True
CONSEQUENCE_AFTER_ACT = True  # the structure's acts, not only the rules' behaviour, start a consequence
ACT_IS_BEHAVIOUR = True  # an act of the agent's on a named occasion (clause structure); cross-validated en 0.87->0.89
STEP_IS_DEVELOPMENT = True  # a concrete instruction without a "next time" word (clause structure); see train.py
LIST_IS_DEVELOPMENT = True  # a numbered list of things still to do ("1.别说… 2.换个例子… 3.最后问…"); issue 13
# Praise taken back by a "but" (rules feedback.*.praise_but, and the clauses of PRAISE_THEN_CORRECTION_IS_SANDWICH;
# convention 23) is the flag sandwich and, beside it, the pitfall praise_but: a praise or behaviour turn without a
# sandwich intent routes it to its fallback.
PRAISE_BUT_IS_PITFALL = True
FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich", "question_form",
         "threat")


# A list item marker: "1." / "2、" / "3)" (not a decimal such as "2.3 min") or a circled digit.
_ITEM = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[：:，,。；;]))(?:([1-9])[.、．)）](?!\d)|([①②③④⑤⑥⑦⑧⑨]))")
_QUOTE = re.compile(r"“[^”]*(?:”|$)|「[^」]*(?:」|$)|\"[^\"]*(?:\"|$)|'[^']{3,}(?:'|$)")
# Something already done (了 / 过, "-ed") or on a past occasion: an observation, not a step.
_DONE_ITEM = re.compile(r"[了过](?!解)|\b\w+ed\b|^\W*(?:\d{1,2}[:：点]|[那这]通|昨天|上周|周[一二三四五六日]|yesterday|last\b|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)",
                        re.IGNORECASE)


def numbered_steps(text: str) -> list[Span]:
    """Return the items of a numbered list (1., 2. / ①, ②) when most of them are still to be done.

    A trainer's plan is often a list ("1.班前会等人说完再说话 2.下月第一周做个10分钟话术分享"); a list of what
    happened ("1. 10:05 那通没核身 2. …了") is an observation and gives nothing here.
    """
    marks = list(_ITEM.finditer(text))
    numbers = [m.group(1) or "①②③④⑤⑥⑦⑧⑨".index(m.group(2)) + 1 for m in marks]
    if len(marks) < 2 or [int(n) for n in numbers[:2]] != [1, 2]:
        return []
    items = [Span(m.end(), (marks[i + 1].start() if i + 1 < len(marks) else len(text)),
                  text[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(text))]) for i, m in enumerate(marks)]
    todo = [item for item in items if item.text.strip() and not _DONE_ITEM.search(_QUOTE.sub("", item.text.strip()))]
    return todo if 2 * len(todo) > len(items) else []


# Speaking for others (convention 8, session 7): a group of people (大家, 组里好几个人, 咱们组的人, 客户都…) with
# a verb of saying or judging whose object is the agent ("…都说你…", "…跟我反映，你…"). Read from the clause
# (jieba words), not a list of phrases: the group before the verb, plural (都 / 们 / a quantity / a group
# word), the agent right after it or near the start of the next clause. A report of one event ("客户说了谢谢") or a
# reaction with no 你 ("大家都说清楚多了") is impact, not this pitfall, and so is what customers say after the
# agent's act was told. Chinese only (the English rules
# already read "everyone says…").
REPORT_IS_SPEAKING_FOR_OTHERS = ("zh-CN",)
_REPORT_VERBS = frozenset({"说", "觉得", "反映", "认为", "议论", "抱怨", "吐槽", "投诉", "提到", "讲", "夸", "看到",
                           "注意到", "知道", "反馈"})
_GROUP = re.compile(r"人|同事|小伙伴|伙伴|客户|大家|大伙|组里|组员|新人|团队|全组|质检")
_PLURAL = re.compile(r"都|们|大家|大伙|所有|全组|组里|其他|别人|有人|好几|几个|不少|很多|好多|一些|些")
_CLAUSE_CUT = re.compile(r"[，,；;。！？!?\n、…：:]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def reported_by_others(text: str) -> list[Span]:
    """Return the Chinese clauses that pass on what a group of others says or thinks of the agent."""

    head = text[:STRUCTURE_MAX]
    if not any(verb in head for verb in _REPORT_VERBS):
        return []
    pieces = split_spans(head, _CLAUSE_CUT)
    out = []
    for i, piece in enumerate(pieces):
        words = [w for w, _ in pos_tags(piece.text) if w.strip()]
        for j, word in enumerate(words):
            if word not in _REPORT_VERBS:
                continue
            before, after = "".join(words[:j]), words[j + 1:]
            if "你" in words[:j] or not _GROUP.search(before) or not _PLURAL.search(before):
                continue
            if after[:1] and after[0] in ("了", "过"):
                continue  # one event told ("说了谢谢"), not an opinion passed on
            if "客户" in before and any("你" in p.text for p in pieces[:i]):
                continue  # customers' word after the agent's act is what it did ("…40个会话，客户都说你回复得很快")
            nxt = pieces[i + 1].text.lstrip() if i + 1 < len(pieces) else ""
            target = ("你" in after and not {"谢谢", "感谢"} & set(after[:after.index("你")])) or (
                not after and "你" in nxt[:8])
            if target:
                out.append(piece)
                break
    return out


# A threat is a sanction promised as the price of a repeat or of not complying (session 15, judge feedback15; rules
# feedback.*.threat_condition and feedback.*.sanction with their reasons): in one sentence, a condition on the agent
# ("再", "不然", "or", "again", "one more", "if"; not one on a customer or a colleague), then a clause in which the
# manager or the record acts on the agent's standing. A penalty ("扣", "罚", "walked out", "fired") needs no doer; the
# rest (the people above, the record, the review) counts when the manager does it ("我就直接报给中心经理", "I'll be
# having a word with HR") or, in English, when the clause has its own subject ("it goes on your QA file", "your
# courtesy score goes to the centre manager", "you're off the claims team"): an instruction to escalate ("客户再闹，
# 就转给主管", "If he asks again, escalate to your team lead") names no penalty and has no such doer. Retired turns14
# to turns18 (8 threats at development turns read as a step or the fallback) and blind15 to blind19 (per label).
SANCTION_IS_THREAT = True
_PENALTY_ZH = re.compile(r"(?<!必)扣(?!子|除|留|好|上|费|款)|罚|处分|记过|通报|开除|辞退|走人|别想")
_PENALTY_EN = re.compile(r"(?i)\b(?:fired|sacked|let go|walked out|dock(?:ed)?|written up|write you up|disciplinary|"
                         r"(?:written|final|formal) warning|be let go|let you go|off (?:the|this|my) [\w-]+(?: [\w-]+)? team|"
                         r"(?:won.t|will not|not) be on this team|last here)\b")
_DOER_ZH = re.compile(r"我|咱")
_DOER_EN = re.compile(r"(?i)^\W*(?:(?:and|or|otherwise|then|so|else)\b\W*)*(?:I\b|I.ll|I.m|we.ll|we will|we.re|it\b|"
                      r"it.s|it.ll|that\b|this\b|HR\b|you.ll|you.re|you will|you won.t|your\b|see how)")
_GOOD_PRICE = re.compile(r"(?i)\b(?:get|earn|win|put you (?:up|forward)|recommend)\b|推荐|争取|拿到|有希望|再接再厉")
_EN_PRICE_CUT = re.compile(r"[,;:]+|\s+(?=(?:and|or|otherwise|then)\b)", re.IGNORECASE)


def threatened(doc) -> list[Span]:
    """Return the sentences that promise a sanction on the agent as the price of a repeat or of not complying."""
    out = []
    for sentence in doc.sentences:
        if sentence.start >= STRUCTURE_MAX:
            break
        lang = lang_of(sentence.text)
        cue = _lexicon("threat_condition", lang).search(sentence.text)
        if cue is None or _GOOD_PRICE.search(sentence.text) or re.search(r"[?？]\W*$", sentence.text):
            continue  # a question asks, it promises nothing ("Would it help if I asked HR…?")
        if lang != "en" and re.search(r"先|然后", sentence.text[:cue.start()]):
            continue  # "先道歉，再把记录念给他听": 再 of a sequence of steps, not a repeat
        cut = ZH_CUT if lang != "en" else _EN_PRICE_CUT
        own = next((c for c in split_spans(sentence.text, cut) if c.start <= cue.start() < max(c.end, c.start + 1)), None)
        if lang != "en" and own is not None and zh_clause(own).actor in ("customer", "colleague", "third"):
            continue  # "客户再闹，…": the customer's repeat, not the agent's
        if lang == "en" and own is not None and re.match(r"(?i)\W*(?:if|when)\s+(?:the |a |that |this )?"
                                                         r"(?:customer|caller|client|he|she|they|someone)\b",
                                                         sentence.text[own.start:]):
            continue
        rest = sentence.text[cue.end():]
        for piece in split_spans(rest, cut)[:2]:  # the price follows the condition, not three clauses on
            text = piece.text
            found = _lexicon("sanction", lang).search(text)
            if found is None:
                continue
            if lang != "en":
                sure = bool(_PENALTY_ZH.search(text)) or bool(_DOER_ZH.search(text[:found.start()]))
            else:
                sure = bool(_PENALTY_EN.search(text)) or bool(_DOER_EN.search(text))
            if sure:
                out.append(sentence)
                break
    return out


# The agent's act told as a relative clause in front of what it made, with the change it brought in the same
# sentence: "你做的那个班次意愿表，调组申请从3个直接到0", "你搞的那张交接表，这周漏交接从5次降到1次" (turns2-turns5:
# the good BIA answers of promo-followup-month reached the vague-praise intent). 你, then only time words or
# adverbs, an action verb, 的, then a noun phrase (not "你做的不错": an adjective after 的 is a rating).
RELATIVE_ACT_IS_BEHAVIOUR = ("zh-CN",)
_NOT_ACTION = frozenset({"是", "有", "觉得", "感觉", "知道", "想", "认为", "希望"})
_WHEN_WORDS = frozenset({"周", "天", "月", "上任", "入职", "就", "已经"})  # "第2周" (jieba: 周 as a name), "上任第二周"
# a count that moves, with its unit between ("3人→0", "5单→1")
_MOVED = re.compile(r"\d+\s*[人个次单位名通条件]?\s*(?:→|->|=>)\s*\d")


def relative_acts(doc) -> list[Span]:
    """Return the sentences where the agent's act is told as a relative clause and a number moves after it."""

    out = []
    for sentence in doc.sentences:
        if not (CHANGE.search(sentence.text) or _MOVED.search(sentence.text)):
            continue
        tags = [(w, f) for w, f in pos_tags(sentence.text) if w.strip()]
        for i, (word, _) in enumerate(tags):
            if word != "你":
                continue
            k = i + 1
            while k < len(tags) and (tags[k][1] in ("m", "t", "d", "f") or tags[k][1].startswith("t")):
                k += 1
            if not (k + 2 < len(tags) and tags[k][1].startswith("v") and tags[k][0] not in _NOT_ACTION
                    and tags[k + 1][1] == "uj"):
                continue
            np = []
            for w, f in tags[k + 2:]:
                if f[0] not in "rqmnv" or f == "x":
                    break
                np.append(f)
            if np and np[0][0] in "rqmn" and any(f.startswith("n") for f in np):
                out.append(sentence)
                break
        else:
            out.extend(_dated_note(sentence))
    return out


def _dated_note(sentence: Span) -> list[Span]:
    """A note with no subject that opens with when and an action verb: "第2周推出班次意愿表 → 调组3人→0"."""

    for clause in split_spans(sentence.text, ZH_CUT):
        if zh_clause(clause).actor is not None:
            continue
        tags = [(w, f) for w, f in pos_tags(clause.text) if w.strip() and f != "x"]
        k, when = 0, 0
        while k < len(tags) and (tags[k][1] in ("m", "t", "f") or tags[k][0] in _WHEN_WORDS):
            when += tags[k][1] in ("m", "t")
            k += 1
        if when and k < len(tags) and tags[k][1] == "v" and tags[k][0] not in _NOT_ACTION:
            return [Span(sentence.start + clause.start, sentence.start + clause.end, clause.text)]
    return []


# A step bounded by a clock time, told without a "next time" word: "7:55前登上就行", "每天八点前上线",
# "7点50前给我发个微信", "提前十分钟给我发消息" (turns2-turns5: the D of bid-late-logins and the plans of
# other nodes, in WeChat lines and notes, reached the fallback). A clause whose clock time is followed by
# 前 / 之前 / 以前 and then what is to be done, or 提前 + a duration + an act; not something done (了 / 过),
# not "8点前的电话" (a noun after 的), not a warning. Read from jieba's words (zh only).
DEADLINE_IS_STEP = ("zh-CN",)
_BEFORE = frozenset({"前", "之前", "以前"})
_CLOCK_WORD = re.compile(r"\d|[一二三四五六七八九十两]点|点|整|半")


def deadline_steps(doc) -> list[Span]:
    """Return the Chinese clauses that ask for an act before a clock time, or a set time ahead."""

    out = []
    if "前" not in doc.text[:1200]:
        return out
    for clause in split_spans(doc.text[:1200], ZH_SPACE_CUT):
        if zh_clause(clause).actor not in (None, "you", "third") or re.search(r"[了过](?!解)|[？?吗]", clause.text):
            continue
        if WARNING_CUE.search(doc.sentence_of(clause.start).text):
            continue
        words = [(w, f) for w, f in pos_tags(clause.text) if w.strip() and w not in (":", "：")]
        for i, (word, flag) in enumerate(words):
            rest = [(w, f) for w, f in words[i + 1:] if w not in ("就", "先", "要", "得", "必须", "务必", "都")]
            if not rest or rest[0][1] in ("uj", "x"):
                continue
            timed = word in _BEFORE and i > 0 and _CLOCK_WORD.search("".join(w for w, _ in words[max(0, i - 3):i]))
            ahead = word == "提前" and words[i + 1:i + 2] and words[i + 1][1] == "m" and len(rest) >= 2
            if timed or ahead:
                out.append(clause)
                break
    return out


# A rating of how the agent handled something is no act: "你那通电话处理得很专业", "你处理的很好", "那个退款你处理得"
# name no act the agent could repeat, only a verdict on it (blind3, blind5: behaviour gold no; turns2, turns4: the
# vague-praise intent). A generic handling verb (these few) with 得 / 的 and a rating after it, or 得 ending the
# clause; a clause with no verb at all ("态度特别好", "很棒") is a rating too. When every clause of the agent's is
# such a rating, the rules' behaviour (agent + occasion) is dropped (zh only).
RATING_IS_NOT_ACT = ("zh-CN",)
_HANDLING = frozenset({"处理", "做", "干", "弄", "搞", "表现", "应对", "办"})


def rating(text: str) -> bool:
    """Return True when a Chinese clause rates the agent's handling instead of telling an act."""

    tags = [(w, f) for w, f in pos_tags(text) if w.strip() and f != "x"]
    for i, (word, flag) in enumerate(tags[:-1]):
        if word in _HANDLING and tags[i + 1][0] in ("得", "的"):
            rest = [f for _, f in tags[i + 2:]]
            if not rest or rest[0][0] in "adi":  # "得很专业", "的很好", "得真不错", or 得 ending the clause
                return True
    return False


# jieba tags some words of thanks as names ("谢谢", "辛苦"): "客户挂机前还说了谢谢" is no named person's act.
_NOT_NAMES = frozenset({"谢谢", "辛苦", "感谢", "多谢"})


def _no_act(text: str, after_rating: bool) -> bool:
    """A clause left without 你 that holds no verb after a rating ("…处理得很专业，很棒"; a count such as "一周好几次"
    after an act stays), or whose only 'person' is a word of thanks jieba took for a name."""

    tags = [(w, f) for w, f in pos_tags(text) if w.strip() and f != "x"]
    if "你" in text:
        return False
    names = [w for w, f in tags if f == "nr"]
    return ((after_rating and not any(f.startswith("v") for _, f in tags))
            or (bool(names) and all(w in _NOT_NAMES for w in names)))


def rated_not_done(a, acts: list[Span]) -> bool:
    """Return True when the agent's clauses only rate the handling (and nothing else tells an act)."""

    praised = [*a.spans("appreciation"), *a.spans("praise")]
    rated, other = False, False
    for clause in act_clauses(a.doc):
        if clause.actor not in (None, "you") or not clause.predicate:
            continue
        if rating(clause.span.text):
            rated = True
        elif not (noun_phrase(clause.span.text)
                  or not any(f.startswith("v") for _, f in pos_tags(clause.span.text))
                  or any(p.start <= clause.span.start < p.end or clause.span.start <= p.start < clause.span.end
                         for p in praised)):
            other = True
    return rated and not other


# A wish is no step (issue 13, session 7): "以后注意下时间管理", "以后别让客户等那么久就行了", "今后杜绝此类情况再次发生",
# "Please improve your CRM skills and be more customer-focused" reached the concrete-development intent (turns,
# turns3, turns4, turns6: the writers' poor answers). A development step is a future act the agent can do; these
# ask for a quality (注意 / 提高 / 做好 + a competency, improve / be + a quality) or an outcome brought about
# (让客户…, 杜绝…发生). Read from the clause: the first verb after the cue words (以后, 请, 要, please, next
# time) is a wish verb, or a causative (让 / 使), and no instruction verb of steps.imperative_verb follows (en).
# When every development span the rules saw is such a wish, and the structure found no step, there is none.
WISH_IS_NOT_STEP = True
WISH_COMPARATIVE = True  # session 8 (judge fb6): "try to come earlier", "别再迟到了" are wishes too
# session 9 (judge fb8): the rules' step may be only the tail of the sentence that asks for more of a quality ("Be more
# punctual please, it is important for team.": the step seen is "please, it is important…"); the sentence is read too
WISH_SENTENCE = True
_WISH_ZH = frozenset({"注意", "提高", "提升", "加强", "增强", "改善", "改进", "做好", "杜绝", "避免", "优化", "重视", "学会",
                      "学学", "上心", "用心", "努力", "加油", "端正", "让", "使", "令",
                      # session 9, round 2 (judge fb9): on time is the expectation said again, not how to meet it
                      # ("下周一开始8点准时登录哈", "从明天起准点login就行": turns-blind, turns11, labelled fallback)
                      "准时", "准点", "按时", "守时", "留意"})
_START = frozenset({"开始", "起"})  # "下周一开始…", "从明天起…": when the step starts, not the act
_CUE_ZH = frozenset({"要", "得", "会", "能", "请", "希望", "建议", "记得", "是", "需要", "应该", "必须", "可以", "争取",
                     "尽量", "你", "您", "大家", "我们", "以后", "今后", "下次", "下一次", "往后", "多", "再", "更", "别",
                     "不要", "一定", "务必", "还是", "就"})
_WISH_EN = frozenset({"improve", "be", "become", "get", "work", "focus", "develop", "enhance", "strengthen", "avoid",
                      "learn", "demonstrate", "manage", "pay", "grow", "brush", "sharpen",
                      "polish", "upskill", "boost"})
_CUE_EN = re.compile(r"^(?:\W*(?:next time|in (?:the )?future|from now on|going forward|moving forward|please|pls|plz|"
                     r"try to|you need to|you have to|you should|you must|i need you to|i want you to|i.d like you to|"
                     r"could you|can you|would you|just|and|also|really|so|ok|okay|then|also)\b[,:]?)+", re.IGNORECASE)
_EN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# "try to come earlier", "be on time" (rules/feedback.yaml feedback.en.comparative_only) and "别再迟到了"
# (feedback.zh.fault_dont): lexicons kept as data with their reasons and examples; read here on a piece of the text.
_LEXICON_RULES = ("comparative_only", "fault_dont", "past_act", "plan_frame", "observed", "how_often", "dont",
                  "manager_feeling", "warm", "correction_open", "aside_open", "closing")  # targets read on pieces, never on the whole answer


def _lexicon(target: str, lang: str | None = None) -> re.Pattern[str]:
    """Return the one pattern of the feedback rule whose target is ``target`` (rules/feedback.yaml), in ``lang``
    when the rule exists in both languages."""
    from .engine import piece_rules

    return piece_rules("feedback", target, lang)[0].patterns[0]


def comparative_only(span: Span) -> bool:
    """Return True when an English step asks for more of a quality ("come earlier") and gives no number."""
    rest = _CUE_EN.sub("", span.text.strip())
    return not re.search(r"\d", span.text) and bool(_lexicon("comparative_only").match(rest))


def wish_only(span: Span, lang: str) -> bool:
    """Return True when a development span only wishes for a quality or an outcome and names no act to do."""

    if lang == "en":
        verbs, _ = imperative_lexicon("en")
        rest = _CUE_EN.sub("", span.text.strip())
        words = [w.lower() for w in _EN_WORDS.findall(rest)]
        if WISH_COMPARATIVE and comparative_only(span):
            return True
        return bool(words) and words[0] in _WISH_EN and not any(w in verbs for w in words)
    wished = False
    for clause in split_spans(span.text, ZH_CUT):
        if WISH_COMPARATIVE and _lexicon("fault_dont").search(clause.text):
            continue  # "别在迟到了": the fault said again, no act
        tags = pos_tags(clause.text)
        for i, (word, flag) in enumerate(tags):
            if not word.strip() or flag == "x" or word in _CUE_ZH:
                continue
            if word in _START and i and tags[i - 1][1][:1] in ("t", "l", "m"):
                continue  # "下周一开始": the start of the step
            if word in _WISH_ZH:
                wished = True
                break
            if flag in ("v", "vd"):
                return False  # an act named before any wish: "以后8点前登录", "查东西的时候跟客户说一声"
    return wished



# A "don't" is no step (session 9, round 2, judge fb9): "下次别说“我刚才已经说过了”这句就行", "查记录的时候别silent就行",
# "今后永远不要再打断同事发言", "以后注意下跟客户的沟通，别冷场就行", "Stop interrupting people", "Just don't go quiet"
# reached the concrete-development intent or were seen as steps (turns2 to turns11: the writers' poor answers at
# development nodes, labelled fallback). A development says what to do instead. Read clause by clause: a development
# span that forbids (rules feedback.*.dont) or wishes, and has no clause that still names an act to do (an act,
# not a wish, not a prohibition, not done, not asked), names nothing to do. "别说“我刚才说过了”，换成“我换个说法”" and
# "Don't go quiet. While you click, you talk: '…'" keep their step.
DONT_IS_NOT_STEP = True
_ZH_TAIL = re.compile(r"(?:就行|就好|就可以|就ok|就OK|就完了|就是了|就得了|就够了|这句|这种话)?[了呗哈啊吧嘛哦]*\W*$")


def _positive_clause(clause: str, lang: str) -> bool:
    """Return True when a clause of a development names an act to do: no "don't", no wish, not done, not asked."""
    if _lexicon("dont", lang).search(clause) or re.search(r"[？?]|吗", clause):
        return False
    if lang == "en":
        return _en_step(clause) and not comparative_only(Span(0, len(clause), clause)) \
            and not wish_only(Span(0, len(clause), clause), "en") \
            and not re.match(r"^\W*(?:you|u|i|we)\s+\w+ed\b", clause, re.IGNORECASE)
    if _lexicon("fault_dont").search(clause) or wish_only(Span(0, len(clause), clause), "zh-CN"):
        return False
    bare = _ZH_TAIL.sub("", _QUOTE.sub("", clause))
    if re.match(r"^\W*(?:以后|今后|下次|平时)?\s*(?:再|更)?[多少](?![少久])", bare) and not re.search(r"\d", bare):
        return False  # "多跟客户说说话": more of it, with no amount, is a wish (WISH_COMPARATIVE)
    tags = [(w, f) for w, f in pos_tags(bare) if w.strip() and f != "x"]
    done = [i for i, (_, f) in enumerate(tags) if f in _ZH_ASPECT]
    if done:
        tags = tags[done[-1] + 1:]  # "觉得累了先按小休": the act after the condition; "你提了补偿券": none
    # jieba tags some verbs of an act as prepositions when a noun follows ("先按小休", "用快捷入口")
    return any((f.startswith("v") or f == "p" and i + 1 < len(tags) and tags[i + 1][1][:1] == "n" and w != "在")
               and w not in _NOT_ACTION and w not in _CUE_ZH for i, (w, f) in enumerate(tags))


_SAID = re.compile(r"“[^”]*(?:”|$)|「[^」]*(?:」|$)|\"[^\"]*(?:\"|$)|(?<![A-Za-z])'[^']{3,}(?:'|$)")  # quoted words, not "don't"


def _clauses_of(span: Span) -> tuple[str, list[str]]:
    """Return the language of a span and its clauses (never cut inside quoted words)."""
    lang = "zh-CN" if re.search(r"[\u4e00-\u9fff]", span.text) else "en"
    cut = ZH_SPACE_CUT if lang == "zh-CN" else _EN_PIECE_CUT
    masked = _SAID.sub(lambda m: m.group(0)[0] + "q" * (len(m.group(0)) - 2) + m.group(0)[-1:], span.text)
    return lang, [span.text[c.start:c.end] for c in split_spans(masked, cut) if span.text[c.start:c.end].strip()]


def _to_do(span: Span) -> bool:
    """Return True when some clause of a span names an act to do."""
    lang, parts = _clauses_of(span)
    return any(_positive_clause(p, lang) for p in parts)


def dont_only(span: Span, lang: str) -> bool:
    """Return True when a development span forbids (or wishes) and names no act to do instead (DONT_IS_NOT_STEP)."""
    lang, parts = _clauses_of(span)
    forbids = any(_lexicon("dont", lang).search(p) for p in parts)
    return forbids and not any(_positive_clause(p, lang) for p in parts)


# At a role-play turn the occasion is the call or meeting being talked about (the other person's line is the
# context): an English clause that opens with "you" and a past act ("You sighed at him and said it's in the terms",
# "u sighed at him") tells a behaviour without naming the call again (turns7, turns8: behaviour-only answers of
# bid-curt-tone-qa sent to the fallback). Only with a context, so the label sets (no context) are untouched; not a
# state ("you were", "you seemed") nor a rating of the handling ("you handled it well", "you did great").
CONTEXT_IS_OCCASION = ("en",)  # the past act: rules/feedback.yaml feedback.en.past_act
def context_acts(doc) -> list[Span]:
    """Return the English clauses that tell a past act of the agent's, when a role-play line gives the occasion."""

    if not doc.context:
        return []
    return [c.span for c in clauses(doc)
            if _lexicon("past_act").search(c.span.text) and not NOT_AN_ACT.search(c.span.text)
            and not plans_ahead(c.span.text, "en") and not ABSTRACT.search(c.span.text)]


# A plan written as notes (session 9, judge fb8): "from Mon: logged in by 8:00 / if late likely -> msg me by
# 7:50 / review in 2 weeks", "next huddles: let ppl finish, ask xiao lin first", "D：1）用“最近工单”入口（2次点击）查
# 历史；2）静默超过10秒时告诉客户…", "接下来的班前会，别人提问时你先听完，等她说完再开口" (turns2 to turns10: the
# concrete plans of bid-late-logins, perf-interview-csat-drop, promo-overconfident-360 and bid-curt-tone-qa reached
# the fallback). Notes leave out the subject and the inflection, and put their steps between slashes, arrows,
# pluses, semicolons or numbered marks, after a heading that says when the plan starts (the rule
# feedback.*.plan_frame). Read piece by piece from that heading on: a piece is a step when the agent (or nobody)
# is its actor, it is told as still to do (no 了 / 过, no "-ed" first), it opens with an act (an imperative of the
# steps lexicon, "you" + one; in Chinese a verb among its first words, jieba), it is no wish and no warning, and
# something pins it down (a number, a clock time, quoted words, a deadline, a sequence such as 先…再 / "first").
PLAN_NOTES_ARE_STEPS = True
_NOTE_SEP = re.compile(r"\s+/\s+|\s*(?:->|→|=>|⇒)\s*|\s+\+\s+|[|｜]")
_EN_PIECE_CUT = en_cut_without("which", "after that")  # the clause cut of structure.py, less these two joins
_EN_FILLER = frozenset({"and", "then", "just", "so", "also", "first", "now", "please", "pls", "ok", "okay", "you",
                        "u", "always", "each", "every", "time"})
_EN_NOT_IMPERATIVE_AFTER = frozenset({"i", "we", "they", "he", "she", "it", "customer", "customers", "is", "are", "was",
                                      "will", "can", "could", "should", "would", "to", "the", "a", "an", "my"})
_ZH_ASPECT = frozenset({"ul", "ug"})  # jieba: 了 / 过 as aspect particles, not inside a word (超过, 过程)
_PIECE_ANCHOR = re.compile(r"\d|[“”\"「」『』]|(?<![A-Za-z])'[^']{3,}|[一两二三四五六七八九十半几]\s*(?:分钟|秒|次|句|个|通|天|周|遍|条|回)|"
                           r"先|再|完|之前|以前|的时候|时|前|\b(?:first|then|before|after|while|until|til|when|"
                           r"once|instead)\b", re.IGNORECASE)


def _pieces(text: str, lang: str) -> list[Span]:
    """Cut a text into the pieces of a note: clauses, then slashes, arrows, pluses and numbered marks (never
    inside quoted words: "先说“没问题，我再说一遍”" is one piece)."""
    masked = _QUOTE.sub(lambda m: m.group(0)[0] + "q" * (len(m.group(0)) - 2) + m.group(0)[-1:], text)
    out = []
    for clause in split_spans(masked, ZH_SPACE_CUT if lang == "zh-CN" else _EN_PIECE_CUT):
        for piece in split_spans(clause.text, _NOTE_SEP):
            for part in split_spans(piece.text, _ITEM_CUT):
                start = clause.start + piece.start + part.start
                real = text[start:start + len(part.text)]
                if real.strip() and not real.strip().isdigit():
                    out.append(Span(start, start + len(real), real))
    return out


_ITEM_CUT = re.compile(r"(?:(?<=[\s：:，,。；;—-])|^)(?:[1-9][.、．)）](?!\d)|[①②③④⑤⑥⑦⑧⑨])")
# a condition before the act ("客户重复提问时", "静默超过10秒时"): the act is what follows it
_ZH_WHEN = frozenset({"时", "的时候", "时候", "之前", "以前", "前"})


def _en_step(piece: str) -> bool:
    verbs, cue = imperative_lexicon("en")
    words = [w.lower() for w in _EN_WORDS.findall(_QUOTE.sub("", piece))]
    if words[:1] and words[0] in ("if", "when", "whenever", "once") and len(words) > 2:
        # a condition, then the act: "if the bus is late just ping me before 7:55"
        for i in range(2, len(words)):
            if words[i] in verbs and words[i - 1] not in _EN_NOT_IMPERATIVE_AFTER:
                return True
        return False
    while words and words[0] in _EN_FILLER:
        words = words[1:]
    return bool(words) and (words[0] in verbs or bool(cue.match(" ".join(words))))


def _zh_step(piece: str) -> bool:
    bare = _QUOTE.sub("", piece)
    tags = [(w, f) for w, f in pos_tags(bare) if w.strip() and f != "x"]
    if any(f in _ZH_ASPECT for _, f in tags) or re.search(r"[？?吗]", bare) or rating(bare):
        return False  # done (了 / 过), asked, or a rating of the handling ("做得更好")
    words = [(w, f) for w, f in tags if w not in _CUE_ZH or w == "你"]
    if any(w in ("我", "我们") and (i == 0 or words[i - 1][1][0] not in "vp") for i, (w, _) in enumerate(words)):
        return False  # the manager's own act ("我回头再跟你说"); "给我发消息" names the manager as the object
    cut = next((i for i, (w, _) in enumerate(words) if w in _ZH_WHEN), None)
    if cut is not None and cut + 1 < len(words):
        words = words[cut + 1:]  # after the condition
    verb = next((i for i, (w, f) in enumerate(words) if f.startswith("v") and w not in _NOT_ACTION), None)
    if verb is None or verb > 5 or words[verb][0] in _WISH_ZH or any(w in _WISH_ZH for w, _ in words[:verb]):
        return False
    people = [w for w, f in words[:verb] if f.startswith("r") or f in ("n", "nr") and w in ("质检", "客户", "同事", "大家")]
    if any(w not in ("你", "您", "自己", "别人", "人家") for w in people):
        return False  # someone else acts before the verb ("质检要抽你的录音", "她…说"); after it they are its object
    # something besides the verb to act on or with: "换一种说法重讲", not "下次再说"
    return bool(_QUOTE.search(piece)) or any(f[0] in "nmqr" or f in ("vn", "eng") for i, (w, f) in enumerate(words)
                                             if i != verb)


def plan_steps(doc) -> list[Span]:
    """Return the pieces of a plan written as notes (PLAN_NOTES_ARE_STEPS)."""

    head = doc.text[:STRUCTURE_MAX]
    found = [m.start() for lang in ("en", "zh-CN") if (m := _lexicon("plan_frame", lang).search(head))]
    if not found:
        return []
    start = min(found)
    out = []
    for piece in _pieces(head, doc.lang):
        if piece.start < start and not piece.text.lstrip().startswith(head[start:start + 2]):
            continue  # only what follows the heading, or a piece that opens with it ("下个月你选一条…")
        text = piece.text.strip()
        sentence = doc.sentence_of(piece.start).text
        if WARNING_CUE.search(sentence):
            continue
        zh = bool(re.search(r"[\u4e00-\u9fff]", text))
        if not (_zh_step(text) if zh else _en_step(text)):
            continue
        if not zh and (re.match(r"^\W*(?:you|u|i|we)\s+\w+ed\b", text, re.IGNORECASE) or comparative_only(piece)):
            continue
        if wish_only(piece, "zh-CN" if zh else "en"):
            continue
        if _PIECE_ANCHOR.search(text) or any(d.start < piece.end and piece.start < d.end for d in doc.deadlines):
            out.append(piece)
    return out


# A habit the manager saw (session 9, judge fb8): "我看到…新同事来找你，你基本都是直接帮他们处理掉", "I see new ppl come to
# u a few times a day and u just fix it", "seen: several times/wk you take over new joiners' screen" (turns3 to
# turns10: the full BID of swot-self-scan-candidate lost its behaviour, so the answer reached the fallback or
# behaviour-and-impact). No single call is named: the occasion is the manager's own observation or a count of how
# often (rules feedback.*.observed, feedback.*.how_often). With one of those in the text, a clause where the agent does something (not a
# state, a wish, a plan, a rating, a question, nor a competency word) is an act.
OBSERVED_HABIT_IS_ACT = True
_EN_NOT_ACT_AFTER_YOU = frozenset({"are", "were", "was", "re", "have", "has", "had", "need", "needs", "should", "must",
                                   "can", "could", "will", "would", "might", "may", "seem", "seemed", "look", "looked",
                                   "sound", "sounded", "feel", "felt", "know", "think", "want", "wanted", "like",
                                   "ll", "d", "ve", "s", "m", "got", "get", "do", "did", "don", "didn", "not", "to",
                                   "guys", "yourself", "too", "also", "always", "never", "better", "best", "please"})
_EN_ADVERB = frozenset({"just", "basically", "mostly", "usually", "often", "then", "still", "simply", "immediately",
                        "straight", "quickly", "kind", "sort", "of", "really", "actually", "normally"})


# At a role-play turn an English habit of the agent's told in the present ("On tricky bills you sort it properly",
# "u actually dig into the bill properly") is an act on the occasions the line names (session 9, judge fb8:
# kpi-first-week-former-peer strength, turns5 to turns10); a rating verb ("you handle them well") is none.
HABIT_IN_CONTEXT_EN = True
_RATING_VERB_EN = re.compile(r"\b(?:you|u)\s+(?:\w+ly\s+)?(?:handle|manage|perform|work|deal|do|did|rock|nail|killed?|"
                             r"shine|excel|are|were)\b", re.IGNORECASE)


def _en_habit(text: str, actor: str | None = None) -> bool:
    words = [w.lower() for w in _EN_WORDS.findall(text)]
    if actor is None and "you" not in words and "u" not in words:
        # a note with no subject: the agent's act told by "while/when" and a verb ("silent while searching
        # history", "hold > 2 min while searching history")
        for i, word in enumerate(words[:-1]):
            if word in ("while", "when") and (words[i + 1].endswith("ing") or words[i + 1] in ("u", "you")):
                return True
        return False
    for i, word in enumerate(words[:-1]):
        if word not in ("you", "u"):
            continue
        rest = [w for w in words[i + 1:] if w not in _EN_ADVERB]
        if rest and rest[0] not in _EN_NOT_ACT_AFTER_YOU and not rest[0].endswith(("ly", "’")) and len(rest) >= 2:
            return True
    return False


def _not_seen(told: list[Span]) -> list[Span]:
    """Drop the manager's own seeing and liking from what happened next ("…，这个我看到过好几次", "这个我很欣赏" are no
    consequence: MANAGER_FEELING_IS_NOT_IMPACT, rules/feedback.yaml manager_feeling)."""
    return [span for span in told if not any(_lexicon(cue, lang).search(span.text) for lang in ("en", "zh-CN")
                                             for cue in ("observed", "manager_feeling"))]


def observed_acts(doc) -> list[Span]:
    """Return the agent's acts in a text that says the manager saw them, or how often (OBSERVED_HABIT_IS_ACT)."""

    head = doc.text[:STRUCTURE_MAX]
    if not any(_lexicon(cue, lang).search(head) for cue in ("observed", "how_often") for lang in ("en", "zh-CN")):
        return []
    out = []
    for clause in act_clauses(doc):
        text = clause.span.text
        zh = bool(re.search(r"[\u4e00-\u9fff]", text))
        lang = "zh-CN" if zh else "en"
        if (plans_ahead(text, lang) or NOT_AN_ACT.search(text) or ABSTRACT.search(text) or re.search(r"[？?吗]", text)
                or _lexicon("plan_frame", lang).search(text)):
            continue
        if zh:
            if clause.actor not in ("you", None) or not clause.predicate or rating(text) or CHANGE.search(text):
                continue
            tags = [(w, f) for w, f in pos_tags(text) if w.strip() and f != "x"]
            if not any(f.startswith("v") and w not in _NOT_ACTION and w not in _CUE_ZH for w, f in tags):
                continue
            # a note with no subject is the agent's when it is pinned to the call: a duration or "…时" ("每通静默
            # 等待>2分钟", "查历史记录时无说明"); "掉了11个点", "帮了不少忙" are what followed
            if clause.actor is None and not re.search(r"\d\s*(?:分|秒|min)|[两三四五六七八九十几]\s*分|多钟|时|的时候", text):
                continue
        elif not _en_habit(text, clause.actor):
            continue
        out.append(clause.span)
    return out


# At a role-play turn the call is named by the other person's line, so a Chinese act of the agent's told without
# naming it again is a behaviour (session 9, judge fb8; the English side is CONTEXT_IS_OCCASION): "你一直保持礼貌，
# 主动offer了补偿券，两次warning之后才挂断", "做对的：始终礼貌；主动提补偿券；两次请对方停止辱骂后挂断", "你第二周推出班次
# 意愿表 → 申请调组3人→0人" (turns3 to turns10: the specific praise of listening-abusive-call and the BIA of
# promo-followup-month reached the vague intent). A clause whose actor is the agent (or left out) with an action
# verb and what it acts on; it counts when it is pinned to the event (了 / 过, a count or a time, 主动 / 全程 /
# 始终) or when the answer lists at least two such acts. A rating ("处理得很对"), a plan, a wish or a competency word
# is none. Only with a context, so the label sets are untouched.
CONTEXT_ACTS_ZH = ("zh-CN",)
_ZH_PINNED = frozenset({"主动", "全程", "始终", "一直", "当场", "马上", "立刻", "先", "才"})


def _person_after_verb(tags: list[tuple[str, str]]) -> bool:
    """Return True when the first person word of a Chinese clause comes after its first verb (an object)."""
    for word, flag in tags:
        if flag.startswith("v") and word not in _NOT_ACTION:
            return True
        if flag.startswith("r") or word in ("对方", "客户", "同事", "他", "她"):
            return False
    return False


def zh_context_acts(doc) -> list[Span]:
    """Return the Chinese clauses that tell the agent's acts in the call the role-play line names."""

    if not doc.context:
        return []
    found, pinned, named = [], False, False
    for clause in _pieces(doc.text[:STRUCTURE_MAX], "zh-CN"):
        text = clause.text.strip()
        if not re.search(r"[\u4e00-\u9fff]", text) or re.search(r"[？?吗]", text):
            continue
        actor = zh_clause(clause).actor
        if rating(text) or plans_ahead(text, "zh-CN") or ABSTRACT.search(text):
            continue
        tags = [(w, f) for w, f in pos_tags(_QUOTE.sub("", text)) if w.strip() and f != "x" or re.match(r"[A-Za-z]", w)]
        words = [w for w, _ in tags]
        if re.search(r"你(?:的|这|那)", text):
            continue  # "你的行为…", "你这服务…": a thing of the agent's is the subject, not the agent
        if actor == "you":
            named = True
        if actor in ("customer", "colleague", "third") and _person_after_verb(tags):
            actor = None  # "两次请对方停止辱骂后挂断": the other person is the object of 请
        lead = [(w, f) for w, f in tags if w not in ("还", "也", "又", "就", "都")]
        if actor is None and not (lead and (lead[0][1][0] in "mt" or lead[0][0] in _ZH_PINNED)):
            continue  # a note opens with when, how often or 主动 / 始终 ("第2周推出…", "两次请对方…", "主动提补偿券")
        if any(w in ("我", "我们", "要", "应该", "得", "可以", "希望", "建议") for w in words):
            continue
        if actor not in ("you", None):
            continue
        verb = next((i for i, (w, f) in enumerate(tags) if f.startswith("v") and w not in _NOT_ACTION
                     and w not in _CUE_ZH and w not in _WISH_ZH and w not in _HANDLING and "得" not in w), None)
        if verb is None or not any(f[0] in "nmq" or f in ("eng", "vn") or re.match(r"[A-Za-z]", w)
                                   for w, f in tags[verb + 1:]):
            continue
        found.append(clause)
        pinned = pinned or any(f in _ZH_ASPECT or f[0] in "mt" for _, f in tags) or bool(_ZH_PINNED & set(words))
    return found if found and (named or len(found) >= 2) and (pinned or len(found) >= 2) else []


# Session 10 (judge fb10): vague praise is praise with no behaviour, but the rules decide it before the learned
# layer decides the behaviour. When the rules' behaviour held the praise up and the learned layer then finds no
# act (and is sure of it), the praise stands alone: vague praise (turns12 kpi-first-week strength, and
# turns3, turns4, turns5, turns7 praise poor answers of the same class, were sent to the fallback).
PRAISE_LEFT_WITHOUT_ACT = True
# Session 10 (judge fb10): a behaviour counted or seen is sure (see check_feedback).
COUNTED_ACT_IS_SURE = True
# Session 19: at a role-play turn the other person's line names the occasion, and the structure reads an act of the agent's
# told against it ("遇到争议账单你都会把账从头算清楚再给客户讲", "on disputes u work the bill thru before answering": the
# habit the strength turn asks for, "a specific behaviour of his, when or how often"). The learned layer was fitted on lines
# without that context, where such a habit is mostly labelled no behaviour, and it took the act away (then the praise read as
# vague): the retired turn sets' kpi-first-week strength lost 27 (zh) and 21 (en) good answers this way. With a context, an
# act the structure found in a sentence that says when or how often (_HABIT_FRAME) stands. Any act the structure found
# was too wide: it also kept a metric's level and praise of a manner the model rightly took away (retired turn sets: 76
# poor answers lost against 41 answers gained); with the frame, 14 gained and 1 lost.
CONTEXT_ACT_STANDS = True
_HABIT_FRAME = re.compile(r"(?i)每次|每回|每一[次通笔单]|(?:遇到|碰到|遇上|一有)[^，。；;！？!?]{1,14}(?:都|就)|都会|都(?:把|帮|先|给)|"
                          r"\b(?:whenever|every time|each time|every call|on every|any time)\b|\bwhen (?:a|an|the|someone|somebody|people)\b|"
                          r"\bon (?:the )?(?:\w+ )?(?:disputes|bills|calls|escalations|complaints)\b")
# Session 12 (judge feedback): thanks passed on for the company or management, or for a "contribution" in general
# ("Your contribution … is acknowledged and appreciated by management", "我要代表公司对你表示衷心的感谢", "感谢你为团队做出的
# 贡献") is no personal thanks: the report's `thanks` is withheld when every sentence that thanks is of that kind
# (rules: office_thanks; convention 25). The appreciation element is untouched, and the signal is no feature of the
# learned layer (turns12, turns13 bia-angry-customer appreciation: these reached the thanks intent).
OFFICE_THANKS_IS_NOT_THANKS = True
# Session 19 (convention 25): thanks that is only the word of thanks and stock encouragement ("辛苦了。", "thx 👍") is no
# personal thanks either (rules: stock_thanks; the retired turn sets sent nine such lines at bia-angry-customer
# appreciation to the fallback, one to the thanks intent).
BARE_THANKS_IS_NOT_THANKS = True


def _bare_thanks(text: str, lang: str) -> bool:
    """Return True when nothing is left of ``text`` once the words of thanks, stock encouragement, particles and marks go."""
    return BARE_THANKS_IS_NOT_THANKS and not re.sub(r"[\W_]+", "", _lexicon("stock_thanks", lang).sub("", text))


def _act_stands(j: Judgement) -> Judgement:
    """Return ``j`` with the behaviour found and sure: nobody is asked whether they meant it (COUNTED_ACT_IS_SURE,
    CONTEXT_ACT_STANDS)."""
    j.verdicts["behavior"] = True
    j.confidence["behavior"] = max(j.confidence.get("behavior", 0.0), UNSURE_BELOW)
    return replace(j, unsure=tuple(u for u in j.unsure if u != "behavior"),
                   questions=tuple(q for q in j.questions if q.get("label") != "behavior"),
                   answers={k: v for k, v in j.answers.items() if k != "behavior"})


def _personal_thanks(a: Analysis, office: list[Span]) -> bool:
    """Return True when a sentence thanks in words and is not thanks passed on from an office (OFFICE_THANKS_IS_NOT_THANKS)."""
    said = a.spans("gratitude")
    if said and _bare_thanks(a.doc.text, a.lang):
        return False  # only the word of thanks and stock encouragement (BARE_THANKS_IS_NOT_THANKS)
    if not OFFICE_THANKS_IS_NOT_THANKS or not office:
        return bool(said)
    passed_on = {a.doc.sentence_of(span.start).start for span in office}
    return any(a.doc.sentence_of(span.start).start not in passed_on for span in said)


# Session 13 (judge feedback13b): a metric's level told is a result, not an act (convention 14: "a number alone is no
# behaviour"). "Your hold time yesterday was 3 minutes on average" (blind14 en), "你昨天的AHT是11分钟，组里平均6分半"
# (blind15 zh), "FCR也稳在80%以上" (blind14 zh) were read as the agent's act on an occasion (a day and the agent
# are named) and given a behaviour. Read from the clause: a named metric (the shared `metric` word list) is its
# subject, a number follows, and the only verb is one of being or standing at a level (en: was / is / sits /
# averaged after the metric; zh: jieba finds no verb but 是 / 有 / 在 / 稳 / 达到 …). Such a clause is dropped from
# the structure's acts, and the rules' behaviour falls when every clause it saw is one; a clause beside it in the
# same sentence that only compares ("组里平均6分半", "team average 1:30": a number, no verb) goes with it. Only when
# no other clause of the agent's tells something done ("…你每次都坐下来把账单一项一项给客户讲明白": turns5, turns9,
# turns11 kpi-first-week strengths keep their behaviour).
# "You answered 142 calls" keeps its act (writers of blind7 to blind14 call a count of calls taken a behaviour).
METRIC_LEVEL_IS_NOT_ACT = True
# Session 16 (judge feedback16): the learned layer gave the behaviour back to blind14's "Your hold time yesterday was 3
# minutes on average. Team target is 1:30. Next week keep holds under 90 seconds by using the knowledge base search
# before you put the customer on hold." after the session-15 refit (the rules said none; the model, unsure, read the
# act of the development step and the day). When a metric's level was all that looked like an act, the structure
# feature ``metric_level`` fires and the model may not add a behaviour (rules: model_may_not_add).
METRIC_LEVEL_VETO = True
# a count of calls or chats taken is an act for the writers of blind7 to blind19 ("57 calls on the rebooking queue and
# your transfers were under 5%", blind19): the learned layer keeps its say there
_CALLS_TAKEN = re.compile(r"(?i)\b\d+\s+(?:calls?|chats?)\b|\d+\s*(?:通|个电话|个会话)")
_LEVEL_ZH = frozenset({"是", "有", "在", "稳", "稳在", "到", "到了", "达到", "保持", "平均", "才", "只有", "为", "排", "排在",
                       "占", "处在", "维持", "高", "低", "超", "差", "比", "比较"})
_LEVEL_EN = re.compile(r"\s(?:is|was|were|are|sits|sat|stayed|stays|averaged|has been|had been|came in at)\b|[\'’]s\b")
_SUBJECT_EN = frozenset({"your", "ur", "yr", "his", "her", "their", "the", "and", "but", "so", "also", "avg", "average",
                         "overall", "team", "today", "yesterday", "this", "last", "week", "month", "s", "own"})


@lru_cache(maxsize=4)
def _metric_pattern(lang: str) -> re.Pattern[str]:
    """Return one pattern for the shared ``metric`` word list of ``lang``, longest term first."""
    from .engine import lexicons

    words = sorted(lexicons(lang).get("metric", ()), key=len, reverse=True)
    pattern = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![A-Za-z])(?:{pattern})(?![A-Za-z])", re.IGNORECASE)


def _metric_at(text: str, lang: str) -> re.Match[str] | None:
    return _metric_pattern(lang).search(text)


def metric_level(text: str, lang: str) -> bool:
    """Return True when a clause only tells the level of a named metric ("Your AHT was 9 minutes", "你AHT是11分钟")."""
    if not re.search(r"\d", text) or CHANGE.search(text):
        return False  # a metric that moved ("CSAT从89%到78%", "62→86") is told beside the act in notes: left as it was
    metric = _metric_at(text, lang)
    if metric is None or not re.search(r"你|您|\b(?:your|ur|yr)\b", text[:metric.start()], re.IGNORECASE):
        return False  # the agent's own metric, named as theirs ("你昨天的AHT", "Your hold time"); a note's bare level stays
    if lang == "en":
        before = [w.lower() for w in _EN_WORDS.findall(text[:metric.start()])]
        level = _LEVEL_EN.search(text, metric.end())
        between = _EN_WORDS.findall(text[metric.end():level.start()]) if level else []
        return (level is not None and len(between) <= 3 and re.search(r"\d", text[level.end():]) is not None
                and all(w in _SUBJECT_EN for w in before[-4:]) and "you" not in before)
    verbs = [w for w, f in pos_tags(text) if f.startswith("v") and w not in _LEVEL_ZH]
    return not verbs


def _comparison_only(text: str, lang: str) -> bool:
    """A clause that only sets a number beside another ("组里平均6分半", "team average 1:30"): a number, no verb."""
    if not re.search(r"\d", text):
        return False
    if lang == "en":
        return not re.search(r"\b(?:you|u)\b", text, re.IGNORECASE) and len(_EN_WORDS.findall(text)) <= 5 \
            and re.search(r"\b(?:average|avg|target|team)\b", text, re.IGNORECASE) is not None
    return not any(f.startswith("v") and w not in _LEVEL_ZH for w, f in pos_tags(text)) and "你" not in text


def level_only(doc, spans: list[Span]) -> list[Span]:
    """Return the spans that only tell a metric's level, or only compare beside such a level in the same sentence."""
    lang = "zh-CN" if doc.lang != "en" else "en"
    levels = [s for s in spans if metric_level(s.text, lang)]
    out = []
    for span in spans:
        if span in levels:
            out.append(span)
        elif _comparison_only(span.text, lang) and any(
                doc.sentence_of(level.start) == doc.sentence_of(span.start) for level in levels):
            out.append(span)
    return out


def _levels_of(doc, span: Span) -> bool:
    """Return True when every clause of a span only tells a metric's level (or compares beside one)."""
    cut = ZH_SPACE_CUT if doc.lang != "en" else _EN_PIECE_CUT
    parts = [Span(span.start + p.start, span.start + p.end, p.text) for p in split_spans(span.text, cut) if p.text.strip()]
    return bool(parts) and len(level_only(doc, parts)) == len(parts)


def _other_act(doc) -> bool:
    """Return True when a clause of the agent's tells something done besides a metric's level ("…是因为你把常见问题的
    话术整理成了quick reply"): the rules' behaviour then stands."""
    for clause in act_clauses(doc):
        if clause.actor != "you" or metric_level(clause.span.text, doc.lang if doc.lang == "en" else "zh-CN"):
            continue
        if doc.lang == "en":
            if re.search(r"\b(?:you|u)\b(?!\s*(?:'re|’re|are|were|r)\b)", clause.span.text, re.IGNORECASE):
                return True
        elif any(f.startswith("v") and w not in _LEVEL_ZH and w not in _NOT_ACTION for w, f in pos_tags(clause.span.text)):
            return True
    return False


# PRAISE_THEN_CORRECTION_IS_SANDWICH (session 15, judge sandwich15; convention 23, rules feedback.*.warm,
# feedback.*.correction_open, feedback.*.closing with their reasons and examples): praise or thanks that turns into a
# correction in the very next clause, or in the first clause of the next sentence, is a sandwich; so is praise on
# both sides of a criticism. Read on clauses, not on a window of characters: "谢谢你今天加班到九点。但是…",
# "Good effort this week, thanks. However…", "Merci for jumping on the FR overflow Kim, just that…",
# "You're brilliant with the regulars, really. But … Still, you're one of my favourites."
PRAISE_THEN_CORRECTION_IS_SANDWICH = True
_SW_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n+|(?<=[。！？])")
_SW_CUT_EN = re.compile(r"\s*[,;:—–()]+\s*|\s+-\s+|\s+(?=(?:but|however|though|although)\b)|\s*(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]+)\s*",
                        re.IGNORECASE)
_SW_CUT_ZH = re.compile(r"[，,；;：:、～~…()（）]+|\s+(?=(?:but|however)\b)|[\U0001F300-\U0001FAFF\u2600-\u27BF]+")
_SW_WORD = re.compile(r"[A-Za-z']+|[\u4e00-\u9fff]")
_SW_TAG = re.compile(r"(?i)\s*(?:ok|okay|right|yeah|alright|好吗|好不好|行吗|可以吗|对吧|好嘛)\s*[?？]+\W*$")
_SW_NEXT_TIME = re.compile(r"(?i)\b(?:next time|going forward|in future|from now on|moving forward)\b")


def _sw_pieces(text: str) -> list[tuple[int, Span]]:
    """Return the clauses of ``text`` with the index of their sentence."""
    out = []
    for n, sentence in enumerate(split_spans(text[:STRUCTURE_MAX], _SW_SENTENCE)):
        cut = _SW_CUT_ZH if re.search(r"[\u4e00-\u9fff]", sentence.text) else _SW_CUT_EN
        out.extend((n, Span(sentence.start + p.start, sentence.start + p.end, p.text))
                   for p in split_spans(sentence.text, cut) if _SW_WORD.search(p.text))
    return out


def _sw_warm(text: str) -> bool:
    return bool(_lexicon("warm", lang_of(text)).search(text))


def _sw_opens(text: str) -> bool:
    """Return True when a clause opens a correction: a contrast word at its head, or (en) "just / only" and an
    instruction ("Just try to…", "only … next time")."""
    lang = lang_of(text)
    if _lexicon("correction_open", lang).search(text):
        return True
    if lang == "en":
        m = re.match(r"(?i)^\W*(?:(?:but|and|oh|ok)\W+)?(?:just|only)\s+(?:(?:pls|please|maybe)\s+)?([a-z']+)", text)
        verbs, _ = imperative_lexicon("en")
        return bool(m) and (m.group(1).lower() in verbs or m.group(1).lower() in ("be", "make", "remember", "watch", "need")
                            or bool(_SW_NEXT_TIME.search(text)))
    return False


def _sw_closes(text: str) -> bool:
    return bool(_lexicon("closing", lang_of(text)).search(text))


def _praise_but(lang: str) -> Pitfall:
    """Return the pitfall praise_but with the reason of its rule, when no rule but the clause structure found it."""
    from .engine import piece_rules

    return Pitfall("praise_but", piece_rules("feedback", "praise_but", lang)[0].why[lang])


def praise_then_correction(text: str) -> list[Span]:
    """Return the clauses that turn praise or thanks into a correction (PRAISE_THEN_CORRECTION_IS_SANDWICH)."""
    one_sided, both = _turned(text)
    return sorted([*one_sided, *both], key=lambda span: span.start)


def _turned(text: str) -> tuple[list[Span], list[Span]]:
    """Return the corrections right after praise, and the praise brought back after a criticism."""
    pieces = _sw_pieces(text)
    warm = [_sw_warm(p.text) for _, p in pieces]
    out, both = [], []
    for j, (n, piece) in enumerate(pieces):
        end = max(p.end for m, p in pieces if m == n)
        if not j or re.search(r"[?？]", _SW_TAG.sub("", text[piece.start:end + 1])):
            continue  # a question after the praise asks, it corrects nothing; a tag ("…注意一下 ok?") does not ask
        if not warm[j]:
            # "hold time was 7 min tho" takes the thanks back; "Seriously though," only leads more thanks. A closing
            # "though" is a clause of its own here, so the sentence's end is read
            tail = (bool(re.search(r"(?i)\btho(?:ugh)?\W*$", text[piece.start:end + 1])) and lang_of(piece.text) == "en"
                    and len(_SW_WORD.findall(piece.text)) > 3)
            if not (_sw_opens(piece.text) or tail):
                continue
            if (len(_SW_WORD.findall(piece.text)) <= 4 and j + 1 < len(pieces) and pieces[j + 1][0] == n
                    and warm[j + 1]):
                continue  # the contrast leads more thanks: "But from me: thank you, that was brilliant."
            before = pieces[j - 1]
            if warm[j - 1] or (before[0] == n - 1 and any(w for (m, _), w in zip(pieces, warm) if m == n - 1)):
                out.append(piece)  # the very next clause, or the next sentence after a warm one
        else:
            # praise brought back after a criticism ("But honestly, overall, you're doing amazing", "最后，继续加油"):
            # this clause, with the bare words that lead it in its sentence, opens or closes; a clause that is not
            # warm stands between the two warm ones, and a contrast word or an aside opens one of them
            k = j
            while k and pieces[k - 1][0] == n and not warm[k - 1] and (_sw_opens(pieces[k - 1][1].text)
                                                                      or _sw_closes(pieces[k - 1][1].text)):
                k -= 1
            lead = [p.text for _, p in pieces[k:j + 1]]
            if not any(warm[:k]) or not any(_sw_opens(t) or _sw_closes(t) for t in lead):
                continue
            first = warm.index(True)
            # the criticism says something: more than a word or two ("Honestly though, thank you" has none)
            middle = [p for (_, p), w in zip(pieces[first + 1:k], warm[first + 1:k]) if not w]
            if not any(len(_SW_WORD.findall(p.text)) > 3 for p in middle):
                continue
            if middle and (any(_sw_opens(t) for t in lead) or any(
                    _sw_opens(p.text) or _lexicon("aside_open", lang_of(p.text)).search(p.text) for p in middle)):
                both.append(piece)
    return out, both


def check_feedback(text: str, lang: str = "auto", context: str | None = None) -> FeedbackReport:
    """Read a piece of feedback and say which BIA/BID parts it has and which pitfalls it falls into."""
    text = clean(text)
    a = analyse("feedback", text, lang, context)
    for target in _LEXICON_RULES:
        a.hits.pop(target, None)  # read on pieces by the mechanisms below; on the whole answer they mean nothing
    office = a.spans("office_thanks")
    a.hits.pop("office_thanks", None)  # read for `thanks` only (OFFICE_THANKS_IS_NOT_THANKS), never a learned feature
    if is_empty(text):
        return FeedbackReport(lang=a.lang, score=0, empty=True, suggestions=(a.say("empty"),),
                              elements=frozen({e: False for e in ELEMENTS}))
    # What happened next, told without a marker word: a clause about a customer, a colleague, a metric or
    # the manager, after the behaviour (coachlab/checks/structure.py).
    told = _not_seen(consequences(a.doc, a.spans("behavior")))
    rules = {e: a.has(e) for e in ELEMENTS}
    rules["impact"] = rules["impact"] or (bool(told) and CONSEQUENCE_IS_IMPACT)
    acts = acts_on_occasion(a.doc)
    if a.lang in CONTEXT_IS_OCCASION and not acts and not a.has("behavior"):
        acts = context_acts(a.doc)  # the role-play line names the occasion (CONTEXT_IS_OCCASION)
    if OBSERVED_HABIT_IS_ACT and not acts and not a.has("behavior"):
        acts = observed_acts(a.doc)  # a habit the manager saw, or how often (OBSERVED_HABIT_IS_ACT)
    if HABIT_IN_CONTEXT_EN and a.lang == "en" and a.doc.context and not acts and not a.has("behavior"):
        acts = [c.span for c in clauses(a.doc) if _en_habit(c.span.text) and not _RATING_VERB_EN.search(c.span.text)
                and not NOT_AN_ACT.search(c.span.text) and not ABSTRACT.search(c.span.text)
                and not plans_ahead(c.span.text, "en") and "?" not in c.span.text]
    if a.lang in CONTEXT_ACTS_ZH and not acts and not a.has("behavior"):
        acts = zh_context_acts(a.doc)  # the role-play line names the call (CONTEXT_ACTS_ZH)
    levelled = False  # a metric's level was all the structure or the rules took for an act (METRIC_LEVEL_IS_NOT_ACT)
    if METRIC_LEVEL_IS_NOT_ACT and acts and not _other_act(a.doc):
        level = level_only(a.doc, acts)
        levelled = bool(level)
        acts = [span for span in acts if span not in level]  # "Your hold time yesterday was 3 minutes" (METRIC_LEVEL_IS_NOT_ACT)
    if a.lang in RATING_IS_NOT_ACT:
        rated = any(rating(clause.span.text) for clause in act_clauses(a.doc) if clause.actor == "you")
        acts = [span for span in acts if not rating(span.text) and not _no_act(span.text, rated)]
    if CONSEQUENCE_AFTER_ACT and not told and acts and not a.has("threat"):
        # a note's act the rules did not see ("近10个早班7次迟登录，…") also starts what happened next; what a
        # threat says will follow ("再出现一次…，绩效直接扣光") has not happened
        told = _not_seen(consequences(a.doc, [*a.spans("behavior"), *acts]))
        rules["impact"] = rules["impact"] or (bool(told) and CONSEQUENCE_IS_IMPACT)
    if rules["behavior"] and not acts and all(abstract_quality(a.doc, span) for span in a.spans("behavior")):
        # Every behaviour the rules saw rates the agent in competency words ("on the 3pm call you showed
        # empathy"): a trait on an occasion is still a trait (structure.ABSTRACT_IS_NOT_ACT).
        rules["behavior"] = False
    named_only = bool(a.spans("behavior")) and all(named_not_done(a.doc, span) for span in a.spans("behavior"))
    if rules["behavior"] and not acts and a.lang in RATING_IS_NOT_ACT and rated_not_done(a, acts):
        # "你那通电话处理得很专业，很棒": a verdict on the handling, no act (RATING_IS_NOT_ACT)
        rules["behavior"] = False
        named_only = True
    if (METRIC_LEVEL_IS_NOT_ACT and rules["behavior"] and not acts and a.spans("behavior")
            and all(_levels_of(a.doc, span) for span in a.spans("behavior")) and not _other_act(a.doc)):
        # "你昨天的AHT是11分钟": the rules saw the agent and a day, but the clause tells a metric's level
        rules["behavior"] = False
        named_only = True
        levelled = True
    if rules["behavior"] and not acts and named_only:
        # "你早班的登录时间，…有点问题": the rules saw the agent and an occasion, but the clause only names a
        # thing of theirs (a noun phrase, structure.noun_phrase); nothing was done, so there is no behaviour.
        rules["behavior"] = False
    rules["behavior"] = rules["behavior"] or (bool(acts) and ACT_IS_BEHAVIOUR)
    made = (relative_acts(a.doc) if a.lang in RELATIVE_ACT_IS_BEHAVIOUR and not rules["behavior"]
            and any(mark in text for mark in ("→", "->", "=>", "到", "至")) else [])
    rules["behavior"] = rules["behavior"] or bool(made)
    steps = (concrete_steps(a.doc) or (numbered_steps(text) if LIST_IS_DEVELOPMENT else [])
             or (deadline_steps(a.doc) if a.lang in DEADLINE_IS_STEP else [])
             or (plan_steps(a.doc) if PLAN_NOTES_ARE_STEPS else []))
    if WISH_COMPARATIVE and a.lang == "en":
        steps = [span for span in steps if not comparative_only(span)]  # "try to come earlier" (WISH_COMPARATIVE)
    if (DONT_IS_NOT_STEP and steps and any(dont_only(span, a.lang) for span in [*steps, *a.spans("development")])
            and not _to_do(Span(0, len(text[:STRUCTURE_MAX]), text[:STRUCTURE_MAX]))):
        # "查记录的时候别silent就行": a "don't" with nothing to do instead (DONT_IS_NOT_STEP)
        steps = [span for span in steps if not dont_only(span, a.lang)]
    wishes = (WISH_IS_NOT_STEP and rules["development"] and not steps
              and all(wish_only(span, a.lang) or (WISH_SENTENCE and a.lang == "en"
                                                  and comparative_only(a.doc.sentence_of(span.start)))
                      or (DONT_IS_NOT_STEP and dont_only(span, a.lang))
                      for span in a.spans("development")))
    if wishes:
        rules["development"] = False  # "以后注意下时间管理", "Please improve your CRM skills" (WISH_IS_NOT_STEP)
    rules["development"] = rules["development"] or (bool(steps) and STEP_IS_DEVELOPMENT)
    # Praise with nothing observable behind it is vague, however warm it sounds.
    vague = (rules["appreciation"] or a.has("praise")) and not rules["behavior"]
    rules.update({f: (vague if f == "vague_praise" else a.has(f)) for f in FLAGS})
    turned, wrapped = _turned(text) if PRAISE_THEN_CORRECTION_IS_SANDWICH else ([], [])
    rules["sandwich"] = rules["sandwich"] or bool(turned) or bool(wrapped)  # convention 23 (PRAISE_THEN_CORRECTION_IS_SANDWICH)
    priced = threatened(a.doc) if SANCTION_IS_THREAT and not rules["threat"] else []
    rules["threat"] = rules["threat"] or bool(priced)  # a sanction as the price of a repeat (SANCTION_IS_THREAT)
    reported = reported_by_others(text) if a.lang in REPORT_IS_SPEAKING_FOR_OTHERS else []
    rules["speaking_for_others"] = rules["speaking_for_others"] or bool(reported)
    extra = actor_features(a.doc) | ({"consequence"} if told and CONSEQUENCE_IS_IMPACT else set())
    extra |= {"act_on_occasion"} if acts else set()
    extra |= {"concrete_step"} if steps else set()
    extra |= {"abstract_quality"} if abstract_quality(a.doc) else set()
    extra |= {"named_not_done"} if named_only and not acts else set()
    extra |= {"reported_by_others"} if reported else set()
    extra |= {"priced_sanction"} if priced else set()
    extra |= {"wish_step"} if wishes else set()
    extra |= {"act_on_occasion"} if made else set()
    if METRIC_LEVEL_VETO and levelled and not acts and not rules["behavior"] and not _CALLS_TAKEN.search(text):
        extra |= {"metric_level"}  # the learned layer may not add the behaviour back (rules: model_may_not_add)
    j = judge(a, rules, extra=extra, spans={"impact": told, "behavior": acts, "development": steps})
    if (CONTEXT_ACT_STANDS and a.doc.context and rules["behavior"] and not j.verdicts["behavior"]
            and any(_HABIT_FRAME.search(a.doc.sentence_of(span.start).text) for span in acts)):
        j = _act_stands(j)  # the act told against the other person's line stands (CONTEXT_ACT_STANDS)
        j.verdicts["vague_praise"] = bool(rules["vague_praise"])  # praise beside the act is not vague (the rules' verdict)
    if (PRAISE_LEFT_WITHOUT_ACT and a.has("praise") and rules["behavior"]
            and not j.verdicts["behavior"] and "behavior" not in j.unsure and not j.verdicts["vague_praise"]):
        # The praise was read as backed by an act only because the rules saw one; the learned layer found none
        # ("你的数据还不错", "You demonstrate outstanding customer focus"): praise with no act is vague praise.
        j.verdicts["vague_praise"] = True
    if (COUNTED_ACT_IS_SURE and acts and "behavior" in j.unsure
            and any(_lexicon(cue, lang).search(text[:STRUCTURE_MAX]) for cue in ("observed", "how_often")
                    for lang in ("en", "zh-CN"))):
        # An act of the agent's that the manager counted or saw ("这两周你有七次登录晚了", "In the huddles you talk
        # over Xiao Lin. I've seen it three times."): the structure found the act and the text says how often it
        # happened; the behaviour is there, whatever else is missing, and nobody is asked whether they meant it.
        j = _act_stands(j)
    elements = {e: bool(j.verdicts[e]) for e in ELEMENTS}
    flags = tuple(f for f in FLAGS if j.verdicts[f])
    model = "BID" if elements["development"] else "BIA" if elements["appreciation"] else None

    suggestions = []
    for element in ("behavior", "impact"):
        if not elements[element] and element not in j.unsure:
            suggestions.append(a.say(f"missing.{element}"))
    if model is None and not {"appreciation", "development"} & set(j.unsure):
        suggestions.append(a.say("missing.appreciation_or_development"))
    for flag in flags:
        target = "praise" if flag == "vague_praise" and not a.has("appreciation") else (
            "appreciation" if flag == "vague_praise" else flag)
        # A flag the model raised has no rule span: quote the learner's own sentence, never a canned phrase.
        quote = a.quote(target) or (j.quotes[flag].text if flag in j.quotes else a.doc.sentences[0].text)
        suggestions.append(a.say(f"fix.{flag}", quote=quote[:40]))
    suggestions.extend(q["text"] for q in j.questions)
    if not suggestions:
        suggestions.append(a.say("next"))

    pitfalls = tuple(Pitfall(f, a.say("why.vague_praise")) if f == "vague_praise"
                     else a.pitfall(f) if a.has(f) else Pitfall(f, a.say(f"name.{f}")) for f in flags)
    if (PRAISE_BUT_IS_PITFALL and (a.has("praise_but") or turned) and not wrapped
            and not any(rule.match == "sequence" for rule, _ in a.hits.get("sandwich", ()))
            and "praise_but" not in (p.id for p in pitfalls)):
        # also beside a one-sided sandwich: a turn that asks for praise or a behaviour takes neither from it; praise
        # on both sides is named once, as the sandwich
        pitfalls = (*pitfalls, a.pitfall("praise_but") if a.has("praise_but") else _praise_but(a.lang))
    present = elements["behavior"] + elements["impact"] + (elements["appreciation"] or elements["development"])
    score = clamp(100 * present / 3 - 15 * len(flags))
    shown = [e for e in ELEMENTS if elements[e]] + [f for f in flags if f != "vague_praise"]
    evidence = list(a.evidence(shown))
    if elements["behavior"] and not a.has("behavior") and acts:
        evidence.append(Evidence("behavior", acts[0].start, acts[0].end, acts[0].text))
    if elements["development"] and not a.has("development") and steps:
        evidence.append(Evidence("development", steps[0].start, steps[0].end, steps[0].text))
    if elements["impact"] and not a.has("impact"):
        span = told[0] if told else j.quotes.get("impact")
        if span is not None:
            evidence.append(Evidence("impact", span.start, span.end, span.text))
    return FeedbackReport(lang=a.lang, score=score, evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.end))),
                          pitfalls=pitfalls, suggestions=tuple(suggestions), elements=frozen(elements), model=model,
                          flags=flags, thanks=elements["appreciation"] and _personal_thanks(a, office),
                          confidence=frozen(j.confidence), unsure=j.unsure, questions=j.questions,
                          answers=frozen(j.answers), features=frozen(j.features))
