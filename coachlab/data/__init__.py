"""Synthetic team data for the lessons: a team of agents with a year of KPIs, from a seed."""

from .facts import AgentFacts, KpiMove, agent_facts
from .team import KPI_COLUMNS, Team, generate_team

__all__ = ["AgentFacts", "KPI_COLUMNS", "KpiMove", "Team", "agent_facts", "generate_team"]
