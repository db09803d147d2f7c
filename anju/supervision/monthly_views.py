"""The monthly report page (core.monthly_report) and its workbook: any month of the programme,
for any area the official's bureau covers, each figure a link to the projects it sums."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import bureau_divisions, reaches, within
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.divisions import Level, prefix_of
from anju.core.file_bounds import MB
from anju.core.monthly_report import Month, keys
from anju.core.outcomes import Indicator
from anju.core.policy_pack import Pack
from anju.core.report_package import MAX_BYTES, month_text
from anju.core.report_periods import Period, PeriodKind, last_ended, period_words
from anju.divisions.models import Division
from anju.policy.library import pack_or_404
from anju.supervision import signing
from anju.supervision.models import ReturnSent, SupervisionError, TrustedSender
from anju.supervision.monthly import (
    MonthlyData,
    finding_text,
    monthly_data,
    outcome_columns,
    progress_columns,
)
from anju.supervision.monthly_workbook import write_monthly_workbook
from anju.supervision.services.returns import return_receive, return_send, sender_trust
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
        month = Month.parse(raw)
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


def _post(request: HttpRequest, area: Division, pack: Pack, month: Month) -> HttpResponse:
    """Send the month's return (its file comes back to be carried upward), register a sender's
    key, or receive a return from below; each refusal says why and keeps nothing."""
    actor = Actor.from_request(request)
    action = request.POST.get("action", "")
    try:
        if action == "send":
            data = return_send(actor=actor, area=area, pack=pack, month=month)
            answer = HttpResponse(data, content_type="application/json")
            answer["Content-Disposition"] = (
                content_disposition_header(True, f"{area.name}{month_text(month)}统计月报.json")
                or "attachment"
            )
            return answer
        if action == "trust":
            below = Division.objects.filter(code=request.POST.get("sender", "")).first()
            if below is None or not below.code.startswith(prefix_of(area.code)):
                raise SupervisionError(_("Choose an area under {area}.").format(area=area.name))
            sender_trust(actor=actor, area=below, key=request.POST.get("key", ""))
            messages.success(request, _("The key of {area} is registered.").format(area=below.name))
        elif action == "receive":
            upload = request.FILES.get("file")
            if upload is None:
                raise SupervisionError(_("Choose the return's file."))
            if upload.size is None or upload.size > MAX_BYTES:
                raise SupervisionError(
                    _("The file is larger than {mb} MB.").format(mb=MAX_BYTES // MB)
                )
            kept = return_receive(actor=actor, data=upload.read(MAX_BYTES + 1))
            messages.success(
                request,
                _("{area}'s return for {month} is received.").format(
                    area=kept.area.name, month=kept.month
                ),
            )
    except SupervisionError as refused:
        messages.error(request, str(refused))
    return redirect(request.get_full_path())


@login_required
def monthly(request: HttpRequest) -> HttpResponse | FileResponse:
    area = _area(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    month = _month(request)
    if request.method == "POST":
        return _post(request, area, pack, month)
    data = monthly_data(area, pack, month)
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
            **_returns(request, area, pack, month, data),
        },
    )


def _returns(
    request: HttpRequest, area: Division, pack: Pack, month: Month, data: MonthlyData
) -> dict[str, object]:
    """What the page says of the returns: the month's sent upward, those received from
    below and the areas below yet to send, and the key this deployment signs with."""
    keeps = reaches(request.user, Capability.REGISTRY_EDIT, area.code)
    today = timezone.localdate()
    below = (
        list(Division.objects.filter(parent=area, level__lte=Level.CITY).order_by("code"))
        if area.level <= Level.PROVINCE
        else []
    )
    got = {kept.area_id for kept, _sent in data.received}
    statistics = pack.model.supervision.statistics
    key = signing.public_key()
    return {
        "keeps": keeps,
        "ended": month.last < today,
        "due_on": statistics.due_on(month.year, month.month) if statistics else None,
        "statistics": statistics,
        "sent": ReturnSent.objects.filter(area=area, month=month_text(month)),
        "received": [kept for kept, _sent in data.received],
        # an area below neither sending nor held here (a city whose projects this Anju keeps
        # needs no return)
        "missing": [d for d in below if d.code not in got and d.code not in data.report.groups],
        "below": below,
        "trusted": TrustedSender.objects.filter(within("area__code", area.code)).select_related(
            "area"
        )
        if keeps
        else [],
        "own_key": key,
        "own_fingerprint": signing.fingerprint(key),
        # the projects this deployment holds, which a page can link to
        "local_codes": {p.code for p, _g, _t in data.report.rows}
        - {p.code for _kept, sent in data.received for p, _g, _t in sent.report.rows},
    }
