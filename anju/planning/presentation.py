"""A scenario's stored result read back for the page: totals by year and by district, the
communities with their scores explained, and the worker's progress in words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from anju.planning.forms import CRITERION_NAMES
from anju.planning.models import Scenario, ScenarioState
from anju.policy.library import UnknownPack, get_pack

STALLED_AFTER = timedelta(minutes=15)
STEPS = ("candidates", "model", "relaxation", "improve", "branch", "binding", "forecast")


def step_names() -> dict[str, str]:
    return {
        "candidates": _("Drawing the candidates from the registry"),
        "model": _("Building the model"),
        "relaxation": _("Solving the relaxation for the bound"),
        "improve": _("Improving the rounded plan"),
        "branch": _("Branch and bound"),
        "explain": _("Explaining what cannot be met"),
        "binding": _("Checking the plan and what binds"),
        "forecast": _("Forecasting the year the old stock is done"),
    }


@dataclass
class Progress:
    label: str
    state: str  # done | current | todo
    detail: str = ""


@dataclass
class Totals:
    communities: int = 0
    households: int = 0
    area_m2: Decimal = Decimal(0)
    cost_yuan: Decimal = Decimal(0)

    def add(self, row: dict[str, Any]) -> None:
        self.communities += int(row["communities"])
        self.households += int(row["households"])
        self.area_m2 += Decimal(row["area_m2"])
        self.cost_yuan += Decimal(row["cost_yuan"])

    @property
    def cost_wan(self) -> Decimal:
        return self.cost_yuan / 10_000


@dataclass
class YearRow:
    year: int
    budget_wan: Decimal
    totals: Totals = field(default_factory=Totals)

    @property
    def used_pct(self) -> Decimal | None:
        return self.totals.cost_wan / self.budget_wan * 100 if self.budget_wan else None


@dataclass
class Pick:
    code: str
    name: str
    year: int | None
    score: float
    parts: list[dict[str, Any]]
    missing: list[str]


def _percent(share: str | None) -> str:
    return "—" if share is None else f"{Decimal(share) * 100:g}%"


def year_totals(scenario: Scenario) -> list[YearRow]:
    rows = {
        int(y): YearRow(int(y), Decimal(a) / 10_000) for y, a in sorted(scenario.budgets.items())
    }
    for row in (scenario.result or {}).get("tally", []):
        rows[int(row["year"])].totals.add(row)
    return list(rows.values())


def district_totals(scenario: Scenario) -> dict[str, dict[int, Totals]]:
    """District → year → what starts there; every year present, so columns line up."""
    years = [int(y) for y in sorted(scenario.budgets)]
    found: dict[str, dict[int, Totals]] = defaultdict(lambda: {y: Totals() for y in years})
    for row in (scenario.result or {}).get("tally", []):
        found[row["district"]][int(row["year"])].add(row)
    return dict(sorted(found.items()))


class ScenarioView:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.result: dict[str, Any] = scenario.result or {}

    @property
    def rules(self) -> list[str]:
        """The scenario's own requirements, written as they were entered."""
        scenario = self.scenario
        return [
            *(
                _("{district}'s share of the money: {low} to {high}").format(
                    district=d, low=_percent(low), high=_percent(high)
                )
                for d, low, high in scenario.shares
            ),
            *(
                _("{code} starts in {year}").format(code=code, year=year)
                for code, year in scenario.fixed.items()
            ),
            *(
                _("{group} starts together: {codes}").format(group=name, codes="、".join(codes))
                for name, codes in scenario.groups.items()
            ),
            *self.targets,
        ]

    @property
    def targets(self) -> list[str]:
        """The pack's targets the plan is held to, each saying what it counts. A plan schedules
        starts; a completion target is met only by completion acceptance, which the plan can
        make possible (a start by that year) and the supervision pages then count."""
        scenario = self.scenario
        if not scenario.pack_targets:
            return []
        try:
            targets = get_pack(scenario.pack).model.targets
        except UnknownPack:
            return []
        return [
            (
                _("{target}: the plan starts them in or before {year}")
                if target.measure == "started"
                else _(
                    "{target}: counted by completion acceptance; the plan can only start them"
                    " by {year}, the supervision pages count what is accepted"
                )
            ).format(target=target.text, year=target.year)
            for target in targets
            if scenario.first_year <= target.year <= scenario.last_year
        ]

    @property
    def working(self) -> bool:
        return self.scenario.state in (ScenarioState.QUEUED, ScenarioState.RUNNING)

    @property
    def stalled(self) -> bool:
        """Still not solved long after any solve would have ended: the worker was stopped, or
        none is running."""
        return self.working and timezone.now() - self.scenario.created_at > STALLED_AFTER

    def progress(self) -> list[Progress]:
        names = step_names()
        key, _sep, detail = self.scenario.step.partition(":")
        steps = [s for s in STEPS if s != "forecast" or self.scenario.forecast_built_before]
        if key == "explain":
            steps = [*steps[: steps.index("binding")], "explain"]
        reached = steps.index(key) if key in steps else -1
        if self.scenario.state == ScenarioState.QUEUED:
            reached = -1
        return [
            Progress(
                names[step],
                "done" if i < reached else "current" if i == reached else "todo",
                detail if i == reached else "",
            )
            for i, step in enumerate(steps)
        ]

    @cached_property
    def years(self) -> list[YearRow]:
        return year_totals(self.scenario)

    @cached_property
    def districts(self) -> dict[str, dict[int, Totals]]:
        return district_totals(self.scenario)

    @cached_property
    def total(self) -> Totals:
        total = Totals()
        for row in self.result.get("tally", []):
            total.add(row)
        return total

    @property
    def gap_pct(self) -> float | None:
        gap = self.result.get("gap")
        return None if gap is None else float(gap) * 100

    @property
    def greedy_loss_pct(self) -> float | None:
        objective = self.result.get("objective")
        greedy = (self.result.get("greedy") or {}).get("objective")
        if not objective or greedy is None:
            return None
        return (1 - float(greedy) / float(objective)) * 100

    @cached_property
    def picks(self) -> list[Pick]:
        """Every candidate, planned or not, with its score explained; planned ones first, by
        year, then by score."""
        years = {row["community_code"]: row["year"] for row in self.result.get("selected", [])}
        names = self.result.get("names", {})
        picks = [
            Pick(
                row["community_code"],
                names.get(row["community_code"], ""),
                years.get(row["community_code"]),
                row["score"],
                [
                    part | {"name": CRITERION_NAMES.get(part["criterion"], part["criterion"])}
                    for part in row["parts"]
                ],
                [str(CRITERION_NAMES.get(m, m)) for m in row["missing"]],
            )
            for row in self.result.get("scores", [])
        ]
        return sorted(picks, key=lambda p: (p.year is None, p.year or 0, -p.score, p.code))

    @property
    def left_out(self) -> list[dict[str, str]]:
        return list(self.result.get("left_out", []))

    @property
    def forecast(self) -> str | None:
        forecast = self.result.get("forecast")
        if not forecast:
            return None
        if forecast["year"] is None:
            return _(
                "With these budgets, the last year's repeated, the {stock} candidates built "
                "before {built_before} cannot all have started by {last}."
            ).format(
                stock=forecast["stock"],
                built_before=forecast["built_before"],
                last=forecast["horizon"][1],
            )
        return _(
            "With these budgets, the last year's repeated, the {stock} candidates built before "
            "{built_before} can all have started by the end of {year}."
        ).format(
            stock=forecast["stock"], built_before=forecast["built_before"], year=forecast["year"]
        )
