"""Knowledge checks: each lesson's questions, where every option explains itself."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.packaged import packaged_yaml


def all_quizzes() -> dict[str, list[dict]]:
    """Load every lesson's knowledge check."""
    return packaged_yaml(__package__, "quizzes.yaml")


def quiz(slug: str) -> list[dict]:
    """Return the questions of one lesson."""
    try:
        return all_quizzes()[slug]
    except KeyError:
        raise KeyError(f"no knowledge check for lesson {slug!r}") from None


@dataclass(frozen=True)
class QuizResult:
    """How a learner did: one verdict and explanation per question answered."""

    correct: int
    total: int
    verdicts: tuple[tuple[int, bool, str], ...]  # (question index, right?, explanation)

    @property
    def score(self) -> float:
        """Return the share of questions answered correctly (0–1)."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class OptionNote:
    """One option of a checked question, explained: its text, whether it is right, chosen, and why."""

    text: str
    correct: bool
    chosen: bool
    why: str


def explain(slug: str, answers: dict[int, int], lang: str) -> list[tuple[int, list[OptionNote]]]:
    """Return, for each answered question (index order), every option with its explanation in ``lang``.

    Only answered questions are opened up, so checking one answer does not give the others away.
    """
    questions = quiz(slug)
    return [(qi, [OptionNote(o["text"][lang], bool(o["correct"]), oi == chosen, o["why"][lang])
                  for oi, o in enumerate(questions[qi]["options"])])
            for qi, chosen in sorted(answers.items()) if 0 <= qi < len(questions)]


def grade(slug: str, answers: dict[int, int], lang: str) -> QuizResult:
    """Grade answers (question index -> option index) and explain each choice."""
    questions = quiz(slug)
    verdicts = []
    for qi, oi in sorted(answers.items()):
        option = questions[qi]["options"][oi]
        verdicts.append((qi, bool(option["correct"]), option["why"][lang]))
    return QuizResult(sum(1 for _, ok, _ in verdicts if ok), len(questions), tuple(verdicts))
