"""The promotion-interview evaluation form: a rating with evidence per competency, plus agreements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import RATINGS, model_data

MIN_EVIDENCE_CHARS = 8  # a rating without an observed example is an opinion


@dataclass(frozen=True)
class Rating:
    """A rating (excellent / good / to_improve) and the evidence noted for it."""

    level: str
    evidence: str = ""


@dataclass(frozen=True)
class DevelopmentAction:
    """One agreed development step: what, who supports it, by when."""

    action: str
    owner: str = ""
    due: str = ""


@dataclass
class EvaluationForm:
    """What the interviewer fills in during and right after the promotion interview."""

    candidate: str
    interviewer: str
    interview_at: datetime
    ratings: dict[str, Rating] = field(default_factory=dict)
    aspirations: str = ""
    agreements: list[str] = field(default_factory=list)
    actions: list[DevelopmentAction] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the form as plain data for saving."""
        return {"candidate": self.candidate, "interviewer": self.interviewer,
                "interview_at": self.interview_at.isoformat(timespec="minutes"),
                "ratings": {k: {"level": r.level, "evidence": r.evidence} for k, r in self.ratings.items()},
                "aspirations": self.aspirations, "agreements": list(self.agreements),
                "actions": [vars(a) for a in self.actions]}

    @classmethod
    def from_dict(cls, data: dict) -> "EvaluationForm":
        """Rebuild a form from saved data."""
        return cls(str(data.get("candidate", "")), str(data.get("interviewer", "")),
                   datetime.fromisoformat(data["interview_at"]),
                   {k: Rating(v["level"], v.get("evidence", "")) for k, v in (data.get("ratings") or {}).items()},
                   str(data.get("aspirations", "")), [str(a) for a in data.get("agreements") or []],
                   [DevelopmentAction(**a) for a in data.get("actions") or []])


def form_problems(form: EvaluationForm) -> list[tuple[str, str]]:
    """Return (field, problem) pairs that keep the form from producing a fair report."""
    problems = []
    if not form.candidate.strip():
        problems.append(("candidate", "missing"))
    for dim in model_data()["dimensions"]:
        rating = form.ratings.get(dim["id"])
        if rating is None:
            problems.append((dim["id"], "unrated"))
        elif rating.level not in RATINGS:
            problems.append((dim["id"], "bad_level"))
        elif len(rating.evidence.strip()) < MIN_EVIDENCE_CHARS:
            problems.append((dim["id"], "no_evidence"))
    if not [a for a in form.agreements if a.strip()]:
        problems.append(("agreements", "missing"))
    return problems
