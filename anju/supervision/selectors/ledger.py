"""The renovation ledger (改造台账, puyang-2020 §5.(3)): every project registered in the user's
area with where it stands against its plan, and its closing (销号) once the works are accepted
and handed over, with the evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO, Any, overload

import xlsxwriter
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from anju.core.project_stages import Stage
from anju.core.standing import ProjectCell, merged
from anju.projects.models import (
    STAGE_RANK,
    Approval,
    Inspection,
    ProgressReport,
    Project,
    ProjectStage,
    StageChange,
)
from anju.registry.models import Community
from anju.supervision.models import Closure
from anju.web.paging import Order, ReadWhenShown, count_of, ordered
from anju.workbooks import new_workbook

CITE = "puyang-2020 §5.(3)"
CLOSABLE = {ProjectStage.MANAGEMENT, ProjectStage.EVALUATION}


def ledger_projects(user: Any) -> QuerySet[Project]:
    """Registered projects: out of the reserve, or in an annual plan; by division, which
    orders them by district, street and committee, then by community."""
    return (
        Project.objects.visible_to(user)
        .exclude(stage=ProjectStage.RESERVE, plan_year__isnull=True)
        .order_by("community__division_id", "community__code")
    )


def accepted_inspections() -> QuerySet[Inspection]:
    """The outer project's passed acceptances, earliest first, for a subquery."""
    return Inspection.objects.acceptances_passed().filter(project=OuterRef("pk")).order_by("on")


LEDGER_ORDERS: dict[str, Order] = {
    "place": "community__division_id",
    "year": F("plan_year"),
    "stage": STAGE_RANK,
}


def ledger_sorted(projects: QuerySet[Project], asked: str) -> QuerySet[Project]:
    """The ledger in the order a header asks for (``sort``): by place, community by community;
    by plan year, a project in no plan yet last either way; by stage, in the programme's order,
    not their keys'. Each is read off an index, so no header sorts every project."""
    key = asked.removeprefix("-")
    tie = "pk" if key in LEDGER_ORDERS and key != "place" else "community__code"
    return ordered(projects, asked, LEDGER_ORDERS, "place", tie=tie)


class LedgerRows(Sequence[Project]):
    """The ledger's rows for the paginator. A page is found by its projects' ids alone and only
    those are read with their figures, so a far page costs what the first does."""

    def __init__(self, projects: QuerySet[Project]) -> None:
        self.projects = projects

    def __len__(self) -> int:
        return count_of(self.projects)

    @overload
    def __getitem__(self, index: int) -> Project: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Project]: ...
    def __getitem__(self, index: int | slice) -> Project | Sequence[Project]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        return ReadWhenShown(lambda: self._read(index))

    def _read(self, index: slice) -> list[Project]:
        ids = list(self.projects.values_list("pk", flat=True)[index])
        found = {p.pk: p for p in with_figures(Project.objects.filter(pk__in=ids))}
        return [found[pk] for pk in ids]


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


def project_cells(viewer: Any) -> tuple[ProjectCell, ...]:
    """The viewer's projects counted by plan year, stage and closing (core.standing), in one
    query."""
    rows = (
        Project.objects.filter(community__in=Community.objects.visible_to(viewer).values("pk"))
        .annotate(
            closed=Exists(Closure.objects.filter(project=OuterRef("pk"))),
            accepted=Exists(accepted_inspections()),
        )
        .order_by()
        .values("plan_year", "stage", "closed")
        .annotate(
            n=Count("pk"),
            started=Count("pk", filter=Q(started_on__isnull=False)),
            accepted_n=Count("pk", filter=Q(accepted=True)),
        )
    )
    return merged(
        ProjectCell(
            r["plan_year"], Stage(r["stage"]), r["closed"], r["n"], r["started"], r["accepted_n"]
        )
        for r in rows
    )


def write_ledger_workbook(target: IO[bytes] | str, projects: QuerySet[Project]) -> None:
    book = new_workbook(target, in_memory=True)
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
