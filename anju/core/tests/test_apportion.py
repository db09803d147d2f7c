"""Household shares always add up to the total, to the fen, whatever the weights and reductions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.apportion import (
    NO_COEFFICIENT,
    NOTHING_TO_WEIGH,
    UNKNOWN_REDUCTION,
    ApportionError,
    Dwelling,
    Reduction,
    Rule,
    apportion,
    parse_coefficients,
)
from anju.core.money import NotAnAmount, fen_of, split, yuan_text

areas = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
totals = st.integers(min_value=0, max_value=10**11)


@st.composite
def households(draw: st.DrawFn) -> list[Dwelling]:
    count = draw(st.integers(min_value=1, max_value=40))
    return [
        Dwelling(f"d{i:03d}", draw(areas), draw(st.integers(min_value=1, max_value=9)))
        for i in range(count)
    ]


COEFFICIENTS = {1: Fraction(0), 2: Fraction(1, 2), 3: Fraction(1)} | {
    f: Fraction(1) + Fraction(f - 3, 10) for f in range(4, 10)
}


@given(totals, st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=50))
def test_a_split_adds_up_and_each_part_is_within_a_fen_of_its_quota(
    total: int, weights: list[int]
) -> None:
    if not any(weights):
        weights[0] = 1
    parts = split(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        quota = Fraction(total * weight, whole)
        assert abs(part - quota) < 1
        if weight == 0:
            assert part == 0


def test_the_last_fen_goes_to_the_largest_remainder_then_to_the_first() -> None:
    assert split(100, [1, 1, 1]) == [34, 33, 33]
    assert split(10, [Fraction(1, 3), Fraction(2, 3)]) == [3, 7]
    assert split(1, [2, 3]) == [0, 1]


@given(totals, households())
def test_shares_by_area_add_up_to_the_total(total: int, dwellings: list[Dwelling]) -> None:
    if not any(d.exclusive_area for d in dwellings):
        dwellings[0] = Dwelling(dwellings[0].dwelling_id, Decimal(1), 1)
    result = apportion(total, dwellings)
    assert sum(s.amount for s in result.shares) == total
    assert [s.dwelling_id for s in result.shares] == sorted(d.dwelling_id for d in dwellings)


@given(totals, households())
def test_shares_by_floor_add_up_and_the_ground_floor_pays_nothing(
    total: int, dwellings: list[Dwelling]
) -> None:
    if not any(d.exclusive_area and d.floor > 1 for d in dwellings):
        dwellings.append(Dwelling("top", Decimal(80), 6))
    result = apportion(total, dwellings, Rule.FLOOR, coefficients=COEFFICIENTS)
    assert result.paid_by_households == total
    floor = {d.dwelling_id: d.floor for d in dwellings}
    assert all(s.amount == 0 for s in result.shares if floor[s.dwelling_id] == 1)


@given(totals, households(), st.data())
def test_reductions_spread_over_the_others_still_add_up(
    total: int, dwellings: list[Dwelling], data: st.DataObject
) -> None:
    dwellings.append(Dwelling("payer", Decimal(60), 3))
    reduced = data.draw(st.sets(st.sampled_from([d.dwelling_id for d in dwellings[:-1]])))
    waived = data.draw(st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 10)]))
    result = apportion(
        total, dwellings, reductions=[Reduction(d, waived, "低保") for d in sorted(reduced)]
    )
    assert result.paid_by_households == total
    assert result.covered == 0
    if waived == 1:
        assert all(s.amount == 0 for s in result.shares if s.dwelling_id in reduced)


@given(totals, households(), st.data())
def test_reductions_covered_by_a_channel_add_up_with_the_channel(
    total: int, dwellings: list[Dwelling], data: st.DataObject
) -> None:
    dwellings.append(Dwelling("payer", Decimal(60), 3))
    reduced = data.draw(st.sets(st.sampled_from([d.dwelling_id for d in dwellings])))
    waived = data.draw(st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(1, 3)]))
    result = apportion(
        total,
        dwellings,
        reductions=[Reduction(d, waived, "特困") for d in sorted(reduced)],
        covered_by="donation",
    )
    assert result.paid_by_households + result.covered == total
    plain = apportion(total, dwellings)
    assert [s.gross for s in result.shares] == [s.amount for s in plain.shares]
    assert all(s.covered == 0 for s in result.shares if s.dwelling_id not in reduced)


def test_a_household_let_off_entirely_shifts_its_share_to_the_others() -> None:
    dwellings = [Dwelling("a", Decimal(50), 2), Dwelling("b", Decimal(50), 3)]
    result = apportion(10_000, dwellings, reductions=[Reduction("a", Fraction(1), "低保")])
    assert [(s.gross, s.amount) for s in result.shares] == [(5_000, 0), (5_000, 10_000)]


def test_a_floor_without_a_coefficient_is_named() -> None:
    with pytest.raises(ApportionError) as raised:
        apportion(100, [Dwelling("a", Decimal(50), 7)], Rule.FLOOR, coefficients={1: Fraction(0)})
    assert raised.value.problem == NO_COEFFICIENT
    assert raised.value.details == {"dwelling_id": "a", "floor": 7}


def test_nobody_left_to_pay_is_refused_rather_than_losing_the_money() -> None:
    with pytest.raises(ApportionError) as raised:
        apportion(100, [Dwelling("a", Decimal(50), 1)], Rule.FLOOR, coefficients={1: Fraction(0)})
    assert raised.value.problem == NOTHING_TO_WEIGH
    with pytest.raises(ApportionError) as raised:
        apportion(100, [Dwelling("a", Decimal(50), 2)], reductions=[Reduction("z", 1, "低保")])
    assert raised.value.problem == UNKNOWN_REDUCTION


def test_coefficients_are_read_from_the_command_line_form() -> None:
    assert parse_coefficients("1:0, 2:0.5，3：1.2") == {
        1: Fraction(0),
        2: Fraction(1, 2),
        3: Fraction(6, 5),
    }
    for bad in ("", "1", "1:x", "a:1", "1:-1", "1:0,1:1"):
        with pytest.raises(ValueError, match=r".*"):
            parse_coefficients(bad)


def test_amounts_are_read_and_written_to_the_fen() -> None:
    assert fen_of("1,234.5") == 123_450
    assert yuan_text(123_450) == "1234.50"
    assert yuan_text(-5) == "-0.05"
    for bad in ("1.005", "x", "NaN", "Infinity"):
        with pytest.raises(NotAnAmount):
            fen_of(bad)
