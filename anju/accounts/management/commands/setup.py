from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.first_run import setup_code
from anju.accounts.models import User
from anju.accounts.services import first_run
from anju.audit.context import Actor
from anju.divisions.shipped import find_city
from anju.terminal import TerminalProgress


class Command(BaseCommand):
    help = (
        "Make a fresh install ready for its city: migrate the database, load China's divisions "
        "and the city's committees, choose the city, and open the city bureau's first account "
        "(its password printed once, to be changed at the first sign-in). With --code, print "
        "the code the first page of a fresh install asks for instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", help="the city: 濮阳市, 河南省濮阳市 or 410900000000")
        parser.add_argument("--username", help="the user name of the city bureau's account")
        parser.add_argument("--name", default="", help="the holder's name and office")
        parser.add_argument("--code", action="store_true", help="print the set-up code")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            self.stdout.write(setup_code())
            return
        call_command("migrate", interactive=False, verbosity=0)
        if not options["city"] or not options["username"]:
            raise CommandError(_("Name the city (--city) and the account (--username)."))
        found = find_city(options["city"])
        if not found:
            raise CommandError(
                _("No city named {city}; give its name as 河南省濮阳市 or its code.").format(
                    city=options["city"]
                )
            )
        if len(found) > 1:
            raise CommandError(
                _(
                    "Several cities are named {city}: {candidates}. Give the one meant by its code."
                ).format(
                    city=options["city"],
                    candidates="、".join(f"{label}（{code}）" for code, label in found),
                )
            )
        (city, label), username = found[0], options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(_("An account named {name} exists already.").format(name=username))
        bars = TerminalProgress()
        try:
            user, password = first_run(
                actor=Actor.command_line(),
                city=city,
                username=username,
                display_name=options["name"],
                progress=lambda table, stage, done, total: bars(table, done, total),
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        finally:
            bars.close()
        self.stdout.write(
            _("Anju now serves {city}. The city bureau's account:").format(city=label)
        )
        self.stdout.write(f"  {user.username}  {password}")
        self.stdout.write(
            _("The password is shown this once; its holder chooses their own at the first sign-in.")
        )
