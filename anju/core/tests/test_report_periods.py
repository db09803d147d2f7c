"""Periods tile the calendar, read back from the text officials write, and the ones due are
the ones that ended last."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.report_periods import (
    Period,
    PeriodKind,
    begun,
    due,
    last_ended,
    parse_period,
    period_of,
)

days = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2099, 12, 31))


@given(days, st.sampled_from(list(PeriodKind)))
def test_a_day_lies_in_its_period_and_the_last_ended_one_is_just_before(
    day: dt.date, kind: PeriodKind
) -> None:
    current = period_of(kind, day)
    assert current.start <= day <= current.end
    ended = last_ended(kind, day)
    assert ended.end < day
    assert ended.end + dt.timedelta(days=1) == current.start


@given(days, st.sampled_from(list(PeriodKind)), st.integers(1, 30))
def test_the_periods_begun_run_back_without_a_gap_from_the_one_holding_today(
    day: dt.date, kind: PeriodKind, count: int
) -> None:
    periods = begun(kind, day, count)
    assert len(periods) == count and periods[0] == period_of(kind, day)
    for later, earlier in pairwise(periods):
        assert earlier.end + dt.timedelta(days=1) == later.start


@given(days, st.sampled_from(list(PeriodKind)))
def test_a_period_reads_back_from_its_text(day: dt.date, kind: PeriodKind) -> None:
    period = period_of(kind, day)
    assert parse_period(str(period)) == period


@given(days, st.sampled_from(list(PeriodKind)))
def test_a_period_s_months_run_from_its_first_day_to_its_last(
    day: dt.date, kind: PeriodKind
) -> None:
    period = period_of(kind, day)
    months = period.months
    assert months[0] == (period.start.year, period.start.month)
    assert months[-1] == (period.end.year, period.end.month)
    assert len(months) == {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[kind]


def test_on_the_first_of_a_year_the_month_quarter_and_year_before_are_due() -> None:
    assert [str(p) for p in due(dt.date(2027, 1, 1))] == ["2026-12", "2026-Q4", "2026"]
    assert [str(p) for p in due(dt.date(2026, 11, 25))] == ["2026-10", "2026-Q3", "2025"]


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-10", "2026-", "十月", ""])
def test_what_is_not_a_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a period"):
        parse_period(text)


def test_a_month_number_beyond_the_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="quarter 5"):
        Period(PeriodKind.QUARTER, 2026, 5)
