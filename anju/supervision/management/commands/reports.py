from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.batch import BatchCommand
from anju.core.report_periods import parse_period
from anju.divisions.models import Division
from anju.policy.library import UnknownPack, get_pack
from anju.supervision.models import ReportStatus, SupervisionError
from anju.supervision.services.reports import report_request, report_write, reports_due


class Command(BatchCommand):
    help = (
        "Ask for the bulletins due: each city's month, quarter and year that ended last, once "
        "(run it daily from a timer); or one area's report for one period. The worker writes "
        "them, or this command does with --now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help="2026-10, 2026-Q3 or 2026 (with --area)")
        parser.add_argument("--area", help="the city or district code (with --period)")
        parser.add_argument("--policy", help="policy pack (the deployment's own by default)")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument(
            "--now", action="store_true", help="write them here instead of in the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.command_line()
        today = options["today"] or timezone.localdate()
        try:
            pack = get_pack(options["policy"])
        except UnknownPack as unknown:
            raise CommandError(str(unknown)) from None
        if bool(options["period"]) != bool(options["area"]):
            raise CommandError(_("Give --period and --area together, or neither."))
        try:
            if options["period"]:
                try:
                    period = parse_period(options["period"])
                except ValueError:
                    raise CommandError(
                        _("{text} is not a period: write 2026-10, 2026-Q3 or 2026.").format(
                            text=options["period"]
                        )
                    ) from None
                area = Division.objects.filter(code=options["area"]).first()
                if area is None:
                    raise CommandError(
                        _("No division has the code {code}.").format(code=options["area"])
                    )
                asked = [
                    report_request(
                        actor=actor,
                        area=area,
                        pack=pack,
                        period=period,
                        today=today,
                        enqueue=not options["now"],
                    )
                ]
            else:
                asked = reports_due(actor=actor, pack=pack, today=today, enqueue=not options["now"])
        except SupervisionError as refused:
            raise CommandError(str(refused)) from None
        for report in asked:
            if options["now"]:
                report = report_write(report.pk, today)
            self.stdout.write(f"{report.area_id} {report.period} {report.get_status_display()}")
            if report.status == ReportStatus.FAILED:
                raise CommandError(report.error)
        if not asked:
            self.stdout.write(_("No report is due."))
