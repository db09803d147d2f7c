from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.batch import BatchCommand
from anju.core.plan_solver import SolveOptions, solve
from anju.core.plans import (
    Candidate,
    PlanInputError,
    pack_requirements,
)
from anju.csv_input import CsvInputError
from anju.planning.plan_files import read_problem
from anju.planning.registry_candidates import (
    NoPriority,
    RegistryCandidates,
    registry_candidates,
)
from anju.planning.reports import plan_json, plan_text, registry_json
from anju.planning.requirement_text import deadline, share, target
from anju.planning.services.scenarios import LONGEST_HORIZON
from anju.planning.workbook import PlanHeading, write_plan_workbook
from anju.policy.library import UnknownPack, get_pack

DEFAULTS = SolveOptions()


class Command(BatchCommand):
    help = (
        "Choose which candidates start in which year so the priority served, earlier being "
        "better, is the most the budgets allow; with the proven bound and the greedy plan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--candidates", type=Path, help="candidates CSV")
        source.add_argument("--policy", help="draw candidates from the registry under this pack")
        parser.add_argument("--user", help="plan only what this user sees (with --policy)")
        parser.add_argument(
            "--pack-targets", action="store_true", help="hold the plan to the pack's targets"
        )
        parser.add_argument("--budget", type=Path, required=True, help="budget CSV")
        parser.add_argument("--from", dest="first", type=int, required=True, help="first year")
        parser.add_argument("--to", dest="last", type=int, required=True, help="last year")
        parser.add_argument("--target", type=target, action="append", default=[])
        parser.add_argument("--deadline", type=deadline, action="append", default=[])
        parser.add_argument("--share", type=share, action="append", default=[])
        parser.add_argument(
            "--gap", type=float, default=DEFAULTS.relative_gap, help="accepted relative gap"
        )
        parser.add_argument("--time-limit", type=float, default=DEFAULTS.time_limit)
        parser.add_argument("--format", choices=["json", "text", "xlsx"], default="text")
        parser.add_argument("--output", type=Path, help="where to write the xlsx workbook")

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = options["first"], options["last"]
        if not first <= last < first + LONGEST_HORIZON:
            raise CommandError(
                _("The plan runs from {first} to {last}: give at most {n} years, in order.").format(
                    first=first, last=last, n=LONGEST_HORIZON
                )
            )
        years = range(first, last + 1)
        drawn: RegistryCandidates | None = None
        targets = list(options["target"])
        deadlines = list(options["deadline"])
        candidates: Path | list[Candidate] = options["candidates"]
        if options["policy"] is not None:
            try:
                pack = get_pack(options["policy"])
            except UnknownPack as unknown:
                raise CommandError(_("No policy pack named {pack}.").format(pack=unknown)) from None
            try:
                drawn = registry_candidates(pack, years, command_actor(options["user"]).user)
            except NoPriority:
                raise CommandError(
                    _("The policy pack {pack} does not say how to rank candidates.").format(
                        pack=pack.id
                    )
                ) from None
            candidates = drawn.candidates
            if options["pack_targets"]:
                starts, stock = pack_requirements(pack.model.targets, years)
                targets += starts
                deadlines += stock
        try:
            problem = read_problem(
                candidates,
                options["budget"],
                years,
                targets,
                deadlines,
                options["share"],
            )
            result = solve(
                problem,
                SolveOptions(time_limit=options["time_limit"], relative_gap=options["gap"]),
            )
        except (CsvInputError, PlanInputError) as error:
            raise CommandError("\n".join(error.problems)) from None
        if options["format"] == "xlsx":
            if options["output"] is None:
                raise CommandError(_("Give --output FILE.xlsx for the workbook."))
            report = plan_json(result)
            heading = PlanHeading(
                title=_("Renovation plan {first}–{last}").format(first=first, last=last),
                pack=options["policy"] or "",
                budgets={
                    y: Decimal(sum(v for (year, _s), v in problem.budgets.items() if year == y))
                    / 100
                    for y in years
                },
            )
            write_plan_workbook(str(options["output"]), heading, report)
            self.stdout.write(
                _("The plan workbook is written to {path}.").format(path=options["output"])
            )
        elif options["format"] == "json":
            report = plan_json(result)
            if drawn is not None:
                report |= registry_json(drawn)
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(plan_text(result))
            if drawn is not None and drawn.left_out:
                self.stdout.write(
                    _("{count} communities are not candidates: {examples}").format(
                        count=len(drawn.left_out),
                        examples="；".join(
                            f"{code} {why}" for code, why in list(drawn.left_out.items())[:5]
                        ),
                    )
                )
