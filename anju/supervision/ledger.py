"""The renovation ledger (改造台账, puyang-2020 §5.(3)): every project registered in the user's
area with where it stands against its plan, and its closing (销号) once the works are accepted
and handed over, with the evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO, Any

import xlsxwriter
from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.project_stages import ORDER, Stage
from anju.projects.models import (
    Approval,
    Inspection,
    ProgressReport,
    Project,
    ProjectStage,
    StageChange,
)
from anju.registry.models import Community
from anju.supervision.models import Closure, SupervisionError

CITE = "puyang-2020 §5.(3)"
CLOSABLE = {ProjectStage.MANAGEMENT, ProjectStage.EVALUATION}


def ledger_projects(user: Any) -> QuerySet[Project]:
    """Registered projects: out of the reserve, or in an annual plan."""
    return (
        Project.objects.filter(community__in=Community.objects.visible_to(user).values("pk"))
        .exclude(stage=ProjectStage.RESERVE, plan_year__isnull=True)
        .order_by("community__district_id", "community__street_id", "community__code")
    )


def accepted_inspections() -> QuerySet[Inspection]:
    """The outer project's passed acceptances, earliest first, for a subquery."""
    return Inspection.objects.acceptances_passed().filter(project=OuterRef("pk")).order_by("on")


def with_figures(projects: QuerySet[Project]) -> QuerySet[Any]:
    """The figures the ledger shows, each read in the same query."""
    latest = ProgressReport.objects.filter(project=OuterRef("pk")).order_by("-on", "-pk")
    registered = StageChange.objects.filter(project=OuterRef("pk")).order_by("at")
    granted = (
        Approval.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return projects.select_related("community__district", "community__street", "closure").annotate(
        percent=Subquery(latest.values("percent")[:1]),
        accepted_on=Subquery(accepted_inspections().values("on")[:1]),
        registered_at=Subquery(registered.values("at")[:1]),
        approvals_granted=Coalesce(Subquery(granted), 0),
    )


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
        target="projects.Project",
        target_id=project.community.code,
        after={"closed_on": closed_on.isoformat(), "evidence": closure.evidence},
    )
    return closure


@dataclass(frozen=True, slots=True)
class LedgerTotals:
    registered: int
    building: int
    accepted: int
    closed: int


def ledger_totals(projects: QuerySet[Project]) -> LedgerTotals:
    building_from = ORDER.index(Stage.CONSTRUCTION)
    counts = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
    return LedgerTotals(
        registered=sum(counts.values()),
        building=sum(n for s, n in counts.items() if ORDER.index(Stage(s)) >= building_from),
        accepted=projects.filter(Exists(accepted_inspections())).count(),
        closed=projects.filter(closure__isnull=False).count(),
    )


def write_ledger_workbook(target: IO[bytes] | str, projects: QuerySet[Project]) -> None:
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    add_ledger_sheet(book, projects)
    book.close()


def add_ledger_sheet(book: xlsxwriter.Workbook, projects: QuerySet[Project]) -> None:
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Renovation ledger"))
    headers = [
        _("District"),
        _("Street"),
        _("Community code"),
        _("Community"),
        _("Annual plan year"),
        _("Stage"),
        _("Registered"),
        _("Approvals granted"),
        _("Contractor"),
        _("Construction started"),
        _("Percent done"),
        _("Construction completed"),
        _("Accepted on"),
        _("Closed on"),
        _("Evidence"),
    ]
    sheet.write_row(0, 0, headers, bold)
    sheet.set_column(0, len(headers) - 1, 14)
    sheet.freeze_panes(1, 0)
    for number, project in enumerate(with_figures(projects).iterator(chunk_size=2000), start=1):
        community = project.community
        closure = getattr(project, "closure", None)
        sheet.write_row(
            number,
            0,
            [
                community.district.name,
                community.street.name if community.street else "",
                community.code,
                community.name,
                project.plan_year or "",
                str(ProjectStage(project.stage).label),
                _day(project.registered_at.date() if project.registered_at else None),
                project.approvals_granted,
                project.contractor,
                _day(project.started_on),
                "" if project.percent is None else project.percent,
                _day(project.completed_on),
                _day(project.accepted_on),
                _day(closure.closed_on if closure else None),
                closure.evidence if closure else "",
            ],
        )


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
