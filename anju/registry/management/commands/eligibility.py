from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.batch import BatchCommand
from anju.core.eligibility import Verdict
from anju.policy.library import UnknownPack, get_pack
from anju.registry.eligibility import plan_year, verdicts, write_verdicts
from anju.registry.selectors import community_list


class Command(BatchCommand):
    help = "Judge every community's eligibility under a policy pack, with cited reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policy", help="pack id (default: this deployment's pack)")
        parser.add_argument("--year", type=int, help="plan year (default: this year)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", type=Path, help="file to write (needed for xlsx)")
        parser.add_argument("--user", help="judge only what this user sees")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pack = get_pack(options["policy"])
        except UnknownPack as unknown:
            raise CommandError(_("No policy pack named {pack}.").format(pack=unknown)) from None
        year = options["year"] or plan_year()
        actor = command_actor(options["user"])
        rows = (verdict for _pk, verdict in verdicts(community_list(user=actor.user), pack, year))
        if options["format"] == "xlsx":
            if options["output"] is None:
                raise CommandError(_("Give --output FILE.xlsx for the xlsx format."))
            count = write_verdicts(str(options["output"]), rows, pack, year)
            self.stderr.write(
                _("Wrote {path}: {count} communities.").format(path=options["output"], count=count)
            )
            return
        if options["output"] is None:
            self._json(rows, lambda text: self.stdout.write(text, ending=""))
            return
        with options["output"].open("w", encoding="utf-8") as out:
            self._json(rows, out.write)

    def _json(self, rows: Iterable[Verdict], write: Callable[[str], object]) -> None:
        """One object per community, written as it is judged so a city's worth streams."""
        write("[")
        for index, verdict in enumerate(rows):
            item = {
                "community_code": verdict.community_code,
                "status": verdict.status.value,
                "reasons": [{"text": r.text, "citation": r.citation} for r in verdict.reasons],
            }
            write(("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False))
        write("\n]\n")
