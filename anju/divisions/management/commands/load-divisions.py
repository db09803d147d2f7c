from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from anju.audit.context import Actor
from anju.divisions.services import divisions_load
from anju.divisions.shipped import (
    committee_provinces,
    edition,
    shipped_committees,
    shipped_divisions,
)


class Command(BaseCommand):
    help = (
        "Load China's divisions as Anju ships them: every province, city, district or county "
        "and street or township; with --committees, the residents' and villagers' committees "
        "of the provinces named (two-digit codes, or 'all'). Loading again renames what an "
        "edition renamed and keeps the former names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committees", nargs="+", default=[], metavar="PROVINCE")

    def handle(self, *args: Any, **options: Any) -> None:
        shipped = edition()
        source = f"{shipped['package']} {shipped['version']}"
        wanted: list[str] = options["committees"]
        provinces = committee_provinces() if wanted == ["all"] else wanted
        unknown = [p for p in provinces if p not in committee_provinces()]
        if unknown:
            raise CommandError(
                _("No province with the code {codes}: give two digits, as 41 for 河南省.").format(
                    codes="、".join(unknown)
                )
            )
        actor = Actor.command_line()
        country = shipped_divisions()
        names = {code[:2]: name for code, name in country if code[2:] == "0" * 10}
        tables: list[tuple[str, Callable[[], list[tuple[str, str]]]]] = [
            (_("Divisions"), lambda: country)
        ]
        tables += [
            (
                _("Committees of {province}").format(province=names.get(p, p)),
                partial(shipped_committees, p),
            )
            for p in provinces
        ]
        changed = 0
        for label, read in tables:
            with tqdm(desc=label, file=sys.stderr, disable=None, unit="") as bar:

                def show(stage: str, done: int, total: int, bar: Any = bar) -> None:
                    bar.total = max(total, 1)
                    bar.n = done
                    bar.refresh()

                changed += divisions_load(actor=actor, rows=read(), source=source, progress=show)
        self.stdout.write(
            _("{count} divisions created or renamed, from {source}.").format(
                count=changed, source=source
            )
        )
