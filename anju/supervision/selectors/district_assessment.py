"""The monthly assessment of the districts the user oversees: each district's figures as they
stood at the end of the month, read from the plans, the money, the inspections, the residents'
evaluations and the publicity sent, scored and ranked by the pack (core.district_assessment)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from anju.accounts.jurisdiction import bureau_divisions
from anju.core.access import Capability
from anju.core.district_assessment import (
    Figures,
    Indicator,
    Ranked,
    indicator_scores,
    ranking,
    total,
)
from anju.core.divisions import Level
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.supervision.selectors.figures import district_figures
from anju.supervision.selectors.standing import area_standings


def assessed_districts(user: Any) -> list[Division]:
    """The districts whose work the user assesses or answers for."""
    return [
        d for d in bureau_divisions(user, Capability.REGISTRY_VIEW) if d.level == Level.DISTRICT
    ]


@dataclass(frozen=True, slots=True)
class DistrictRow:
    district: Division
    figures: Figures
    scores: dict[Indicator, Fraction | None]
    ranked: Ranked
    among: int  # the districts of its city it is ranked among


def _peers(districts: list[Division]) -> dict[str | None, list[str]]:
    """The districts of each city above ``districts``, which a district is ranked among."""
    cities = {d.parent_id for d in districts}
    peers: dict[str | None, list[str]] = defaultdict(list)
    found = Division.objects.filter(parent_id__in=cities - {None}, level=Level.DISTRICT)
    for code, city in found.order_by("code").values_list("code", "parent_id"):
        peers[city].append(code)
    for d in districts:
        if d.code not in peers[d.parent_id]:
            peers[d.parent_id].append(d.code)
    return peers


@dataclass(frozen=True, slots=True)
class Assessment:
    rows: list[DistrictRow]  # the user's own districts, best first
    peers: dict[str | None, dict[str, Fraction | None]]  # by city, every district's score


def _figures(
    codes: list[str], pack: Pack, year: int, month: int, today: dt.date | None
) -> dict[str, Figures]:
    """The month's figures read from the records, or, for the month running on ``today``, as
    the districts' standings keep them."""
    if today is None or (year, month) != (today.year, today.month):
        return district_figures(codes, pack, year, month)
    districts = list(Division.objects.filter(code__in=codes).order_by("code"))
    kept = {s.area.code: s.standing.figures for s in area_standings(districts, pack, today)}
    return {code: figures for code, figures in kept.items() if figures is not None}


def assessment(
    user: Any, pack: Pack, year: int, month: int, today: dt.date | None = None
) -> Assessment:
    """The districts the user oversees, each ranked among its city's districts: a district
    sees its own figures and where it stands, not the others' figures. Given ``today``, the
    running month is read from the standings (supervision.selectors.standing); without, from the records."""
    own = {d.code: d for d in assessed_districts(user)}
    peers = _peers(list(own.values()))
    figures = _figures(
        [code for codes in peers.values() for code in codes], pack, year, month, today
    )
    weights = pack.model.assessment.weights
    scores = {code: indicator_scores(f) for code, f in figures.items()}
    totals = {
        city: {code: total(scores[code], weights) for code in codes}
        for city, codes in peers.items()
    }
    rows = [
        DistrictRow(own[r.district], figures[r.district], scores[r.district], r, len(codes))
        for codes in totals.values()
        for r in ranking(codes)
        if r.district in own
    ]
    return Assessment(rows, totals)
