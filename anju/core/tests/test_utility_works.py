"""Two works opening the same ground at different times are flagged; sharing a trench is not."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from anju.core.utility_works import Works, dig_twice

D = dt.date


def test_water_and_gas_under_the_same_road_months_apart_are_flagged() -> None:
    water = Works(
        "w", "供水公司", frozenset({"主干道A段", "1号楼北侧"}), D(2026, 4, 1), D(2026, 5, 15)
    )
    gas = Works("g", "燃气公司", frozenset({"主干道A段"}), D(2026, 8, 1), D(2026, 8, 30))
    power = Works("p", "供电公司", frozenset({"2号楼南侧"}), D(2026, 8, 1), D(2026, 8, 30))
    road = Works("r", "小区改造", frozenset({"主干道A段"}), D(2026, 5, 1), D(2026, 6, 30))
    found = dig_twice([gas, power, road, water])
    # water and the road share a trench in May; gas comes back to the same road in August.
    assert [(c.first.key, c.second.key) for c in found] == [("w", "g"), ("r", "g")]
    assert all(c.ground == frozenset({"主干道A段"}) for c in found)
    assert found[1].gap_days == 32


segments = st.frozensets(st.sampled_from("ABCDE"), min_size=1, max_size=3)
days = st.integers(min_value=0, max_value=300)


@given(st.lists(st.tuples(segments, days, st.integers(0, 60)), max_size=8))
def test_a_pair_is_flagged_exactly_when_it_shares_ground_and_not_time(
    rows: list[tuple[frozenset[str], int, int]],
) -> None:
    start = D(2026, 1, 1)
    works = [
        Works(f"k{i}", "u", ground, start + dt.timedelta(days=s), start + dt.timedelta(days=s + n))
        for i, (ground, s, n) in enumerate(rows)
    ]
    flagged = {frozenset((c.first.key, c.second.key)) for c in dig_twice(works)}
    for a in works:
        for b in works:
            if a.key >= b.key:
                continue
            apart = a.end < b.start or b.end < a.start
            assert (frozenset((a.key, b.key)) in flagged) == bool(a.segments & b.segments and apart)
