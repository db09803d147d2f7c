from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.models import Role, User
from anju.accounts.services import user_create, user_set_password
from anju.assessment.services import conditions_load
from anju.audit.context import Actor
from anju.core.demo_city import (
    CITY_CODE,
    DISTRICTS,
    DemoCommunity,
    demo_conditions,
    demo_outlines,
    demo_resources,
    generate_city,
)
from anju.core.divisions import Level
from anju.core.ledger import LedgerBook
from anju.core.signin import new_password
from anju.demo.money import demo_finance, demo_payments
from anju.demo.polls import demo_polls
from anju.demo.programme import demo_programme
from anju.demo.projects import demo_projects
from anju.demo.publicity import demo_publicity
from anju.divisions.models import Division
from anju.divisions.services import divisions_load
from anju.registry.ledger_files import write_workbook
from anju.registry.progress import stage_label
from anju.registry.services import boundaries_load, ledger_write
from anju.stock.services import inventory_load
from anju.terminal import TerminalProgress

HUALONG = DISTRICTS[0][0]
# One account for every role, so that a visitor (and the test that walks the demo) sees Anju as
# each of its users does. "street" and "committee" are placed where the city is loaded.
DEMO_USERS = (
    ("city", "濮阳市住建局", CITY_CODE, Role.CITY_BUREAU),
    ("finance", "濮阳市财政局", CITY_CODE, Role.CITY_DEPARTMENT),
    ("auditor", "濮阳市住建局审计员", CITY_CODE, Role.AUDITOR),
    ("water", "濮阳市自来水公司", CITY_CODE, Role.UTILITY),
    ("hualong", "华龙区住建局", HUALONG, Role.DISTRICT),
    ("qingfeng", "清丰县住建局", DISTRICTS[2][0], Role.DISTRICT),
    ("expert", "华龙区专家库专家", HUALONG, Role.EXPERT),
    ("street", "华龙区街道办事处", "street", Role.STREET),
    ("committee", "华龙区社区居委会", "committee", Role.COMMITTEE),
    ("owner", "华龙区业主", "committee", Role.OWNER),
)


class Command(BaseCommand):
    help = "Generate a deterministic, realistic demo city and load it, or write it as a ledger."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--communities", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--ledger", type=Path, help="write a ledger workbook instead of loading"
        )
        parser.add_argument(
            "--no-dwellings", action="store_true", help="leave out dwellings and owners"
        )
        parser.add_argument(
            "--users", action="store_true", help="also create demo logins and print them"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        city = generate_city(
            options["communities"], options["seed"], with_dwellings=not options["no_dwellings"]
        )
        communities = tuple(c.community for c in city.communities)
        buildings = tuple(b for c in city.communities for b in c.buildings)
        dwellings = tuple(d for c in city.communities for d in c.dwellings)
        if options["ledger"]:
            counts = write_workbook(options["ledger"], [*communities, *buildings, *dwellings])
            self.stdout.write(
                _("Wrote {path}: {c} communities, {b} buildings, {d} dwellings.").format(
                    path=options["ledger"], c=counts["小区"], b=counts["楼栋"], d=counts["房屋"]
                )
            )
            return
        actor = Actor.command_line()
        divisions_load(actor=actor, rows=((d.code, d.name) for d in city.divisions))
        progress = TerminalProgress(stage_label)
        summary = ledger_write(
            actor=actor,
            book=LedgerBook(communities, buildings, dwellings),
            source=f"demo-data --communities {options['communities']} --seed {options['seed']}",
            progress=progress,
        )
        progress.close()
        if not options["no_dwellings"]:
            self._conditions(actor, city.communities, options["seed"])
            inventory_load(actor=actor, rows=demo_resources(communities, options["seed"]))
            boundaries_load(
                actor=actor,
                outlines=demo_outlines(communities),
                source="演示数据",
                map_number="",
            )
        self.stdout.write(
            _(
                "Loaded the demo city: {c} communities, {b} buildings, {d} dwellings, {o} owners."
            ).format(
                c=summary.communities_created + summary.communities_updated,
                b=summary.buildings_created,
                d=summary.dwellings_created,
                o=summary.owners_created,
            )
        )
        if options["users"]:
            self._users(actor)
        if not options["no_dwellings"]:
            clerk = User.objects.filter(username="hualong").first()
            made = demo_polls(
                actor, options["seed"], Actor(user=clerk, origin=actor.origin) if clerk else None
            )
            if made:
                self.stdout.write(
                    _(
                        "Demo polls: {n} (a vote and a consultation open, a satisfaction evaluation closed)."
                    ).format(n=made)
                )
            funded = demo_finance(actor)
            if funded:
                self.stdout.write(
                    _("Demo funding plans: {n}, with household shares.").format(n=funded)
                )
            walked = demo_projects(actor, Actor(user=clerk, origin=actor.origin) if clerk else None)
            if walked:
                self.stdout.write(
                    _(
                        "Demo projects: {n} walked through their gates, one under construction."
                    ).format(n=walked)
                )
            year = demo_programme(actor, Actor(user=clerk, origin=actor.origin) if clerk else None)
            if year:
                self.stdout.write(
                    _(
                        "Demo programme: {n} projects of this year's and last year's plans, "
                        "started, reported on and accepted month by month."
                    ).format(n=year)
                )
            demo_payments(actor)
            demo_publicity(actor)

    def _conditions(self, actor: Actor, communities: tuple[DemoCommunity, ...], seed: int) -> None:
        """Condition assessments, so that the demo's content lists have something to propose."""
        conditions_load(
            actor=actor,
            conditions={
                code: demo_conditions(code, c.community.build_year, seed)
                for c in communities
                for code in (c.community.code or "",)
            },
        )

    def _users(self, actor: Actor) -> None:
        self.stdout.write(_("Demo logins (passwords are new each time the demo is set up):"))
        street = (
            Division.objects.filter(level=Level.STREET, code__startswith=HUALONG[:6])
            .order_by("code")
            .values_list("code", flat=True)
            .first()
        )
        committee = (
            Division.objects.filter(level=Level.COMMITTEE, parent_id=street)
            .order_by("code")
            .values_list("code", flat=True)
            .first()
        )
        placed = {"street": street, "committee": committee}
        for username, display, where, role in DEMO_USERS:
            division = placed.get(where, where)
            if division is None:
                continue
            password = new_password()
            existing = User.objects.filter(username=username).first()
            if existing is not None:
                user_set_password(actor=actor, user=existing, password=password, must_change=False)
            else:
                user_create(
                    actor=actor,
                    username=username,
                    password=password,
                    display_name=display,
                    memberships=[(division, role)],
                    must_change=False,  # a demo visitor signs in with the printed password
                )
            self.stdout.write(f"  {username:10} {password}   {display} ({Role(role).label})")
