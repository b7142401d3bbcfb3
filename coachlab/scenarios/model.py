"""A validated scenario as data, with the graph questions the validator and engine both ask."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Mapping

BANDS: tuple[str, ...] = ("needs_work", "developing", "proficient")
DEFAULT_THRESHOLDS = {"developing": 50, "proficient": 80}
DEFAULT_RETRIES = 1


def targets(next_: Any) -> list[str]:
    """Return every node or ending id a ``next`` may lead to."""
    if isinstance(next_, str):
        return [next_]
    if isinstance(next_, list):
        return [branch["goto"] for branch in next_ if isinstance(branch, Mapping) and "goto" in branch]
    return []


@dataclass(frozen=True)
class Edge:
    """One way out of a node: an option, an intent or the fallback."""

    node: str
    kind: str  # "choice", "intent" or "fallback"
    id: str
    body: Mapping[str, Any]

    @property
    def targets(self) -> list[str]:
        """Return where this edge may lead."""
        return targets(self.body.get("next"))

    @property
    def points(self) -> Mapping[str, int]:
        """Return the per-skill points this edge awards."""
        return self.body.get("scores") or {}


@dataclass
class Scenario:
    """One role-play, as loaded from its YAML (already schema-valid)."""

    data: dict[str, Any]
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Return the scenario's slug."""
        return self.data["id"]

    @property
    def nodes(self) -> dict[str, dict[str, Any]]:
        """Return the conversation nodes by id."""
        return self.data["nodes"]

    @property
    def endings(self) -> dict[str, dict[str, Any]]:
        """Return the endings by id."""
        return self.data["endings"]

    @property
    def skills(self) -> list[str]:
        """Return the skills practised, in the author's order."""
        return list(self.data["skills"])

    def text(self, key: str, lang: str) -> str:
        """Return a top-level bilingual text (title, summary) in ``lang``."""
        return self.data[key][lang]

    def edges(self, node_id: str) -> Iterator[Edge]:
        """Yield the ways out of one node."""
        node = self.nodes[node_id]
        for option in node.get("choices", ()):
            yield Edge(node_id, "choice", option["id"], option)
        free = node.get("free")
        if free:
            for intent in free["intents"]:
                yield Edge(node_id, "intent", intent["id"], intent)
            yield Edge(node_id, "fallback", "fallback", free["fallback"])

    def successors(self, node_id: str) -> list[str]:
        """Return the distinct ids (nodes or endings) reachable in one step from a node."""
        seen: list[str] = []
        for edge in self.edges(node_id):
            for target in edge.targets:
                if target not in seen:
                    seen.append(target)
        return seen

    @cached_property
    def max_points(self) -> dict[str, int]:
        """Return, per skill, the most points any path through the conversation can earn."""
        memo: dict[str, dict[str, int]] = {}

        def best(node_id: str, trail: frozenset[str]) -> dict[str, int]:
            if node_id in self.endings or node_id not in self.nodes:
                return {}
            if node_id in memo:
                return memo[node_id]
            if node_id in trail:
                raise ValueError(f"the conversation loops back to {node_id!r}")
            result: dict[str, int] = {}
            for edge in self.edges(node_id):
                for target in edge.targets:
                    after = best(target, trail | {node_id})
                    for skill in set(after) | set(edge.points):
                        total = edge.points.get(skill, 0) + after.get(skill, 0)
                        result[skill] = max(result.get(skill, 0), total)
            memo[node_id] = result
            return result

        found = best(self.data["start"], frozenset())
        return {skill: max(0, found.get(skill, 0)) for skill in self.skills}

    def best_path(self) -> list[Edge]:
        """Return the edges of the path with the most total points (ties: author's order)."""
        memo: dict[str, tuple[int, list[Edge]]] = {}

        def best(node_id: str) -> tuple[int, list[Edge]]:
            if node_id not in self.nodes:
                return 0, []
            if node_id in memo:
                return memo[node_id]
            chosen: tuple[int, list[Edge]] = (-10**9, [])
            for edge in self.edges(node_id):
                for target in edge.targets:
                    total, rest = best(target)
                    total += sum(edge.points.values())
                    if total > chosen[0]:
                        chosen = (total, [edge, *rest])
            memo[node_id] = chosen
            return chosen

        return best(self.data["start"])[1]

    def thresholds(self, skill: str) -> dict[str, int]:
        """Return the percent at which the developing and proficient bands start for a skill."""
        return {**DEFAULT_THRESHOLDS, **(self.data["debrief"][skill].get("thresholds") or {})}

    def band(self, skill: str, percent: float) -> str:
        """Return the band (needs_work, developing, proficient) a percentage falls in."""
        limits = self.thresholds(skill)
        if percent >= limits["proficient"]:
            return "proficient"
        if percent >= limits["developing"]:
            return "developing"
        return "needs_work"
