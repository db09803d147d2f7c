"""The pack's tasks with their lead and responsible units, the reports the units send on them,
and the lead units whose report is overdue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from anju.accounts.jurisdiction import bureau_divisions
from anju.core.access import Capability
from anju.core.divisions import Level
from anju.core.policy_pack import Deadline, Pack
from anju.core.responsibilities import Duty, Overdue, overdue
from anju.supervision.models import TaskReport


def keeps_the_tasks(user: Any) -> bool:
    """The city's leading group office records what the departments report."""
    return any(d.level == Level.CITY for d in bureau_divisions(user, Capability.REGISTRY_EDIT))


@dataclass(frozen=True, slots=True)
class TaskRow:
    duty: Duty
    deadlines: list[Deadline]  # set for this task alone
    reports: list[TaskReport]
    overdue: list[Overdue]


def task_rows(pack: Pack, today: dt.date) -> list[TaskRow]:
    reports: dict[tuple[str, str], list[TaskReport]] = defaultdict(list)
    for report in TaskReport.objects.filter(pack=pack.id):
        reports[(report.task, report.unit)].append(report)
    late = overdue(
        pack.duties,
        {key: [r.reported_on for r in found] for key, found in reports.items()},
        pack.report_dates,
        today,
    )
    return [
        TaskRow(
            duty,
            [d for d in pack.deadlines_for("task") if d.task == duty.task],
            sorted(
                (r for (task, _unit), found in reports.items() if task == duty.task for r in found),
                key=lambda r: (r.reported_on, r.unit),
            ),
            [o for o in late if o.task == duty.task],
        )
        for duty in pack.duties
    ]
