"""Household shares always add up to the total, to the fen, whatever the weights and reductions."""

from __future__ import annotations

import re
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
from anju.core.money import NotAnAmount, fen_of, split, yuan, yuan_text

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


def test_an_amount_past_a_thousand_trillion_yuan_is_refused_before_it_is_counted_in_fen() -> None:
    assert fen_of("999999999999999.99") == 99_999_999_999_999_999
    assert fen_of("-999999999999999") == -99_999_999_999_999_900
    for bad in ("1000000000000000", "-1E+15", "9E+999999", "1E+99999"):
        with pytest.raises(NotAnAmount):
            fen_of(bad)


# Worked by hand, so that a rule applied to the wrong households fails here even where the
# shares still add up.


def test_worked_example_a_half_waiver_spread_over_the_others() -> None:
    # 1,000 yuan over 50 + 100 + 50 m²; b is let off half: the paying weights are 50, 50, 50,
    # so each pays a third (333.34 for the first by the largest remainder, then 333.33)
    dwellings = [
        Dwelling("a", Decimal(50), 2),
        Dwelling("b", Decimal(100), 3),
        Dwelling("c", Decimal(50), 4),
    ]
    result = apportion(100_000, dwellings, reductions=[Reduction("b", Fraction(1, 2), "低保")])
    assert [(s.dwelling_id, s.gross, s.covered, s.amount) for s in result.shares] == [
        ("a", 25_000, 0, 33_334),
        ("b", 50_000, 0, 33_333),
        ("c", 25_000, 0, 33_333),
    ]


def test_worked_example_a_half_waiver_paid_by_a_channel() -> None:
    # the same, with the waived half paid by a donation: nobody else pays more
    dwellings = [
        Dwelling("a", Decimal(50), 2),
        Dwelling("b", Decimal(100), 3),
        Dwelling("c", Decimal(50), 4),
    ]
    result = apportion(
        100_000,
        dwellings,
        reductions=[Reduction("b", Fraction(1, 2), "低保")],
        covered_by="donation",
    )
    assert [(s.dwelling_id, s.gross, s.covered, s.amount) for s in result.shares] == [
        ("a", 25_000, 0, 25_000),
        ("b", 50_000, 25_000, 25_000),
        ("c", 25_000, 0, 25_000),
    ]
    assert (result.paid_by_households, result.covered) == (75_000, 25_000)


def test_worked_example_an_elevator_by_floor_times_area() -> None:
    # 3,000 yuan in one stairway; floors 1–4 of 80, 80, 100 and 60 m² with coefficients 0, 0.5,
    # 1 and 1.2 weigh 0, 40, 100 and 72 (of 212): 566.0377…, 1415.0943…, 1018.8679… yuan; the two
    # fen left go to the largest remainders, floor 4 (.79) and floor 2 (.77)
    dwellings = [
        Dwelling("1", Decimal(80), 1),
        Dwelling("2", Decimal(80), 2),
        Dwelling("3", Decimal(100), 3),
        Dwelling("4", Decimal(60), 4),
    ]
    coefficients = {1: Fraction(0), 2: Fraction(1, 2), 3: Fraction(1), 4: Fraction(6, 5)}
    result = apportion(300_000, dwellings, Rule.FLOOR, coefficients=coefficients)
    assert [s.weight for s in result.shares] == [0, 40, 100, 72]
    assert [s.amount for s in result.shares] == [0, 56_604, 141_509, 101_887]


def _refusal(*args: object, **kwargs: object) -> ApportionError:
    with pytest.raises(ApportionError) as raised:
        apportion(*args, **kwargs)  # type: ignore[arg-type]
    return raised.value


def test_each_refusal_names_its_problem_and_the_dwelling_it_is_about() -> None:
    a, b = Dwelling("a", Decimal(50), 2), Dwelling("b", Decimal(60), 3)
    cases = [
        (_refusal(-1, [a]), "negative_total", {"total": -1}),
        (_refusal(100, []), "no_dwellings", {}),
        (
            _refusal(100, [a, Dwelling("a", Decimal(5), 1)]),
            "duplicate_dwelling",
            {"dwelling_id": "a"},
        ),
        (_refusal(100, [a, Dwelling("n", Decimal(-1), 1)]), "bad_area", {"dwelling_id": "n"}),
        (_refusal(100, [a, Dwelling("q", Decimal("NaN"), 1)]), "bad_area", {"dwelling_id": "q"}),
        (
            _refusal(100, [a], reductions=[Reduction("z", Fraction(1), "")]),
            "unknown_reduction",
            {"dwelling_id": "z"},
        ),
        (
            _refusal(100, [a, b], reductions=[Reduction("b", Fraction(2), "")]),
            "bad_reduction",
            {"dwelling_id": "b"},
        ),
        (
            _refusal(100, [a, b], reductions=[Reduction("b", Fraction(-1, 2), "")]),
            "bad_reduction",
            {"dwelling_id": "b"},
        ),
        (
            _refusal(
                100,
                [a, b],
                reductions=[Reduction("b", Fraction(1, 2), ""), Reduction("b", Fraction(1, 4), "")],
            ),
            "bad_reduction",
            {"dwelling_id": "b"},
        ),
        (
            _refusal(100, [Dwelling("g", Decimal(0), 1)], covered_by="donation"),
            "nothing_to_weigh",
            {},
        ),
    ]
    for error, problem, details in cases:
        assert (error.problem, error.details, error.args) == (problem, details, (problem, details))


def test_a_reduction_of_nothing_changes_nothing_and_an_empty_sum_is_shared_as_nothing() -> None:
    a, b = Dwelling("a", Decimal(50), 2), Dwelling("b", Decimal(150), 3)
    none = apportion(1_000, [a, b], reductions=[Reduction("a", Fraction(0), "")])
    assert [s.amount for s in none.shares] == [250, 750]
    nothing = apportion(0, [Dwelling("g", Decimal(0), 1)])
    assert [(s.gross, s.amount) for s in nothing.shares] == [(0, 0)]


def test_the_result_says_what_it_shared_how_and_who_covers_the_waived_part() -> None:
    a, b = Dwelling("a", Decimal(50), 2), Dwelling("b", Decimal(150), 3)
    plain = apportion(1_000, [b, a])
    assert (plain.total, plain.rule, plain.covered_by) == (1_000, Rule.AREA, None)
    covered = apportion(
        1_000,
        [a, b],
        Rule.FLOOR,
        coefficients={2: Fraction(1), 3: Fraction(1)},
        reductions=[Reduction("a", Fraction(1, 2), "")],
        covered_by="donation",
    )
    assert (covered.total, covered.rule, covered.covered_by) == (1_000, Rule.FLOOR, "donation")
    assert [s.weight for s in covered.shares] == [50, 150]


def test_a_covered_half_fen_is_rounded_up_for_the_household() -> None:
    # 250.01 yuan, half waived: the channel pays 125.005 yuan, rounded to 125.01, the household
    # 125.00
    result = apportion(
        25_001,
        [Dwelling("a", Decimal(1), 1)],
        reductions=[Reduction("a", Fraction(1, 2), "")],
        covered_by="donation",
    )
    assert [(s.covered, s.amount) for s in result.shares] == [(12_501, 12_500)]


def test_coefficients_skip_empty_entries_and_a_refusal_names_the_entry() -> None:
    assert parse_coefficients("1:0,,2:1,") == {1: Fraction(0), 2: Fraction(1)}
    for text, named in [("1:0, 2", "2"), (" 3:x ", "3:x"), ("4:-1", "4:-1"), (" , ", " , ")]:
        with pytest.raises(ValueError, match=re.escape(named.strip())) as raised:
            parse_coefficients(text)
        assert raised.value.args == (named,)


def test_a_split_names_what_it_cannot_do() -> None:
    assert split(0, [0, 0]) == [0, 0]
    with pytest.raises(ValueError, match=r"^weights must not be negative$"):
        split(1, [1, -1])
    with pytest.raises(ValueError, match=r"^the total must not be negative$"):
        split(-1, [1])
    with pytest.raises(ValueError, match=r"^a positive total needs a positive weight$"):
        split(1, [0, 0])


def test_yuan_are_written_with_a_sign_only_below_zero_and_refusals_quote_the_input() -> None:
    assert [yuan_text(f) for f in (0, 1, -1, 100)] == ["0.00", "0.01", "-0.01", "1.00"]
    for bad in ("abc", "1.005", "Infinity"):
        with pytest.raises(NotAnAmount) as raised:
            fen_of(bad)
        assert raised.value.args == (bad,)


def test_fen_are_given_back_as_exact_yuan() -> None:
    assert [yuan(f) for f in (0, 1, 12_345, -250)] == [
        Decimal("0"),
        Decimal("0.01"),
        Decimal("123.45"),
        Decimal("-2.5"),
    ]
