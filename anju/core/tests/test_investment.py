"""Payback, NPV and IRR of a concession, checked on figures worked by hand."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from anju.core.investment import (
    HIGHEST_RATE,
    Asset,
    CashFlow,
    balance,
    concession,
    cumulative,
    irr,
    npv_exact,
)

WAN = 1_000_000  # fen


def test_a_parking_concession_pays_back_in_its_fifth_year() -> None:
    # 100 万元 invested, 25 万元 a year for eight years.
    result = balance(CashFlow((-100 * WAN, *[25 * WAN] * 8)), Fraction(6, 100))
    assert result.invested == 100 * WAN and result.income == 200 * WAN
    assert result.payback_year == 4
    # Σ 25 / 1.06^t for t = 1..8 = 25 × 6.2097938 = 155.2448 万元, less the 100 invested.
    assert result.npv == 55_244_845
    assert result.irr is not None and abs(result.irr - Fraction(18624, 100000)) < Fraction(1, 10**5)


def test_a_concession_that_never_pays_back_says_so() -> None:
    result = balance(CashFlow((-100 * WAN, 10 * WAN, 10 * WAN)), Fraction(5, 100))
    assert result.payback_year is None
    assert result.npv < 0
    assert result.irr is not None and result.irr < 0


def test_no_rate_balances_flows_that_never_change_sign() -> None:
    assert irr([WAN, WAN]) is None
    assert irr([-WAN, 0]) is None


@given(
    st.integers(min_value=1, max_value=10**9),
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=15),
)
def test_the_npv_at_the_irr_is_nil_within_a_fen(invested: int, income: list[int]) -> None:
    flows = [-invested, *income]
    rate = irr(flows)
    if rate is None:  # nothing earned, or more than a millionfold
        assert npv_exact(flows, Fraction(-99, 100)) < 0 or npv_exact(flows, HIGHEST_RATE) > 0
        return
    assert abs(npv_exact(flows, rate)) < max(1, invested) * Fraction(1, 10**4)


def test_a_concession_adds_its_assets_up_year_by_year() -> None:
    flows = concession(
        [Asset(60 * WAN, 12 * WAN, 2 * WAN), Asset(40 * WAN, 20 * WAN, 5 * WAN)], years=3
    )
    assert flows.flows == (-100 * WAN, 25 * WAN, 25 * WAN, 25 * WAN)
    assert cumulative(flows) == [-100 * WAN, -75 * WAN, -50 * WAN, -25 * WAN]
