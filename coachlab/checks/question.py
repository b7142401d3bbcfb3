"""Coaching questions: open, closed or a statement; leading or advice in disguise; which GROW stage."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from coachlab.text import Span

from .base import Analysis, analyse, clamp, clean, is_empty, judge
from .report import Evidence, Pitfall, QuestionReport, frozen
from .structure import STRUCTURE_MAX, clauses, imperative_lexicon, pos_tags

STAGES = ("goal", "reality", "options", "will")
_QMARK = re.compile(r"[?？][!！]*\s*$")  # "Why on earth did you hang up?!" asks too
STATED_ADVICE = True  # a statement that tells the agent what to do is advice (cross-validated, see train.py)
# Session 13, judge J-question13b: a statement that names the person and gives a verdict on their path or a direction, with no
# marker that hands over a goal, an answer or a fix ("You'd make a great team lead, you know", "团队现在挺离不开你的，你想清楚哦"),
# carries the pitfall `steers` (convention 28; rules/question.yaml steers). It does not make the text leading: the per-label
# corpora label no such statement leading. Retired turns3, turns11, turns12, turns14 (en, zh) and turns15 label it steering at
# the GROW Goal turns, which route on the pitfall; the verdicts at other question turns (promo-overconfident-360 self-view,
# promo-pay-question motive, golden-circle how-question, swot evidence, review-peak-day causes) are labelled steering by some
# writers and the fallback by as many, so their routing is left as it is.
STATEMENT_STEERS = True


def _in(spans: list[Span], sentence: Span) -> bool:
    return any(sentence.start <= s.start < sentence.end for s in spans)


_CLAUSE = re.compile(r"[^，,、；;]+")
_HUH = re.compile(r"^(?:嗯|哎|诶|那|好)?(?:怎么啦|怎么了|咋啦|咋了|怎么回事)[啊呀呢]?$")  # "怎么啦，是不是…" opens a guess
_TAG = re.compile(r"^(?:对吧|是吧|好吧|不是吗|行吧|不|没)[？?]?$")


def _open_clause(a: Analysis, sentence: Span, wh: list[Span], closed: list[Span]) -> bool:
    """Return True when a comma clause of the sentence asks with a question word and has no yes/no frame."""
    if a.lang not in (a.book.settings.get("clause_form") or ()):
        return False
    if any(_TAG.match(c.text) for c in closed if sentence.start <= c.start < sentence.end):
        return False  # a tag asked for a nod ("这周怎么样，还扛得住不？", "…是吧？") closes the whole sentence
    for m in _CLAUSE.finditer(sentence.text):
        clause = Span(sentence.start + m.start(), sentence.start + m.end(), m.group())
        if _in(wh, clause) and not _in(closed, clause) and not _HUH.match(clause.text.strip()):
            return True
    return False


def _form(a: Analysis) -> tuple[str, Span | None]:
    """Return the form of the first question in the text, and that question's sentence.

    With ``closed_then_open`` (rules/question.yaml), a yes/no question followed by an open one or an
    invitation ("Can you give me an example? Who was it?") is open: the learner asks the open one.
    """
    opens, wh, closed, bare = a.spans("open_lead"), a.spans("wh"), a.spans("closed"), a.spans("asked")
    rhetoric = a.spans("rhetorical")
    follow = bool(a.book.settings.get("closed_then_open"))
    first: tuple[str, Span] | None = None
    for sentence in a.doc.sentences:
        # A question mark, or (chat register) a sentence that ends the way only a question ends; a reproach
        # in question form ("怎么又是你？") asks nothing.
        asked = (bool(_QMARK.search(sentence.text)) or _in(bare, sentence)) and not _in(rhetoric, sentence)
        if _in(opens, sentence):
            form = "open"
        elif not asked:
            continue
        elif _in(closed, sentence):
            # A yes/no frame wins over a question word inside it: "Do you know what happened?" is closed; in a
            # Chinese sentence of several clauses, a clause that asks with a question word and no yes/no frame of
            # its own keeps the sentence open ("她那边最后是什么情况，有没有什么数字能说明？"; clause_form).
            form = "open" if _open_clause(a, sentence, wh, closed) else "closed"
        else:
            form = "open" if _in(wh, sentence) else "closed"
        if first is None:
            first = (form, sentence)
        if form == "open" or not follow:
            return (form, sentence) if form == "open" else first
    return first or ("statement", None)


def _asks_habit(a: Analysis) -> bool:
    """Return True when a clause that asks (a question word, or the question mark) is about what someone usually does.

    A habit told in a remark before the question ("校准会一般是月初开，你打算哪次开始参加？") sets no stage.
    """
    habits, wh = a.spans("habitual"), a.spans("wh") + a.spans("open_lead")
    by_clause = a.lang in (a.book.settings.get("clause_form") or ())  # English asks in the whole sentence
    for sentence in a.doc.sentences:
        for m in (_CLAUSE.finditer(sentence.text) if by_clause else [re.match(r".*", sentence.text, re.S)]):
            clause = Span(sentence.start + m.start(), sentence.start + m.end(), m.group())
            if _in(habits, clause) and (_in(wh, clause) or _QMARK.search(clause.text)):
                return True
    return False


@lru_cache(maxsize=4)
def _reading_words(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return the word classes of the asked clause (rules/question.yaml ask_reading), compiled for ``lang``."""
    from .engine import rulebook

    table = (rulebook("question").settings.get("ask_reading") or {}).get(lang) or {}
    out = []
    for name, words in table.items():
        body = "|".join(re.escape(w) if lang == "zh-CN" else rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True))
        out.append((str(name), re.compile(body or r"(?!)", re.IGNORECASE)))
    return tuple(out)


def ask_reading(a: Analysis) -> frozenset[str]:
    """Return what the asked clause asks the person to produce, read from its structure (rules/question.yaml ask_reading).

    The asked clause is the comma clause of a question that carries its question word or its question mark (Chinese), or
    the question sentence (English). Its reading names the modality of its verb (ability: 能/可以/could; intent: 打算/will;
    wish: 想/希望/would like), its time (past, now, future), a supposed case, a borrowed view, and who acts in it (you, me,
    us). Trainers tell the GROW stages by what the question asks the person to produce (a wished outcome, a fact of now or
    the past, a possible act, a commitment); the learned stage model reads these as features (s:ask.*).
    """
    words = _reading_words(a.lang)
    if not words:
        return frozenset()
    wh_all = sorted((s for s in a.spans("wh") + a.spans("open_word") if s.start < STRUCTURE_MAX), key=lambda s: s.start)
    starts, marks = [s.start for s in wh_all], a.spans("asked") + a.spans("open_lead")
    found: set[str] = set()
    for sentence in a.doc.sentences:
        if sentence.start >= STRUCTURE_MAX:
            break  # a question is read in its first lines, as the clause structure is (structure.STRUCTURE_MAX)
        if not (_QMARK.search(sentence.text) or _in(marks, sentence)):
            continue
        wh = wh_all[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        if a.lang == "zh-CN":
            parts = [Span(sentence.start + m.start(), sentence.start + m.end(), m.group()) for m in _CLAUSE.finditer(sentence.text)]
            asked = [c for c in parts if _in(wh, c)] or parts[-1:]
        else:
            asked = [sentence]
        for clause in asked:
            for name, pattern in words:
                if pattern.search(clause.text):
                    found.add(f"ask.{name}")
    return frozenset(found)


def asks_about(a: Analysis) -> tuple[str, ...]:
    """Return what the question asks about (rules/question.yaml asks_you): "you", "habit", in that order.

    "you": a question sentence (a question mark or an invitation) names the person spoken to ("what did u do?", "具体到你本人，
    做了哪些事？"); a question about someone else's part ("What did the team do?", "你们团队是怎么帮她的？") does not.
    "habit": it asks what someone usually does (_asks_habit).
    """
    table = a.book.settings.get("asks_you") or {}
    words, groups = table.get(a.lang) or (), (table.get("not") or {}).get(a.lang) or ()
    marks = a.spans("asked") + a.spans("open_lead")
    found: list[str] = []
    for sentence in a.doc.sentences:
        if not (_QMARK.search(sentence.text) or _in(marks, sentence)):
            continue
        text = sentence.text
        for group in groups:
            text = text.replace(group, " " * len(group))
        if a.lang == "zh-CN":
            hit = any(w in text or w in text.lower() for w in words)
        else:
            hit = any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words)
        if hit:
            found.append("you")
            break
    if _asks_habit(a):
        found.append("habit")
    return tuple(found)


def _told_stage(a: Analysis, told: str) -> str | None:
    """Return the GROW stage of a told statement: the stage of what it hands over (conventions 19).

    ``told`` says what the statement tells: ``fix`` (an act to do: stated advice, a fix told by mood or clause) or
    ``handed`` (a goal or an answer handed over). The rows of rules/question.yaml ``told_stage`` are read in order: a goal
    handed over is Goal, a date or a first step fixed for the person is Will, a fix or an option is Options; an answer
    handed over that is no fix and no goal ("The problem is your tone") hands over no stage.
    """
    for row in a.book.settings.get("told_stage") or ():
        if any(a.has(t) for t in row.get("any") or ()) or told in (row.get("told") or ()):
            return str(row["stage"])
    return None


@lru_cache(maxsize=4)
def _steer_words(lang: str) -> tuple[re.Pattern[str], ...]:
    """Return the person, verdict, would and good word classes of rules/question.yaml ``steers``, compiled for ``lang``."""
    from .engine import rulebook

    table = (rulebook("question").settings.get("steers") or {}).get(lang) or {}

    def body(words: list[str]) -> re.Pattern[str]:
        words = sorted(words or (), key=len, reverse=True)
        alts = "|".join(re.escape(w) if lang == "zh-CN" else rf"(?<![\w']){re.escape(w)}(?![\w'])" for w in words)
        return re.compile(alts or r"(?!)", re.IGNORECASE)

    return tuple(body(table.get(name)) for name in ("person", "verdict", "would", "good"))


def _steers(a: Analysis) -> Span | None:
    """Return the first sentence of a statement that names the person and gives a verdict or a direction, else None.

    A sentence that asks (a question mark, or a chat-register question) is read as a question, not as steering
    (rules/question.yaml steers).
    """
    person, verdict, would, good = _steer_words(a.lang)
    marks = a.spans("asked") + a.spans("open_lead") + a.spans("wh")
    for sentence in a.doc.sentences:
        if _QMARK.search(sentence.text) or _in(marks, sentence):
            continue  # a sentence with a question word asks, in the chat register, even without its question mark
        text = sentence.text.replace("’", "'")
        pictured = would.search(text)
        if person.search(text) and (verdict.search(text) or (pictured and good.search(text, pictured.end()))):
            return sentence
    return None


def _small_talk(a: Analysis) -> bool:
    """Return True when the text is small talk: a small_talk word, and no work word outside the small talk's own words.

    A work word inside a small-talk phrase names no work: the team's night out or lunch is a social event ("Did you enjoy the
    team night out?"), and "先不说工作" puts the work aside (rules/question.yaml question.*.small_talk, session 14b).
    """
    talk = a.spans("small_talk")
    if not talk:
        return False
    return not any(not any(t.start <= w.start and w.end <= t.end for t in talk) for w in a.spans("work_topic"))


def _mocks(a: Analysis) -> bool:
    """Return True when the tone check is sure the text mocks the listener (coachlab/checks/tone.py; an unsure flag is asked)."""
    from .tone import verdict

    found = verdict(a.doc.text, a.lang)
    return found is not None and not found.unsure


def _stage(a: Analysis, form: str, told: str | None = None) -> str | None:
    """Return the GROW stage: none for small talk; else the stage with most cues, ties by `stages` order.

    A real question with no cue of any stage takes ``stage_default`` (rules/question.yaml says which and
    why): asking about work as it is now is the Reality stage, whatever words it uses. A told statement (``told``:
    what it tells, see _told_stage) has the stage of what it hands over when ``stated_advice_has_stage`` is on.
    """
    if a.has("reproach"):  # "难道你不知道…？" scolds and asks about no stage (rules/question.yaml)
        return None
    if a.book.settings.get("mockery_has_no_stage") and _mocks(a):
        return None  # a dig asks about no stage, whatever it echoes (conventions 18, 19; rules/question.yaml mockery_has_no_stage)
    blames = set(a.book.settings.get("accusing_no_stage") or ())
    if blames and not a.has("advice") and any(rule.id in blames for rule, _ in a.hits.get("leading", ())):
        return None  # an accusing why that blames the person for an act asks about no stage (conventions 10, 26; accusing_no_stage)
    if a.book.settings.get("handed_goal_is_goal") and a.has("handed_goal") and not a.has("pressure"):
        # A goal handed over is Goal in any form, a tag or a rhetorical question after it included ("下一步当然是考组长啊，对吧？");
        # its "next step" is the goal's, not a first step (conventions 19; rules/question.yaml handed_goal_is_goal).
        return "goal"
    suggested = a.book.settings.get("stage_of_advice")
    # ("你试过…没有？" carries 试过, a Reality word, inside the suggestion itself: conventions 6)
    tried = a.has("try_suggestion") and not a.has("small_talk")
    if suggested and form != "statement" and (a.has("advice") or tried) and (not a.has("reality") or tried):
        return str(suggested)
    if _small_talk(a):
        return None
    has_stage = bool(a.book.settings.get("stated_advice_has_stage"))
    if form == "statement" and (told or any(a.has(t) for t in ("advice", "telling", "suggestion"))):
        if not (has_stage and told) or a.has("pressure"):
            return None  # advice that hands over nothing, or a threat, asks about no stage (rules/question.yaml)
        return _told_stage(a, told)  # the stage of what is handed over (conventions 19; rules/question.yaml told_stage)
    if a.has("pressure"):  # agreement demanded or a threat asks about no stage (rules/question.yaml)
        return None
    if a.book.settings.get("supposed_case") and form != "statement" and a.has("supposition"):
        # A supposed case pictures the outcome (Goal) or asks for acts (Options): conventions 11; rules/question.yaml
        # supposition, pictured, supposed_act. One that asks neither keeps the stage of its cues.
        if a.has("pictured"):
            return "goal"
        if a.has("supposed_act"):
            return "options"
    order = list(a.book.settings["stages"])

    def count(within: list[Span] | None) -> dict[str, int]:
        """Count the distinct cue rules of each stage, in the sentences ``within`` (all when None)."""
        return {s: len({rule.id for rule, span in a.hits.get(s, ())
                        if within is None or any(_in([span], q) for q in within)}) for s in order}

    cues = count(None)
    if a.book.settings.get("stage_from_questions"):
        # The stage is what the question asks: a remark before it ("那次确实是你先发现的。") sets none, unless
        # it is an invitation that sets the scene ("Picture your best shift ever. What's happening?").
        marks = a.spans("asked") + a.spans("open_lead")
        first = next((i for i, q in enumerate(a.doc.sentences) if _QMARK.search(q.text) or _in(marks, q)), 0)
        if first:
            from_question = count(list(a.doc.sentences[first:]))
            if any(from_question.values()):
                cues = from_question
        # Options asked first and how or when to carry them out asked after: options (stage_first_question).
        asked_q = [q for q in a.doc.sentences[first:] if _QMARK.search(q.text) or _in(marks, q)]
        if len(asked_q) > 1 and a.book.settings.get("stage_first_question"):
            lead = count([asked_q[0]])
            if lead.get("options") and not lead.get("will") and cues.get("will"):
                cues = dict(cues, options=cues["will"] + 1)
    if a.book.settings.get("habitual_is_reality") and _asks_habit(a):
        # what someone usually does is work as it is now (rules/question.yaml habitual_is_reality)
        cues = dict(cues, reality=max(cues.values(), default=0) + 1)
    if a.book.settings.get("stage_choice") == "priority":
        picked = next((s for s in order if cues[s]), None)
    else:
        best = max(cues.values(), default=0)
        picked = next((s for s in order if cues[s] == best), None) if best else None
    if (picked is None and form == "statement" and a.book.settings.get("observation_is_reality") and a.has("observation")
            and not any(a.has(t) for t in ("advice", "telling", "suggestion", "handed", "small_talk"))):
        return "reality"  # a fact about the person's work put on the table (conventions 10; rules observation_is_reality)
    reading = a.book.settings.get("stage_from_reading") or {}
    if (picked is None and form != "statement" and reading
            and not any(a.has(t) for t in ("leading", "pressure", "rhetorical", "open_lead", "small_talk"))):
        # No stage cue: what the asked clause asks the person to produce decides (rules/question.yaml stage_from_reading).
        read = ask_reading(a)
        for row in reading:
            if all(f"ask.{c}" in read for c in row.get("all") or ()) and not any(f"ask.{c}" in read for c in row.get("none") or ()):
                return str(row["stage"])
    default = a.book.settings.get("stage_default")
    if picked is None and default and form in (a.book.settings.get("stage_default_forms") or ()):
        needs = a.book.settings.get("stage_default_needs")
        if not needs or any(a.has(t) for t in needs):
            return str(default)
    return picked


def _sentence_of(a: Analysis, span: Span) -> str:
    """Return the learner's sentence around ``span`` (shortened for a suggestion): their own words, whole."""
    text = next((q.text for q in a.doc.sentences if q.start <= span.start < q.end), span.text).strip()
    return text if len(text) <= 40 else text[:38] + "…"


# A fix told by the clause's mood, not by a marker word (conventions 13; rules/question.yaml fix_by_mood): a Chinese clause
# to the person that ends in the directive 吧/呗 on an act ("那日报就直接交给小李吧", "你就用计算工具呗", "那就早一班公交呗").
# A guess or a tag (对吧, 肯定很累吧), a verdict (说白了就是…呗), a demand for an answer (能不能…吧), no fix (你先自己试试吧),
# an agenda (从…开始吧), an invitation to tell the coach (跟我说说吧) and a closing ("今天就到这吧") tell no fix: the rule
# question.zh.mood_no_fix marks them (its words and examples live in rules/question.yaml).
_ZH_DIRECTIVE = re.compile(r"[吧呗](?:[。！!～~]|\s|$)")


def _not_acts(a: Analysis) -> frozenset[str]:
    """Return the Chinese verbs that tell no act (rules/question.yaml not_an_act_verb: 是, 有, 觉得 …)."""
    return frozenset(a.book.settings.get("not_an_act_verb") or ())


def _fix_by_mood(a: Analysis) -> bool:
    """Return True when a clause of a Chinese statement tells the person an act to do, by its mood (吧/呗)."""
    not_fix = a.spans("mood_no_fix")
    for clause in clauses(a.doc):
        text = clause.span.text.strip()
        if a.lang == "zh-CN":
            if not _ZH_DIRECTIVE.search(text) or _in(not_fix, clause.span):
                continue
            if re.search(r"^(?:那就|那你)|你就|^那[^，。！!？?\s]{1,8}就", text):
                return True
            if "你" in text and any(f.startswith("v") and w not in _not_acts(a) for w, f in pos_tags(text)):
                return True
    return False


def _told_by_clause(a: Analysis) -> bool:
    """Return True when a clause of a statement tells the person an act by its structure (rules/question.yaml told_by_clause).

    English: the clause opens with an imperative verb ("Just cut the small talk", "First thing: go to the billing session");
    Chinese: the clause's head is a modal of duty said to the person or to nobody in particular ("应建立健全…",
    "你需要学会授权"), or the person is told what to do with a thing (你把…<verb>: "你把一些寒暄省掉"). An imperative that
    invites the person to speak or think ("Tell me about it", "你把经过跟我说说") asks, and tells nothing (question.*.invite).
    """
    if not a.book.settings.get("told_by_clause"):
        return False
    invites, subject = a.spans("invite"), None
    for clause in clauses(a.doc):
        sentence = a.doc.sentence_of(clause.span.start)
        if subject is not None and subject[0] != sentence.start:
            subject = None
        if clause.actor is not None and subject is None:
            subject = (sentence.start, clause.actor)
        if _in(invites, clause.span) or (a.lang != "en" and clause.actor not in (None, "you")):
            continue  # (an English imperative's team or customer is its object: "Write it up for the team")
        if a.lang == "zh-CN" and _started_for_you(a, clause.span, sentence):
            return True  # "周一开始，你每天8点前登录。": an act with its start fixed for the person (conventions 19: Will)
        text = clause.span.text.strip()
        if a.lang == "en":
            if subject is not None and subject[1] in ("you", "me") and clause.actor is None:
                continue  # "you listen to two calls on Tuesday and try her opening": the verb goes on with its subject
            verbs, _ = imperative_lexicon("en")
            words = [w.lower() for w in re.findall(r"[A-Za-z']+", text)]
            lead = a.book.settings.get("told_lead") or ()
            while words and words[0] in lead:
                words = words[1:]
            if words and words[0] in verbs:
                return True
        elif a.lang == "zh-CN":
            # "…就行了" / "…就好了" closes the fix with a 了 of its own, not a 了 of something done (session 9, round 2)
            enough = _ZH_ENOUGH.search(text)
            # "你只要把交接做了就行了": after 只要 the 了 is the condition's, not something done (told_zh condition; session 12)
            if (not _zh_told_words(a, "condition", "(?:.*?)(?:{})").match(text)
                    and re.search(r"[了过](?!解)", text[:enough.start()] if enough else text)):
                continue
            told_own = subject is not None and subject[1] == "me" and clause.actor is None
            if told_own or _zh_told_words(a, "story_lead").match(text):
                continue  # the speaker's own story ("我之前也是…，后来全交出去就好了"): nothing told to the person
            if _in(a.spans("duty_head"), clause.span):
                return True
            tags = pos_tags(text)
            words = [w for w, _ in tags]
            if "把" in words and (any(w in ("你", "您") for w in words[:words.index("把")])
                                  or (clause.actor is None and _zh_told_words(a, "ba_lead", "(?:{})*把").match(text))):
                # 你把…<verb>, or a 把 clause with no subject at all ("把调账学会", "然后把权限搞清楚"): an order
                if any(f[:1] in ("v", "l") and w not in _not_acts(a) for w, f in tags[words.index("把") + 1:]):
                    return True
            if enough and clause.actor in (None, "you"):
                # "用那个工具就行", "回拨放那时候就行了": an act on something the person is told is all it takes; a bare
                # demand of the outcome ("准时来就行了") names no act to do (testplan bid-late-logins judging: fallback)
                head = [(w, f) for w, f in pos_tags(text[:enough.start()]) if w.strip()]
                means = _zh_told_words(a, "means")
                if any(means.fullmatch(w) or (f.startswith("v") and w not in _not_acts(a)
                                              and any(g[:1] not in ("v", "d", "u") for _, g in head[i + 1:]))
                       for i, (w, f) in enumerate(head)):
                    return True
    return False


def _next_time_rule(a: Analysis) -> bool:
    """Return True when a sentence of a statement lays down a rule for next time: a marker of from when on, then an act.

    "Next time the team lead calls in the back office.", "next time just ring me", "以后看到排队就直接找我。" hand over a fix,
    whoever is to act (conventions 13, 24; rules/question.yaml next_time). What follows the marker in its sentence is read:
    a repeat put as a condition (again, 再: a threat or a cheer), doing the same again, or no act on something tells no fix.
    """
    table = (a.book.settings.get("next_time") or {}).get(a.lang) or {}
    markers = table.get("marker") or ()
    if not markers:
        return False
    mark = re.compile("|".join(re.escape(m) if a.lang == "zh-CN" else rf"\b{re.escape(m)}\b"
                               for m in sorted(markers, key=len, reverse=True)), re.IGNORECASE)
    asked = a.spans("asked") + a.spans("wh")
    for sentence in a.doc.sentences:
        text = sentence.text.replace("’", "'")
        found = mark.search(text)
        if found is None or _QMARK.search(text) or _in(asked, sentence):
            continue
        rest = text[found.end():] if a.lang == "zh-CN" else text
        low = rest.lower()
        if any(w in low for w in (*(table.get("same") or ()), *(table.get("wish") or ()))) or any(
                w in text for w in table.get("wish") or ()):
            continue
        if a.lang == "zh-CN":
            if any(rest.lstrip("，, ").startswith(w) for w in table.get("again") or ()):
                continue  # "下次再这样硬撑…", "以后再有这种情况不报，后果自负": a repeat as a condition
            tags = [(w, f) for w, f in pos_tags(rest) if w.strip()]
            skip = _not_acts(a) | frozenset(table.get("vague") or ())
            if any(f.startswith("v") and w not in skip and any(g[:1] not in ("v", "d", "u", "x", "y") for _, g in tags[i + 1:])
                   for i, (w, f) in enumerate(tags)):
                return True
        else:
            words = re.findall(r"[a-z']+", low)
            if any(w in words for w in table.get("again") or ()):
                continue
            verbs = imperative_lexicon("en")[0] | frozenset(w for w in table.get("act") or () if " " not in w)
            if re.search("|".join(rf"\b{re.escape(w)}\b" for w in table.get("act") or () if " " in w) or r"(?!)", low):
                return True
            for i, w in enumerate(words[:-1]):
                stem = w[:-2] if w.endswith("es") and w[:-2] in verbs else w[:-1] if w.endswith("s") else w
                if (w in verbs or stem in verbs) and words[i + 1] not in ("to",):
                    return True
    return False


def _started_for_you(a: Analysis, clause: Span, sentence: Span) -> bool:
    """Return True when a Chinese clause tells the person an act and its start or deadline is fixed in or before it.

    "你下周一就开始用备注模板" fixes the start in the clause; "周一开始，你每天8点前登录。" fixes it in a time clause that heads the
    sentence (retired blind17 zh: Will, conventions 19). Something done (了/过) tells nothing. A report back to the coach
    ("…你先跟我报一下前一天的回访数", "你周四前把方案发我") is left to the invite rule: the writers split on whether it is advice.
    """
    text = clause.text.strip()
    if "你" not in text or re.search(r"[了过](?!解)", text):
        return False
    if not any(sentence.start <= s.start < clause.end for s in a.spans("fixed_when")):
        return False
    return any(f.startswith("v") and w not in _not_acts(a) for w, f in pos_tags(text))


# The rest of a Chinese fix told as all it takes ("…就行", "…就好了", "…就可以了"; question.py _told_by_clause, session 9 round 2).
_ZH_ENOUGH = re.compile(r"就(?:行|好|可以|够)了?[。！!～~]?$")


@lru_cache(maxsize=8)
def _told_pattern(words: tuple[str, ...], frame: str) -> re.Pattern[str]:
    return re.compile("^" + frame.format("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"))


def _zh_told_words(a: Analysis, name: str, frame: str = "(?:{})") -> re.Pattern[str]:
    """Return the word class ``name`` of rules/question.yaml told_zh (a 把 clause's link words, a story's lead, means)."""
    return _told_pattern(tuple((a.book.settings.get("told_zh") or {}).get(name) or ()), frame)


def _which_typo(a: Analysis) -> str | None:
    """Return the text with 那些 read as 哪些 in the Chinese questions that ask with no question word, else None.

    那些 / 哪些 (and 那里 / 哪里) sound alike and a phone's input method offers both: "这六周下来你觉得自己那些地方做的还行，
    那些地方不太顺？", "还有那些办法？" ask which (rules/question.yaml which_typo). A question that has a question word or a
    yes/no frame of its own ("那些一周内又打回来的 一般是啥情况？") keeps 那些 as "those". The forms have the same length, so
    every span stays where it was.
    """
    forms = a.book.settings.get("which_typo") or {}
    if a.lang != "zh-CN" or not forms:
        return None
    text, wh, closed = a.doc.text, a.spans("wh"), a.spans("closed")
    out = text
    for sentence in a.doc.sentences:
        if (not any(typo in sentence.text for typo in forms) or not _QMARK.search(sentence.text)
                or _in(wh, sentence) or _in(closed, sentence)):
            continue
        fixed = sentence.text
        for typo, meant in forms.items():
            fixed = fixed.replace(typo, meant)
        out = out[:sentence.start] + fixed + out[sentence.end:]
    return out if out != text else None


def _accusing(a: Analysis) -> str | None:
    """Return the reason of the rule that found an accusing why or a reproach (rules/question.yaml accusing), else None."""
    table = a.book.settings.get("accusing") or {}
    ids = set(table.get("rules") or ())
    for target in ("leading", *(table.get("signals") or ())):
        for rule, _ in a.hits.get(target, ()):
            if target != "leading" or rule.id in ids:
                return str(rule.why[a.lang])
    return None


def closed_fact(a: Analysis, form: str) -> bool:
    """Return True when the text asks only for a fact or two (who, how many, where) and nothing more."""
    return (form != "statement" and a.has("closed_fact") and not a.has("open_word") and not a.has("open_lead")
            and not _small_talk(a))


def check_question(text: str, lang: str = "auto", context: str | None = None) -> QuestionReport:
    """Read a coaching question and classify its form, leading-ness, hidden advice and GROW stage."""
    text = clean(text)
    a = analyse("question", text, lang, context)
    if is_empty(text):
        return QuestionReport(lang=a.lang, score=0, empty=True, suggestions=(a.say("empty"),))
    meant = _which_typo(a)
    if meant is not None:
        a = analyse("question", meant, a.lang, context)
    form, sentence = _form(a)
    if form == "open" and a.has("fact_who") and closed_fact(a, form) and not (a.has("leading") or a.has("pressure")):
        form = "closed"  # who it was, or at what time, asked as a fact is closed (conventions 7; rules fact_who)
    # Advice smuggled into a question, or stated outright (a statement telling the agent what to do); only
    # the question kind also leads, as a statement asks nothing (the corpora label it so).
    # Taking the problem over (conventions 24; rules/question.yaml took_over) hands over a fix as stated advice does.
    took_over = form == "statement" and a.has("took_over") and not a.has("no_fix")
    stated = form == "statement" and STATED_ADVICE and (any(a.has(t) for t in ("advice", "telling", "suggestion", "took_over"))
                                                         or (not a.has("small_talk") and not a.has("no_fix")
                                                             and ((bool(a.book.settings.get("fix_by_mood")) and _fix_by_mood(a))
                                                                  or _told_by_clause(a) or _next_time_rule(a))))
    # One thing offered to try ("Have you tried X?", "Would reading the fare rule first help?") is advice (conventions 6).
    advice = (form != "statement" and (a.has("advice") or a.has("try_suggestion"))) or stated
    # A statement asks nothing, so it leads to no answer (the corpora never label one leading; the turn sets
    # send "你这么优秀，肯定没问题的" to the fallback, not to closed-or-leading): statement_leads in the rules.
    # A reproach put as a question ("怎么又是你？", "你怎么总是记不住核身四步？") reads as a statement and still leads:
    # an accusing why is leading with no stage (conventions 10; blind2-8 and train label it so).
    asks = form != "statement" or bool(a.book.settings.get("statement_leads", True)) or a.has("rhetorical")
    # Advice asked as a question leads, except a suggestion of one thing to try ("Have you tried X?", "要不要先…？"):
    # that is advice only (conventions 6; rules/question.yaml try_suggestion).
    # A reproach ("你为什么每次都…？", "难道你不知道…？") is leading with no stage (conventions 10, 26).
    leading = asks and (a.has("leading") or a.has("pressure") or a.has("reproach")
                        or (advice and form != "statement" and not a.has("try_suggestion")))
    # Telling instead of asking (conventions 13): a statement that hands the other person a fix (stated advice) or
    # their goal or answer ("You need to delegate, that's the goal", "现状就是你揽得太多了") leads, even though it asks
    # nothing. Reassurance, praise and remarks hand over nothing and stay as they are (rules/question.yaml telling_leads).
    handed = a.spans("handed") + a.spans("handed_goal")  # a goal handed over is an answer handed over (conventions 13)
    told = (form == "statement" and bool(a.book.settings.get("telling_leads"))
            and (stated or (bool(handed) and not a.has("small_talk"))) and not a.has("no_fix"))
    leading = leading or told
    stage = _stage(a, form, ("fix" if stated else "handed") if told else None)
    # Implicit steering (convention 28; STATEMENT_STEERS): a verdict or a direction said to the person, no marker of a fix or goal.
    steered = (_steers(a) if STATEMENT_STEERS and form == "statement" and not (told or advice or leading)
               and not a.has("small_talk") else None)
    asked = {"qmark"} if _QMARK.search(text.strip()) else set()
    asked |= ask_reading(a)
    if form == "statement" and not leading:
        # a statement that hands nothing over (no fix, goal or answer: not `told`) asks nothing and so leads nowhere, with
        # a leading word in it (reassurance, a remark) or without (a verdict that steers, STATEMENT_STEERS, has its own
        # pitfall): the model may not make it leading (rules/question.yaml statement_leads, model_may_not_add)
        asked.add("stated_cue")
    j = judge(a, {"form": form, "grow_stage": stage, "leading": leading, "advice": advice}, extra=asked)
    form, stage = j.verdicts["form"], j.verdicts["grow_stage"]
    leading, advice = bool(j.verdicts["leading"]), bool(j.verdicts["advice"])
    if sentence is None and form != "statement" and a.doc.sentences:
        sentence = a.doc.sentences[0]

    pitfalls, suggestions = [], []
    if form != "open" and "form" not in j.unsure:
        suggestions.append(a.say(f"form.{form}"))
    for cue in ("leading", "pressure"):
        if leading and a.has(cue):
            pitfalls.append(a.pitfall(cue))
            suggestions.append(a.say("fix.leading", quote=a.quote(cue)))
    accusing = _accusing(a) if leading else None
    if accusing is not None:
        # An accusing why or a reproach (conventions 26): a turn whose closed intent speaks only of yes/no questions sends it
        # to the fallback by this pitfall (rules/question.yaml accusing).
        pitfalls.append(Pitfall("accusing", accusing))
    if advice:
        pitfalls.append(Pitfall("advice", a.say("why.stated_advice" if form == "statement" else "why.advice")))
        suggestions.append(a.say("fix.stated_advice" if form == "statement" else "fix.advice"))
    if a.has("telling") and not advice:
        pitfalls.append(a.pitfall("telling"))
        suggestions.append(a.say("fix.telling", quote=a.quote("telling")))
    if took_over and advice:
        pitfalls.append(a.pitfall("took_over"))  # the manager takes the problem over (conventions 24)
    if told and leading:
        # The turn's intents tell a statement that tells (conventions 13) from a leading question by this pitfall.
        pitfalls.append(Pitfall("told", a.say("why.told")))
        if not advice and handed:
            suggestions.append(a.say("fix.told", quote=_sentence_of(a, handed[0])))
    if steered is not None:
        # The GROW Goal turns send a statement that steers to the intent whose feedback names steering (convention 28).
        pitfalls.append(Pitfall("steers", a.say("why.steers")))
        suggestions.append(a.say("fix.steers", quote=_sentence_of(a, steered)))
    if stage is None and _small_talk(a) and not (advice or a.has("pressure") or accusing):
        # Small talk is no coaching question (conventions 20): a tag on it ("You went to Yunnan, didn't you?") steers to no
        # answer about the matter, so it stays small talk; a threat or an accusation is the harsher mistake (conventions 21).
        pitfalls.append(a.pitfall("small_talk"))
    if closed_fact(a, form):
        # One fact asked for (who, how many, where) and nothing more: closed in effect (conventions 7); the question
        # nodes' closed-or-leading intents test this pitfall.
        pitfalls.append(a.pitfall("closed_fact"))
    if stage is None and "grow_stage" not in j.unsure:
        suggestions.append(a.say("missing.grow_stage"))
    suggestions.extend(q["text"] for q in j.questions)
    if not suggestions:
        suggestions.append(a.say("next"))

    score = clamp({"open": 50, "closed": 25, "statement": 0}[form] + (20 if stage else 0)
                  + (15 if not leading else 0) + (15 if not advice else 0) - 10 * a.has("telling"))
    evidence = list(a.evidence([*(s for s in STAGES if s == stage), *(["leading", "pressure", "handed"] if leading else []),
                                *(["advice"] if advice else []), "telling"]))
    if sentence is not None:
        evidence.append(Evidence(form, sentence.start, sentence.end, sentence.text))
    if meant is not None:  # the learner's own words, 那些 and all
        evidence = [replace(e, text=text[e.start:e.end]) for e in evidence]
    return QuestionReport(lang=a.lang, score=score, evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.end))),
                          pitfalls=tuple(pitfalls), suggestions=tuple(suggestions), form=form, leading=leading,
                          grow_stage=stage, advice=advice, asks=asks_about(a), confidence=frozen(j.confidence), unsure=j.unsure,
                          questions=j.questions, answers=frozen(j.answers), features=frozen(j.features))
