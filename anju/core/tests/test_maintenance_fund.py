"""The 30 % line flags exactly the funds under it, and the ones that do not exist."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.maintenance_fund import FundCheck, FundState, check_fund

LINE = Decimal("0.30")


def judged(initial: str | None, balance: str | None) -> FundCheck:
    return check_fund(
        None if initial is None else Decimal(initial),
        None if balance is None else Decimal(balance),
        line=LINE,
        floor_area=Decimal(10_000),
        yuan_per_m2=Decimal(50),
    )


@pytest.mark.parametrize(
    ("initial", "balance", "expected"),
    [
        ("100000.00", "30000.00", FundState.SUFFICIENT),  # exactly 30 % is not 不足
        ("100000.00", "29999.99", FundState.BELOW_LINE),
        ("100000.00", "0", FundState.BELOW_LINE),
        (None, None, FundState.NO_FUND),
        ("0", "0", FundState.NO_FUND),
        ("100000.00", None, FundState.UNKNOWN),
        (None, "5000.00", FundState.UNKNOWN),
        ("100000.00", "150000.00", FundState.SUFFICIENT),
    ],
)
def test_the_line_is_under_thirty_percent_of_the_initial_amount(
    initial: str | None, balance: str | None, expected: FundState
) -> None:
    assert judged(initial, balance).state is expected


money = st.integers(min_value=1, max_value=10**12)


@given(money, st.integers(min_value=0, max_value=10**12))
def test_flagged_exactly_when_ten_times_the_balance_is_under_three_times_the_initial(
    initial: int, balance: int
) -> None:
    result = check_fund(
        Decimal(initial) / 100,
        Decimal(balance) / 100,
        line=LINE,
        floor_area=Decimal(1),
        yuan_per_m2=Decimal(1),
    )
    assert result.flagged == (10 * balance < 3 * initial)
    assert result.needed == (initial - balance if result.flagged else 0)


def test_a_fund_set_up_anew_is_reckoned_on_the_floor_area() -> None:
    result = check_fund(
        None, None, line=LINE, floor_area=Decimal("12345.67"), yuan_per_m2=Decimal(50)
    )
    assert result.flagged and result.needed == 61_728_350


@pytest.mark.parametrize(
    ("initial", "balance", "expected"),
    [
        ("100000.00", "30000.00", FundCheck(FundState.SUFFICIENT, 10_000_000, 3_000_000, 0)),
        (
            "100000.00",
            "29999.99",
            FundCheck(FundState.BELOW_LINE, 10_000_000, 2_999_999, 7_000_001),
        ),
        (None, None, FundCheck(FundState.NO_FUND, None, None, 50_000_000)),
        ("0", "0", FundCheck(FundState.NO_FUND, 0, 0, 50_000_000)),
        ("100000.00", None, FundCheck(FundState.UNKNOWN, 10_000_000, None, 0)),
        (None, "5000.00", FundCheck(FundState.UNKNOWN, None, 500_000, 0)),
    ],
)
def test_each_check_keeps_the_ledger_s_figures_in_fen_and_what_is_needed(
    initial: str | None, balance: str | None, expected: FundCheck
) -> None:
    assert judged(initial, balance) == expected
