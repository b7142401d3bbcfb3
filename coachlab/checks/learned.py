"""The learned layer: small linear models per kind, language and label, shipped as data (models.json).

Features are names, each worth 1 when it fires (see ``features``):

- ``v:<label>`` / ``v:<label>=<value>``: what the rules decided for every label of the report;
- ``r:<target>``: a rule of that target fired (signals such as ``praise`` or ``wh`` included);
- ``s:<name>``: clause structure (coachlab/checks/structure.py: who does what, a consequence after a behaviour);
- ``w:<word>`` / ``w:<word> <word>``: words (jieba words in Chinese, lower-case words and pairs in English);
- ``c:<two characters>``: Chinese character pairs, which survive typos and segmentation slips.
- ``e:<particle><mark>``: the tone model only (coachlab/checks/tone.py): a Chinese clause's closing modal
  particle and the punctuation after it, where a dig carries its tone ("…呗。", "…是吧？").
- ``q:<two characters>``: the tone model only: the character pairs of a Chinese clause that ends in a question
  mark, so a pair asked ("还用想？") weighs apart from the same pair told (session 10).

Inference is a dot product over the features that fired, then a logistic (two classes) or a softmax
(several), in pure Python: deterministic, no scikit-learn at run time. ``coachlab/checks/train.py``
(``make train-checks``) fits the weights from the labelled corpora; each label also carries the way its
verdict is combined with the rules, chosen by cross-validation there:

- ``rules``: the rules decide; the model only gives the confidence;
- ``model``: the model decides.

A verdict's confidence is the model's probability of the verdict given, or the label's cross-validated
accuracy when the label has no model.
"""

from __future__ import annotations

import json
import math
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator, Mapping

from coachlab.text import has_cjk

MODELS_FILE = "models.json"
_EN_WORD = re.compile(r"[a-z0-9']+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
CHAR_UNIGRAMS = os.environ.get("COACHLAB_CHAR1", "0") == "1"  # measured: see train.py
_RECORD: list[list[tuple[dict[str, float], dict[str, Any]]]] = []


@lru_cache(maxsize=None)
def models() -> Mapping[str, Any]:
    """Return the shipped models (an empty table when none have been trained)."""
    try:
        text = resources.files(__package__).joinpath(MODELS_FILE).read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text).get("models", {})


def model_for(kind: str, lang: str, label: str) -> Mapping[str, Any] | None:
    """Return the model of one label, or None."""
    return models().get(kind, {}).get(lang, {}).get(label)


def _value_name(label: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"v:{label}" if value else ""
    return f"v:{label}={value}"


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    from .engine import lexicons

    return frozenset(w.lower() for lang in ("en", "zh-CN") for w in lexicons(lang).get("stopwords", ()))


def text_features(text: str, lang: str) -> set[str]:
    """Return the word and character n-gram features of a text.

    Single function words (的, 了, you, the) are left out: they stood for "a long text" and sent short
    role-play answers the wrong way. Pairs keep them ("next time", "you didn't").
    """
    out: set[str] = set()
    low = text.lower()
    words = _EN_WORD.findall(low)
    stop = _stopwords()
    out.update(f"w:{w}" for w in words if w not in stop)
    out.update(f"w:{a} {b}" for a, b in zip(words, words[1:]))
    if has_cjk(text):
        for run in _CJK_RUN.findall(text):
            out.update(f"c:{run[i:i + 2]}" for i in range(len(run) - 1))
            if CHAR_UNIGRAMS:
                out.update(f"c:{ch}" for ch in run)
    return out


def features(analysis: Any, verdicts: Mapping[str, Any], extra: set[str] | frozenset[str] = frozenset()) -> dict[str, float]:
    """Return every feature that fires for an analysed text and the rules' verdicts."""
    feats: set[str] = {name for label, value in verdicts.items() if (name := _value_name(label, value))}
    feats.update(f"r:{target}" for target, hits in analysis.hits.items() if hits)
    feats.update(f"s:{name}" for name in extra)
    if has_cjk(analysis.doc.text):
        from coachlab.text.zh import tokenizer

        # Dictionary words without jieba's HMM: a third of the time, and enough for a feature.
        stop = _stopwords()
        feats.update(f"w:{w}" for w in tokenizer().cut(analysis.doc.text, HMM=False)
                     if _CJK_RUN.fullmatch(w) and w not in stop)
    feats.update(text_features(analysis.doc.text, analysis.lang))
    return {name: 1.0 for name in feats}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Prediction:
    """A model's answer for one label: the value it prefers, its probability, and the features behind it."""

    value: Any
    probabilities: Mapping[Any, float]
    top: tuple[tuple[str, float], ...]

    def probability(self, value: Any) -> float:
        """Return the probability the model gives ``value``."""
        return self.probabilities.get(value, 0.0)


def _encode(value: Any) -> Any:
    return "null" if value is None else value


def _class_value(raw: Any) -> Any:
    return None if raw == "null" else raw


def predict(model: Mapping[str, Any], feats: Mapping[str, float], top: int = 3) -> Prediction:
    """Run one label's model over the features that fired."""
    weights: Mapping[str, Any] = model["weights"]
    fired = [(f, weights[f]) for f in feats if f in weights]
    classes = model.get("classes")
    if not classes:  # two classes: one weight per feature
        z = model["bias"] + sum(w for _, w in fired)
        p = _sigmoid(z)
        value = p >= 0.5
        sign = 1 if value else -1
        # Strongest first, equal weights by name: the features are a set, and its order changes per process.
        reasons = sorted([fw for fw in fired if fw[1] * sign > 0], key=lambda fw: (-abs(fw[1]), fw[0]))[:top]
        return Prediction(value, {True: p, False: 1 - p}, tuple((f, round(w, 3)) for f, w in reasons))
    scores = [model["bias"][i] + sum(w[i] for _, w in fired) for i in range(len(classes))]
    peak = max(scores)
    exps = [math.exp(s - peak) for s in scores]
    total = sum(exps)
    probs = {_class_value(c): e / total for c, e in zip(classes, exps)}
    best = max(range(len(classes)), key=lambda i: (scores[i], -i))
    reasons = sorted([(f, w[best]) for f, w in fired if w[best] > 0], key=lambda fw: (-fw[1], fw[0]))[:top]
    return Prediction(_class_value(classes[best]), probs, tuple((f, round(w, 3)) for f, w in reasons))


@dataclass(frozen=True)
class Decision:
    """The final verdicts of a report, how sure each is, and the model features behind them."""

    verdicts: dict[str, Any]
    confidence: dict[str, float]
    features: dict[str, list[list[Any]]]


def decide(kind: str, analysis: Any, verdicts: Mapping[str, Any], extra: set[str] | frozenset[str] = frozenset(),
           defaults: Mapping[str, float] | None = None) -> Decision:
    """Combine the rules' verdicts with the label models of ``kind`` in the text's language."""
    feats = features(analysis, verdicts, extra)
    if _RECORD:
        _RECORD[-1].append((feats, dict(verdicts)))
        return Decision(dict(verdicts), {k: 1.0 for k in verdicts}, {})
    final, confidence, why = dict(verdicts), {}, {}
    gates = analysis.book.settings.get("gates") or {}
    # The model may not turn a label on where the rules said no and one of these structures fired (rules
    # data: "model_may_not_add"), e.g. a behaviour in a text that only rates the agent in competency words.
    vetoes = analysis.book.settings.get("model_may_not_add") or {}
    for label, value in verdicts.items():
        gate = gates.get(label)
        if gate and not value and not any(analysis.has(t) for t in gate):
            # Without any of its signals the label is absent by definition ("好的。" holds no praise at all).
            confidence[label] = 0.95
            continue
        model = model_for(kind, analysis.lang, label)
        if model is None:
            confidence[label] = float((defaults or {}).get(label, 0.9))
            continue
        pred = predict(model, feats)
        vetoed = not value and any(f"s:{name}" in feats for name in vetoes.get(label, ()))
        if (model.get("mode") == "model" and pred.probability(pred.value) >= model.get("guard", 0.5)
                and not vetoed):
            final[label] = pred.value
        sure = pred.probability(final[label])
        if final[label] == value:
            # The rules' verdict stands: average the model's probability with how often the rules are right
            # when they say this (measured on text they were not written with), two views of the same verdict.
            precision = (model.get("rule_precision") or {}).get(str(_encode(value)))
            if precision is not None:
                sure = (sure + precision) / 2
        confidence[label] = round(sure, 3)
        why[label] = [[f, w] for f, w in pred.top]
    return Decision(final, confidence, why)


@contextmanager
def recording() -> Iterator[list[tuple[dict[str, float], dict[str, Any]]]]:
    """Within the block, checks return the rules' verdicts untouched and log (features, verdicts) here."""
    log: list[tuple[dict[str, float], dict[str, Any]]] = []
    _RECORD.append(log)
    try:
        yield log
    finally:
        _RECORD.pop()
