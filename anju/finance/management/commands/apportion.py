from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.apportion import ApportionError, Rule, apportion, parse_coefficients
from anju.core.money import NotAnAmount, fen_of, yuan_text
from anju.csv_input import CsvInputError
from anju.finance.apportion_reports import (
    apportion_json,
    bills_json,
    write_apportion_workbook,
    write_bills_workbook,
)
from anju.finance.dwelling_files import read_dwellings
from anju.finance.models import FundingPlan
from anju.finance.selectors import dwelling_labels, plan_bills
from anju.finance.wording import apportion_problem
from anju.policy.library import get_pack


class Command(BatchCommand):
    help = (
        "Share an amount among households, exact to the fen: by exclusive area, or by floor "
        "coefficient times area (an elevator within the stairway unit it serves)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--project", help="the community code of a project with a funding plan")
        source.add_argument("--dwellings", type=Path, help="CSV: dwelling_id,exclusive_area,floor")
        parser.add_argument("--total", help="the amount to share, in yuan (with --dwellings)")
        parser.add_argument("--rule", choices=[r.value for r in Rule], default=Rule.AREA.value)
        parser.add_argument("--coefficients", help="floor:coefficient, e.g. 1:0,2:0.5,3:1")
        parser.add_argument("--format", choices=["json", "text", "xlsx"], default="text")
        parser.add_argument("--output", type=Path, help="where to write the xlsx workbook")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["format"] == "xlsx" and options["output"] is None:
            raise CommandError(_("Give --output FILE.xlsx for the workbook."))
        if options["project"] is not None:
            self._project(options)
            return
        if options["total"] is None:
            raise CommandError(_("Give --total, the amount to share in yuan."))
        try:
            total = fen_of(options["total"])
        except NotAnAmount:
            total = -1
        if total < 0:
            raise CommandError(
                _("--total {value}: give an amount of yuan of zero or more, to the fen.").format(
                    value=options["total"]
                )
            )
        rule = Rule(options["rule"])
        coefficients = None
        if rule is Rule.FLOOR:
            if not options["coefficients"]:
                raise CommandError(_("Sharing by floor needs --coefficients, e.g. 1:0,2:0.5,3:1."))
            try:
                coefficients = parse_coefficients(options["coefficients"])
            except ValueError as bad:
                raise CommandError(
                    _(
                        "--coefficients: “{part}” is not floor:coefficient with a whole floor, "
                        "a coefficient of zero or more, and each floor once."
                    ).format(part=bad)
                ) from None
        try:
            dwellings = read_dwellings(options["dwellings"])
            result = apportion(total, dwellings, rule, coefficients=coefficients)
        except CsvInputError as error:
            raise CommandError("\n".join(error.problems)) from None
        except ApportionError as error:
            raise CommandError(apportion_problem(error)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(apportion_json(result), ensure_ascii=False, indent=1))
        elif options["format"] == "xlsx":
            write_apportion_workbook(
                str(options["output"]),
                _("Household shares"),
                result,
                {d.dwelling_id: d for d in dwellings},
            )
            self.stdout.write(
                _("The household shares are written to {path}.").format(path=options["output"])
            )
        else:
            for share in result.shares:
                self.stdout.write(f"{share.dwelling_id}\t{yuan_text(share.amount)}")
            self.stdout.write(_("Total\t{total}").format(total=yuan_text(result.total)))

    def _project(self, options: dict[str, Any]) -> None:
        plan = (
            FundingPlan.objects.filter(project__community__code=options["project"])
            .select_related("project__community")
            .first()
        )
        if plan is None:
            raise CommandError(
                _("The project {code} has no funding plan yet.").format(code=options["project"])
            )
        try:
            bills = plan_bills(plan, get_pack(plan.pack))
        except ApportionError as error:
            raise CommandError(apportion_problem(error)) from None
        labels = dwelling_labels(plan.project.community)
        if options["format"] == "xlsx":
            write_bills_workbook(str(options["output"]), plan.project.community, bills, labels)
            self.stdout.write(
                _("The household shares are written to {path}.").format(path=options["output"])
            )
            return
        report = bills_json(bills, labels)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        for share in report["shares"]:
            self.stdout.write(f"{share['dwelling_id']}\t{share['amount']}")
        self.stdout.write(_("Total\t{total}").format(total=report["total"]))
