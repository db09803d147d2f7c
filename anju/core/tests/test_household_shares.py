"""Every household's bill adds up with the others to the households' part, to the fen, and an
elevator is paid only by the stairway units it serves."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.apportion import ApportionError, Dwelling, Reduction, Rule
from anju.core.funding import Allocation
from anju.core.household_shares import (
    EMPTY_UNIT,
    NO_UNIT_SERVED,
    UNITS_MISMATCH,
    household_bills,
    households_part,
)

COEFFICIENTS = {f: Fraction(0) if f == 1 else Fraction(5 + f, 10) for f in range(1, 8)}


def building(units: int, floors: int) -> tuple[list[Dwelling], dict[str, str]]:
    dwellings, unit_of = [], {}
    for unit in range(1, units + 1):
        for floor in range(1, floors + 1):
            for door in (1, 2):
                key = f"{unit}-{floor}0{door}"
                dwellings.append(Dwelling(key, Decimal(55 + 10 * door) + Decimal(floor) / 4, floor))
                unit_of[key] = f"u{unit}"
    return dwellings, unit_of


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=2, max_value=7),
    st.data(),
)
def test_bills_add_up_to_the_households_part_whatever_is_served_or_waived(
    common: int, by_floor: int, units: int, floors: int, data: st.DataObject
) -> None:
    dwellings, unit_of = building(units, floors)
    served = data.draw(
        st.lists(st.sampled_from(sorted(set(unit_of.values()))), min_size=1, unique=True)
    )
    waived = data.draw(st.sets(st.sampled_from([d.dwelling_id for d in dwellings]), max_size=3))
    covered_by = data.draw(st.sampled_from([None, "local_budget"]))
    reductions = [Reduction(d, Fraction(1), "低保") for d in sorted(waived)]
    # Someone in every served unit above the ground floor must be left to pay.
    reductions = [r for r in reductions if not r.dwelling_id.endswith(f"{floors}01")]
    result = household_bills(
        common,
        by_floor,
        dwellings,
        unit_of,
        served,
        COEFFICIENTS,
        reductions=reductions,
        covered_by=covered_by,
    )
    assert sum(b.total + b.covered for b in result.bills) == common + by_floor
    for bill in result.bills:
        if unit_of[bill.dwelling_id] not in served:
            assert bill.by_floor == 0
    if covered_by is None:
        assert all(
            b.total == 0
            for b in result.bills
            if b.dwelling_id in {r.dwelling_id for r in reductions}
        )


def test_the_households_part_is_what_they_bear_themselves_split_by_how_it_is_shared() -> None:
    plan = [
        Allocation("roads", "residents", 1_000),
        Allocation("roads", "local_budget", 9_000),
        Allocation("greening", "maintenance_fund", 500),
        Allocation("elevators", "provident_fund", 30_000),
        Allocation("elevators", "residents", 20_000),
        Allocation("elevators", "central_subsidy", 50_000),
    ]
    assert households_part(plan, ["elevators"]) == (1_500, 50_000)


def test_an_elevator_with_no_unit_to_serve_is_refused() -> None:
    dwellings, unit_of = building(1, 3)
    with pytest.raises(ApportionError) as refused:
        household_bills(0, 100, dwellings, unit_of, [], COEFFICIENTS)
    assert refused.value.problem == NO_UNIT_SERVED
    with pytest.raises(ApportionError) as refused:
        household_bills(0, 100, dwellings, unit_of, ["u9"], COEFFICIENTS)
    assert (refused.value.problem, refused.value.details) == (EMPTY_UNIT, {"unit": "u9"})


def test_the_ground_floor_pays_the_common_work_but_not_the_elevator() -> None:
    dwellings, unit_of = building(2, 3)
    result = household_bills(60_000, 100_000, dwellings, unit_of, ["u1"], COEFFICIENTS)
    ground = result.of("1-101")
    assert ground is not None and ground.by_floor == 0 and ground.common > 0
    other_unit = result.of("2-301")
    assert other_unit is not None and other_unit.by_floor == 0
    top = result.of("1-301")
    assert top is not None and top.by_floor > result.of("1-201").by_floor  # type: ignore[union-attr]


def test_elevators_priced_for_more_units_than_voted_are_refused() -> None:
    dwellings, unit_of = building(3, 3)
    with pytest.raises(ApportionError) as refused:
        household_bills(0, 100, dwellings, unit_of, ["u1"], COEFFICIENTS, priced_units=3)
    assert refused.value.problem == UNITS_MISMATCH
    assert refused.value.details == {"priced": 3, "served": 1, "units": "u1"}
    with pytest.raises(ApportionError) as refused:
        household_bills(0, 100, dwellings, unit_of, ["u1", "u3"], COEFFICIENTS, priced_units=3)
    assert refused.value.details == {"priced": 3, "served": 2, "units": "u1、u3"}


def test_worked_example_common_work_by_area_and_one_units_elevator_by_floor() -> None:
    # 600 yuan of common work over 50, 50, 100 and 100 m²; a 1,000-yuan elevator serves unit 1
    # only, whose second floor (coefficient 1) bears it all; 1-201 is let off half of
    # everything, which a donation pays
    dwellings = [
        Dwelling("1-101", Decimal(50), 1),
        Dwelling("1-201", Decimal(50), 2),
        Dwelling("2-101", Decimal(100), 1),
        Dwelling("2-201", Decimal(100), 2),
    ]
    units = {d.dwelling_id: d.dwelling_id[0] for d in dwellings}
    bills = household_bills(
        60_000,
        100_000,
        dwellings,
        units,
        ["1"],
        {1: Fraction(0), 2: Fraction(1)},
        reductions=[Reduction("1-201", Fraction(1, 2), "低保")],
        covered_by="donation",
    )
    assert [(b.dwelling_id, b.common, b.by_floor, b.covered) for b in bills.bills] == [
        ("1-101", 10_000, 0, 0),
        ("1-201", 5_000, 50_000, 55_000),
        ("2-101", 20_000, 0, 0),
        ("2-201", 20_000, 0, 0),
    ]
    assert (bills.common_total, bills.by_floor_total, bills.total) == (60_000, 100_000, 160_000)
    assert [(p.total, p.rule) for p in bills.parts] == [(60_000, Rule.AREA), (100_000, Rule.FLOOR)]
    assert bills.of("1-201") == bills.bills[1]
    assert bills.of("3-101") is None
