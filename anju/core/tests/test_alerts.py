"""Works fall behind only past the tolerance on a straight line to their due date; the districts
called in are exactly those with slow, overdue or defective works, most first."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from anju.core.alerts import (
    INTERVIEW_KINDS,
    Alert,
    AlertKind,
    behind_schedule,
    expected_percent,
    interview_list,
)

D = dt.date
START, DUE = D(2026, 3, 1), D(2026, 12, 26)  # 300 days


def test_halfway_through_the_time_half_the_works_are_expected() -> None:
    assert expected_percent(START, DUE, D(2026, 7, 29)) == 50
    assert expected_percent(START, DUE, START) == 0
    assert expected_percent(START, DUE, D(2027, 1, 1)) == 100


def test_behind_only_past_the_tolerance_and_never_once_due() -> None:
    halfway = D(2026, 7, 29)
    assert not behind_schedule(START, DUE, 35, halfway, 15)  # exactly 15 behind
    assert behind_schedule(START, DUE, 34, halfway, 15)
    assert not behind_schedule(START, DUE, 0, DUE, 15)  # due: overdue, not slow


@given(
    days=st.integers(min_value=0, max_value=400),
    length=st.integers(min_value=1, max_value=400),
    percent=st.integers(min_value=0, max_value=100),
    points=st.integers(min_value=1, max_value=100),
)
def test_behind_exactly_when_short_of_the_line_by_more_than_the_points(
    days: int, length: int, percent: int, points: int
) -> None:
    due = START + dt.timedelta(days=length)
    today = START + dt.timedelta(days=days)
    expected = min(Fraction(100 * days, length), Fraction(100))
    assert expected_percent(START, due, today) == expected
    assert behind_schedule(START, due, percent, today, points) == (
        today < due and percent + points < expected
    )


kinds = st.sampled_from(list(AlertKind))
districts = st.sampled_from(["410902", "410922", "410923"])


@given(st.lists(st.tuples(kinds, districts), max_size=30))
def test_the_interview_list_counts_only_slow_overdue_and_quality_alerts(
    rows: list[tuple[AlertKind, str]],
) -> None:
    alerts = [Alert(kind, "c", district, "u", None, "") for kind, district in rows]
    found = interview_list(alerts)
    expected: dict[str, int] = {}
    for kind, district in rows:
        if kind in INTERVIEW_KINDS:
            expected[district] = expected.get(district, 0) + 1
    assert {laggard.district: laggard.alerts for laggard in found} == expected
    assert [laggard.alerts for laggard in found] == sorted(
        (laggard.alerts for laggard in found), reverse=True
    )
