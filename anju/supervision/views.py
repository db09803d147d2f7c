"""The alerts of the user's area with the unit that answers for each, the districts to be
called in for an interview, and the renovation ledger with its closings."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anju.accounts.jurisdiction import bureau_divisions, reaches, scopes, within
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.alerts import SEVERITY, AlertKind, laggards
from anju.core.district_assessment import Indicator
from anju.core.divisions import Level
from anju.core.project_stages import Stage
from anju.core.report_periods import Period, PeriodKind, last_ended, parse_period, period_words
from anju.core.standing import alerts_added, ledger_totals, selected
from anju.divisions.models import Division
from anju.policy.library import pack_or_404
from anju.projects.models import Project, ProjectStage
from anju.registry import selectors as registry
from anju.supervision.forms import CloseForm, PublicityForm, ReportForm, TaskReportForm
from anju.supervision.models import (
    AreaStanding,
    Report,
    ReportStatus,
    SupervisionError,
)
from anju.supervision.report_document import report_title
from anju.supervision.selectors.dashboard import dashboard
from anju.supervision.selectors.district_assessment import assessed_districts, assessment
from anju.supervision.selectors.ledger import CITE as LEDGER_CITE
from anju.supervision.selectors.ledger import (
    CLOSABLE,
    LedgerRows,
    ledger_projects,
    ledger_sorted,
    write_ledger_workbook,
)
from anju.supervision.selectors.responsibilities import keeps_the_tasks, task_rows
from anju.supervision.selectors.standing import alerts_sorted, standings_covering, user_standings
from anju.supervision.services.records import (
    project_close,
    publicity_report_add,
    task_report_add,
)
from anju.supervision.services.reports import report_request
from anju.supervision.services.standings import standings_refresh_ask
from anju.supervision.wording import KIND_NAMES, rank_text
from anju.web.forms import form_errors
from anju.web.going_back import back_to
from anju.web.paging import page_of


def _district_of(area: Division) -> str:
    return area.code if area.level <= Level.DISTRICT else area.code[:6].ljust(12, "0")


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    today = timezone.localdate()
    stood = user_standings(request.user, pack, today)
    by_district: dict[str, dict[AlertKind, int]] = {}
    for s in stood:
        counts = by_district.setdefault(_district_of(s.area), dict.fromkeys(AlertKind, 0))
        for k, n in s.standing.alerts.items():
            counts[k] += n
    kind = request.GET.get("kind", "")
    kind = kind if kind in [k.value for k in AlertKind] else ""
    district = request.GET.get("district", "")
    shown = [s for s in stood if not district or _district_of(s.area) == district]
    page = page_of(
        request,
        alerts_sorted(shown, AlertKind(kind) if kind else None, request.GET.get("sort", "")),
    )
    names = dict(Division.objects.filter(code__in=by_district).values_list("code", "name"))
    totals = alerts_added(s.standing for s in stood)
    kind_names = {kind.value: str(name) for kind, name in KIND_NAMES.items()}
    return render(
        request,
        "supervision/alerts.html",
        {
            "pack": pack,
            "rows": ((a, kind_names[a.kind]) for a in page),  # read only if written, not kept
            "page": page,
            "counts": [(k, KIND_NAMES[k], totals[k]) for k in SEVERITY],
            "laggards": [
                (
                    names.get(laggard.district, laggard.district),
                    laggard.alerts,
                    [(KIND_NAMES[k], n) for k, n in sorted(laggard.by_kind.items())],
                )
                for laggard in laggards(by_district)
            ],
            "districts": sorted(names.items()),
            "kind": kind,
            "district": district,
            "as_of": min((s.computed_at for s in stood), default=None),
            "read_at": [s.computed_at for s in stood],  # the page is kept until any is read again
            "interviews": pack.model.supervision.interviews,
            "late_reports": [o for row in task_rows(pack, today) for o in row.overdue],
            "slow": pack.model.supervision.slow_progress,
        },
    )


@login_required
@require_POST
def standings_refresh(request: HttpRequest) -> HttpResponse:
    """Ask the worker to read the figures of the user's area again now."""
    _officials_only(request)
    pack = pack_or_404(request.POST.get("policy") or None)
    stood = user_standings(request.user, pack, timezone.localdate())
    standings_refresh_ask(
        pack=pack, standings=list(AreaStanding.objects.filter(pk__in=[s.pk for s in stood]))
    )
    messages.success(request, _("The figures are being read again; they show here once read."))
    return redirect(back_to(request, reverse("supervision:dashboard")))


def _officials_only(request: HttpRequest) -> None:
    if scopes(request.user, Capability.REGISTRY_VIEW) == ():
        raise PermissionDenied


def _ledger_filter(request: HttpRequest) -> tuple[str, int | None, Stage | None, bool | None]:
    year = request.GET.get("year", "")
    stage = request.GET.get("stage", "")
    closed = {"yes": True, "no": False}.get(request.GET.get("closed", ""))
    return (
        request.GET.get("district", ""),
        int(year) if year.isdecimal() else None,
        Stage(stage) if stage in ProjectStage.values else None,
        closed,
    )


def _ledger_filtered(request: HttpRequest) -> QuerySet[Project]:
    projects = ledger_projects(request.user)
    district, year, stage, closed = _ledger_filter(request)
    if district.isdecimal() and len(district) == 12:
        projects = projects.filter(within("community__division__code", district))
    if year is not None:
        projects = projects.filter(plan_year=year)
    if stage is not None:
        projects = projects.filter(stage=stage)
    if closed is not None:
        projects = projects.filter(closure__isnull=not closed)
    return ledger_sorted(projects, request.GET.get("sort", ""))


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    if request.method == "POST":
        raw = request.POST.get("project", "")
        project = get_object_or_404(
            ledger_projects(request.user), pk=int(raw) if raw.isdecimal() else 0
        )
        if not registry.community_editable(user=request.user, community=project.community):
            raise PermissionDenied
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                project_close(
                    actor=Actor.from_request(request),
                    project=project,
                    closed_on=form.cleaned_data["closed_on"],
                    evidence=form.cleaned_data["evidence"],
                )
            except SupervisionError as refused:
                messages.error(request, str(refused))
            else:
                pack = pack_or_404(None)
                standings_refresh_ask(
                    pack=pack, standings=standings_covering(pack=pack, community=project.community)
                )
                messages.success(
                    request,
                    _("{name} is closed in the ledger; the totals follow once read again.").format(
                        name=project.community.name
                    ),
                )
        else:
            messages.error(request, _("Give the closing date and the evidence."))
        return redirect(request.get_full_path())
    pack = pack_or_404(None)
    stood = user_standings(request.user, pack, timezone.localdate())
    district, year, stage, closed = _ledger_filter(request)
    counted = [s for s in stood if not district or _district_of(s.area) == district]
    cells = selected(
        (cell for s in counted for cell in s.standing.cells), year=year, stage=stage, closed=closed
    )
    totals = ledger_totals(cells)
    page = page_of(request, LedgerRows(_ledger_filtered(request)))
    return render(
        request,
        "supervision/ledger.html",
        {
            "pack": pack,
            "page": page,
            "totals": totals,
            "as_of": min((s.computed_at for s in counted), default=None),
            "read_at": [s.computed_at for s in stood],  # the page is kept until any is read again
            "closable": CLOSABLE,
            "cite": pack.authority(LEDGER_CITE),
            "districts": Division.objects.filter(
                code__in={_district_of(s.area) for s in stood}
            ).order_by("code"),
            "stages": ProjectStage.choices,
            "query": request.GET,
        },
    )


@login_required
def ledger_export(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    buffer = io.BytesIO()
    write_ledger_workbook(buffer, _ledger_filtered(request))
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f"attachment; filename=ledger-{timezone.localdate().isoformat()}.xlsx"
    )
    return response


def _month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


@login_required
def district_assessment(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    districts = assessed_districts(request.user)
    writable = [d for d in districts if reaches(request.user, Capability.REGISTRY_EDIT, d.code)]
    form = PublicityForm(request.POST or None, districts=writable)
    if request.method == "POST":
        if form.is_valid():
            try:
                publicity_report_add(
                    actor=Actor.from_request(request),
                    district=next(d for d in writable if d.code == form.cleaned_data["district"]),
                    sent_on=form.cleaned_data["sent_on"],
                    title=form.cleaned_data["title"],
                )
            except SupervisionError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("The publicity report is recorded."))
        else:
            messages.error(request, _("Give the district, the date and the title."))
        return redirect(request.get_full_path())
    year, month = _month(request)
    rows = assessment(request.user, pack, year, month, timezone.localdate()).rows
    scores_text = "\n".join(
        f"{row.district.name}: {float(row.ranked.score):.2f}"
        for row in rows
        if row.ranked.score is not None
    )
    indicators = pack.model.assessment.indicators
    return render(
        request,
        "supervision/assessment.html",
        {
            "pack": pack,
            "month": f"{year}-{month:02d}",
            "month_words": period_words(Period(PeriodKind.MONTH, year, month)),
            "rows": [
                (
                    row,
                    rank_text(row.ranked.rank, row.among),
                    [row.scores[i.key] for i in indicators],
                )
                for row in rows
            ],
            "indicators": indicators,
            "basis": pack.model.assessment.basis,
            "form": form if writable else None,
            "publicity_cite": next(
                (i.cite for i in indicators if i.key == Indicator.PUBLICITY), ""
            ),
            "adjust_query": urlencode({"policy": pack.id, "scores": scores_text}),
        },
    )


@login_required
def supervision_dashboard(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    today = timezone.localdate()
    year = int(raw) if (raw := request.GET.get("year", "")).isdecimal() else today.year
    data = dashboard(request.user, pack, year, today)
    planned, started, accepted = _("Planned"), _("Started"), _("Accepted")
    charts = {
        "years": {
            "names": [str(r.year) for r in data.years],
            "series": [
                {"name": _("Target"), "values": [r.target for r in data.years]},
                {"name": planned, "values": [r.planned for r in data.years]},
                {"name": started, "values": [r.started for r in data.years]},
                {"name": accepted, "values": [r.accepted for r in data.years]},
            ],
        },
        "districts": {
            "names": [r.name for r in data.districts],
            "series": [
                {"name": planned, "values": [r.planned for r in data.districts]},
                {"name": started, "values": [r.started for r in data.districts]},
                {"name": accepted, "values": [r.accepted for r in data.districts]},
                {"name": _("Closed in the ledger"), "values": [r.closed for r in data.districts]},
            ],
        },
        "stages": {
            "names": [name for name, _n in data.stages],
            "series": [{"name": _("Projects"), "values": [n for _name, n in data.stages]}],
        },
        "alerts": {
            "names": [str(KIND_NAMES[kind]) for kind, _n in data.alerts],
            "series": [{"name": _("Alerts"), "values": [n for _kind, n in data.alerts]}],
        },
        "satisfaction": {
            "names": [name for name, _rate in data.satisfaction],
            "series": [
                {"name": _("Satisfied (%)"), "values": [rate for _name, rate in data.satisfaction]}
            ],
        },
    }
    return render(
        request,
        "supervision/dashboard.html",
        {
            "pack": pack,
            "year": year,
            "data": data,
            "alert_rows": [(KIND_NAMES[kind], n) for kind, n in data.alerts],
            "charts": charts,
        },
    )


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    may_record = keeps_the_tasks(request.user)
    form = TaskReportForm(request.POST or None, pack=pack)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                task_report_add(actor=Actor.from_request(request), pack=pack, **form.cleaned_data)
            except SupervisionError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("The report is recorded."))
        else:
            messages.error(request, _("Give the task, the unit, the date and what it says."))
        return redirect(request.get_full_path())
    return render(
        request,
        "supervision/tasks.html",
        {
            "pack": pack,
            "rows": task_rows(pack, timezone.localdate()),
            "report_dates": [d for d in pack.model.deadlines if d.applies_to == "task_reports"],
            "form": form if may_record and pack.duties else None,
        },
    )


REPORT_FILES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
REPORT_FILE_NAMES = {
    "docx": gettext_lazy("Word document"),
    "pdf": "PDF",
    "xlsx": gettext_lazy("Workbook of the data"),
}


def _reports(request: HttpRequest) -> QuerySet[Report]:
    return Report.objects.visible_to(request.user).select_related("area", "requested_by")


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    _officials_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    today = timezone.localdate()
    areas = bureau_divisions(request.user, Capability.REGISTRY_VIEW)
    form = ReportForm(
        request.POST or None,
        areas=areas,
        today=today,
        initial={"period": str(last_ended(PeriodKind.MONTH, today))},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                report_request(
                    actor=Actor.from_request(request),
                    area=next(d for d in areas if d.code == form.cleaned_data["area"]),
                    pack=pack,
                    period=form.cleaned_data["period"],
                    today=today,
                )
            except SupervisionError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request, _("The report is being written; this page shows it when it is done.")
                )
            return redirect(request.get_full_path())
        form_errors(request, form)
    listed = _reports(request).filter(pack=pack.id)
    page = page_of(request, listed)
    return render(
        request,
        "supervision/reports.html",
        {
            "pack": pack,
            "form": form if areas else None,
            "page": page,
            "waiting": listed.filter(
                status__in=[ReportStatus.QUEUED, ReportStatus.WRITING]
            ).exists(),
            "formats": list(REPORT_FILE_NAMES.items()),
        },
    )


@login_required
def report_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    _officials_only(request)
    report = get_object_or_404(_reports(request), pk=pk, written_at__isnull=False)
    if fmt not in REPORT_FILES:
        raise Http404
    stored = getattr(report, fmt)
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{report_title(report.area.name, parse_period(report.period))}.{fmt}",
        content_type=REPORT_FILES[fmt],
    )
