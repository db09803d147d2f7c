from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.policy.library import UnknownPack, get_pack
from anju.supervision.services.standings import standings_refresh_all


class Command(BatchCommand):
    help = (
        "Read every district's supervision figures and alerts again, and every smaller area's "
        "already kept, so the supervision pages show them fresh (run it from a timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policy", help="policy pack (the deployment's own by default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pack = get_pack(options["policy"])
        except UnknownPack as unknown:
            raise CommandError(str(unknown)) from None
        started = timezone.now()
        read = standings_refresh_all(pack=pack, today=timezone.localdate())
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            _("Read the figures of {n} areas under {pack} in {s:.1f} s.").format(
                n=read, pack=pack.id, s=seconds
            )
        )
