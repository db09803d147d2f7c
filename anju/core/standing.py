"""Where an area's program stands (监管数据), held as counts so that a province is summed as
fast as a street: its projects counted by plan year, stage and closing (销号), each count with
how many have started building and how many passed completion acceptance; its alerts counted by
kind; and, for a district, the month's assessment figures.

Every total a supervision page shows — the ledger's, the dashboard's by year, by district and by
stage — is a sum of these cells, so a page adds up a few hundred numbers instead of reading
every project, and the cells of several areas add up to the cells of all of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from anju.core.alerts import AlertKind
from anju.core.district_assessment import Figures
from anju.core.outcomes import Indicator
from anju.core.project_stages import ORDER, Stage

BUILDING_FROM = ORDER.index(Stage.CONSTRUCTION)


@dataclass(frozen=True, slots=True)
class ProjectCell:
    plan_year: int | None
    stage: Stage
    closed: bool
    projects: int
    started: int  # building has begun
    accepted: int  # passed joint completion acceptance

    @property
    def key(self) -> tuple[int | None, Stage, bool]:
        return (self.plan_year, self.stage, self.closed)

    @property
    def registered(self) -> bool:
        """In the ledger: out of the reserve, or in an annual plan."""
        return not (self.stage == Stage.RESERVE and self.plan_year is None)


@dataclass(frozen=True, slots=True)
class LedgerTotals:
    registered: int
    building: int
    accepted: int
    closed: int


@dataclass(frozen=True, slots=True)
class YearCounts:
    planned: int
    started: int
    accepted: int
    closed: int


@dataclass(frozen=True, slots=True)
class Standing:
    cells: tuple[ProjectCell, ...] = ()
    alerts: Mapping[AlertKind, int] = field(default_factory=dict)
    figures: Figures | None = None  # the month's assessment figures, for a district
    # what the works accepted in ``outcomes_year`` left behind, by indicator (core.outcomes)
    outcomes: Mapping[Indicator, Decimal] = field(default_factory=dict)
    outcomes_year: int | None = None


def merged(cells: Iterable[ProjectCell]) -> tuple[ProjectCell, ...]:
    """Cells of the same plan year, stage and closing added together, in a fixed order."""
    sums: dict[tuple[int | None, Stage, bool], ProjectCell] = {}
    for cell in cells:
        if (known := sums.get(cell.key)) is None:
            sums[cell.key] = cell
        else:
            sums[cell.key] = replace(
                known,
                projects=known.projects + cell.projects,
                started=known.started + cell.started,
                accepted=known.accepted + cell.accepted,
            )
    return tuple(
        sums[key]
        for key in sorted(sums, key=lambda k: (k[0] is None, k[0] or 0, ORDER.index(k[1]), k[2]))
    )


def selected(
    cells: Iterable[ProjectCell],
    *,
    year: int | None = None,
    stage: Stage | None = None,
    closed: bool | None = None,
) -> list[ProjectCell]:
    """The cells of one plan year, stage or closing (each left open when None)."""
    return [
        c
        for c in cells
        if (year is None or c.plan_year == year)
        and (stage is None or c.stage == stage)
        and (closed is None or c.closed == closed)
    ]


def ledger_totals(cells: Iterable[ProjectCell]) -> LedgerTotals:
    counted = [c for c in cells if c.registered]
    return LedgerTotals(
        registered=sum(c.projects for c in counted),
        building=sum(c.projects for c in counted if ORDER.index(c.stage) >= BUILDING_FROM),
        accepted=sum(c.accepted for c in counted),
        closed=sum(c.projects for c in counted if c.closed),
    )


def by_year(cells: Iterable[ProjectCell]) -> dict[int, YearCounts]:
    years: dict[int, list[ProjectCell]] = {}
    for cell in cells:
        if cell.plan_year is not None:
            years.setdefault(cell.plan_year, []).append(cell)
    return {
        year: YearCounts(
            planned=sum(c.projects for c in group),
            started=sum(c.started for c in group),
            accepted=sum(c.accepted for c in group),
            closed=sum(c.projects for c in group if c.closed),
        )
        for year, group in sorted(years.items())
    }


def by_stage(cells: Iterable[ProjectCell]) -> dict[Stage, int]:
    counts = dict.fromkeys(ORDER, 0)
    for cell in cells:
        counts[cell.stage] += cell.projects
    return counts


def alerts_added(standings: Iterable[Standing]) -> dict[AlertKind, int]:
    counts = dict.fromkeys(AlertKind, 0)
    for standing in standings:
        for kind, n in standing.alerts.items():
            counts[kind] += n
    return counts


def outcomes_added(standings: Iterable[Standing], year: int) -> dict[Indicator, Decimal]:
    """The year's outcomes of several areas together; an area read in another year adds
    nothing."""
    totals = dict.fromkeys(Indicator, Decimal(0))
    for standing in standings:
        if standing.outcomes_year == year:
            for indicator, quantity in standing.outcomes.items():
                totals[indicator] += quantity
    return totals


def _fraction(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def standing_to_json(standing: Standing) -> str:
    figures = standing.figures
    return json.dumps(
        {
            "cells": [
                [c.plan_year, c.stage.value, c.closed, c.projects, c.started, c.accepted]
                for c in standing.cells
            ],
            "alerts": {kind.value: n for kind, n in standing.alerts.items()},
            "outcomes": {str(i): str(q) for i, q in standing.outcomes.items()},
            "outcomes_year": standing.outcomes_year,
            "figures": None
            if figures is None
            else {
                "planned": figures.planned,
                "started": figures.started,
                "granted": figures.granted,
                "paid": figures.paid,
                "building": figures.building,
                "with_open_defects": figures.with_open_defects,
                "satisfaction": _fraction(figures.satisfaction),
                "publicity_reports": figures.publicity_reports,
                "tasks_due": figures.tasks_due,
                "tasks_met": figures.tasks_met,
                "procurement_flagged": figures.procurement_flagged,
            },
        },
        sort_keys=True,
    )


def standing_from_json(text: str) -> Standing:
    data = json.loads(text)
    figures = data["figures"]
    return Standing(
        cells=tuple(
            ProjectCell(year, Stage(stage), closed, projects, started, accepted)
            for year, stage, closed, projects, started, accepted in data["cells"]
        ),
        alerts={AlertKind(kind): n for kind, n in data["alerts"].items()},
        outcomes={Indicator(i): Decimal(q) for i, q in data.get("outcomes", {}).items()},
        outcomes_year=data.get("outcomes_year"),
        figures=None
        if figures is None
        else Figures(
            **{
                **figures,
                "satisfaction": None
                if figures["satisfaction"] is None
                else Fraction(figures["satisfaction"]),
            }
        ),
    )
