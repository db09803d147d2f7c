from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.batch import BatchCommand
from anju.core.policy_pack import PackError
from anju.policy.library import load_pack_file


class Command(BatchCommand):
    help = "Check policy pack files against the schema and their sources, naming each bad line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for path in options["files"]:
            try:
                pack = load_pack_file(path)
            except FileNotFoundError:
                self.stderr.write(_("{path}: no such file").format(path=path))
                failed = True
            except PackError as error:
                self.stderr.write(str(error))
                failed = True
            else:
                self.stdout.write(
                    _(
                        "{path}: {id} {version} is valid; every rule names its authority and none is another"
                        " city's clause."
                    ).format(path=path, id=pack.id, version=pack.model.version)
                )
        if failed:
            raise CommandError(_("Some packs were refused."))
