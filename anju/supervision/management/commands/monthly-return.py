from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.audit.context import Actor
from anju.batch import BatchCommand
from anju.core.monthly_report import Month
from anju.core.report_package import MAX_BYTES, month_text
from anju.divisions.models import Division
from anju.policy.library import UnknownPack, get_pack
from anju.supervision import signing
from anju.supervision.models import SupervisionError
from anju.supervision.monthly import monthly_data
from anju.supervision.services.returns import return_receive, return_send, sender_trust
from anju.uploads import UploadRefused, bounded_bytes


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError:
        raise CommandError(_("{text} is not a month: write 2026-11.").format(text=text)) from None


def _area(code: str) -> Division:
    area = Division.objects.filter(code=code).first()
    if area is None:
        raise CommandError(_("No division has the code {code}.").format(code=code))
    return area


class Command(BatchCommand):
    help = (
        "Monthly statistical returns up the levels: show this deployment's public key, send "
        "(sign and write) an area's return for a month, register the key of an area below, "
        "receive its files, and print an area's figures for a month."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["key", "send", "trust", "receive", "figures"])
        parser.add_argument("files", nargs="*", type=Path, help="the returns to receive")
        parser.add_argument("--area", help="the division code")
        parser.add_argument("--month", help="2026-11")
        parser.add_argument(
            "--sender",
            action="append",
            default=[],
            metavar="CODE=KEY",
            help="an area below and the public key it signs with (trust; may be repeated)",
        )
        parser.add_argument("--output", type=Path, help="where send writes the file")
        parser.add_argument("--policy", help="policy pack (the deployment's own by default)")
        parser.add_argument("--user", help="act as this user, within their jurisdiction")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "key":
            key = signing.public_key()
            self.stdout.write(f"{key}\n{signing.fingerprint(key)}")
            return
        actor = command_actor(options["user"])
        try:
            if action == "receive":
                self._receive(actor, options["files"])
                return
            if action == "trust":
                for sender in options["sender"]:
                    code, _equals, key = sender.partition("=")
                    area = _area(code)
                    sender_trust(actor=actor, area=area, key=key)
                    self.stdout.write(
                        _("{area}'s returns are received with the key {fingerprint}.").format(
                            area=area.name, fingerprint=signing.fingerprint(key)
                        )
                    )
                return
            area = _area(options["area"] or "")
            pack = get_pack(options["policy"])
            month = _month(options["month"] or "")
            if action == "send":
                data = return_send(actor=actor, area=area, pack=pack, month=month)
                target = options["output"] or Path(f"{area.code}-{month_text(month)}.json")
                target.write_bytes(data)
                self.stdout.write(str(target))
                return
            figures = monthly_data(area, pack, month)
            json.dump(
                {
                    "area": area.code,
                    "month": month_text(month),
                    "whole": {k: str(v) for k, v in figures.report.whole.values.items()},
                    "groups": {
                        code: {k: str(v) for k, v in tally.values.items()}
                        for code, tally in figures.report.groups.items()
                    },
                    "received": [kept.area_id for kept, _sent in figures.received],
                },
                sys.stdout,
                ensure_ascii=False,
                sort_keys=True,
            )
        except (SupervisionError, UnknownPack, UploadRefused) as refused:
            raise CommandError(str(refused)) from None

    def _receive(self, actor: Actor, files: list[Path]) -> None:
        """Each file in turn, saying what became of it; an error at the end if any was
        refused, so that a folder of returns is received in one go."""
        refused = 0
        for path in files:
            try:
                kept = return_receive(actor=actor, data=bounded_bytes(path, MAX_BYTES))
            except (SupervisionError, UploadRefused) as error:
                refused += 1
                self.stderr.write(f"{path.name}: {error}")
                continue
            self.stdout.write(
                _("Received {area}'s return for {month}.").format(
                    area=kept.area.name, month=kept.month
                )
            )
        if refused:
            raise CommandError(
                _("{n} of {total} files were refused.").format(n=refused, total=len(files))
            )
