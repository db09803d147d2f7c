"""The works themselves: who builds and supervises, when, how far along with photos, the
inspections and the defects they find, the joint completion acceptance, and the rule that a
central-subsidy project starts and finishes within its year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record, saved_and_audited
from anju.participation.selectors import satisfaction_score
from anju.projects.models import (
    Defect,
    Inspection,
    InspectionKind,
    ProgressPhoto,
    ProgressReport,
    Project,
)
from anju.projects.services.stages import ProjectError

DETAILS = (
    "owner_model",
    "structural_change",
    "land_ownership_change",
    "by_commitment",
    "builder",
    "contractor",
    "supervisor",
    "started_on",
    "due_on",
    "completed_on",
    "management_model",
    "manager",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def project_update(*, actor: Actor, project: Project, **values: Any) -> Project:
    """Change the project's particulars; the dates must follow one another and none lies in
    the future but the due date."""
    unknown = set(values) - set(DETAILS)
    if unknown:
        raise ValueError(f"not a project particular: {sorted(unknown)}")
    merged = {name: values.get(name, getattr(project, name)) for name in DETAILS}
    today = timezone.localdate()
    started, completed = merged["started_on"], merged["completed_on"]
    if completed is not None and started is None:
        raise ProjectError(_("The works cannot be completed before they have started."))
    if started is not None and completed is not None and completed < started:
        raise ProjectError(_("The completion date is before the start date."))
    if (started is not None and started > today) or (completed is not None and completed > today):
        raise ProjectError(_("A start or completion date cannot lie in the future."))
    if started is not None and not merged["contractor"]:
        raise ProjectError(_("Name the contractor before the works start."))
    before = {name: _plain(getattr(project, name)) for name in values}
    for name, value in values.items():
        setattr(project, name, value)
    saved_and_audited(
        project,
        actor=actor,
        action="project.update",
        before=before,
        after={name: _plain(value) for name, value in values.items()},
    )
    return project


@transaction.atomic
def progress_report_add(
    *,
    actor: Actor,
    project: Project,
    on: dt.date,
    percent: int,
    spent_yuan: Decimal,
    note: str = "",
    photos: Sequence[tuple[UploadedFile, str]] = (),
) -> ProgressReport:
    """A report on the works, never going backwards in percent or money from the last one
    before it."""
    if project.started_on is None:
        raise ProjectError(_("Record the start of the works before reporting progress."))
    if on < project.started_on or on > timezone.localdate():
        raise ProjectError(
            _("A progress report is dated between the start of the works and today.")
        )
    if not 0 <= percent <= 100:
        raise ProjectError(_("Progress is a percentage from 0 to 100."))
    if spent_yuan < 0:
        raise ProjectError(_("Money spent cannot be negative."))
    earlier = ProgressReport.objects.filter(project=project, on__lte=on).order_by("on", "pk").last()
    if earlier is not None and (percent < earlier.percent or spent_yuan < earlier.spent_yuan):
        raise ProjectError(
            _(
                "The report of {date} already gives {percent}% and {spent} yuan spent; "
                "progress and money spent do not go back."
            ).format(date=earlier.on, percent=earlier.percent, spent=earlier.spent_yuan)
        )
    report = ProgressReport.objects.create(
        project=project,
        on=on,
        percent=percent,
        spent_yuan=spent_yuan,
        note=note,
        reported_by=actor.user,
    )
    for image, caption in photos:
        ProgressPhoto.objects.create(report=report, image=image, caption=caption)
    audit_record(
        actor=actor,
        action="project.progress",
        target=project,
        after={
            "on": on.isoformat(),
            "percent": percent,
            "spent_yuan": str(spent_yuan),
            "photos": len(photos),
        },
    )
    return report


@transaction.atomic
def inspection_record(
    *,
    actor: Actor,
    project: Project,
    kind: InspectionKind,
    on: dt.date,
    by: str,
    passed: bool,
    defects: Sequence[str] = (),
    residents: str = "",
    note: str = "",
    manager_on_site: bool | None = None,
    supervisor_on_site: bool | None = None,
) -> Inspection:
    """An inspection with the defects it found. The joint completion acceptance takes the
    residents' satisfaction from their evaluation, needs residents' representatives at the
    table (hangjin-2021 §3.(4)), and cannot pass while a defect is open (puyang-2020 §3.(3))."""
    defects = [text.strip() for text in defects if text.strip()]
    if on > timezone.localdate():
        raise ProjectError(_("An inspection cannot be recorded for a day still to come."))
    if passed and defects:
        raise ProjectError(_("An inspection that found defects has not passed."))
    satisfaction = None
    if kind == InspectionKind.ACCEPTANCE:
        if project.completed_on is None:
            raise ProjectError(_("The joint acceptance comes after the works are completed."))
        if not residents.strip():
            raise ProjectError(
                _("Name the residents' representatives who took part in the acceptance.")
            )
        open_defects = Defect.objects.filter(project=project, fixed_on__isnull=True).count()
        if passed and open_defects:
            raise ProjectError(
                _(
                    "{count} defects are still open; acceptance passes only once they are fixed."
                ).format(count=open_defects)
            )
        score = satisfaction_score(project.community)
        if score is not None:
            satisfaction = (Decimal(score.numerator) * 100 / score.denominator).quantize(
                Decimal("0.01")
            )
    inspection = Inspection.objects.create(
        project=project,
        kind=kind,
        on=on,
        by=by,
        residents=residents,
        passed=passed,
        satisfaction=satisfaction,
        note=note,
        manager_on_site=manager_on_site,
        supervisor_on_site=supervisor_on_site,
        recorded_by=actor.user,
    )
    Defect.objects.bulk_create(
        Defect(project=project, inspection=inspection, description=text) for text in defects
    )
    audit_record(
        actor=actor,
        action="project.inspection",
        target=project,
        after={
            "kind": kind,
            "on": on.isoformat(),
            "passed": passed,
            "defects": defects,
            **{
                key: there
                for key, there in (
                    ("manager_on_site", manager_on_site),
                    ("supervisor_on_site", supervisor_on_site),
                )
                if there is not None
            },
        },
    )
    return inspection


@transaction.atomic
def defect_fix(*, actor: Actor, defect: Defect, fixed_on: dt.date) -> Defect:
    if defect.fixed_on is not None:
        raise ProjectError(_("This defect is already fixed."))
    if fixed_on < defect.inspection.on or fixed_on > timezone.localdate():
        raise ProjectError(_("A defect is fixed between the inspection that found it and today."))
    defect.fixed_on = fixed_on
    defect.save(update_fields=["fixed_on"])
    audit_record(
        actor=actor,
        action="project.defect_fixed",
        target=defect.project,
        after={"defect": defect.description, "fixed_on": fixed_on.isoformat()},
    )
    return defect
