from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.pack_compare import compare
from anju.policy.library import UnknownPack, get_pack
from anju.policy.views import SECTION_LABELS


class Command(BatchCommand):
    help = "Show two policy packs side by side: what differs, with each side's citation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left")
        parser.add_argument("right")
        parser.add_argument("--all", action="store_true", help="show what is the same too")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            left, right = get_pack(options["left"]), get_pack(options["right"])
        except UnknownPack as unknown:
            raise CommandError(_("No policy pack named {pack}.").format(pack=unknown)) from None
        rows = [row for row in compare(left, right) if options["all"] or not row.same]
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "section": row.section.value,
                            "topic": row.topic,
                            "same": row.same,
                            left.id: side(row.left),
                            right.id: side(row.right),
                        }
                        for row in rows
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        section = None
        for row in rows:
            if row.section != section:
                section = row.section
                self.stdout.write(f"\n== {SECTION_LABELS[section]} ==")
            self.stdout.write(f"· {row.topic}")
            for pack, found in ((left, row.left), (right, row.right)):
                text = f"{found.text}  [{found.citation}]" if found else _("not set")
                self.stdout.write(f"    {pack.id}: {text}")


def side(found: Any) -> dict[str, str] | None:
    return None if found is None else {"text": found.text, "citation": found.citation}
