"""The monthly assessment of districts (按月进行督导考核, puyang-2020 §5.(3)): each district's
figures turned into indicator scores from 0 to 1, weighted by the pack into a score out of 100,
and ranked; the rank feeds the reward and penalty in the subsidy (core.subsidy).

An indicator a district has no figures for (nothing planned yet, no satisfaction evaluation
closed) is left out and the weights of the others are scaled up, rather than scored as a zero
nobody earned or a full mark nobody earned either. A district with no renovation work at all
in the period is not scored: the publicity report it sent would otherwise make it first with
full marks over every district that did the work. Every score is exact (fractions).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


class Indicator(enum.StrEnum):
    PROGRESS = "progress"  # the year's planned projects started
    DISBURSEMENT = "disbursement"  # money granted to its projects that has been paid
    QUALITY = "quality"  # projects building without an open quality or safety defect
    SATISFACTION = "satisfaction"  # residents' satisfaction where evaluated
    PUBLICITY = "publicity"  # at least one publicity report sent in the month
    DEADLINES = "deadlines"  # dated tasks of the pack met by their date


@dataclass(frozen=True, slots=True)
class Figures:
    planned: int
    started: int
    granted: int  # fen
    paid: int  # fen
    building: int
    with_open_defects: int
    satisfaction: Fraction | None  # mean rate, 0 to 1
    publicity_reports: int
    tasks_due: int = 0  # dated tasks fallen due by the month's end (a project, a community)
    tasks_met: int = 0  # of those, met by their date
    # projects with a procurement finding by the month's end: shown, scored only by a pack
    # that weighs it (none of the seeds does)
    procurement_flagged: int = 0

    @property
    def has_work(self) -> bool:
        """Anything planned, granted, paid, building, evaluated or due in the period."""
        return bool(
            self.planned
            or self.started
            or self.granted
            or self.paid
            or self.building
            or self.satisfaction is not None
            or self.tasks_due
        )


def indicator_scores(f: Figures) -> dict[Indicator, Fraction | None]:
    if not f.has_work:
        return dict.fromkeys(Indicator)
    return {
        Indicator.PROGRESS: min(Fraction(f.started, f.planned), Fraction(1)) if f.planned else None,
        Indicator.DISBURSEMENT: min(Fraction(f.paid, f.granted), Fraction(1))
        if f.granted
        else None,
        Indicator.QUALITY: Fraction(f.building - f.with_open_defects, f.building)
        if f.building
        else None,
        Indicator.SATISFACTION: f.satisfaction,
        Indicator.PUBLICITY: Fraction(1) if f.publicity_reports >= 1 else Fraction(0),
        Indicator.DEADLINES: Fraction(f.tasks_met, f.tasks_due) if f.tasks_due else None,
    }


def total(
    scores: Mapping[Indicator, Fraction | None], weights: Mapping[Indicator, int]
) -> Fraction | None:
    """Out of 100, over the indicators with figures; None when none has any weight."""
    counted = {i: s for i, s in scores.items() if s is not None and weights.get(i, 0) > 0}
    weight = sum(weights[i] for i in counted)
    if not weight:
        return None
    return Fraction(100) * sum((weights[i] * s for i, s in counted.items()), Fraction(0)) / weight


@dataclass(frozen=True, slots=True)
class Ranked:
    district: str
    score: Fraction | None
    rank: int | None  # equal scores share a rank; unscored districts have none


def ranking(totals: Mapping[str, Fraction | None]) -> list[Ranked]:
    scored = sorted(
        ((d, s) for d, s in totals.items() if s is not None), key=lambda pair: (-pair[1], pair[0])
    )
    ranked = [Ranked(d, s, 1 + sum(1 for _d, other in scored if other > s)) for d, s in scored]
    return ranked + [Ranked(d, None, None) for d in sorted(totals) if totals[d] is None]


def mean_totals(months: Sequence[Mapping[str, Fraction | None]]) -> dict[str, Fraction | None]:
    """A quarter's or a year's score: each district's mean over the months it was scored in,
    so a month without figures neither lifts nor sinks it."""
    districts = sorted({d for month in months for d in month})
    means: dict[str, Fraction | None] = {}
    for district in districts:
        scored = [s for month in months if (s := month.get(district)) is not None]
        means[district] = sum(scored, Fraction(0)) / len(scored) if scored else None
    return means
