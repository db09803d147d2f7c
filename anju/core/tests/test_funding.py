"""A funding plan reconciles to the fen, and channels pay only what their clause opens them to."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.clauses import Sources
from anju.core.funding import (
    Allocation,
    Channels,
    CostLine,
    Finding,
    Problem,
    check,
    propose,
    summarise,
)
from anju.core.policy_pack import load_pack
from anju.policy import SOURCES_DIR

PACKS = Path(SOURCES_DIR).parent / "packs"
NATIONAL = load_pack(PACKS / "national-2020.yaml", Sources.load(SOURCES_DIR))
CHANNELS = Channels.of(NATIONAL.model.funding)

LINES = [
    CostLine("water_supply", "供水设施改造", "basic", 30_000_000),
    CostLine("roads", "道路改造", "basic", 55_555_555),
    CostLine("elevators", "加装电梯", "improvement", 120_000_000),
    CostLine("elderly_care", "养老服务设施", "enhancement", 9_999_999),
]

costs = st.integers(min_value=0, max_value=10**10)
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)


@given(st.lists(costs, min_size=4, max_size=4), shares, shares, shares)
def test_a_proposed_plan_always_reconciles_and_respects_every_limit(
    amounts: list[int], basic: Fraction, improvement: Fraction, enhancement: Fraction
) -> None:
    lines = [
        CostLine(line.key, line.name, line.category, fen)
        for line, fen in zip(LINES, amounts, strict=True)
    ]
    plan = propose(
        lines,
        CHANNELS,
        {"basic": basic, "improvement": improvement, "enhancement": enhancement},
        "central_subsidy",
    )
    assert check(lines, plan, CHANNELS) == []
    summary = summarise(lines, plan)
    assert sum(summary.by_channel.values()) == summary.total == sum(amounts)


def test_utilities_bear_their_own_pipelines_and_households_their_share() -> None:
    plan = propose(LINES, CHANNELS, {"basic": Fraction(1, 10)}, "local_budget")
    paid = {(a.key, a.channel): a.amount for a in plan}
    assert paid[("water_supply", "utilities")] == 30_000_000
    assert paid[("roads", "residents")] + paid[("roads", "local_budget")] == 55_555_555
    assert paid[("roads", "residents")] == 5_555_556  # a tenth, the odd fen by largest remainder
    assert ("elevators", "residents") not in paid
    assert summarise(LINES, plan).households == 5_555_556


def test_a_line_paid_short_or_over_is_found_with_both_figures() -> None:
    plan = [
        Allocation("water_supply", "utilities", 29_999_999),
        Allocation("roads", "local_budget", 55_555_556),
        Allocation("elevators", "provident_fund", 120_000_000),
        Allocation("elderly_care", "social_capital", 9_999_999),
    ]
    assert check(LINES, plan, CHANNELS) == [
        Finding(Problem.SHORT, "water_supply", cost=30_000_000, funded=29_999_999),
        Finding(Problem.OVER, "roads", cost=55_555_555, funded=55_555_556),
    ]


def test_a_channel_is_refused_where_its_clause_does_not_reach() -> None:
    plan = [
        Allocation("water_supply", "utilities", 30_000_000),
        Allocation("roads", "provident_fund", 55_555_555),
        Allocation("elevators", "maintenance_fund", 120_000_000),
        Allocation("elderly_care", "maintenance_fund", 9_999_999),
    ]
    assert check(LINES, plan, CHANNELS) == [
        Finding(Problem.CHANNEL_LIMITED, "roads", "provident_fund"),
        Finding(Problem.CHANNEL_LIMITED, "elderly_care", "maintenance_fund"),
    ]


def test_a_channel_the_pack_does_not_open_or_that_pays_nothing_is_refused() -> None:
    plan = [
        Allocation("water_supply", "utilities", 30_000_000),
        Allocation("roads", "tax_relief", 55_555_555),
        Allocation("elevators", "residents", 120_000_000),
        Allocation("elderly_care", "donation", 9_999_999),
        Allocation("sauna", "donation", 1),
    ]
    assert check(LINES, plan, CHANNELS) == [
        Finding(Problem.CHANNEL_NOT_OPEN, "roads", "tax_relief"),
        Finding(Problem.CHANNEL_NOT_OPEN, "elderly_care", "donation"),
        Finding(Problem.UNKNOWN_LINE, "sauna", "donation"),
    ]


def test_a_negative_amount_or_an_unknown_line_is_refused_and_the_rest_still_checked() -> None:
    plan = [
        Allocation("sauna", "donation", 1),
        Allocation("water_supply", "utilities", -1),
        Allocation("water_supply", "utilities", 30_000_000),
        Allocation("roads", "local_budget", 0),
        Allocation("roads", "donation", 0),
        Allocation("roads", "local_budget", 55_555_555),
        Allocation("elevators", "residents", 120_000_000),
        Allocation("elderly_care", "tax_relief", 9_999_999),
    ]
    assert check(LINES, plan, CHANNELS) == [
        Finding(Problem.UNKNOWN_LINE, "sauna", "donation"),
        Finding(Problem.NEGATIVE, "water_supply", "utilities"),
        Finding(Problem.CHANNEL_NOT_OPEN, "elderly_care", "tax_relief"),
    ]


def test_where_residents_may_not_pay_the_government_pays_their_share() -> None:
    """A pack that opens no residents' channel, or opens one only to basic and improvement
    items: the households' share of what they may not pay falls to the government."""
    shares = {"basic": Fraction(1, 2), "enhancement": Fraction(1, 2)}
    closed = Channels({c: f for c, f in CHANNELS.rules.items() if c != "residents"})
    assert not closed.may_pay("residents", LINES[1])
    plan = propose(LINES, closed, shares, "local_budget")
    assert {a.channel for a in plan} == {"utilities", "local_budget"}

    basic_only = CHANNELS.rules["residents"].model_copy(
        update={"pays_for": CHANNELS.rules["maintenance_fund"].pays_for}
    )
    limited = Channels({**CHANNELS.rules, "residents": basic_only})
    paid = {(a.key, a.channel): a.amount for a in propose(LINES, limited, shares, "local_budget")}
    assert paid[("roads", "residents")] == 27_777_778
    assert paid[("elderly_care", "local_budget")] == 9_999_999
    assert ("elderly_care", "residents") not in paid


def test_households_bearing_all_of_a_category_pay_every_fen_of_it() -> None:
    paid = {
        (a.key, a.channel): a.amount
        for a in propose(LINES, CHANNELS, {"basic": Fraction(1)}, "local_budget")
    }
    assert paid[("roads", "residents")] == 55_555_555
    assert ("roads", "local_budget") not in paid


def test_a_proposal_is_refused_for_a_payer_not_open_or_a_share_outside_nothing_to_all() -> None:
    with pytest.raises(ValueError, match=r"^donation$"):
        propose(LINES, CHANNELS, {}, "donation")
    with pytest.raises(ValueError, match=r"^basic$"):
        propose(LINES, CHANNELS, {"basic": Fraction(3, 2)}, "local_budget")
    with pytest.raises(ValueError, match=r"^enhancement$"):
        propose(LINES, CHANNELS, {"enhancement": Fraction(-1, 10)}, "local_budget")


def test_a_channel_s_share_is_of_the_whole_cost_and_nothing_of_nothing() -> None:
    summary = summarise(LINES, propose(LINES, CHANNELS, {"basic": Fraction(1, 10)}, "local_budget"))
    assert summary.share("utilities") == Fraction(30_000_000, 215_555_554)
    assert summary.share("donation") == 0
    assert summarise([], []).share("local_budget") == 0
