"""Shared steps of every check: prepare the text, run the rules, and turn hits into evidence and advice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from coachlab.text import Span, has_cjk
from coachlab.text.lang import normalize_lang_arg

from .engine import Doc, Rule, RuleBook, find_all, rulebook
from .report import Evidence, Pitfall

MAX_CHARS = 20_000  # longer input is read up to here: nobody writes a 20,000-character feedback note


@dataclass
class Analysis:
    """A text after every rule of its kind has run over it."""

    book: RuleBook
    doc: Doc
    hits: dict[str, list[tuple[Rule, Span]]]

    @property
    def lang(self) -> str:
        """Return the language the text was read in."""
        return self.doc.lang

    def has(self, target: str) -> bool:
        """Return True when some rule found ``target``."""
        return bool(self.hits.get(target))

    def spans(self, target: str) -> list[Span]:
        """Return where ``target`` was found."""
        return [span for _, span in self.hits.get(target, ())]

    def evidence(self, targets: Iterable[str]) -> tuple[Evidence, ...]:
        """Return evidence for ``targets``, in text order, without repeating the same span."""
        out: list[Evidence] = []
        for target in targets:
            # By start, longest first: a span ending inside one already shown for this element is dropped.
            reach = -1
            for span in sorted(self.spans(target), key=lambda s: (s.start, -s.end)):
                if span.end > reach:
                    out.append(Evidence(target, span.start, span.end, span.text))
                    reach = span.end
        return tuple(sorted(out, key=lambda e: (e.start, e.end)))

    def pitfall(self, target: str) -> Pitfall:
        """Return the pitfall ``target`` with the reason of the first rule that found it."""
        rule = self.hits[target][0][0]
        return Pitfall(target, rule.why[self.lang])

    def quote(self, target: str) -> str:
        """Return the learner's own words that triggered ``target``, shortened for a suggestion."""
        text = self.spans(target)[0].text.strip() if self.has(target) else ""
        return text if len(text) <= 40 else text[:38] + "…"

    def say(self, key: str, **params: object) -> str:
        """Return a learner-facing message of this kind in the text's language."""
        return self.book.message(key, self.lang, **params)


def clean(text: object) -> str:
    """Return the text as a str to scan, capped at MAX_CHARS."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = "" if text is None else str(text)
    # Only capped, never rewritten: evidence offsets and texts must point into what the learner wrote.
    return text[:MAX_CHARS]


def analyse(kind: str, text: str, lang: str = "auto", context: str | None = None) -> Analysis:
    """Run every rule of ``kind`` over ``text``."""
    code = normalize_lang_arg(lang, text)
    doc = Doc(text, code, clean(context) if context else None)
    return Analysis(rulebook(kind), doc, find_all(rulebook(kind), doc))


def is_empty(text: str) -> bool:
    """Return True when nothing was written (only whitespace or invisible characters)."""
    return not text.strip() or not re.search(r"[^\W_]", text)


def clamp(score: float) -> int:
    """Return ``score`` as an int between 0 and 100."""
    return max(0, min(100, int(round(score))))


# ---------------------------------------------------------------- confidence and questions to the learner

RULE_PITFALLS_STAND = True  # see judge(): a pitfall a rule raised is not asked about
UNSURE_BELOW = 0.65  # below this a verdict is asked about, not marked: cross-validated, verdicts at 0.5-0.65 were right 0.53-0.65 of the time, at 0.65-0.7 0.73
_QUOTE_MAX = 40


@dataclass(frozen=True)
class Judgement:
    """The final verdicts of a check with their confidence, the unsure labels and the questions about them."""

    verdicts: dict[str, Any]
    confidence: dict[str, float]
    unsure: tuple[str, ...]
    questions: tuple[dict[str, str], ...]
    answers: dict[str, dict[str, Any]]
    features: dict[str, Any]
    quotes: dict[str, Span]


def _short(text: str) -> str:
    text = " ".join(text.split()).rstrip("。.！!？?；;，,、")
    return text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX - 1] + "…"


def _support(a: Analysis, label: str, why: Any, spans: Mapping[str, list[Span]]) -> Span | None:
    """Return the learner's own words that speak for ``label``: a rule's span, a clause, or a model feature."""
    own = list(spans.get(label) or ()) or a.spans(label)
    if own:
        span = own[0]
        short = len(span.text.strip()) < 8 if has_cjk(span.text) else len(span.text.split()) < 3
        # A two-character cue ("找我") reads badly in a question: quote the sentence it stands in.
        return a.doc.sentence_of(span.start) if short else span
    for name, weight in why or ():
        if weight <= 0 or not (name.startswith("w:") or name.startswith("c:")):
            continue
        piece = name[2:]
        pos = a.doc.text.lower().find(piece.split(" ")[0])
        if pos >= 0:
            return a.doc.sentence_of(pos)
    return None


def judge(a: Analysis, verdicts: Mapping[str, Any], extra: Iterable[str] = (),
          spans: Mapping[str, list[Span]] | None = None, sure: Iterable[str] = ()) -> Judgement:
    """Combine the rules' ``verdicts`` with the learned models; ask about the unsure ones.

    ``spans``: where in the text each label was seen (beyond the rule hits); ``sure``: labels never asked
    about (decided by arithmetic, such as whether a step from a baseline is achievable).
    """
    from .learned import decide, model_for, predict, features

    spans = spans or {}
    defaults = a.book.settings.get("confidence") or {}
    decision = decide(a.book.kind, a, verdicts, frozenset(extra), defaults)
    final, confidence = decision.verdicts, decision.confidence
    sure = set(sure)
    # A pitfall is asked about only when the learned layer alone raised it, and so that "yes" is always the
    # learner's favourable reading: "I read X as a label. Did you mean something else?" (yes = no pitfall).
    # One a rule raised stands (its words are quoted in the fix); an unsure pitfall that is not raised stays
    # absent: nobody is asked to confess one.
    pitfalls = set(a.book.settings.get("ask_absent") or ())
    unsure = tuple(label for label in final if label not in sure and confidence.get(label, 1.0) < UNSURE_BELOW
                   and not (label in pitfalls and (not final[label] or (RULE_PITFALLS_STAND and verdicts.get(label)))))
    questions, answers, quotes = [], {}, {}
    feats = None
    for label in unsure:
        value = final[label]
        if label in pitfalls:
            answers[label] = {"yes": False, "no": True}
            span = _support(a, label, decision.features.get(label), spans)
            name = _label_name(a, label, None)
            if span is not None:
                quotes[label] = span
                text = a.say("ask.absent", quote=_short(span.text), name=name)
            else:
                text = a.say("ask.absent_missing", name=name)
            questions.append({"label": label, "text": text})
            continue
        model = model_for(a.book.kind, a.lang, label)
        if isinstance(value, bool) or value is None and label not in ("grow_stage",):
            yes, no = True, False
            why = decision.features.get(label)
            if model is not None and not value:
                feats = feats if feats is not None else features(a, verdicts, frozenset(extra))
                why = [[f, w] for f, w in ((f, model["weights"][f]) for f in feats if f in model["weights"]) if w > 0]
                why.sort(key=lambda fw: (-fw[1], fw[0]))  # equal weights by name: the same in every process
        else:
            # A label with several values: "yes" keeps the likeliest real value, "no" the runner-up.
            if model is not None:
                feats = feats if feats is not None else features(a, verdicts, frozenset(extra))
                ranked = sorted(predict(model, feats).probabilities.items(), key=lambda kv: -kv[1])
                order = [v for v, _ in ranked]
            else:
                order = [value]
            yes = value if value is not None else next((v for v in order if v is not None), None)
            no = next((v for v in order if v != yes), None)
            why = decision.features.get(label)
        answers[label] = {"yes": yes, "no": no}
        shown = yes if not isinstance(yes, bool) else None
        span = _support(a, label if shown is None else str(shown), why, spans)
        name = _label_name(a, label, shown)
        if span is not None:
            quotes[label] = span
            text = a.say("ask.quote", quote=_short(span.text), name=name)
        else:
            text = a.say("ask.missing", name=name)
        questions.append({"label": label, "text": text})
    return Judgement(final, confidence, unsure, tuple(questions), answers, decision.features, quotes)


def _label_name(a: Analysis, label: str, value: Any) -> str:
    """Return how a label (or one of its values) is named inside a question, in the text's language."""
    key = f"name.{label}" if value is None else f"name.{label}.{value}"
    if key not in a.book.messages:
        key = f"name.{label}"
    return a.say(key)


def practice_score(report: Any) -> float:
    """Return the practice percentage of a report, counting each unsure verdict as half.

    The same arithmetic as the report's own ``score``, with every element (or pitfall) the check is unsure
    of worth half its weight: for practice feedback (CheckPad, lesson tools). Autograded exercises keep
    their binary rule: an element counts when the check says present.
    """
    unsure = set(getattr(report, "unsure", ()) or ())
    if getattr(report, "empty", False):
        return 0.0
    # The tone pitfall (coachlab/checks/tone.py) weighs as each kind's own arithmetic weighs pitfalls (none in a
    # feedback report's flags), half when the tone check is unsure of it.
    tone = {"sarcasm"} & unsure

    def credit(label: str, value: Any) -> float:
        return 0.5 if label in unsure else float(bool(value))

    name = type(report).__name__
    if name == "FeedbackReport":
        e = report.elements
        present = credit("behavior", e["behavior"]) + credit("impact", e["impact"]) + max(
            credit("appreciation", e["appreciation"]), credit("development", e["development"]))
        flags = sum(credit(f, f in report.flags) for f in {*report.flags, *(unsure - set(e) - tone)})
        score = 100 * present / 3 - 15 * flags
    elif name == "GoalReport":
        c = report.criteria
        met = sum(credit(k, v) for k, v in c.items() if k != "achievable") + (
            0.5 if c.get("achievable") is None else credit("achievable", c["achievable"]))
        score = 100 * met / len(c) - 10 * (len(report.pitfalls) - 0.5 * len(tone))
    elif name == "QuestionReport":
        form = 0.5 * 50 if "form" in unsure else {"open": 50, "closed": 25}.get(report.form, 0)
        score = (form + 20 * credit("grow_stage", report.grow_stage is not None)
                 + 15 * (1 - credit("leading", report.leading)) + 15 * (1 - credit("advice", report.advice))
                 - 10 * any(p.id == "telling" for p in report.pitfalls))
    elif name == "StarReport":
        ratio = report.first_person_ratio or 0
        score = (20 * sum(credit(k, v) for k, v in report.elements.items())
                 + 10 * credit("quantified_result", report.quantified_result) + (10 if ratio >= 0.5 else 0)
                 - 10 * (len(report.pitfalls) - 0.5 * len(tone)))
    elif name == "ListeningReport":
        score = 100 * sum(credit(k, v) for k, v in report.elements.items()) / 3
    else:
        return float(report.score)
    return float(max(0, min(100, round(score, 1))))
