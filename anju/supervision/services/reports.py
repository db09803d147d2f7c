"""Asking for a report and writing it. Officials ask on the reports page; the schedule
(`anju reports`, run daily by a timer) asks for each city's month, quarter and year once they
have ended. The worker reads the figures once and writes the Word document, the PDF and the
workbook from that one reading; a report stays as it was until all three are written, and one
whose worker was stopped half way can be asked for again."""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.divisions import Level
from anju.core.policy_pack import Pack
from anju.core.report_periods import Period, due, parse_period
from anju.divisions.models import Division
from anju.policy.library import get_pack
from anju.supervision.models import Report, ReportStatus, SupervisionError
from anju.supervision.report_document import report_document
from anju.supervision.report_docx import write_report_docx
from anju.supervision.report_workbook import write_report_workbook
from anju.supervision.reports import report_data
from anju.web.printing import print_page

log = logging.getLogger(__name__)


@transaction.atomic
def report_request(
    *,
    actor: Actor,
    area: Division,
    pack: Pack,
    period: Period,
    today: dt.date,
    enqueue: bool = True,
) -> Report:
    """Queue the report for the worker (or for the caller, without ``enqueue``), or leave it be
    if it is already waiting to be written."""
    if period.start > today:
        raise SupervisionError(
            _("{period} has not begun; there is nothing to report yet.").format(period=period)
        )
    report, created = Report.objects.select_for_update().get_or_create(
        area=area,
        pack=pack.id,
        period=str(period),
        defaults={"kind": period.kind, "requested_by": actor.user, "requested_at": timezone.now()},
    )
    if not created and report.status == ReportStatus.QUEUED:
        return report
    if not created:
        report.status = ReportStatus.QUEUED
        report.requested_by = actor.user
        report.requested_at = timezone.now()
        report.error = ""
        report.save(update_fields=["status", "requested_by", "requested_at", "error"])
    audit_record(
        actor=actor,
        action="supervision.report.request",
        target=report,
        after={"area": area.code, "pack": pack.id, "period": str(period)},
    )
    if enqueue:
        transaction.on_commit(lambda: write_report.enqueue(report.pk))
    return report


def reports_due(*, actor: Actor, pack: Pack, today: dt.date, enqueue: bool = True) -> list[Report]:
    """Each city's reports for the month, quarter and year that ended last, once."""
    asked = []
    for city in Division.objects.filter(level=Level.CITY).order_by("code"):
        for period in due(today):
            if not Report.objects.filter(area=city, pack=pack.id, period=str(period)).exists():
                asked.append(
                    report_request(
                        actor=actor,
                        area=city,
                        pack=pack,
                        period=period,
                        today=today,
                        enqueue=enqueue,
                    )
                )
    return asked


def report_write(report_id: int, today: dt.date | None = None) -> Report:
    """The worker's part: read, write the three files, then swap them in at once."""
    report = Report.objects.select_related("area").get(pk=report_id)
    Report.objects.filter(pk=report_id).update(status=ReportStatus.WRITING)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            pack = get_pack(report.pack)
            data = report_data(
                report.area, pack, parse_period(report.period), today or timezone.localdate()
            )
            document = report_document(data)
            printed = print_page(
                render_to_string("supervision/report_print.html", {"report": document})
            )
            docx, xlsx = io.BytesIO(), io.BytesIO()
            write_report_docx(docx, document, printed.pictures)
            write_report_workbook(xlsx, document, data, pack)
    except Exception as error:
        log.exception("report %s could not be written", report_id)
        Report.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(error)[:500]
        )
        report.refresh_from_db()
        return report
    old = [f.name for f in (report.docx, report.pdf, report.xlsx) if f]
    name = f"{report.area_id}-{report.period}-{report.pack}"
    with transaction.atomic():
        report.docx.save(f"{name}.docx", ContentFile(docx.getvalue()), save=False)
        report.pdf.save(f"{name}.pdf", ContentFile(printed.pdf), save=False)
        report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx.getvalue()), save=False)
        report.status = ReportStatus.WRITTEN
        report.written_at = timezone.now()
        report.error = ""
        report.save()
        transaction.on_commit(lambda: [report.docx.storage.delete(n) for n in old])
    return report


@task()
def write_report(report_id: int) -> None:
    report_write(report_id)
