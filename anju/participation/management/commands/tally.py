from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.votes import Matter, fraction_text, read_ballots, tally, tally_json
from anju.csv_input import csv_text
from anju.participation.problems import describe
from anju.uploads import UploadRefused


class Command(BatchCommand):
    help = (
        "Count owners' ballots under Civil Code art. 278: quorum and consent by exclusive area "
        "and by owner headcount, as exact fractions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "ballots", type=Path, help="CSV: dwelling_id,owner_id,exclusive_area,choice"
        )
        parser.add_argument("--matter", required=True, choices=[m.value for m in Matter])
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = csv_text(options["ballots"])
        except UploadRefused as refused:
            raise CommandError(refused.message) from None
        ballots, errors = read_ballots(text)
        if errors:
            for problem in errors:
                self.stderr.write(f"{options['ballots']}: {describe(problem)}")
            raise CommandError(_("The ballot file was refused; nothing was counted."))
        result = tally(ballots, Matter(options["matter"]))
        if options["format"] == "json":
            self.stdout.write(json.dumps(tally_json(result)))
            return
        yes_no = {True: _("yes"), False: _("no")}
        self.stdout.write(
            _(
                "Quorum met: {quorum} (area {pa}, owners {ph})\n"
                "Passed: {passed} (agreeing area {ca}, agreeing owners {ch})"
            ).format(
                quorum=yes_no[result.quorum_met],
                passed=yes_no[result.passed],
                pa=fraction_text(result.participation_area),
                ph=fraction_text(result.participation_headcount),
                ca=fraction_text(result.consent_area),
                ch=fraction_text(result.consent_headcount),
            )
        )
