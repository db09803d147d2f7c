from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.procurement import tender_checks
from anju.csv_input import CsvInputError
from anju.policy.library import get_pack, pack_ids
from anju.procurement.lot_files import read_lots
from anju.procurement.reports import checks_json, checks_text


class Command(BatchCommand):
    help = (
        "Which lots must be tendered: each project's lots of one kind (works, goods, services) "
        "summed against the pack's line, and the lots let some other way although they must be "
        "tendered."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lots",
            type=Path,
            required=True,
            help="CSV: project_code,lot,kind,estimate_yuan,method (method empty: not let yet)",
        )
        parser.add_argument("--pack", default=settings.POLICY_PACK, help="the policy pack's id")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["pack"] not in pack_ids():
            raise CommandError(_("No policy pack named {pack}.").format(pack=options["pack"]))
        lines = get_pack(options["pack"]).tender_lines
        if lines is None:
            raise CommandError(
                _("The pack {pack} sets no line at which lots must be tendered.").format(
                    pack=options["pack"]
                )
            )
        try:
            checks = tender_checks(read_lots(options["lots"]), lines)
        except CsvInputError as error:
            raise CommandError("\n".join(error.problems)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(checks_json(checks), ensure_ascii=False, indent=1))
        else:
            for line in checks_text(checks):
                self.stdout.write(line)
