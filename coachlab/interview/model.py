"""The team-lead competency model, the STAR question bank and the interview flow, from data."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

RATINGS: tuple[str, ...] = ("excellent", "good", "to_improve")


def model_data() -> dict:
    """Load the competency model file."""
    return packaged_yaml(__package__, "competencies.yaml")


@dataclass(frozen=True)
class Competency:
    """One dimension of the model, in one language."""

    id: str
    name: str
    definition: str
    excellent: str
    to_improve: str
    develop: str
    questions: tuple[str, ...]
    probes: tuple[str, ...]


def competencies(lang: str) -> list[Competency]:
    """Return the model's dimensions in ``lang``."""
    return [Competency(d["id"], d["name"][lang], d["definition"][lang], d["excellent"][lang],
                       d["to_improve"][lang], d["develop"][lang],
                       tuple(q[lang] for q in d["questions"]), tuple(p[lang] for p in d["probes"]))
            for d in model_data()["dimensions"]]


def competency(dim_id: str, lang: str) -> Competency:
    """Return one dimension by id."""
    for found in competencies(lang):
        if found.id == dim_id:
            return found
    raise KeyError(f"no competency {dim_id!r}")


def rating_label(rating: str, lang: str) -> str:
    """Return 'Excellent'/'优秀' and so on."""
    return model_data()["ratings"][rating][lang]


def role_name(lang: str) -> str:
    """Return the role the model describes."""
    return model_data()["role"][lang]


def question_bank(lang: str) -> dict[str, list[str]]:
    """Return the STAR questions per competency name."""
    return {c.name: list(c.questions) for c in competencies(lang)}


def flow(lang: str) -> list[tuple[str, str]]:
    """Return the interview stages (id, guidance) in order."""
    return [(step["id"], step[lang]) for step in model_data()["flow"]]


def prep_checklist(lang: str) -> list[str]:
    """Return what to have ready before the interview."""
    return [item[lang] for item in model_data()["prep"]]
