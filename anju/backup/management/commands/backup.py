from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.backup.services import BackupRefused, backup_write
from anju.batch import BatchCommand


class Command(BatchCommand):
    help = _(
        "Write the database, the uploaded documents and photos and the archived ledgers to one "
        "checked archive (never the keys: keep ANJU_DATA_KEY and ANJU_SECRET_KEY apart)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            help=_("where to write it (default: under ANJU_BACKUP_DIR)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["file"] or Path(settings.BACKUP_DIR) / timezone.localtime().strftime(
            "anju-%Y%m%d-%H%M%S.tar.gz"
        )
        try:
            manifest = backup_write(target, actor=Actor.command_line())
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(
            _(
                "Wrote %(path)s: %(rows)d rows in %(tables)d tables, %(files)d files; data key %(key)s."
            )
            % {
                "path": target,
                "rows": sum(manifest.rows.values()),
                "tables": len(manifest.rows),
                "files": len(manifest.files) - 1,
                "key": manifest.key,
            }
        )
