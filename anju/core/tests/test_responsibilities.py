"""A lead unit owes a report on each task between reporting dates; the units are listed leads
first, each once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from anju.core.responsibilities import Duty, overdue, units

D = dt.date
DUTIES = [
    Duty("优化顶层设计", ("市住房保障房管局",), ("市民政局", "各区人民政府"), "w"),
    Duty("动员居民参与", ("市民政局",), ("市住房保障房管局",), "w"),
]
DUES = [D(2021, 3, 31), D(2021, 6, 15)]


def every(dates: list[dt.date]) -> Callable[[str], list[dt.date]]:
    return lambda _task: dates


def test_leads_come_first_and_each_unit_once() -> None:
    assert units(DUTIES) == ["市住房保障房管局", "市民政局", "各区人民政府"]


def test_a_report_covers_the_period_up_to_its_date_only() -> None:
    reports = {("优化顶层设计", "市住房保障房管局"): [D(2021, 3, 20)]}
    late = overdue(DUTIES, reports, every(DUES), D(2021, 7, 1))
    assert [(o.task, o.unit, o.due) for o in late] == [
        ("优化顶层设计", "市住房保障房管局", D(2021, 6, 15)),
        ("动员居民参与", "市民政局", D(2021, 3, 31)),
        ("动员居民参与", "市民政局", D(2021, 6, 15)),
    ]
    # nothing is owed before a date has passed, and a report on the day is in time
    assert overdue(DUTIES, {}, every(DUES), D(2021, 3, 31)) == []
    on_the_day = {(d.task, u): [D(2021, 3, 31)] for d in DUTIES for u in d.lead}
    assert overdue(DUTIES, on_the_day, every(DUES), D(2021, 4, 1)) == []


@given(st.lists(st.dates(min_value=D(2021, 1, 1), max_value=D(2021, 12, 31)), max_size=6))
def test_a_unit_reporting_in_every_period_is_never_overdue(days: list[dt.date]) -> None:
    dues = sorted(set(days))
    reports = {(d.task, u): dues for d in DUTIES for u in d.lead}  # one on each date
    assert overdue(DUTIES, reports, every(dues), D(2022, 1, 1)) == []
    silent = overdue(DUTIES, {}, every(dues), D(2022, 1, 1))
    assert len(silent) == len(dues) * sum(len(d.lead) for d in DUTIES)


def test_a_date_set_for_one_task_is_owed_by_its_lead_units_only() -> None:
    # wuhan-2021 §2.(2)1: 2021年内完成《武汉市老旧小区改造“十四五”规划》编制工作
    plan = {"优化顶层设计": [D(2021, 12, 31)]}
    late = overdue(DUTIES, {}, lambda task: plan.get(task, []), D(2022, 1, 1))
    assert [(o.task, o.unit, o.due) for o in late] == [
        ("优化顶层设计", "市住房保障房管局", D(2021, 12, 31))
    ]
