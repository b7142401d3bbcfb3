"""The synthetic team holds the relationships the lessons teach (CONTENT.md), checked statistically."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coachlab.data import agent_facts, generate_team
from coachlab.data.team import BURNOUT_OCCUPANCY

SEEDS = range(12)


@pytest.fixture(scope="module")
def teams():
    return [generate_team(seed) for seed in SEEDS]


@pytest.fixture(scope="module")
def pooled(teams) -> pd.DataFrame:
    frames = []
    for team in teams:
        frame = team.monthly.merge(team.agents[["agent_id", "style"]], on="agent_id")
        frame["team"] = team.seed
        frame["key"] = frame["team"].astype(str) + frame["agent_id"]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def test_same_seed_same_team_and_different_seed_different_team():
    """Generate the same team for the same seed, and a different one for another seed."""
    a, b, c = generate_team(3), generate_team(3), generate_team(4)
    pd.testing.assert_frame_equal(a.monthly, b.monthly)
    pd.testing.assert_frame_equal(a.comments, b.comments)
    assert not a.monthly[["csat", "fcr"]].equals(c.monthly[["csat", "fcr"]])


@pytest.mark.parametrize("n_agents", [15, 22, 30])
def test_headcount_and_months(n_agents):
    """Keep the headcount every month (leavers are replaced) over twelve months."""
    team = generate_team(1, n_agents=n_agents)
    per_month = team.monthly.groupby("month").size()
    assert len(per_month) == 12 and (per_month == n_agents).all()
    assert list(team.team["month"]) == team.months and len(team.team) == 12


def test_default_size_is_between_15_and_30(teams):
    """Choose a headcount between 15 and 30 when none is given."""
    sizes = {int(t.monthly.groupby("month").size().iloc[0]) for t in teams}
    assert all(15 <= s <= 30 for s in sizes) and len(sizes) > 1


@pytest.mark.parametrize("bad", [{"n_agents": 14}, {"n_agents": 31}, {"months": 0}])
def test_rejects_impossible_sizes(bad):
    """Refuse a team smaller than 15, larger than 30, or with no months."""
    with pytest.raises(ValueError):
        generate_team(0, **bad)


def test_kpis_in_realistic_ranges(pooled, teams):
    """Keep averages where real contact centres are (CONTENT.md table)."""
    assert 0.68 <= pooled["fcr"].mean() <= 0.76
    assert 0.74 <= pooled["csat"].mean() <= 0.86
    assert 5.5 <= pooled["aht_min"].mean() <= 7.0
    assert 0.75 <= pooled["occupancy"].mean() <= 0.88
    assert 0.91 <= pooled["adherence"].mean() <= 0.95
    team_months = pd.concat([t.team for t in teams])
    assert 0.04 <= team_months["abandonment"].mean() <= 0.09
    assert 0.7 <= team_months["service_level"].mean() <= 0.85
    annual_attrition = [t.monthly["left"].sum() / t.monthly.groupby("month").size().iloc[0] for t in teams]
    assert 0.2 <= np.mean(annual_attrition) <= 0.5


def test_fcr_drives_csat_about_one_point_per_point(pooled):
    """Make one FCR point worth about one CSAT point."""
    slope = np.polyfit(pooled["fcr"], pooled["csat"], 1)[0]
    assert 0.75 <= slope <= 1.25
    assert pooled[["fcr", "csat"]].corr().iloc[0, 1] > 0.8


def test_qa_only_weakly_tracks_csat(pooled):
    """Keep QA weakly, not strongly, correlated with CSAT."""
    r = pooled[["qa", "csat"]].corr().iloc[0, 1]
    assert 0.05 < r < 0.6


def test_overload_raises_aht_for_the_same_agent(pooled):
    """Lengthen the same tenured agent's calls in months above 90 % occupancy."""
    tenured = pooled[pooled["tenure_months"] >= 6].copy()
    tenured["overloaded"] = tenured["occupancy"] > BURNOUT_OCCUPANCY
    per_agent = tenured.groupby(["key", "overloaded"])["aht_min"].mean().unstack().dropna()
    assert len(per_agent) > 50
    diff = per_agent[True] - per_agent[False]
    assert diff.mean() > 0.3 and (diff > 0).mean() > 0.7


def test_overload_raises_attrition(pooled):
    """Make agents leave more often after an overloaded month."""
    overloaded = pooled["occupancy"] > BURNOUT_OCCUPANCY
    last = pooled["month_index"] == pooled["month_index"].max()
    hot, calm = pooled[overloaded & ~last]["left"].mean(), pooled[~overloaded & ~last]["left"].mean()
    assert hot > 1.5 * calm


def test_new_hires_take_longer(pooled):
    """Give agents in their first three months a clearly higher AHT."""
    new = pooled[pooled["tenure_months"] < 3]["aht_min"].mean()
    seasoned = pooled[pooled["tenure_months"] >= 12]["aht_min"].mean()
    assert new - seasoned > 1.0


def test_rushed_agents_have_low_aht_and_low_fcr(pooled):
    """Show rushed calls as short calls that do not resolve."""
    seasoned = pooled[pooled["tenure_months"] >= 6]
    by_style = seasoned.groupby("style")[["aht_min", "fcr"]].mean()
    assert by_style.loc["rushed", "aht_min"] < by_style.loc["steady", "aht_min"] - 0.8
    assert by_style.loc["rushed", "fcr"] < by_style.loc["steady", "fcr"] - 0.04


def test_comments_in_both_languages_name_the_agent(teams):
    """Write every 360° comment in en and zh-CN, with the agent's name filled in."""
    team = teams[0]
    names = team.agents.set_index("agent_id")
    assert len(team.comments) >= len(team.agents)
    for row in team.comments.itertuples():
        assert names.loc[row.agent_id, "name_en"] in row.text_en
        assert names.loc[row.agent_id, "name_zh"] in row.text_zh
        assert "{" not in row.text_en + row.text_zh
    assert set(team.comments["sentiment"]) == {"positive", "developmental"}


def test_comments_reflect_the_numbers(teams):
    """Say 'rushes calls' about rushed agents, and never say it about no one in a dozen teams."""
    topics = pd.concat([t.comments.merge(t.agents[["agent_id", "style"]], on="agent_id") for t in teams])
    rushed_topics = topics[topics["topic"] == "rushes_calls"]
    assert len(rushed_topics) > 0
    assert (rushed_topics["style"] == "rushed").mean() > 0.7


def test_prep_facts_find_the_injected_shift(teams):
    """Find a planted FCR shift, in the right direction and within a month of when it began."""
    found = total = 0
    for team in teams:
        for agent in team.agents[team.agents["event_kind"].notna()].itertuples():
            facts = agent_facts(team, agent.agent_id)
            if facts.months_worked < 6:
                continue
            total += 1
            for move in facts.moves:
                month_gap = abs(pd.Period(move.month, "M").ordinal - pd.Period(agent.event_month, "M").ordinal)
                expected = "worse" if agent.event_kind == "dip" else "better"
                if move.kpi == "fcr" and month_gap <= 1 and move.verdict == expected:
                    found += 1
                    break
    assert total >= 20 and found / total >= 0.8


def test_prep_facts_rarely_invent_fcr_shifts(teams):
    """Report no FCR shift for most seasoned agents who had none planted."""
    quiet = flagged = 0
    for team in teams:
        calm = team.agents[team.agents["event_kind"].isna() & (team.agents["tenure_at_start"] >= 12)]
        for agent_id in calm["agent_id"]:
            facts = agent_facts(team, agent_id)
            if facts.months_worked < 12:
                continue
            quiet += 1
            flagged += any(m.kpi == "fcr" for m in facts.moves)
    assert quiet >= 50 and flagged / quiet < 0.15


def test_prep_facts_compare_with_the_team(teams):
    """Compare the agent's latest month with the team median of the same month."""
    team = teams[2]
    agent_id = team.monthly[team.monthly["month"] == team.months[-1]]["agent_id"].iloc[0]
    facts = agent_facts(team, agent_id)
    same = team.monthly[team.monthly["month"] == facts.latest_month]
    assert facts.team_median["fcr"] == pytest.approx(same["fcr"].median())
    assert facts.gaps()["aht_min"] == pytest.approx(-(facts.latest["aht_min"] - facts.team_median["aht_min"]))
    with pytest.raises(KeyError):
        agent_facts(team, "nobody")
