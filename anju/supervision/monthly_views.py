"""The monthly report page (core.monthly_report) and its workbook: any month of the programme,
for any area the official's bureau covers, each figure a link to the projects it sums."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import Area, bureau_divisions
from anju.core.access import Capability
from anju.core.monthly_report import Month, keys
from anju.core.outcomes import Indicator
from anju.core.report_periods import Period, PeriodKind, last_ended, period_words
from anju.divisions.models import Division
from anju.policy.library import pack_or_404
from anju.supervision.monthly import (
    finding_text,
    monthly_data,
    outcome_columns,
    progress_columns,
)
from anju.supervision.monthly_workbook import write_monthly_workbook
from anju.web.outcomes import outcome_name


def _month(request: HttpRequest) -> Month:
    """The month asked for, or the last one ended; never one still to come."""
    today = timezone.localdate()
    ended = last_ended(PeriodKind.MONTH, today)
    fallback = Month(ended.year, ended.number)
    raw = request.GET.get("month", "")
    if not raw:
        return fallback
    try:
        year, number = (int(part) for part in raw.split("-"))
        month = Month(year, number)
    except ValueError:
        messages.error(
            request,
            _("{month} is not a month; the last month ended is shown.").format(month=raw[:20]),
        )
        return fallback
    if month.first > today:
        messages.error(
            request, _("{month} has not begun; the last month ended is shown.").format(month=raw)
        )
        return fallback
    return month


def _area(request: HttpRequest) -> Division:
    areas = bureau_divisions(request.user, Capability.REGISTRY_VIEW)
    if not areas:
        raise PermissionDenied
    asked = request.GET.get("area", "")
    return next((d for d in areas if d.code == asked), min(areas, key=lambda d: (d.level, d.code)))


@login_required
def monthly(request: HttpRequest) -> HttpResponse | FileResponse:
    area = _area(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    month = _month(request)
    data = monthly_data(Area(area.code), area, pack, month)
    words = period_words(Period(PeriodKind.MONTH, month.year, month.month))
    if request.GET.get("format") == "xlsx":
        buffer = io.BytesIO()
        write_monthly_workbook(data, buffer)
        buffer.seek(0)
        return FileResponse(
            buffer,
            as_attachment=True,
            filename=f"{area.name}{words}统计月报.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    figure = request.GET.get("figure", "")
    group = request.GET.get("group", "")
    base = {"policy": pack.id, "area": area.code, "month": f"{month.year}-{month.month:02d}"}
    progress, outcomes = progress_columns(), outcome_columns()
    return render(
        request,
        "supervision/monthly.html",
        {
            "pack": pack,
            "area": area,
            "month": base["month"],
            "words": words,
            "first_month": month.month == 1,
            "base": urlencode(base),
            "progress": progress,
            "areas": data.areas(),
            "progress_rows": data.table(progress),
            "outcomes": outcomes,
            "outcome_rows": data.table(outcomes),
            "unfed": [outcome_name(i) for i in Indicator if i not in data.fed],
            "projects": [(p, data.names.get(g, g)) for p, g, _tally in data.report.rows],
            "traced": data.behind(figure, group) if figure in keys() else None,
            "traced_figure": next((c for c in (*progress, *outcomes) if c.name == figure), None),
            "traced_group": data.names.get(group, "") if group else _("Total"),
            "findings": [finding_text(f, data.names) for f in data.findings],
            "uncounted": data.uncounted,
        },
    )
