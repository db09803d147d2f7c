from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.pack_compare import rules_of
from anju.policy.library import UnknownPack, get_pack
from anju.policy.views import PROVENANCE_LABELS, SECTION_LABELS


class Command(BatchCommand):
    help = (
        "List every rule a policy pack governs its city by, with its authority: the city's own"
        " clause, a national document, or reference practice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pack")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pack = get_pack(options["pack"])
        except UnknownPack as unknown:
            raise CommandError(_("No policy pack named {pack}.").format(pack=unknown)) from None
        rules = list(rules_of(pack))
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "section": section.value,
                            "topic": topic,
                            "text": side.text,
                            "provenance": side.provenance.value,
                            "citation": side.citation,
                            "basis": side.basis,
                            "reference_value": side.reference,
                        }
                        for section, topic, side in rules
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(
            f"{pack.model.title}（{pack.model.document}）{pack.id} {pack.model.version}"
        )
        current = None
        for section, topic, side in rules:
            if section != current:
                current = section
                self.stdout.write(f"\n== {SECTION_LABELS[section]} ==")
            self.stdout.write(f"· {topic}：{side.text}")
            self.stdout.write(f"    [{PROVENANCE_LABELS[side.provenance]}] {side.citation}")
            if side.basis:
                self.stdout.write(f"    {_('Basis')}：{side.basis}")
            if side.reference:
                self.stdout.write(f"    {_('Reference value')}：{side.reference}")
