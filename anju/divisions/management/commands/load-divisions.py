from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.batch import BatchCommand
from anju.divisions.services import shipped_load, shipped_source
from anju.divisions.shipped import committee_provinces
from anju.terminal import TerminalProgress


class Command(BatchCommand):
    help = (
        "Load China's divisions as Anju ships them: every province, city, district or county "
        "and street or township; with --committees, the residents' and villagers' committees "
        "of the provinces named (two-digit codes, or 'all'). Loading again renames what an "
        "edition renamed and keeps the former names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committees", nargs="+", default=[], metavar="PROVINCE")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted: list[str] = options["committees"]
        provinces = committee_provinces() if wanted == ["all"] else wanted
        unknown = [p for p in provinces if p not in committee_provinces()]
        if unknown:
            raise CommandError(
                _("No province with the code {codes}: give two digits, as 41 for 河南省.").format(
                    codes="、".join(unknown)
                )
            )
        bars = TerminalProgress()
        try:
            changed = shipped_load(
                actor=Actor.command_line(),
                committees=provinces,
                progress=lambda label, stage, done, total: bars(label, done, total),
            )
        finally:
            bars.close()
        self.stdout.write(
            _("{count} divisions created or renamed, from {source}.").format(
                count=changed, source=shipped_source()
            )
        )
