"""A central-subsidy project starts and finishes within its year; a yearly deadline falls on
its day in any year."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from anju.core.deadlines import YearProblem, due_date, within_year

D = dt.date
DUE = D(2026, 12, 31)


def test_a_yearly_deadline_falls_on_its_day_and_29_february_on_the_28th_in_common_years() -> None:
    assert due_date("05-31", 2027) == D(2027, 5, 31)
    assert due_date("02-29", 2028) == D(2028, 2, 29)
    assert due_date("02-29", 2027) == D(2027, 2, 28)


def test_nothing_is_wrong_before_the_year_is_out() -> None:
    check = within_year(DUE, None, None, D(2026, 11, 25))
    assert check.problems == () and check.days_left == 36


def test_on_the_deadline_day_itself_nothing_is_late_yet() -> None:
    check = within_year(DUE, None, None, DUE)
    assert (check.due, check.problems, check.days_left) == (DUE, (), 0)
    assert within_year(DUE, DUE, None, DUE).problems == ()


def test_the_year_out_without_a_start_or_a_completion_is_flagged() -> None:
    check = within_year(DUE, None, None, D(2027, 1, 1))
    assert check.problems == (YearProblem.NOT_STARTED, YearProblem.NOT_FINISHED)
    started = within_year(DUE, D(2026, 6, 1), None, D(2027, 1, 1))
    assert started.problems == (YearProblem.NOT_FINISHED,)


def test_finishing_on_the_last_day_is_in_time_and_the_next_day_is_late() -> None:
    assert within_year(DUE, D(2026, 6, 1), DUE, D(2027, 3, 1)).problems == ()
    late = within_year(DUE, D(2027, 1, 1), D(2027, 1, 2), D(2027, 3, 1))
    assert late.problems == (YearProblem.STARTED_LATE, YearProblem.FINISHED_LATE)


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2028, 12, 31))


@given(start=st.none() | dates, end=st.none() | dates, today=dates)
def test_no_problem_exactly_when_started_and_finished_by_the_deadline_or_the_year_not_out(
    start: dt.date | None, end: dt.date | None, today: dt.date
) -> None:
    problems = within_year(DUE, start, end, today).problems
    started_ok = start <= DUE if start is not None else today <= DUE
    finished_ok = end <= DUE if end is not None else today <= DUE
    assert (not problems) == (started_ok and finished_ok)
