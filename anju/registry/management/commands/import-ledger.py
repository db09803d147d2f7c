from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.batch import BatchCommand
from anju.registry.issues import describe, locate, understood_lines
from anju.registry.progress import stage_label
from anju.registry.services import LedgerRejected, ledger_import_file
from anju.terminal import TerminalProgress
from anju.uploads import UploadRefused


class Command(BatchCommand):
    help = (
        "Import a ledger workbook (台账): validate every cell, then write it whole or not at all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument("--user", help="act as this user, within their jurisdiction")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No such file: {path}").format(path=path))
        actor = command_actor(options["user"])
        progress = TerminalProgress(stage_label)
        try:
            summary = ledger_import_file(
                actor=actor,
                source=path,
                name=path.name,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except UploadRefused as refused:
            raise CommandError(refused.message) from None
        except LedgerRejected as rejected:
            for line in understood_lines(rejected.understood):
                self.stderr.write(line)
            for issue in rejected.issues:
                value = f" “{issue.value}”" if issue.value else ""
                self.stderr.write(f"{locate(issue)}{value}: {describe(issue)}")
            raise CommandError(
                _("{count} problems found; nothing was imported.").format(
                    count=len(rejected.issues)
                )
            ) from None
        finally:
            progress.close()
        for line in understood_lines(summary.understood):
            self.stdout.write(line)
        heading = _("Dry run, nothing written:") if summary.dry_run else _("Imported:")
        self.stdout.write(
            heading
            + " "
            + _(
                "communities {c} new, {cu} updated, {cs} unchanged; buildings {b} new, {bu} updated; "
                "dwellings {d} new, {du} updated; owners {o} new."
            ).format(
                c=summary.communities_created,
                cu=summary.communities_updated,
                cs=summary.communities_unchanged,
                b=summary.buildings_created,
                bu=summary.buildings_updated,
                d=summary.dwellings_created,
                du=summary.dwellings_updated,
                o=summary.owners_created,
            )
        )
