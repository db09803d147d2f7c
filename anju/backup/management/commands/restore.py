from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.backup.services import BackupRefused, backup_restore
from anju.batch import BatchCommand


class Command(BatchCommand):
    help = _(
        "Replace this Anju's database and files with a backup's, after checking all of it, then "
        "migrate it to this release. Stop the web servers and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help=_("do not ask before replacing"))

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(_("%(path)s does not exist.") % {"path": source})
        if not options["yes"]:
            answer = input(
                _("Every record and file of this Anju will be replaced by %(path)s. Type yes: ")
                % {"path": source}
            )
            if answer.strip().lower() not in {"yes", "是"}:
                raise CommandError(_("Nothing was restored."))
        try:
            manifest = backup_restore(source, actor=Actor.command_line())
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(
            _(
                "Restored the backup of %(made_at)s (Anju %(version)s): %(rows)d rows, %(files)d files."
            )
            % {
                "made_at": manifest.made_at,
                "version": manifest.anju,
                "rows": sum(manifest.rows.values()),
                "files": len(manifest.files) - 1,
            }
        )
