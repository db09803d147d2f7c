"""Instalments and the subsidy reward/penalty both add up to the fen, and reward the right
districts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.disbursement import Milestone, instalments, payable, released
from anju.core.project_stages import Stage
from anju.core.subsidy import AdjustmentRule, adjust

SCHEDULE = [
    Milestone(Stage.CONSTRUCTION, Fraction(3, 10)),
    Milestone(Stage.ACCEPTANCE, Fraction(6, 10)),
    Milestone(Stage.EVALUATION, Fraction(1, 10)),
]
RULE = AdjustmentRule(reward=Fraction(1, 10), penalty=Fraction(1, 10), band=Fraction(1, 3))


@given(st.integers(min_value=0, max_value=10**12))
def test_instalments_add_up_to_the_allocation(amount: int) -> None:
    assert sum(instalments(amount, SCHEDULE)) == amount
    assert released(amount, SCHEDULE, Stage.EVALUATION) == amount


def test_nothing_is_released_before_building_starts_and_paid_money_counts() -> None:
    assert released(1_000_001, SCHEDULE, Stage.PLANNED) == 0
    assert released(1_000_001, SCHEDULE, Stage.CONSTRUCTION) == 300_000
    assert released(1_000_001, SCHEDULE, Stage.HANDOVER) == 900_001
    assert payable(1_000_001, SCHEDULE, Stage.ACCEPTANCE, paid=300_000) == 600_001
    assert payable(1_000_001, SCHEDULE, Stage.CONSTRUCTION, paid=300_000) == 0


def test_shares_that_do_not_make_a_whole_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^milestone shares must add up to 1$"):
        instalments(100, SCHEDULE[:2])


@given(
    st.integers(min_value=0, max_value=10**12),
    st.dictionaries(
        st.sampled_from("ABCDEFGHI"),
        st.tuples(st.integers(1, 10**9), st.integers(0, 100)),
        min_size=1,
    ),
)
def test_the_adjusted_allocation_is_the_pool_to_the_fen(
    pool: int, districts: dict[str, tuple[int, int]]
) -> None:
    bases = {d: base for d, (base, _score) in districts.items()}
    scores = {d: Fraction(score) for d, (_base, score) in districts.items()}
    result = adjust(pool, bases, scores, RULE)
    assert sum(r.amount for r in result) == pool
    assert sum(r.unadjusted for r in result) == pool
    for better in result:
        for worse in result:
            if better.score > worse.score:
                assert better.factor >= worse.factor


def test_the_top_third_gains_and_the_bottom_third_loses() -> None:
    bases = dict.fromkeys("ABCDEF", 1_000_000)
    scores = {d: Fraction(s) for d, s in zip("ABCDEF", (95, 90, 80, 80, 60, 50), strict=True)}
    result = {r.district: r for r in adjust(6_000_000, bases, scores, RULE)}
    assert result["A"].factor == result["B"].factor == Fraction(11, 10)
    assert result["C"].factor == result["D"].factor == 1
    assert result["E"].factor == result["F"].factor == Fraction(9, 10)
    assert result["A"].change > 0 > result["F"].change
    assert result["C"].amount == result["D"].amount


def test_equal_scores_change_nothing() -> None:
    result = adjust(900, {"A": 1, "B": 2, "C": 6}, dict.fromkeys("ABC", Fraction(80)), RULE)
    assert [r.change for r in result] == [0, 0, 0]


def test_districts_come_best_score_first_and_equal_scores_by_code() -> None:
    scores = {
        "410923": Fraction(60),
        "410922": Fraction(90),
        "410928": Fraction(60),
        "410902": Fraction(75),
    }
    result = adjust(1000, dict.fromkeys(scores, 1), scores, RULE)
    assert [r.district for r in result] == ["410922", "410902", "410923", "410928"]


def test_a_pool_with_no_base_anywhere_gives_nothing_to_anyone() -> None:
    result = adjust(1000, {"A": 0, "B": 0}, {"A": Fraction(90), "B": Fraction(50)}, RULE)
    assert [(r.unadjusted, r.amount) for r in result] == [(0, 0), (0, 0)]


def test_a_district_without_a_score_or_a_base_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^every district needs a base and a score$"):
        adjust(1000, {"A": 1, "B": 1}, {"A": Fraction(90)}, RULE)
