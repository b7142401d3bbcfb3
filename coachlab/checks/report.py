"""Report dataclasses: what a check found, where, and what to do next. ``to_dict()`` is the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


@dataclass(frozen=True)
class Evidence:
    """Where an element or pitfall was found: character offsets into the input and the matched text."""

    element: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"element": self.element, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Pitfall:
    """A pitfall the text falls into, with a one-line reason in the report's language."""

    id: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"id": self.id, "why": self.why}


def frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return a read-only copy of ``mapping``."""
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Report:
    """What every check returns: language, score, evidence, pitfalls, suggestions, and whether it was empty."""

    lang: str
    score: int
    evidence: tuple[Evidence, ...] = ()
    pitfalls: tuple[Pitfall, ...] = ()
    suggestions: tuple[str, ...] = ()
    empty: bool = False
    confidence: Mapping[str, float] = field(default_factory=dict)
    unsure: tuple[str, ...] = ()
    questions: tuple[Mapping[str, str], ...] = ()
    answers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    features: Mapping[str, Any] = field(default_factory=dict)

    def _fields(self) -> dict[str, Any]:
        return {}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict with the contract fields of this kind plus the common ones."""
        return {
            **self._fields(),
            "lang": self.lang,
            "score": self.score,
            "evidence": [e.to_dict() for e in self.evidence],
            "pitfalls": [p.to_dict() for p in self.pitfalls],
            "suggestions": list(self.suggestions),
            "empty": self.empty,
            # How sure each verdict is (0-1), the unsure ones, a question to the learner per unsure label,
            # what "yes"/"no" to that question sets the label to, and the model features behind each verdict.
            "confidence": dict(self.confidence),
            "unsure": list(self.unsure),
            "questions": [dict(q) for q in self.questions],
            "answers": {label: dict(v) for label, v in self.answers.items()},
            "features": {label: [list(f) for f in v] for label, v in self.features.items()},
        }

    @property
    def found(self) -> Mapping[str, bool]:
        """Return the per-element booleans shown as a checklist."""
        return {}


@dataclass(frozen=True)
class FeedbackReport(Report):
    """BIA/BID feedback: elements, which model it follows, and pitfall flags."""

    elements: Mapping[str, bool] = field(default_factory=dict)
    model: str | None = None
    flags: tuple[str, ...] = ()
    thanks: bool = False  # the appreciation includes thanks said in words ("thank you", "谢谢"), not only praise

    def _fields(self) -> dict[str, Any]:
        return {"elements": dict(self.elements), "model": self.model, "flags": list(self.flags),
                "thanks": self.thanks}

    @property
    def found(self) -> Mapping[str, bool]:
        return self.elements


@dataclass(frozen=True)
class GoalReport(Report):
    """SMART goal: criteria, and the metric, baseline, target and deadline when found."""

    criteria: Mapping[str, bool | None] = field(default_factory=dict)
    metric: str | None = None
    baseline: str | None = None
    target: str | None = None
    deadline: str | None = None

    def _fields(self) -> dict[str, Any]:
        return {"criteria": dict(self.criteria), "metric": self.metric, "baseline": self.baseline,
                "target": self.target, "deadline": self.deadline}

    @property
    def found(self) -> Mapping[str, bool]:
        return {k: bool(v) for k, v in self.criteria.items() if v is not None}


@dataclass(frozen=True)
class QuestionReport(Report):
    """A coaching question: its form, whether it leads or hides advice, and its GROW stage."""

    form: str = "statement"
    leading: bool = False
    grow_stage: str | None = None
    advice: bool = False
    # What the question asks about (question.py asks_about): "you" when a question sentence names the person spoken to,
    # "habit" when it asks what someone usually does. A probe for one part of a story tests it (promo-star-probing).
    asks: tuple[str, ...] = ()

    def _fields(self) -> dict[str, Any]:
        return {"form": self.form, "leading": self.leading, "grow_stage": self.grow_stage, "advice": self.advice,
                "asks": list(self.asks)}

    @property
    def found(self) -> Mapping[str, bool]:
        return {"open": self.form == "open", "grow_stage": self.grow_stage is not None,
                "not_leading": not self.leading, "no_advice": not self.advice}


@dataclass(frozen=True)
class StarReport(Report):
    """A STAR answer: elements, whether the result has a number, and the share of I over we."""

    elements: Mapping[str, bool] = field(default_factory=dict)
    quantified_result: bool = False
    first_person_ratio: float | None = None

    def _fields(self) -> dict[str, Any]:
        return {"elements": dict(self.elements), "quantified_result": self.quantified_result,
                "first_person_ratio": self.first_person_ratio}

    @property
    def found(self) -> Mapping[str, bool]:
        return {**self.elements, "quantified_result": self.quantified_result}


@dataclass(frozen=True)
class ListeningReport(Report):
    """A 3F listening reply: fact, feeling and focus."""

    elements: Mapping[str, bool] = field(default_factory=dict)

    def _fields(self) -> dict[str, Any]:
        return {"elements": dict(self.elements)}

    @property
    def found(self) -> Mapping[str, bool]:
        return self.elements
