"""The figures behind the supervision dashboard, each for a chart and for the table beside it:
targets against projects planned, started and accepted by year; the year's work by district;
projects by stage; alerts by kind; residents' satisfaction by district; and the headline figures
above them — all summed from the standings of the user's area
(supervision.selectors.standing), so a province costs what a street does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from anju.core.alerts import INTERVIEW_KINDS, SEVERITY, AlertKind
from anju.core.outcomes import Indicator, reported
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage
from anju.core.standing import alerts_added, by_stage, by_year, merged, outcomes_added
from anju.projects.models import ProjectStage
from anju.supervision.selectors.standing import user_standings


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    target: int | None
    planned: int
    started: int
    accepted: int
    measure: str | None = None  # what the target's words count: started or completed

    @property
    def toward(self) -> int | None:
        """What counts toward the target: starts for 开工, completion acceptance for 完成."""
        if self.target is None:
            return None
        return self.accepted if self.measure == "completed" else self.started


@dataclass(frozen=True, slots=True)
class DistrictRow:
    name: str
    planned: int
    started: int
    accepted: int
    closed: int


@dataclass(frozen=True, slots=True)
class Headline:
    """What a bureau reads first: the year's target and where its plan stands, and the alerts,
    those that call a district in for an interview counted apart."""

    year: int
    target: int | None
    toward: int | None  # what counts toward the target (YearRow.toward)
    planned: int
    started: int
    accepted: int
    alerts: int
    interview_alerts: int

    @property
    def start_rate(self) -> int | None:
        """Percent of the year's planned communities started, rounded down."""
        return 100 * self.started // self.planned if self.planned else None


@dataclass(frozen=True, slots=True)
class Dashboard:
    headline: Headline
    years: list[YearRow]
    districts: list[DistrictRow]
    stages: list[tuple[str, int]]
    alerts: list[tuple[AlertKind, int]]
    satisfaction: list[tuple[str, float]]  # percent
    as_of: dt.datetime | None  # the oldest reading summed
    # what the works accepted in outcomes_year (this year) left behind, as reported
    outcomes: list[tuple[Indicator, Decimal]] = field(default_factory=list)
    outcomes_year: int | None = None


def dashboard(user: Any, pack: Pack, year: int, today: dt.date) -> Dashboard:
    stood = user_standings(user, pack, today)
    cells = merged(cell for s in stood for cell in s.standing.cells)
    targets = {t.year: t for t in pack.model.targets if t.communities is not None}
    years = by_year(cells)
    districts = []
    for s in stood:
        counts = by_year(s.standing.cells).get(year)
        if counts is not None and counts.planned:
            districts.append(
                DistrictRow(
                    s.area.name, counts.planned, counts.started, counts.accepted, counts.closed
                )
            )
    stages = by_stage(cells)
    kinds = alerts_added(s.standing for s in stood)
    rows = [
        YearRow(
            y,
            targets[y].communities if y in targets else None,
            years[y].planned if y in years else 0,
            years[y].started if y in years else 0,
            years[y].accepted if y in years else 0,
            targets[y].measure if y in targets else None,
        )
        for y in sorted(set(years) | set(targets))
    ]
    this = next((r for r in rows if r.year == year), YearRow(year, None, 0, 0, 0))
    return Dashboard(
        Headline(
            year,
            this.target,
            this.toward,
            this.planned,
            this.started,
            this.accepted,
            sum(kinds.values()),
            sum(n for kind, n in kinds.items() if kind in INTERVIEW_KINDS),
        ),
        rows,
        districts,
        [(str(label), stages[Stage(value)]) for value, label in ProjectStage.choices],
        [(kind, kinds[kind]) for kind in SEVERITY],
        [
            (s.area.name, round(float(rate) * 100, 1))
            for s in stood
            if s.standing.figures is not None
            and (rate := s.standing.figures.satisfaction) is not None
        ],
        min((s.computed_at for s in stood), default=None),
        [
            (indicator, reported(indicator, quantity))
            for indicator, quantity in outcomes_added(
                (s.standing for s in stood), today.year
            ).items()
        ],
        today.year,
    )
