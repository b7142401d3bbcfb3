"""Scored listening self-test: 15 statements, five listening processes, five levels of listening."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

SCALE = (1, 2, 3, 4, 5)  # never … always


def listening_content() -> dict:
    """Load the statements, processes, levels and advice."""
    return packaged_yaml(__package__, "listening.yaml")


@dataclass(frozen=True)
class ListeningResult:
    """A scored self-test: 0–100 overall and per process, the level reached, and what to practise."""

    score: float
    level: str
    by_process: dict[str, float]
    weakest: str

    def advice(self, lang: str) -> str:
        """Return the practice tip for the weakest process."""
        return listening_content()["advice"][self.weakest][lang]

    def level_text(self, lang: str) -> str:
        """Return the description of the level reached."""
        return next(l[lang] for l in listening_content()["levels"] if l["id"] == self.level)


def item_points(answer: int, reverse: bool) -> int:
    """Return 0–4 points for one answer, counting a bad habit the other way round."""
    if answer not in SCALE:
        raise ValueError(f"answer must be one of {SCALE}")
    return (5 - answer) if reverse else (answer - 1)


def score_listening(answers: list[int]) -> ListeningResult:
    """Score one full set of answers (one per statement, 1–5)."""
    items = listening_content()["items"]
    if len(answers) != len(items):
        raise ValueError(f"expected {len(items)} answers, got {len(answers)}")
    per_process: dict[str, list[int]] = {}
    for item, answer in zip(items, answers):
        per_process.setdefault(item["process"], []).append(item_points(answer, item["reverse"]))
    by_process = {p: 100 * sum(v) / (4 * len(v)) for p, v in per_process.items()}
    total = 100 * sum(sum(v) for v in per_process.values()) / (4 * len(items))
    level = [l["id"] for l in listening_content()["levels"] if total >= l["min"]][-1]
    weakest = min(by_process, key=lambda p: (by_process[p], list(by_process).index(p)))
    return ListeningResult(round(total, 1), level, {p: round(v, 1) for p, v in by_process.items()}, weakest)
