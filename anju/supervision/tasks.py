"""The pack's tasks with their lead and responsible units, the reports the units send on them,
and the lead units whose report is overdue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import bureau_divisions
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.divisions import Level
from anju.core.policy_pack import Deadline, Pack
from anju.core.responsibilities import Duty, Overdue, overdue
from anju.supervision.models import SupervisionError, TaskReport


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


@transaction.atomic
def task_report_add(
    *, actor: Actor, pack: Pack, task: str, unit: str, reported_on: dt.date, summary: str
) -> TaskReport:
    duty = next((d for d in pack.duties if d.task == task), None)
    if duty is None:
        raise SupervisionError(_("The policy pack has no such task."))
    if unit not in duty.lead + duty.responsible:
        raise SupervisionError(
            _("{unit} is neither a lead nor a responsible unit of “{task}”.").format(
                unit=unit, task=task
            )
        )
    if reported_on > timezone.localdate():
        raise SupervisionError(_("A report cannot be sent on a day still to come."))
    if not summary.strip():
        raise SupervisionError(_("Say what the report says."))
    report = TaskReport.objects.create(
        pack=pack.id,
        task=task,
        unit=unit,
        reported_on=reported_on,
        summary=summary.strip(),
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="supervision.task_report",
        target="policy.Pack",
        target_id=pack.id,
        after={"task": task, "unit": unit, "reported_on": reported_on.isoformat()},
    )
    return report
