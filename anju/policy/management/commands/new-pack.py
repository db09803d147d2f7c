from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.batch import BatchCommand
from anju.core.policy_pack import PackError
from anju.core.text_files import decoded
from anju.policy.services import PackRefused, pack_create
from anju.uploads import UploadRefused, bounded_bytes

MAX_BYTES = 2 * 1024 * 1024
NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")


def document_text(path: Path) -> str:
    """The document's text as the government published it, in UTF-8 or GB18030 (what
    Windows saves Chinese text as)."""
    text = decoded(bounded_bytes(path, MAX_BYTES))
    if text is None:
        raise CommandError(_("{path} is not text in UTF-8 or GB18030.").format(path=path))
    return text


class Command(BatchCommand):
    help = (
        "Start a city's own policy pack from its document: the text (a .txt file, as "
        "published) goes into the deployment's policy folder beside a pack that extends the "
        "national base and lists the document's clauses as citations name them. Check it with "
        "anju check-pack as you add the city's rules."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pack_id", help="the pack's id, as zhengzhou-2022")
        parser.add_argument("--document", type=Path, required=True, help="the document's text")
        parser.add_argument("--title", help="the pack's title (default: the text's first line)")
        parser.add_argument("--number", help="the document's number, as 郑政办〔2022〕18号")
        parser.add_argument("--extends", default="national-2020")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = document_text(options["document"])
        except UploadRefused as refused:
            raise CommandError(refused.message) from None
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        found = NUMBER.search(text)
        number = options["number"] or (found.group(0) if found else "")
        if not number:
            raise CommandError(
                _("Give the document's number with --number, as 郑政办〔2022〕18号.")
            )
        try:
            pack = pack_create(
                actor=Actor.command_line(),
                pack_id=options["pack_id"],
                title=options["title"] or first,
                document=number,
                text=text,
                extends=options["extends"],
            )
        except (PackRefused, PackError) as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            _(
                "{path} written, beside its document; add the city's rules and check it with: "
                "anju check-pack {path}"
            ).format(path=pack)
        )
