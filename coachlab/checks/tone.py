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
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Mapping, TypeVar

from coachlab.text import Span
from coachlab.text.lang import normalize_lang_arg
from .base import clean, is_empty
from .engine import Doc, find_all, rulebook
from .report import Evidence, Pitfall, Report

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
    return feats


def _zh_edges(text: str) -> dict[str, float]:
    """Return ``e:<particle><end mark>`` for each Chinese clause that closes on a modal particle: "…开始呗。" gives
    ``e:呗.``, "…是吧？" ``e:吧?``; a clause that ends on any other character gives nothing."""
    out: dict[str, float] = {}
    for body, mark in _ZH_CLAUSE.findall(text):
        last = body.rstrip()[-1]
        if last in _ZH_PARTICLES:
            out[f"e:{last}{_END_MARK.get(mark[:1], '.')}"] = 1.0
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


def tone(text: str, lang: str = "auto", tone_model: Mapping[str, Any] | None = None
         ) -> tuple[tuple[Pitfall, ...], tuple[Evidence, ...]]:
    """Return the sarcasm pitfall (reason in the text's language) and its evidence, or two empty tuples.

    The rules speak first (their reason names the form); when none fires, the tone model (if shipped, or given
    as ``tone_model``) raises the pitfall above its threshold, quoting the sentence it scores highest.
    """
    text = clean(text)
    if is_empty(text):
        return (), ()
    code = normalize_lang_arg(lang, text)
    doc, hits = _hits(text, code)
    if hits:
        rule = next(r for r in rulebook("tone").rules if r.id == hits[0][0])
        evidence = tuple(Evidence(PITFALL, s.start, s.end, s.text) for _, s in hits)
        return (Pitfall(PITFALL, rule.why[code]),), evidence
    tone_model = tone_model or model(code)
    settings = _settings()
    if tone_model is None or not settings or len(text) > int(settings["max_chars"]):
        return (), ()
    from .learned import predict

    if predict(tone_model, features(text, code)).probability(True) < float(settings["threshold"][code]):
        return (), ()
    span = _model_span(doc, tone_model)
    return (Pitfall(PITFALL, settings["why"][code]),), (Evidence(PITFALL, span.start, span.end, span.text),)


def with_tone(report: R, text: str, lang: str = "auto") -> R:
    """Return ``report`` with the sarcasm pitfall and its evidence added when the text mocks the listener."""
    if report.empty or any(p.id == PITFALL for p in report.pitfalls):
        return report
    pitfalls, evidence = tone(text, lang)
    if not pitfalls:
        return report
    return replace(report, pitfalls=report.pitfalls + pitfalls,
                   evidence=tuple(sorted(report.evidence + evidence, key=lambda e: (e.start, e.end))))
