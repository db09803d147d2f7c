"""Every department answering for its share (牵头单位、责任单位; puyang-2020 annex, wuhan-2021 §2):
which units lead and which share each task of the pack, and which lead units have not reported
on a task by a reporting date the pack sets, for every task (wuhan-2021 §3.(2), §4.(2)) or for
one (§2.(2)1).

A lead unit owes a report on each of its tasks between one reporting date and the next; the first
is owed from the start. A report names the task and the unit and is dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Duty:
    task: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    cite: str


def units(duties: Iterable[Duty]) -> list[str]:
    """Every unit named, leads first, each once, in the order the pack names them."""
    seen: dict[str, None] = {}
    duties = list(duties)
    for duty in duties:
        seen.update(dict.fromkeys(duty.lead))
    for duty in duties:
        seen.update(dict.fromkeys(duty.responsible))
    return list(seen)


@dataclass(frozen=True, slots=True)
class Overdue:
    task: str
    unit: str
    due: dt.date


def overdue(
    duties: Sequence[Duty],
    reports: Mapping[tuple[str, str], Sequence[dt.date]],
    due_dates: Callable[[str], Iterable[dt.date]],
    today: dt.date,
) -> list[Overdue]:
    """Each lead unit's missing report on each task, for every reporting date of the task
    already passed."""
    found = []
    for duty in duties:
        passed = sorted(d for d in set(due_dates(duty.task)) if d < today)
        for unit in duty.lead:
            sent = reports.get((duty.task, unit), ())
            previous: dt.date | None = None
            for due in passed:
                if not any((previous is None or day > previous) and day <= due for day in sent):
                    found.append(Overdue(duty.task, unit, due))
                previous = due
    return found
