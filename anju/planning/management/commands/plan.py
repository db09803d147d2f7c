from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from anju.accounts.management.acting import command_actor
from anju.core.plan_solver import PlanResult, SolveOptions, solve
from anju.core.plans import (
    Candidate,
    DistrictShare,
    PlanInputError,
    StockDeadline,
    YearTarget,
    pack_requirements,
)
from anju.core.priority import Score
from anju.planning.plan_files import PlanFileError, read_problem
from anju.planning.registry_candidates import NoPriority, registry_candidates
from anju.planning.wording import binding_text, shortfall_text
from anju.policy.library import UnknownPack, get_pack

LONGEST_HORIZON = 10
DEFAULTS = SolveOptions()


def _fraction(text: str) -> Fraction:
    value = Fraction(Decimal(text.rstrip("%"))) / (100 if text.endswith("%") else 1)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


def target(text: str) -> YearTarget:
    """YEAR:COUNT or YEAR:COUNT:M2, e.g. 2021:831:26620000 (Chongqing's 2021 target)."""
    parts = text.split(":")
    try:
        year, count = int(parts[0]), int(parts[1] or 0)
        area = Decimal(parts[2]) if len(parts) > 2 else Decimal(0)
    except (ValueError, IndexError, InvalidOperation):
        raise ValueError(text) from None
    return YearTarget(year, count, area)


def deadline(text: str) -> StockDeadline:
    """BUILT_BEFORE:BY_YEAR[:SHARE], e.g. 2000:2025 — all pre-2000 stock started by 2025."""
    parts = text.split(":")
    try:
        share = _fraction(parts[2]) if len(parts) > 2 else Fraction(1)
        return StockDeadline(int(parts[0]), int(parts[1]), share)
    except (ValueError, IndexError, InvalidOperation):
        raise ValueError(text) from None


def share(text: str) -> DistrictShare:
    """DISTRICT:MIN:MAX as fractions or percentages, either may be empty: 渝中区:5%:20%."""
    parts = text.split(":")
    try:
        district, low, high = parts
        return DistrictShare(
            district, _fraction(low) if low else None, _fraction(high) if high else None
        )
    except (ValueError, InvalidOperation):
        raise ValueError(text) from None


class Command(BaseCommand):
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
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = options["first"], options["last"]
        if not first <= last < first + LONGEST_HORIZON:
            raise CommandError(
                _("The plan runs from {first} to {last}: give at most {n} years, in order.").format(
                    first=first, last=last, n=LONGEST_HORIZON
                )
            )
        years = range(first, last + 1)
        left_out: dict[str, str] = {}
        scores: dict[str, Score] = {}
        labels: dict[str, str] = {}
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
            candidates, left_out, scores = drawn.candidates, drawn.left_out, drawn.scores
            labels = drawn.labels
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
        except (PlanFileError, PlanInputError) as error:
            raise CommandError("\n".join(error.problems)) from None
        if options["format"] == "json":
            report = as_json(result)
            if options["policy"] is not None:
                report["scores"] = [
                    score_json(code, rated, labels) for code, rated in scores.items()
                ]
                report["left_out"] = [
                    {"community_code": code, "reason": why} for code, why in left_out.items()
                ]
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(as_text(result))
            if left_out:
                self.stdout.write(
                    _("{count} communities are not candidates: {examples}").format(
                        count=len(left_out),
                        examples="；".join(
                            f"{code} {why}" for code, why in list(left_out.items())[:5]
                        ),
                    )
                )


def score_json(code: str, rated: Score, labels: Mapping[str, str]) -> dict[str, object]:
    """A community's score as the sum of its parts, each with the criterion's own words."""
    return {
        "community_code": code,
        "score": _number(rated.total),
        "parts": [
            {
                "criterion": part.criterion,
                "text": labels.get(part.criterion, part.criterion),
                "weight": part.weight,
                "rating": _number(part.rating),
                "points": _number(part.points),
            }
            for part in rated.parts
            if part.weight
        ],
        "missing": list(rated.missing),
    }


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def as_json(result: PlanResult) -> dict[str, object]:
    feasible = result.status != "infeasible"
    greedy = result.greedy
    return {
        "status": result.status,
        "objective": _number(result.objective) if feasible else None,
        "bound": _number(result.bound),
        "gap": _number(result.gap),
        "selected": [{"community_code": code, "year": year} for code, year in result.selected()]
        if feasible
        else [],
        "greedy": {
            "objective": _number(greedy.figures.objective) if greedy else None,
            "rules_broken": len(greedy.breaches) if greedy else None,
        },
        "binding": [
            {"rule": b.rule, "subject": b.subject, "text": binding_text(b)} for b in result.binding
        ],
        "shortfalls": [
            {
                "rule": s.breach.rule,
                "subject": s.breach.subject,
                "required": _number(s.breach.required),
                "achieved": _number(s.breach.achieved),
                "text": shortfall_text(s),
            }
            for s in result.shortfalls
        ],
        "seconds": round(result.seconds, 3),
    }


def as_text(result: PlanResult) -> str:
    if result.status == "infeasible":
        lines = [_("No plan meets every requirement within the budgets:")]
        lines += [f"- {shortfall_text(s)}" for s in result.shortfalls]
        return "\n".join(lines)
    figures = result.figures
    headline = (
        _("Optimal plan: priority value {objective}, at most {gap} below the proven bound {bound}.")
        if result.status == "optimal"
        else _(
            "Best plan found in time: priority value {objective}, at most {gap} below the "
            "proven bound {bound}."
        )
    )
    lines = [
        headline.format(
            objective=f"{float(result.objective):,.2f}",
            gap=f"{float(result.gap or 0):.3%}",
            bound=f"{float(result.bound or 0):,.2f}",
        )
    ]
    greedy = result.greedy
    if greedy is not None and greedy.breaches:
        lines.append(
            _(
                "Filling the budget from the top of the ranking gives {greedy}, but breaks "
                "{count} of the requirements."
            ).format(greedy=f"{float(greedy.figures.objective):,.2f}", count=len(greedy.breaches))
        )
    elif greedy is not None:
        value = float(greedy.figures.objective)
        loss = 1 - value / float(result.objective) if result.objective else 0.0
        lines.append(
            _(
                "Filling the budget from the top of the ranking gives {greedy} ({loss} less)."
            ).format(greedy=f"{value:,.2f}", loss=f"{loss:.1%}")
        )
    for year, count in figures.communities.items():
        lines.append(
            _("{year}: {count} communities, {area} m², {households} households.").format(
                year=year,
                count=count,
                area=f"{figures.area_m2[year]:,.0f}",
                households=f"{figures.households[year]:,}",
            )
        )
    lines += [f"- {binding_text(b)}" for b in result.binding]
    return "\n".join(lines)
