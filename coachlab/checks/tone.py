"""Tone: sarcasm, mockery and contempt at the listener, as a pitfall every check report carries.

The rules are data (rules/tone.yaml: each a form of mockery with its reason and examples). ``tone(text)``
returns the ``sarcasm`` pitfall with the evidence that raised it, or nothing; ``with_tone(report, text)`` adds
them to a report of any kind (``coachlab.checks.run`` does; the role-play engine then sends the answer to
the fallback with a tone note, unless an intent names ``pitfalls:sarcasm``). Precision first: irony about the situation shared with the
other person is not mockery of them, and no rule fires on it (measured in tests/checks/test_tone.py).

Session 9 (H-judge-tone8): a learned tone model backs the rules up. Per-phrase rules did not transfer from one
writer to the next (recall .58 en / .55 zh on the retired turn sets' sarcastic answers), so a logistic model over
words, Chinese character pairs and triples, the tone rules that fired and the shape of the answer (an echo
question, a closing question) is fitted by ``coachlab.checks.train`` (``models.json``: kind ``tone``, label
``sarcasm``) on the retired turn sets' mocking answers and the per-label sets' sarcasm flags. It raises the
pitfall only above the threshold in rules/tone.yaml (``model.threshold``, chosen leave-one-set-out so that no
more than ~0.3 % of good answers are flagged), on answers up to ``model.max_chars`` long (what it was fitted on;
it costs nothing on long texts); its evidence is the sentence of the learner's text that scores
highest, and ``explain`` names the features behind it. Without a shipped tone model the rules work alone.

Session 10 (H-tone-ask): a flag of the model alone below ``model.ask_below`` (0.65) is unsure (``verdict``): the
report still carries the pitfall, lists it in ``unsure`` with its confidence and a question quoting the learner's
words ("Did you mean … in earnest?"; yes drops the pitfall), so a role-play asks before the answer costs a try.

Session 10 (H-judge-tone10): the model also reads what a mocking answer does, not only its words (``features``): a
closing verdict of one to three words after something was named, a question answered by its own guess (English),
the character pairs of each Chinese clause that asks (``q:``); and it learns from training items of our own in every
register with their sincere look-alikes (tests/corpus/train/tone.model.{en,zh-CN}.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Mapping, TypeVar

from coachlab.text import Span
from coachlab.text.lang import normalize_lang_arg
from .base import _QUOTE_MAX, clean, is_empty
from .engine import Doc, find_all, piece_rules, rulebook
from .report import Evidence, Pitfall, Report, frozen

PITFALL = "sarcasm"
R = TypeVar("R", bound=Report)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# The shape of a mocking answer, whatever its words: a few of the person's words thrown back as a short question
# with more said after it ("Lost? Maybe…", "帮一把？我还能…"), an answer closed by a question, an exclamation.
_ECHO_QUESTION = re.compile(r"^\s*[^?？。.!！]{1,14}[?？]\s*\S")
_ENDS_QUESTION = re.compile(r"[?？]\s*$")
_BANG = re.compile(r"[!！]")
# Chinese carries the tone of a clause at its end: the modal particle it closes on (呗。嘛。吧？咯？啊。 after a
# statement; the closed class of 语气词) and the mark after it. Session 9, round 2 (H-judge-tone9).
_ZH_CLAUSE = re.compile(r"([\u4e00-\u9fff][^，。！？,.!?；;~～…\s]*)([，。！？,.!?；;~～…]*)")
_ZH_PARTICLES = frozenset("呗嘛吧啊呀咯哦哈呢啦喽么哇嘞")
_END_MARK = {"": "$", "，": ",", ",": ",", "。": ".", ".": ".", "！": "!", "!": "!", "？": "?", "?": "?"}
# What a mocking answer does, whatever its words (session 10, H-judge-tone10): it closes on a short verdict after
# naming something ("Two calls an hour. Riveting.", "…Very SMART."), or answers its own question with an absurd guess
# ("What do you need, a map?", the shape tone.en.guess_tail of rules/tone.yaml). Sincere praise closes the same way
# ("…saved the account. Impressive."): these are features the model weighs with the words, never a flag alone.
_EN_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_EN_WORDS = re.compile(r"[A-Za-z']+")
# Session 11 (J-tone11): what a mocking question does, whatever its words (convention 18): an unfinished
# "because…?", a mock offer to take the person's job over, a one-word compliment exclaimed after their words, and
# in Chinese an absurd alternative offered in the question, a mock "why not just…" offer and a mock honorific. These
# shapes are rules of rules/tone.yaml (target ``shape``, read on the whole answer as features ``s:<name>``, never a
# flag alone: see shapes()). In Chinese, an echo followed by a yes/no question with no question word
# ("可以就行，那你打算靠意念提升吗？"; a sincere follow-up asks 哪/什么/怎么) is a feature too (_zh_edges).
_ZH_WH = re.compile(r"什么|怎么|怎样|哪|谁|(?<!十)几|多少|啥|为何|为什么|如何|多久|多长")
# the question words of a real follow-up after an echo ("没时间？那你一天里哪段时间最被打断？"); 谁, 啥 and 为什么 are left
# out: "那你自己的电话谁接？", "那你每天自己做日报是为了啥？" throw the person's words back as often as they ask
_ZH_OPEN_WH = re.compile(r"哪|什么|怎么|怎样|如何|(?<!十)几|多少|多久|多长")


def shapes(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return (name, pattern) of the tone rulebook's answer shapes in ``lang`` (rules with target ``shape``)."""
    return tuple((rule.id.rsplit(".", 1)[-1], rule.patterns[0]) for rule in piece_rules("tone", "shape", lang))


def _hits(text: str, lang: str) -> tuple[Doc, list[tuple[str, Span]]]:
    book = rulebook("tone")
    doc = Doc(text, normalize_lang_arg(lang, text))
    return doc, sorted(((rule.id, span) for rule, span in find_all(book, doc).get(PITFALL, ())),
                       key=lambda hit: hit[1].start)


def spans(text: str, lang: str = "auto") -> list[tuple[str, Span]]:
    """Return (rule id, span) for every place a tone rule fires in ``text``."""
    text = clean(text)
    if is_empty(text):
        return []
    return _hits(text, lang)[1]


def features(text: str, lang: str, rule_ids: tuple[str, ...] | list[str] = ()) -> dict[str, float]:
    """Return the tone model's features of ``text``: the learned layer's words and character pairs, Chinese
    character triples, the tone rules that fired (``r:<rule id>``) and the answer's shape (``s:...``)."""
    from .learned import text_features

    feats = {name: 1.0 for name in text_features(text, lang)}
    for run in _CJK_RUN.findall(text):
        feats.update((f"c:{run[i:i + 3]}", 1.0) for i in range(len(run) - 2))  # triples beside the pairs
    feats.update((f"r:{rid}", 1.0) for rid in rule_ids)
    for name, pattern in (("echo_question", _ECHO_QUESTION), ("ends_question", _ENDS_QUESTION), ("bang", _BANG)):
        if pattern.search(text):
            feats[f"s:{name}"] = 1.0
    if lang.startswith("zh"):
        feats.update(_zh_edges(text))
    else:
        feats.update(_en_moves(text))
    return feats


def _en_moves(text: str) -> dict[str, float]:
    """Return ``s:verdict_close`` when an answer of two or more sentences closes on a verdict of one to three words
    ("…Blistering pace.", "…Impressive.") and ``s:guess_tail`` when a question answers itself with a guess after a
    comma ("What do you need, a babysitter?"; not when it offers a choice: "…, a checklist or a buddy?")."""
    out: dict[str, float] = {}
    sentences = [s.strip() for s in _EN_SENTENCE.findall(text) if _EN_WORDS.search(s)]
    if len(sentences) >= 2 and len(_EN_WORDS.findall(sentences[-1])) <= 3 and not sentences[-1].endswith("?"):
        out["s:verdict_close"] = 1.0
    out.update((f"s:{name}", 1.0) for name, pattern in shapes("en") if pattern.search(text))
    return out


def _zh_edges(text: str) -> dict[str, float]:
    """Return ``e:<particle><end mark>`` for each Chinese clause that closes on a modal particle: "…开始呗。" gives
    ``e:呗.``, "…是吧？" ``e:吧?``; a clause that ends on any other character gives nothing.

    Session 10 (H-judge-tone10): the character pairs of each clause that asks (closes on ？) again as ``q:<pair>``.
    A question that wants no answer says what a sincere one never does ("你自己心里没数？", "还用想？", "这谁不会写？"):
    the model learns which pairs mock when they are asked, apart from the same pairs told."""
    out: dict[str, float] = {}
    clauses = _ZH_CLAUSE.findall(text)
    for body, mark in clauses:
        body = body.rstrip()
        last = body[-1]
        if last in _ZH_PARTICLES:
            out[f"e:{last}{_END_MARK.get(mark[:1], '.')}"] = 1.0
        if mark[:1] in "？?" and mark:
            for run in _CJK_RUN.findall(body):
                out.update((f"q:{run[i:i + 2]}", 1.0) for i in range(len(run) - 1))
    out.update(_zh_moves(text, clauses))
    return out


def _zh_moves(text: str, clauses: list[tuple[str, str]]) -> dict[str, float]:
    """Return what a Chinese mocking question does (session 11, J-tone11): ``s:absurd_choice`` for "你这是A还是B？";
    ``s:then_yesno`` when a clause after the first asks a yes/no question (吗/么/不成 at its end, no question word)
    that opens on 那 ("…，那你打算靠意念提升吗？"); ``s:mock_offer`` for "要不你直接…", "…算了？", "纪念一下";
    ``s:honorific`` for a mock title ("您老人家", "大驾"); ``s:echo_wh`` when an echo is followed by a question with an
    open question word (哪, 什么, 怎么, 几, 多少: a real follow-up, the sincere side of the echo)."""
    out = {f"s:{name}": 1.0 for name, pattern in shapes("zh-CN") if pattern.search(text)}
    for body, mark in clauses[1:]:
        body = body.strip()
        if (mark[:1] in "？?" and body.startswith("那") and re.search(r"(?:吗|么|不成)$", body)
                and not _ZH_WH.search(body)):
            out["s:then_yesno"] = 1.0
    if _ECHO_QUESTION.search(text) and any(mark[:1] in "？?" and _ZH_OPEN_WH.search(body) for body, mark in clauses[1:]):
        out["s:echo_wh"] = 1.0
    return out


def model(lang: str) -> Mapping[str, Any] | None:
    """Return the shipped tone model of a language (models.json, kind ``tone``), or None."""
    from .learned import model_for

    return model_for("tone", lang, PITFALL)


def _settings() -> Mapping[str, Any]:
    return rulebook("tone").settings.get("model") or {}


def probability(text: str, lang: str = "auto", tone_model: Mapping[str, Any] | None = None) -> float | None:
    """Return the tone model's probability that ``text`` mocks the listener (None without a model)."""
    from .learned import predict

    text = clean(text)
    if is_empty(text):
        return 0.0
    code = normalize_lang_arg(lang, text)
    tone_model = tone_model or model(code)
    if tone_model is None:
        return None
    _, hits = _hits(text, code)
    return predict(tone_model, features(text, code, [rid for rid, _ in hits])).probability(True)


def explain(text: str, lang: str = "auto", tone_model: Mapping[str, Any] | None = None,
            top: int = 5) -> list[tuple[str, float]]:
    """Return the features that pushed the tone model towards mockery (positive weights), strongest first."""
    text = clean(text)
    code = normalize_lang_arg(lang, text)
    tone_model = tone_model or model(code)
    if tone_model is None or is_empty(text):
        return []
    _, hits = _hits(text, code)
    weights = tone_model["weights"]
    fired = [(f, round(weights[f], 3)) for f in features(text, code, [rid for rid, _ in hits])
             if weights.get(f, 0.0) > 0]
    return sorted(fired, key=lambda fw: (-fw[1], fw[0]))[:top]


def _model_span(doc: Doc, tone_model: Mapping[str, Any]) -> Span:
    """Return the sentence of the learner's text the model finds most mocking (the evidence the note quotes)."""
    weights = tone_model["weights"]
    best, score = None, float("-inf")
    sentences = doc.sentences or [Span(0, len(doc.text), doc.text)]
    if len(sentences) > 1 and _ECHO_QUESTION.search(doc.text):
        sentences = sentences[1:]  # the person's words thrown back: the dig is what follows them
    for sentence in sentences:
        s = sum(weights.get(f, 0.0) for f in features(sentence.text, doc.lang) if not f.startswith("s:"))
        if s > score:
            best, score = sentence, s
    return best


RULE_CONFIDENCE = 0.95  # a rule is a form a trainer named: its verdict stands and is never asked about
ANSWERS = {"yes": False, "no": True}  # what the learner's answer to the question sets the pitfall to


@dataclass(frozen=True)
class ToneVerdict:
    """What the tone check found in one text: the pitfall, its evidence, how sure, and the question when unsure.

    ``confidence`` is the tone model's probability of mockery (``RULE_CONFIDENCE`` when a rule fired);
    ``unsure`` when the model alone raised it below ``model.ask_below`` (rules/tone.yaml). Then ``question`` asks
    the learner whether they meant the quoted sentence (the model's evidence) in earnest: "yes" is the favourable
    reading, as for every pitfall the checks ask about (coachlab.checks.base.judge), so ``answers`` maps yes to
    no pitfall and no to the pitfall (``ANSWERS``).
    """

    pitfall: Pitfall
    evidence: tuple[Evidence, ...]
    confidence: float
    unsure: bool = False
    question: Mapping[str, str] | None = None
    features: tuple[tuple[str, float], ...] = ()


def _ask_below(code: str) -> float:
    """Return the probability under which a flag of the tone model alone is unsure (0: never unsure)."""
    below = _settings().get("ask_below") or {}
    return float(below.get(code, 0.0)) if isinstance(below, Mapping) else float(below)


def _question(code: str, quote: str) -> dict[str, str]:
    """Return the question to the learner about an unsure flag, in the text's language, quoting their words."""
    from coachlab.i18n import t
    from .base import _short

    return {"label": PITFALL, "text": t("checks.tone.ask", code, quote=_short(quote))}


def verdict(text: str, lang: str = "auto", tone_model: Mapping[str, Any] | None = None) -> ToneVerdict | None:
    """Return the tone check's verdict on ``text`` (None when it does not mock the listener).

    The rules speak first (their reason names the form; sure); when none fires, the tone model (if shipped, or given
    as ``tone_model``) raises the pitfall above its threshold, quoting the sentence it scores highest: sure from
    ``model.ask_below`` up, unsure below it (a question to the learner, never a verdict they cannot contest).
    """
    text = clean(text)
    if is_empty(text):
        return None
    code = normalize_lang_arg(lang, text)
    doc, hits = _hits(text, code)
    if hits:
        rule = next(r for r in rulebook("tone").rules if r.id == hits[0][0])
        evidence = tuple(Evidence(PITFALL, s.start, s.end, s.text) for _, s in hits)
        return ToneVerdict(Pitfall(PITFALL, rule.why[code]), evidence, RULE_CONFIDENCE)
    tone_model = tone_model or model(code)
    settings = _settings()
    if tone_model is None or not settings or len(text) > int(settings["max_chars"]):
        return None
    from .learned import predict

    feats = features(text, code)
    p = predict(tone_model, feats).probability(True)
    if p < float(settings["threshold"][code]):
        return None
    span = _model_span(doc, tone_model)
    weights = tone_model["weights"]
    why = tuple(sorted(((f, round(weights[f], 3)) for f in feats if weights.get(f, 0.0) > 0),
                       key=lambda fw: (-fw[1], fw[0]))[:5])
    unsure = p < _ask_below(code)
    if unsure and len(" ".join(text.split())) <= _QUOTE_MAX:
        # A short answer the model is unsure of is quoted whole: it was scored whole, and the sentence after an echo
        # ("速度快？那客户那边反馈怎么样？") is no dig on its own. The question and the tone note quote the same words.
        start = len(text) - len(text.lstrip())
        span = Span(start, len(text.rstrip()), text.strip())
    return ToneVerdict(Pitfall(PITFALL, settings["why"][code]), (Evidence(PITFALL, span.start, span.end, span.text),),
                       round(p, 3), unsure, _question(code, span.text) if unsure else None, why)


def tone(text: str, lang: str = "auto", tone_model: Mapping[str, Any] | None = None
         ) -> tuple[tuple[Pitfall, ...], tuple[Evidence, ...]]:
    """Return the sarcasm pitfall (reason in the text's language) and its evidence, or two empty tuples.

    The rules speak first (their reason names the form); when none fires, the tone model (if shipped, or given
    as ``tone_model``) raises the pitfall above its threshold, quoting the sentence it scores highest. Whether
    the flag is sure is in ``verdict``.
    """
    found = verdict(text, lang, tone_model)
    return ((found.pitfall,), found.evidence) if found is not None else ((), ())


def with_tone(report: R, text: str, lang: str = "auto") -> R:
    """Return ``report`` with the sarcasm pitfall and its evidence added when the text mocks the listener.

    The report also gets the verdict's confidence and the model's features behind it; an unsure flag (the model
    alone, below ``model.ask_below``) is listed in ``unsure`` with its question and answers, as every check lists
    its own unsure verdicts: the practice score counts it half, a role-play asks before it costs a try.
    """
    if report.empty or any(p.id == PITFALL for p in report.pitfalls):
        return report
    found = verdict(text, lang)
    if found is None:
        return report
    out = replace(report, pitfalls=report.pitfalls + (found.pitfall,),
                  evidence=tuple(sorted(report.evidence + found.evidence, key=lambda e: (e.start, e.end))),
                  confidence=frozen({**report.confidence, PITFALL: found.confidence}),
                  features=frozen({**report.features, PITFALL: [list(fw) for fw in found.features]})
                  if found.features else report.features)
    if not found.unsure or found.question is None:
        return out
    return replace(out, unsure=report.unsure + (PITFALL,), questions=report.questions + (found.question,),
                   answers=frozen({**report.answers, PITFALL: dict(ANSWERS)}),
                   suggestions=report.suggestions + (found.question["text"],))
