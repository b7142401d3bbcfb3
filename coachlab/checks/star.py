"""STAR answers: situation, task, action (by the speaker), result, a number in the result, I versus we."""

from __future__ import annotations

import re

from coachlab.text import find_quantities

from .base import analyse, clamp, clean, is_empty, judge
from coachlab.text.span import Span

from .structure import Clause, actor_features, clauses, plans_ahead, pos_tags, story

# Which parts the clause structure may add to what the rules found (measured in train.py, see README).
STORY_PARTS = ("result", "situation")
# A number (not a date) in a sentence that tells the result quantifies it, whatever verb carries it.
NUMBER_IN_RESULT = True
from .engine import piece_rules
from .report import Pitfall, StarReport, frozen

ELEMENTS = ("situation", "task", "action", "result")
# A change told before the speaker's first act sets the scene ("Our CSAT dropped to 71% in Q3. My target was… I
# started…", "When our FCR dropped to 64% I ran…"): it is the situation, not the result (blind2, blind3, blind6).
SCENE_BEFORE_ACTION = True
# Labelled parts ("R: …", "Result - …") stand wherever the notes put them, and so does a zero of a counted thing,
# an outcome by its nature ("Not one customer record was lost in the migration, and that was down to me: I wrote…").
_LABELLED = (".labelled", ".labelled_dash", ".zero_count", ".all_n")
_YEAR = re.compile(r"(?:19|20)\d\d")
# "I started listening to five calls a week and we agreed one fix each time", "I suggested it and the team built
# it", "我提议…，然后大家轮流主持": a clause of the team joined by "and / 然后" to the speaker's own act carries the
# act on; it is no result (own, blind2, train-writers, blind5). A rule result word or a number in it ("and we went
# live six weeks late") still makes it one.
WE_GO_ON_ACTING = True
_WE_ON = re.compile(r"^[\s,，、;；]*(?:and(?: then)?|then|然后|接着)[\s,，]*(?:we|the team|the whole team|everyone|everybody|"
                    r"我们|咱们|大家|团队|全组)(?![a-z'’])", re.IGNORECASE)


def _year(q) -> bool:
    """A four-digit year ("the regional service award 2025") counts nothing."""
    return q.unit == "plain" and bool(_YEAR.fullmatch(q.span.text.strip()))


def _ordinal(a, q) -> bool:
    """An ordinal ("第二天回电确认", "the 2nd call") counts nothing: it says which one, not how many."""
    # "第三天就能独立处理" times the result (how soon): that one is a number (blind4)
    before = a.doc.text[max(0, q.span.start - 1):q.span.start]
    soon = re.match(r"\s*[天周个月年]?\s*(?:就|便|已经)", a.doc.text[q.span.end:q.span.end + 4])
    # nor does the count of lessons drawn ("我总结了一条：…", "学到了两点"): convention 5, a lesson is a result without a number
    lesson = re.search(r"(?:总结(?:了|出)?|学到(?:了|的)?(?:最重要的)?)\s*$", a.doc.text[max(0, q.span.start - 8):q.span.start])
    return ((before == "第" and not soon) or bool(lesson)
            or bool(re.match(r"\d+(?:st|nd|rd|th)\b", q.span.text.strip())))


# "我那时候负责回访", "当时我决定…", "她当时负责新人带教": a time told in a clause where the speaker (or the candidate
# of the notes) acts dates the task or the action; it sets no scene (rules/star.yaml, star.zh.situation.when).
SPEAKER_TIME_IS_NO_SCENE = True


# How the speaker stood is the scene, not an act: "当时我是新人", "我那时候被客户投诉", "当时我面对的挑战是",
# "当时我接到一个投诉", "2023年我在信用卡组当组长"; and 我们 is the team, not the speaker ("我们组当时是倒数第一").
_HOW_I_STOOD = re.compile(r"(?:我|她|他)\W{0,2}(?:当时|那时候?|那年|那会儿?|那阵子?|那段时间)?(?:就|刚|正)?(?:是|被|还没|没有|有|"
                          r"在[^，。]{1,8}当|当上|刚当|刚来|刚进|犯了)|面对|接到|收到|遇到|碰到|发现")
# The time and the speaker open the clause together: "当时我决定…", "我那时候负责…", "她当时负责…" (not "我觉得那次…",
# "我上一家公司…", "当时我的组长…").
_WHEN_I = re.compile(r"^\W*(?:(?:嗯|其实|说实话|就是)\W*)?(?:(?:当时|那时候?|那年|那会儿?|那阵子?|那段时间|那次|去年|前年|"
                     r"上个?季度|\d{4}\s*年)\W?(?:我|她|他)(?![们的])|(?:我|她|他)(?![们的])(?:当时|那时候?|那年|那会儿?|那阵子?|那段时间|那次|去年))")


def _time_of_an_act(a, told) -> None:
    """Drop the hits of a time word ("当时", "那年") that stand in a clause where the speaker or candidate acts.

    One that closes its clause frames a time ("我上夜班那段时间，凌晨两点以后没有主管在岗"): the scene, kept.
    """
    acts = [x for x in [*told.get("action", ()), *told.get("notes_action", ())]
            if _WHEN_I.match(x.text) and not _HOW_I_STOOD.search(x.text)]
    hits = a.hits.get("situation")
    if not hits or not acts:
        return
    # "我当时负责夜班，有个客户半夜打来…": the sentence goes on to what others did or how they stood, and the time dates that.
    others = [c.span.start for c in clauses(a.doc) if c.actor in ("customer", "colleague")]

    def dates_an_act(sp) -> bool:
        sentence = a.doc.sentence_of(sp.start)
        return (any(x.start <= sp.start and sp.end < x.end - 1 for x in acts)
                and not any(sp.end <= o < sentence.end for o in others))

    a.hits["situation"] = [(r, sp) for r, sp in hits if not (r.id.endswith(".when") and dates_an_act(sp))]


def _team_goes_on(a, told) -> None:
    """Drop structural results that are the team's clause joined by "and" to the speaker's act before it."""
    acts = [sp.start for sp in told.get("action", ())]
    starts = [c.span.end for c in clauses(a.doc)]
    rule = a.spans("result")
    kept = []
    for r in told.get("result", ()):
        sentence = a.doc.sentence_of(r.start)
        before = max((end for end in starts if sentence.start <= end <= r.start), default=None)
        joined = (before is not None and any(sentence.start <= x < r.start for x in acts)
                  and _WE_ON.match(a.doc.text[before:r.end]))
        counted = any(r.start <= q.span.start < r.end and not _year(q) for q in a.doc.quantities)
        if joined and not counted and not any(r.start <= h.start < r.end for h in rule):
            continue
        kept.append(r)
    told["result"] = kept


def _scene_is_no_result(a, told) -> None:
    """Drop result and number hits that lie wholly before the first clause where the speaker acts."""
    # The rules' "I did" (and what notes say a named person did); the clause structure alone reads "Sales on my
    # queue fell" as the speaker's clause.
    acts = [s.start for s in [*a.spans("action"), *told.get("notes_action", ())]] or [
        s.start for s in told.get("action", ())]
    if not acts:
        return
    first = min(acts)
    for target in ("result", "quantified_result"):
        hits = a.hits.get(target)
        if hits:
            a.hits[target] = [(r, sp) for r, sp in hits if sp.end > first or r.id.endswith(_LABELLED)]


# Interview notes that only rate the candidate ("Candidate is very patient and good with new starters. Strong coaching
# skills.", "候选人具备较强的辅导他人能力", "黄欣很有耐心，带新人能力强，大家都喜欢找她，建议晋升") tell no act: when every
# clause of the candidate that the structure reads as an act says what they are or have (a trait, a competency), what
# follows is no result (turns2-6, turns8 want the fallback for such notes; the corpora label opinions has: []). Only
# the structural result goes: clearing the acts too cost zh situation and action items under cross-validation.
RATING_IS_NO_ACT = True
# The words that rate (rules/star.yaml, star.en.rates and star.zh.rates: signal rules whose examples the rule test runs).
# They read one clause at a time here; their hits over the whole answer are dropped in check_star (no feature).
RATES = "rates"


def _rating(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(p for r in piece_rules("star", RATES, lang) for p in r.patterns)


def _rates(text: str) -> bool:
    """Return True when a clause rates the candidate (a trait or a competency) instead of telling an act."""
    body = text.strip(" ，,。.!！")
    lang = "zh-CN" if re.search(r"[\u4e00-\u9fff]", body) else "en"
    return any(p.search(body) for p in _rating(lang))


def _rates_only(a, told) -> bool:
    """Return True when every act the notes tell only rates the candidate (and the rules saw no act of the speaker)."""
    acts = [*told.get("action", ()), *told.get("notes_action", ())]
    return bool(acts) and not a.has("action") and all(_rates(x.text) for x in acts)


# What a result is (session 9): a state reached after the speaker's act. Chinese drops the subject, so the clause
# that tells it often names no actor the structure knows: "去年带了6个，都转正了", "第五天就清完了，一张没超时",
# "报告交上去后IVR改了", "然后我就安抚了一下，他就不生气了", "二十分钟内就解了" (blind2 to blind11: the writers
# label all of them r). Such a clause ends on a change completed (the verb with 了 and no object after it), or
# counts none of a set ("一张没超时"); one that opens on a verb or 把 / 给 goes on with the speaker's act ("找出是
# IVR菜单引导错了", "就提议删掉了", "当场给他申请了加急退款"), and a plan ("以后就会好了") is no state reached.
STATE_AFTER_ACT = True
_TAIL = ("o", "y", "e", "x", "w")          # 哈哈, 啊, 呢, punctuation left at the end of a clause
_OPENS_AN_ACT = ("v", "p")                 # a verb, or 把 / 给 / 按 before the speaker's object


def completed_state(text: str) -> bool:
    """Return True when a Chinese clause tells a state reached: it ends on verb + 了 or counts none of a set."""
    tags = [t for t in pos_tags(text) if t[0].strip()]
    while tags and (tags[-1][1] in _TAIL or tags[-1][0] in ("哈哈", "啊", "呀", "啦")):
        tags.pop()
    if len(tags) < 2 or plans_ahead(text, "zh-CN"):
        return False
    # 然后 / 就 / 再 carry the act on and are skipped; 都 says all of them (the subject), kept
    body = [t for t in tags if not (t[1] == "c" or (t[1] == "d" and t[0] != "都"))]
    if not body or body[0][0] in ("我", "我们") or body[0][1].startswith(_OPENS_AN_ACT):
        return False
    # a cause ("因为原来那个太乱了") and a degree ("太乱了") tell how things stood, not a change
    if any(w == "因为" or w.startswith("太") for w, _ in tags):
        return False
    if tags[0][1] == "m" and any(w in ("没", "没有") for w, _ in tags[1:3]):
        return True  # "一张没超时", "一个没落下"
    if VAGUE_STATE_IS_NO_RESULT and _only_fine(tags):
        return False
    if AMOUNT_CHANGED and _changed_by(tags, text):
        return True
    return tags[-1][0] == "了" and tags[-2][1][:1] in ("v", "a", "n", "l")


# Session 10 (judge gls10). A state that names nothing changed is no result: "后来就好了", "后来系统恢复了就好了" (a
# state reached, then "it was fine": what the speaker brought about is not told; train-writers, blind12, blind13
# label them no r, convention 1's "没出什么问题" in kind). The last predicate is one adjective with no subject of its
# own ("投诉就少了" names what fell, kept), or follows a state told as its condition ("…恢复了就…").
VAGUE_STATE_IS_NO_RESULT = True
# A change told with its amount after the act is a state reached: "每通电话省了大概30秒", "投诉量确实减了一半多",
# "离职率降到了20%" (verb + 了 + the amount; blind12, blind13 and blind5 label them r and q).
AMOUNT_CHANGED = True
_CONTENT = ("n", "v", "a", "l", "i", "m", "eng", "vn", "r")
_AMOUNT_TAIL = ("m", "q", "x", "d", "mq")
_MEASURE = ("percent", "duration", "tenths", "money")  # money: "一年省了十几万" (blind12; numbers.py measures=True)


def _only_fine(tags: list[tuple[str, str]]) -> bool:
    """Return True when a clause ends on one adjective + 了 that nothing before it in the clause is the subject of."""
    if len(tags) < 2 or tags[-1][0] != "了" or tags[-2][1] != "a":
        return False
    cut = max((i for i, (w, _) in enumerate(tags[:-2]) if w in ("就", "也", "都", "便")), default=-1)
    head = tags[:cut] if cut >= 0 else tags[:-2]
    before = [t for t in head if t[1].startswith(_CONTENT) and t[1] != "t"]
    condition = cut >= 0 and any(w == "了" for w, _ in head)
    return not before or condition


def _vague_state(a) -> None:
    """Drop the Chinese result hits whose clause ends on a state that names nothing changed ("后来就好了")."""
    hits = a.hits.get("result")
    if a.lang != "zh-CN" or not hits:
        return
    vague = [c.span for c in clauses(a.doc) if _only_fine(_content_tags(c.span.text))]
    if vague:
        a.hits["result"] = [(r, sp) for r, sp in hits
                            if not any(c.start <= sp.start < c.end for c in vague)]


def _content_tags(text: str) -> list[tuple[str, str]]:
    """Return a clause's tagged words without the particles and punctuation that close it."""
    tags = [t for t in pos_tags(text) if t[0].strip()]
    while tags and (tags[-1][1] in _TAIL or tags[-1][0] in ("哈哈", "啊", "呀", "啦")):
        tags.pop()
    return tags


def _changed_by(tags: list[tuple[str, str]], text: str) -> bool:
    """Return True when a clause ends on a verb + 了 followed only by an amount ("省了大概30秒", "降到了20%")."""
    last = max((i for i, (w, _) in enumerate(tags) if w == "了"), default=-1)
    if last < 1 or last == len(tags) - 1 or tags[last - 1][1][:1] not in ("v", "n", "a"):
        return False
    tail = tags[last + 1:]
    if not (all(p.startswith(_AMOUNT_TAIL) or w == "多" for w, p in tail) and any(p.startswith("m") for _, p in tail)):
        return False
    # a measure (a rate, a time, a share) changed, not a count of acts or people ("一共讲了四场", "一个月走了四五个")
    told = text[text.rfind("了") + 1:]  # with the unit the tail trim took off ("20%")
    return "半" in told or any(q.unit in _MEASURE for q in find_quantities(told, measures=MEASURE_WORD_COUNTS))


def _state_after_act(a, told) -> None:
    """Add to the structural results the clauses with no known actor that tell a state reached after the first act."""
    if a.lang != "zh-CN":
        return
    acts = [s.start for s in [*a.spans("action"), *told.get("action", ()), *told.get("notes_action", ())]]
    if not acts:
        return
    first = min(acts)
    act_clause = next((c for c in clauses(a.doc) if c.span.start <= first < c.span.end), None)
    after = [c for c in clauses(a.doc) if c.span.start > first and c is not act_clause]
    found = [c.span for c in after if c.actor is None and completed_state(c.span.text)]
    if found:
        told["result"] = sorted({*told.get("result", ()), *found}, key=lambda sp: sp.start)


# Session 13 (judge J-star13). English interview notes tell the candidate as "she" / "he" ("Candidate says: in Q2 her
# team's FCR was 70%. She was asked to bring it up. She listened to 50 calls…"); the clause structure reads she / he
# as the customer (in a speaker's own story they mostly are), so notes got no action and no result from it. In an
# answer with no first person, a clause whose actor is she / he (no customers named in it) is the candidate's
# (structure's "third"), for the story parts only (the actor features the learned layer reads stay as they were),
# unless a customer was named last before it ("The customer was furious. She shouted…"); a clause that reports what
# the candidate said ("he said…") is no act. The word lists are rules/star.yaml star.en.notes_reports, one_customer,
# customers_named, candidate_named. Measured: blind14 q +2, blind16 r -1 (plain); cross-validated (--set train
# --kind star) en +7 item-labels over the retired, train and writers sets (task +3, action +2, q +2); the known open
# class of issue 13 (third-person notes in blind7, blind9, blind10, blind14 to blind16).
NOTES_SHE_IS_THE_CANDIDATE = True
_SHE = re.compile(r"\b(?:she|he)\b", re.IGNORECASE)


def _says(target: str, text: str) -> bool:
    """Return True when a word of the English star list ``target`` (a piece rule) stands in ``text``."""
    return any(p.search(text) for r in piece_rules("star", target, "en") for p in r.patterns)


def _candidate_clauses(found: list[Clause]) -> list[Clause]:
    """Return the clauses with she / he as the candidate ("third") where no customer was named last before them."""
    out, customer_last = [], False
    for c in found:
        if c.actor == "customer" and _SHE.search(c.span.text) and not _says("customers_named", c.span.text):
            if customer_last:
                out.append(c)
            else:
                out.append(Clause(c.span, None if _says("notes_reports", c.span.text) else "third", c.predicate))
            continue
        if _says("candidate_named", c.span.text):
            customer_last = False
        elif _says("one_customer", c.span.text):
            customer_last = True
        out.append(c)
    return out


def _notes_story(a) -> dict | None:
    """Return the story parts of English notes read with she / he as the candidate, or None when not notes."""
    if a.lang != "en" or a.spans("first_person"):
        return None
    found = clauses(a.doc)
    read = _candidate_clauses(found)
    if read == found:
        return None
    doc = type(a.doc)(a.doc.text, a.doc.lang, a.doc.context)
    doc.__dict__["_clauses"] = read
    return story(doc)


# Session 14 (judge J-star14). Chinese counts a result with a measure word after a Chinese numeral: "最终三家里留住了
# 两家", "我最大的成绩就是带出了三个组长", "现在十二个组都在用", "差了两个点", "给了我们五星" (blind5, blind7, blind14,
# blind16, train, train-writers label them q; coachlab/text/numbers.py, measures=True). The clause structure also reads
# a clause with no subject after the speaker's act as a result ("我被安排去做新人导师，带了四个新人", "每天打五十个电话",
# "剩下的分给三个同事"): when it opens on a verb or on 把 / 按 / 从 (after 再 / 然后 / 每天) the speaker goes on acting,
# and the count in it is the act's extent, not the outcome's (blind6, blind7, blind10, blind13, blind14, blind16, train,
# train-writers label them no q). Only the measure-word counts are held to that; a result the rules found keeps the
# ones told after its word ("最终…两家"; not "我连夜查了当地三家合作厂…客户后来…", blind16).
# Left as it is: "现在十二个组都在用" (blind5, q: a count before the verb, read as naming who).
MEASURE_WORD_COUNTS = True


def _goes_on_acting(span) -> bool:
    """Return True when a Chinese clause opens on a verb or preposition: the speaker's act goes on."""
    tags = [t for t in pos_tags(span.text) if t[0].strip() and t[1] not in ("x", "w")]
    body = [t for t in tags if not (t[1] in ("c", "d", "r") and t[0] not in ("我", "我们", "他", "她", "他们", "她们"))
            and not t[1].startswith(("t", "f"))]
    return bool(body) and body[0][1].startswith(_OPENS_AN_ACT)


def _measured(a, result_clauses, told) -> list:
    """Return the Chinese measure-word counts ("两家", "三个") that stand in a result clause, not in an act going on."""
    if not MEASURE_WORD_COUNTS or a.lang != "zh-CN":
        return []
    plain = {(q.span.start, q.span.end) for q in a.doc.quantities}
    rule = a.spans("result")
    # the speaker's acts; a clause the structure reads as the candidate of notes is none in an answer told with 我
    notes = () if a.spans("first_person") else told.get("notes_action", ())
    acts = [*a.spans("action"), *notes, *(x for x in told.get("action", ()) if not a.spans("first_person")
                                          or x not in told.get("notes_action", ()))]
    kept = []  # (clause, where its result starts): after the rules' result word, or the whole clause the structure read
    for c in result_clauses:
        marked = [h.start for h in rule if c.start <= h.start < c.end or h.start <= c.start < h.end]
        if marked:
            kept.append((c, max(c.start, min(marked))))
        elif any(x.start < c.start for x in acts) and not _goes_on_acting(c):
            kept.append((c, c.start))  # a count told before the speaker's first act is the scene ("组里走了三个人")
    return [q for q in find_quantities(a.doc.text, measures=True) if (q.span.start, q.span.end) not in plain
            and any(start <= q.span.start < c.end and _after_the_change(a.doc.text[c.start:q.span.start])
                    for c, start in kept)]


def _after_the_change(before: str) -> bool:
    """Return True when the count follows its clause's verb, and not 有 / 是: how many the change reached.

    A count before the verb names who ("两个人都没有意见", "两组之间的转接减少了": the two told of before), and one after
    有 / 是 says how things stood ("组里有两个老员工"): neither measures the outcome (blind4, blind10, train-writers, own).
    """
    tags = pos_tags(before)
    # the word 了 closes is the predicate, whatever the tagger calls it ("一年省了十几万": 省 read as a noun; blind12)
    verbs = [w for i, (w, p) in enumerate(tags) if p.startswith("v") or (
        PREDICATE_BEFORE_LE and p[:1] in ("n", "a") and i + 1 < len(tags) and tags[i + 1] == ("了", "ul"))]
    return bool(verbs) and verbs[-1] not in ("有", "是", "没有")


# Session 16 (judge J-star16). Verb + 了 is a completed change: the word before the aspect 了 is its predicate even when
# the tagger reads it as a noun ("一年省了十几万", blind12, q: lost in session 15 when the refit stopped adding it).
PREDICATE_BEFORE_LE = True


# Session 15 (judge J-sg15). A level or a zero told in the clause that states the task is the target, not the outcome:
# "The task was to get the overnight team's QA from 72 to 80", "I had to bring our QA score from 78 to 85 in one
# quarter", "The task was clear: no missed callbacks during the migration week", "任务是把组里的AHT从7分钟降到6分钟",
# "领导让我把新人培训周期从4周缩到3周，最后做到了" (blind5, blind6, blind7, blind9, blind15, blind17, blind19 writers, en and
# zh: no r, no q from the task's own numbers). The task's stretch is the clause its marker stands in, and what a
# colon or "同时 / and also" hangs on it in the same sentence; a result told after it ("最后做到了", "and we did") stays.
TARGET_IN_TASK_IS_NO_RESULT = True
_NEXT_LABEL = re.compile(r"(?:^|[\s。.;；|｜/])(?:[STAR]|S/T|Situation|Task|Action|Result|情境|背景|任务|行动|结果)\s*[:：=]")
# Chat-style Chinese stops a clause with a space ("我负责投诉线 今年上半年…一单升级投诉都冇", writers-yue)
_SPACE_STOP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# "The target was met every Monday after that": the marker followed by its outcome tells the result, not the task
_TARGET_MET = re.compile(r"\s*(?:met|hit|reached|achieved|exceeded|beaten|missed|smashed|completed|done)\b", re.IGNORECASE)
_TASK_GOES_ON = re.compile(r"^\s*(?:[:：]|[,，、]\s*(?:同时|并且|并|以及|还要|and (?:also )?to\b))", re.IGNORECASE)


def _task_stretches(a) -> list[tuple[int, int]]:
    """Return the stretches of text that state the task: a task marker's clause and what a colon hangs on it.

    A stretch ends with its sentence, at the next STAR label ("R：", "｜A：") and at the speaker's next act ("…让我想办法
    我就弄了个小组…", told with no stop); "我负责的那条线…" names a thing by its owner and states no task.
    """
    found = clauses(a.doc)
    acts = [x.start for x in a.spans("action")]
    out = []
    for h in a.spans("task"):
        if a.doc.text[h.end:h.end + 1] == "的" or _TARGET_MET.match(a.doc.text, h.end):
            continue
        i = next((k for k, c in enumerate(found) if c.span.start <= h.start < c.span.end), None)
        if i is None:
            continue
        sentence = a.doc.sentence_of(h.start)
        end = found[i].span.end
        while i + 1 < len(found) and found[i + 1].span.start < sentence.end and (
                m := _TASK_GOES_ON.match(a.doc.text[end:found[i + 1].span.start + 12])):
            if m.group(0).strip() in (":", "："):
                end = sentence.end  # "The brief from my manager: reduce AHT, which was 9 minutes, …": all of it
                break
            i += 1
            end = found[i].span.end
        stops = [m.start() for m in (_NEXT_LABEL.search(a.doc.text, h.end), _SPACE_STOP.search(a.doc.text, h.end)) if m]
        end = min(end, sentence.end, *stops, *(x for x in acts if x >= h.end))
        out.append((h.start, end))
    return out


def _target_is_no_result(a, told) -> None:
    """Drop the result and number hits (not a labelled "R:") that lie in a stretch stating the task."""
    stretches = _task_stretches(a)
    if not stretches:
        return

    def inside(sp) -> bool:
        start = sp.start + len(sp.text) - len(sp.text.lstrip(" 。.;；|｜,，"))  # "。Result：…" starts after its stop
        return any(s <= start < e for s, e in stretches)

    for target in ("result", "quantified_result"):
        hits = a.hits.get(target)
        if hits:
            a.hits[target] = [(r, sp) for r, sp in hits
                              if not inside(sp) or r.id.endswith((".labelled", ".labelled_dash"))]
    told["result"] = [sp for sp in told.get("result", ()) if not inside(sp)]


# Session 16 (judge J-star16). What holds since the event is the result: a clause opened by a time that points back
# to the story ("Since that case I check for a vulnerability marker on every call", "Since the Linden Street case I
# always give the target timescale", "从那以后，我每次交接班都会把没结的case写进交接本", "那次以后我算是学乖了，碰到批量丢件
# 先往上报", "打那以后，我碰到…都先查流水") tells a practice changed or a lesson kept (convention 5): the result, not the
# story's action (writers of blind13, blind15, blind17, blind19, blind20, blind21, train: r, and no a when nothing
# else is told). The anchors are rules/star.yaml star.en.since_the_event / star.zh.since_the_event (piece rules); the
# stretch runs from the anchor to the end of its sentence, and the speaker's acts in it are dropped.
SINCE_THE_EVENT_IS_RESULT = True


def _since_the_event(a, told) -> bool:
    """Read a clause opened by a time pointing back to the story, to its sentence's end, as the result (no act).

    Return True when such a stretch was found and no clause outside it has the speaker acting or a predicate: then
    the text tells only what has held since, and the learned layer may not add an action (``since_only``, rules/
    star.yaml model_may_not_add; session 17, the refit with blind21 read "从那次以后，我每次放下电话前都会…" as an action).
    """
    anchors = tuple(p for r in piece_rules("star", "since_the_event", a.lang) for p in r.patterns)
    if not anchors:
        return False
    stretches = []
    for c in clauses(a.doc):
        if any(p.match(c.span.text) for p in anchors):
            sentence = a.doc.sentence_of(c.span.start)
            stretches.append(Span(c.span.start, sentence.end, a.doc.text[c.span.start:sentence.end]))
    if not stretches:
        return False

    def inside(sp) -> bool:
        return any(s.start <= sp.start < s.end for s in stretches)

    told["result"] = sorted({*told.get("result", ()), *stretches}, key=lambda sp: sp.start)
    for part in ("action", "notes_action"):
        told[part] = [sp for sp in told.get(part, ()) if not inside(sp)]
    if a.hits.get("action"):
        a.hits["action"] = [(r, sp) for r, sp in a.hits["action"] if not inside(sp)]
    # "那次以后" points back to the story: it dates no scene
    if a.hits.get("situation"):
        a.hits["situation"] = [(r, sp) for r, sp in a.hits["situation"] if not (r.id.endswith(".when") and inside(sp))]
    return not any(c.predicate and not inside(c.span) for c in clauses(a.doc))


# Tried and left out (session 8, judge gls6): dropping the structural scene in the sentence that states the task
# ("Task: cut the number of repeat calls.", "My job: onboarding 20 new agents in 4 weeks."). Plain, en situation +6
# (blind4 +3, writers +3, train +1, blind5 -1) and zh -3; cross-validated (--set train --kind star) en situation
# blind4 +.029, blind9 +.015, train +.005, writers +.020 against blind3 -.014, blind5 -.014, blind6 -.031, blind7
# -.014: no clear gain over the learned layer.


def check_star(text: str, lang: str = "auto", context: str | None = None) -> StarReport:
    """Read a STAR answer and say which parts it has, whether the result is quantified, and I versus we."""
    text = clean(text)
    a = analyse("star", text, lang, context)
    a.hits.pop(RATES, None)  # a clause-level lexicon (_rates), not a part of the answer
    if is_empty(text):
        return StarReport(lang=a.lang, score=0, empty=True, suggestions=(a.say("empty"),),
                          elements=frozen({e: False for e in ELEMENTS}))
    told = (NOTES_SHE_IS_THE_CANDIDATE and _notes_story(a)) or story(a.doc)
    if SCENE_BEFORE_ACTION:
        _scene_is_no_result(a, told)
    if WE_GO_ON_ACTING:
        _team_goes_on(a, told)
    if SPEAKER_TIME_IS_NO_SCENE:
        _time_of_an_act(a, told)
    if STATE_AFTER_ACT:
        _state_after_act(a, told)
    if VAGUE_STATE_IS_NO_RESULT:
        _vague_state(a)
    if TARGET_IN_TASK_IS_NO_RESULT:
        _target_is_no_result(a, told)
    since_only = SINCE_THE_EVENT_IS_RESULT and _since_the_event(a, told)
    rates_only = RATING_IS_NO_ACT and _rates_only(a, told)
    if rates_only:
        told = {**told, "result": []}
    rules = {e: a.has(e) or (e in STORY_PARTS and bool(told.get(e))) for e in ELEMENTS}
    rules["action"] = rules["action"] or bool(told.get("notes_action"))
    # "Not one order was lost", "all 200 cases were paid" are outcomes as well as numbers (rules/star.yaml).
    zero_count = any(r.id.endswith((".zero_count", ".all_n")) for r, _ in a.hits.get("quantified_result", ()))
    rules["result"] = rules["result"] or zero_count
    extra = actor_features(a.doc) | {f"story_{part}" for part, spans in told.items() if spans}
    extra |= {"since_only"} if since_only else set()  # only what held since the event: no act (model_may_not_add)
    # A number in a sentence that tells the result is what "quantified" means.
    result_sentences = {a.doc.sentence_of(s.start) for s in [*a.spans("result"), *told["result"]]}
    if any(a.doc.sentence_of(q.span.start) in result_sentences for q in a.doc.quantities):
        extra.add("number_in_result")
    # Tighter: a number (not a date) in the very clause that tells the result, not elsewhere in its sentence
    # ("I mapped the 10 most common reasons and wrote a guide" holds a number in the action).
    hits = [*a.spans("result"), *told["result"]]
    result_clauses = [c.span for c in clauses(a.doc) if any(c.span.start <= h.start < c.span.end or
                                                           h.start <= c.span.start < h.end for h in hits)]
    counted = any(any(c.start <= q.span.start < c.end for c in result_clauses)
                  and not a.doc.deadline_set.overlaps(q.span) and not _year(q) and not _ordinal(a, q)
                  for q in [*a.doc.quantities, *_measured(a, result_clauses, told)])
    if counted:
        extra.add("number_in_result_clause")
    rules["quantified_result"] = rules["result"] and (a.has("quantified_result") or (NUMBER_IN_RESULT and counted))
    j = judge(a, rules, extra=extra, spans={part: spans for part, spans in told.items() if spans})
    elements = {e: bool(j.verdicts[e]) for e in ELEMENTS}
    quantified = bool(j.verdicts["quantified_result"])
    i_count, we_count = len(a.spans("first_person")), len(a.spans("we"))
    ratio = round(i_count / (i_count + we_count), 2) if i_count + we_count else None

    pitfalls, suggestions = [], []
    for e in ELEMENTS:
        if not elements[e] and e not in j.unsure:
            suggestions.append(a.say(f"missing.{e}"))
    if elements["result"] and not quantified and "quantified_result" not in j.unsure:
        suggestions.append(a.say("missing.quantified_result"))
    # "We" is natural in a team story; it becomes a problem when it outweighs the speaker's own part.
    if ratio is not None and ratio < 0.5 and we_count >= 2:
        pitfalls.append(Pitfall("we_not_i", a.say("why.we_not_i")))
        suggestions.append(a.say("fix.we_not_i"))
    suggestions.extend(q["text"] for q in j.questions)
    if not suggestions:
        suggestions.append(a.say("next"))
    score = clamp(20 * sum(elements.values()) + 10 * quantified + (10 if (ratio or 0) >= 0.5 else 0)
                  - 10 * len(pitfalls))
    evidence = a.evidence([*(e for e in ELEMENTS if elements[e]), *(["quantified_result"] if quantified else [])])
    return StarReport(lang=a.lang, score=score, evidence=evidence, pitfalls=tuple(pitfalls),
                      suggestions=tuple(suggestions), elements=frozen(elements), quantified_result=quantified,
                      first_person_ratio=ratio, confidence=frozen(j.confidence), unsure=j.unsure,
                      questions=j.questions, answers=frozen(j.answers), features=frozen(j.features))
