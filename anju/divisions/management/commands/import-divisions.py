from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.batch import BatchCommand
from anju.core.divisions import InvalidDivisionCode
from anju.csv_input import csv_text
from anju.divisions.services import DivisionError, divisions_load
from anju.uploads import UploadRefused


class Command(BatchCommand):
    help = "Load administrative divisions from a CSV file with the columns code,name (UTF-8)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = csv_text(path)
        except UploadRefused as refused:
            raise CommandError(refused.message) from None
        try:
            rows = [(row["code"], row["name"]) for row in csv.DictReader(io.StringIO(text))]
        except (KeyError, csv.Error) as error:
            raise CommandError(
                _(
                    "Cannot read {path}: it must be a UTF-8 CSV file with the columns code,name ({error})."
                ).format(path=path, error=error)
            ) from None
        try:
            count = divisions_load(actor=Actor.command_line(), rows=rows)
        except InvalidDivisionCode as error:
            raise CommandError(_("Not a division code: {code}").format(code=error)) from None
        except DivisionError as error:
            raise CommandError(
                _("The parent division {code} is neither in the file nor registered.").format(
                    code=error
                )
            ) from None
        self.stdout.write(_("{count} divisions created or renamed.").format(count=count))
