"""The dates a project must keep: a yearly deadline in a given year, and the rule that a project
in a central-subsidy annual plan starts and essentially finishes within that year (hangjin-2021
§3.(4): 当年开工，当年完工或基本完工).

"Essentially finished" carries no figure in the seeds; Anju takes the works as finished when the
completion is recorded by the deadline, and otherwise names what is missing, so a bureau sees the
project before the year is out rather than after.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


def due_date(yearly: str, year: int) -> dt.date:
    """The day in ``year`` of a yearly "MM-DD" deadline; 29 February falls on the 28th in a
    common year."""
    month, day = (int(part) for part in yearly.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)


class YearProblem(enum.StrEnum):
    NOT_STARTED = "not_started"  # the year is over and the works never started in it
    STARTED_LATE = "started_late"
    NOT_FINISHED = "not_finished"  # the year is over and completion was not recorded in it
    FINISHED_LATE = "finished_late"


@dataclass(frozen=True, slots=True)
class YearCheck:
    due: dt.date
    problems: tuple[YearProblem, ...]
    days_left: int  # negative once the deadline has passed


def within_year(
    due: dt.date,
    started_on: dt.date | None,
    completed_on: dt.date | None,
    today: dt.date,
) -> YearCheck:
    problems: list[YearProblem] = []
    if started_on is not None and started_on > due:
        problems.append(YearProblem.STARTED_LATE)
    elif started_on is None and today > due:
        problems.append(YearProblem.NOT_STARTED)
    if completed_on is not None and completed_on > due:
        problems.append(YearProblem.FINISHED_LATE)
    elif completed_on is None and today > due:
        problems.append(YearProblem.NOT_FINISHED)
    return YearCheck(due, tuple(problems), (due - today).days)
