"""What a bureau records in supervising: a project closed in the ledger (销号), a district's
publicity report, a unit's report on its task; each checked and audited with its write."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.projects.models import Inspection, Project
from anju.supervision.models import Closure, PublicityReport, SupervisionError, TaskReport
from anju.supervision.selectors.ledger import CLOSABLE


@transaction.atomic
def project_close(*, actor: Actor, project: Project, closed_on: dt.date, evidence: str) -> Closure:
    """Close the project in the ledger: only once accepted and handed over, never twice, and
    with the evidence named."""
    if project.stage not in CLOSABLE:
        raise SupervisionError(
            _("A project is closed once its works are accepted and handed over.")
        )
    if Closure.objects.filter(project=project).exists():
        raise SupervisionError(_("The project is already closed in the ledger."))
    if not evidence.strip():
        raise SupervisionError(_("Name the evidence: the acceptance report, the handover record…"))
    accepted = (
        Inspection.objects.acceptances_passed()
        .filter(project=project)
        .aggregate(on=Min("on"))["on"]
    )
    if accepted is None or closed_on < accepted or closed_on > timezone.localdate():
        raise SupervisionError(_("A project is closed between its acceptance and today."))
    closure = Closure.objects.create(
        project=project, closed_on=closed_on, evidence=evidence.strip(), closed_by=actor.user
    )
    audit_record(
        actor=actor,
        action="ledger.close",
        target=project,
        after={"closed_on": closed_on.isoformat(), "evidence": closure.evidence},
    )
    return closure


@transaction.atomic
def publicity_report_add(
    *, actor: Actor, district: Division, sent_on: dt.date, title: str
) -> PublicityReport:
    if sent_on > timezone.localdate():
        raise SupervisionError(_("A report cannot be sent on a day still to come."))
    if not title.strip():
        raise SupervisionError(_("Give the report's title."))
    report = PublicityReport.objects.create(
        district=district, sent_on=sent_on, title=title.strip(), sent_by=actor.user
    )
    audit_record(
        actor=actor,
        action="supervision.publicity",
        target=district,
        after={"sent_on": sent_on.isoformat(), "title": report.title},
    )
    return report


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
