"""The rhythm a bureau reports in (wuhan-2021 §4.(3): monthly scheduling, quarterly bulletins,
an annual summary; puyang-2020 §5.(3): monthly assessment): the periods, their days and months,
and which of them have ended and are due to be reported on.

A period is named the way officials write it — ``2026-10``, ``2026-Q3``, ``2026`` — so the
same text works on the command line, in a link and in a file name.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}
_TEXT = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    kind: PeriodKind
    year: int
    number: int  # the month (1–12), the quarter (1–4), or 1 for the year

    def __post_init__(self) -> None:
        if self.number < 1 or self.number > 12 // MONTHS_IN[self.kind]:
            raise ValueError(f"{self.kind} {self.number} does not exist")

    @property
    def first_month(self) -> int:
        return (self.number - 1) * MONTHS_IN[self.kind] + 1

    @property
    def months(self) -> list[tuple[int, int]]:
        return [
            (self.year, m) for m in range(self.first_month, self.first_month + MONTHS_IN[self.kind])
        ]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        last = self.first_month + MONTHS_IN[self.kind] - 1
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def __str__(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)


def parse_period(text: str) -> Period:
    """``2026-10``, ``2026-Q3`` or ``2026``; ValueError for anything else."""
    found = _TEXT.match(text.strip())
    if not found or (found[2] and not 1 <= int(found[2]) <= 12):
        raise ValueError(f"{text!r} is not a period")
    year, month, quarter = found.groups()
    if month:
        return Period(PeriodKind.MONTH, int(year), int(month))
    if quarter:
        return Period(PeriodKind.QUARTER, int(year), int(quarter))
    return Period(PeriodKind.YEAR, int(year), 1)


def period_of(kind: PeriodKind, day: dt.date) -> Period:
    return Period(kind, day.year, (day.month - 1) // MONTHS_IN[kind] + 1)


def last_ended(kind: PeriodKind, today: dt.date) -> Period:
    """The latest period of this kind that ended before ``today``."""
    return period_of(kind, period_of(kind, today).start - dt.timedelta(days=1))


def begun(kind: PeriodKind, today: dt.date, count: int) -> list[Period]:
    """The period of this kind that holds ``today`` and the ``count - 1`` before it, newest
    first: what a bureau may ask a report on without typing a period."""
    periods = [period_of(kind, today)]
    while len(periods) < count:
        periods.append(period_of(kind, periods[-1].start - dt.timedelta(days=1)))
    return periods


def due(today: dt.date) -> list[Period]:
    """The month, quarter and year that ended last: what a bureau reports on by ``today``."""
    return [last_ended(kind, today) for kind in PeriodKind]


QUARTERS = ("一", "二", "三", "四")


def date_words(day: dt.date) -> str:
    """A date as a government document writes it (GB/T 9704: 2026年11月30日, no zeros
    before the month or the day)."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_words(period: Period) -> str:
    """2026年11月, 2026年第四季度, 2026年: a period as a document's title names it."""
    if period.kind == PeriodKind.MONTH:
        return f"{period.year}年{period.number}月"
    if period.kind == PeriodKind.QUARTER:
        return f"{period.year}年第{QUARTERS[period.number - 1]}季度"
    return f"{period.year}年"
