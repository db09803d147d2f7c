from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.batch import BatchCommand
from anju.registry.services import ledger_export


class Command(BatchCommand):
    help = "Export the registry as a ledger workbook (台账) that imports back to the same data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="export what this user sees")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="write owners' ID numbers in full instead of masked (audited)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options["user"])
        counts = ledger_export(
            actor=actor, target=options["file"], with_personal_data=options["with_personal_data"]
        )
        self.stdout.write(
            _("Wrote {path}: {c} communities, {b} buildings, {d} dwellings.").format(
                path=options["file"], c=counts["小区"], b=counts["楼栋"], d=counts["房屋"]
            )
        )
