"""A synthetic customer-service team: agents, 12 months of KPIs and 360° comments, from a seed.

The relationships follow industry rules of thumb (CONTENT.md): one point of first-contact
resolution (FCR) buys about one point of CSAT; occupancy above 90 % lengthens calls and drives
people out; new hires take longer; short calls that do not resolve are rushed calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from coachlab.packaged import packaged_yaml

START_MONTH = pd.Period("2025-01", freq="M")
KPI_COLUMNS: tuple[str, ...] = ("csat", "fcr", "aht_min", "occupancy", "adherence", "qa", "calls")

# Rules of thumb, each with the reason it is here.
BASE_FCR = 0.745         # agent baseline; rushed agents and new hires pull the team to ~70 %
CSAT_PER_FCR = 1.0       # +1 pt FCR ~ +1 pt CSAT
BASE_CSAT = 0.815
BASE_AHT_MIN = 6.0       # about six minutes on a general service line
BURNOUT_OCCUPANCY = 0.90  # above this, people tire: longer calls, more leavers
AHT_PER_OVERLOAD_PT = 0.12  # minutes added per occupancy point above 90 %
MONTHLY_LEAVE_P = 0.022  # ~30-40 % a year with the peaks: a typical in-house centre
OVERLOAD_LEAVE_P = 0.045 # extra monthly risk in an overloaded month
PEAK_MONTHS = (5, 6, 10, 11)  # summer campaign and the November/December shopping peak (0-based)

_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
             ("黄", "Huang"), ("赵", "Zhao"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
             ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin")]
_GIVEN = [("芳", "Fang"), ("伟", "Wei"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"),
          ("洋", "Yang"), ("婷", "Ting"), ("杰", "Jie"), ("欣怡", "Xinyi"), ("浩然", "Haoran"), ("子涵", "Zihan"),
          ("晓东", "Xiaodong"), ("丽华", "Lihua"), ("俊杰", "Junjie"), ("雪", "Xue"), ("鹏", "Peng"), ("佳琪", "Jiaqi")]


@dataclass(frozen=True)
class Team:
    """A generated team: who the agents are, their monthly KPIs, the team's totals and 360° comments."""

    seed: int
    agents: pd.DataFrame    # one row per agent who worked in the year
    monthly: pd.DataFrame   # one row per agent and month worked
    team: pd.DataFrame      # one row per month: service level, abandonment, averages
    comments: pd.DataFrame  # 360° comments in en and zh-CN

    @property
    def months(self) -> list[str]:
        """Return the month labels in order."""
        return list(self.team["month"])

    def agent(self, agent_id: str) -> pd.Series:
        """Return one agent's profile row."""
        found = self.agents[self.agents["agent_id"] == agent_id]
        if found.empty:
            raise KeyError(f"no agent {agent_id!r} in this team")
        return found.iloc[0]


def comment_templates() -> dict[str, dict]:
    """Load the 360° comment templates (en and zh-CN)."""
    return packaged_yaml(__package__, "comments.yaml")


def _names(rng: np.random.Generator, count: int) -> list[tuple[str, str]]:
    pairs = [(s + g, f"{g_en} {s_en}") for s, s_en in _SURNAMES for g, g_en in _GIVEN]
    chosen = rng.choice(len(pairs), size=count, replace=False)
    return [pairs[i] for i in chosen]


def _new_agent(rng: np.random.Generator, index: int, name: tuple[str, str], tenure: int, hired: int) -> dict:
    rushed = bool(rng.random() < 0.15)
    event = rng.random()
    kind = "dip" if event < 0.15 else "rise" if event < 0.27 else None
    if hired >= 7:  # too little history left to see a shift
        kind = None
    return {
        "agent_id": f"A{index:03d}", "name_zh": name[0], "name_en": name[1],
        "tenure_at_start": tenure, "hired_index": hired, "left_index": None,
        "style": "rushed" if rushed else "steady",
        "skill": float(rng.normal()), "warmth": float(rng.normal()), "care": float(rng.normal()),
        "load": float(rng.normal(0, 0.02)),
        "event_kpi": "fcr" if kind else None, "event_kind": kind,
        "event_index": int(rng.integers(hired + 3, 10)) if kind else None,
    }


def generate_team(seed: int, n_agents: int | None = None, months: int = 12) -> Team:
    """Generate a team of 15–30 agents over ``months`` months, the same for the same seed."""
    rng = np.random.default_rng(seed)
    if n_agents is None:
        n_agents = int(rng.integers(15, 31))
    if not 15 <= n_agents <= 30:
        raise ValueError("a team has 15 to 30 agents")
    if not 1 <= months <= 24:
        raise ValueError("months must be between 1 and 24")
    names = _names(rng, min(len(_SURNAMES) * len(_GIVEN), n_agents * 3))
    agents: list[dict] = []
    for i in range(n_agents):
        tenure = int(rng.integers(0, 3)) if rng.random() < 0.2 else int(rng.integers(3, 60))
        agents.append(_new_agent(rng, i + 1, names[i], tenure, 0))
    active = list(range(n_agents))
    peak = rng.uniform(0.91, 0.945, size=months)
    calm = rng.uniform(0.77, 0.84, size=months)
    team_occ = np.where([m % 12 in PEAK_MONTHS for m in range(months)], peak, calm)
    rows: list[dict] = []
    for m in range(months):
        leavers = []
        for idx in active:
            a = agents[idx]
            tenure = a["tenure_at_start"] + m if a["hired_index"] == 0 else m - a["hired_index"]
            occ = float(np.clip(team_occ[m] + a["load"] + rng.normal(0, 0.012), 0.65, 0.98))
            overload = max(0.0, occ - BURNOUT_OCCUPANCY)
            newness = 1.0 if tenure < 3 else 0.5 if tenure < 6 else 0.0
            fcr = BASE_FCR + 0.035 * a["skill"] - 0.06 * newness + rng.normal(0, 0.015)
            aht = BASE_AHT_MIN + 1.6 * newness + AHT_PER_OVERLOAD_PT * overload * 100 - 0.25 * a["skill"]
            if a["style"] == "rushed":
                fcr -= 0.08
                aht -= 1.4
            if a["event_kind"] and a["event_index"] is not None and m >= a["event_index"]:
                fcr += -0.09 if a["event_kind"] == "dip" else 0.07
            fcr = float(np.clip(fcr, 0.5, 0.9))
            aht = float(np.clip(aht + rng.normal(0, 0.25), 3.0, 11.0))
            csat = BASE_CSAT + CSAT_PER_FCR * (fcr - BASE_FCR) + 0.012 * a["warmth"] - 0.2 * overload
            csat = float(np.clip(csat + rng.normal(0, 0.01), 0.5, 0.97))
            qa = float(np.clip(83 + 2.5 * a["care"] + 20 * (csat - BASE_CSAT) + rng.normal(0, 3.5), 55, 100))
            adherence = float(np.clip(0.935 + rng.normal(0, 0.012) - 0.3 * overload, 0.8, 0.99))
            calls = int(round(occ * 150 * 60 / aht))
            rows.append({"agent_id": a["agent_id"], "month": str(START_MONTH + m), "month_index": m,
                         "tenure_months": tenure, "csat": round(csat, 4), "fcr": round(fcr, 4),
                         "aht_min": round(aht, 2), "occupancy": round(occ, 4), "adherence": round(adherence, 4),
                         "qa": round(qa, 1), "calls": calls, "left": False})
            leave_p = MONTHLY_LEAVE_P + (OVERLOAD_LEAVE_P if overload > 0 else 0.0) + (0.02 if newness == 1 else 0)
            if m < months - 1 and rng.random() < leave_p:
                rows[-1]["left"] = True
                leavers.append(idx)
        for idx in leavers:
            agents[idx]["left_index"] = m
            active.remove(idx)
            newcomer = _new_agent(rng, len(agents) + 1, names[len(agents) % len(names)], 0, m + 1)
            agents.append(newcomer)
            active.append(len(agents) - 1)
    monthly = pd.DataFrame(rows)
    agent_df = _agents_frame(agents)
    return Team(seed, agent_df, monthly, _team_frame(monthly, rng), _comments(agents, monthly, rng))


def _agents_frame(agents: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(agents)
    frame["hired"] = [str(START_MONTH + h) if h > 0 else None for h in frame["hired_index"]]
    frame["left_month"] = [str(START_MONTH + int(x)) if pd.notna(x) else None for x in frame["left_index"]]
    frame["event_month"] = [str(START_MONTH + int(x)) if pd.notna(x) else None for x in frame["event_index"]]
    keep = ["agent_id", "name_zh", "name_en", "tenure_at_start", "hired", "left_month", "style",
            "event_kpi", "event_kind", "event_month"]
    return frame[keep].reset_index(drop=True)


def _team_frame(monthly: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    grouped = monthly.groupby("month", sort=True)
    team = grouped.agg(agents=("agent_id", "count"), csat=("csat", "mean"), fcr=("fcr", "mean"),
                       aht_min=("aht_min", "mean"), occupancy=("occupancy", "mean"),
                       adherence=("adherence", "mean"), qa=("qa", "mean"), calls=("calls", "sum"),
                       leavers=("left", "sum")).reset_index()
    # Busier floors answer fewer calls in 20 s and lose more callers in the queue.
    team["service_level"] = np.clip(0.82 - 1.6 * (team["occupancy"] - 0.82) + rng.normal(0, 0.01, len(team)),
                                     0.55, 0.95).round(4)
    team["abandonment"] = np.clip(0.06 + 0.45 * (team["occupancy"] - 0.82) + rng.normal(0, 0.004, len(team)),
                                  0.02, 0.15).round(4)
    return team.round(4)


def _comment_topics(agent: dict, recent: pd.DataFrame) -> list[str]:
    fcr, aht, occ = recent["fcr"].mean(), recent["aht_min"].mean(), recent["occupancy"].mean()
    topics = []
    if fcr >= 0.75:
        topics.append("resolves_first_time")
    if agent["style"] == "rushed" or (aht < 5.2 and fcr < 0.68):
        topics.append("rushes_calls")
    if agent["warmth"] > 0.7:
        topics.append("warm_with_customers")
    if recent["tenure_months"].max() < 4:
        topics.append("long_calls_new")
    if occ > BURNOUT_OCCUPANCY:
        topics.append("tired_overloaded")
    if agent["skill"] > 0.8:
        topics.append("helps_peers")
    if recent["qa"].mean() < 80:
        topics.append("quality_gaps")
    if recent["adherence"].mean() > 0.94:
        topics.append("reliable_schedule")
    return topics or ["reliable_schedule"]


def _comments(agents: list[dict], monthly: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    templates = comment_templates()
    rows = []
    for agent in agents:
        history = monthly[monthly["agent_id"] == agent["agent_id"]]
        if history.empty:
            continue
        recent = history.tail(3)
        topics = _comment_topics(agent, recent)
        picked = rng.choice(len(topics), size=min(3, len(topics)), replace=False)
        for i in sorted(picked):
            topic = topics[i]
            spec = templates[topic]
            variant = int(rng.integers(len(spec["en"])))
            source = spec["sources"][int(rng.integers(len(spec["sources"])))]
            rows.append({"agent_id": agent["agent_id"], "month": recent["month"].iloc[-1], "source": source,
                         "topic": topic, "sentiment": spec["sentiment"],
                         "text_en": spec["en"][variant].format(name=agent["name_en"]),
                         "text_zh": spec["zh-CN"][variant].format(name=agent["name_zh"])})
    return pd.DataFrame(rows, columns=["agent_id", "month", "source", "topic", "sentiment", "text_en", "text_zh"])
