"""The programme on one map (一张图): every community of the user's area that has coordinates, as
a point in the colour of what the official asked to see — where its project stands, what the
pack makes of it, its alerts, its residents' satisfaction. Nothing is drawn under the points: no
base map leaves the host."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anju.assessment.models import FacilityCondition
from anju.core.alerts import INTERVIEW_KINDS
from anju.core.conditions import Condition, Facility
from anju.core.eligibility import Status
from anju.core.map_columns import Point, columns
from anju.core.policy_pack import Pack
from anju.projects.models import Inspection, ProjectStage
from anju.registry.eligibility import STATUS_LABELS, verdicts
from anju.registry.models import Boundary, Community
from anju.stock.models import Resource


class ColourBy(enum.StrEnum):
    STAGE = "stage"
    ELIGIBILITY = "eligibility"
    ALERTS = "alerts"
    SATISFACTION = "satisfaction"
    FACILITY = "facility"


COLOUR_BY_LABELS: dict[ColourBy, Promise] = {
    ColourBy.STAGE: _("Where its project stands"),
    ColourBy.ELIGIBILITY: _("Eligibility under the pack"),
    ColourBy.ALERTS: _("Alerts"),
    ColourBy.SATISFACTION: _("Residents' satisfaction at acceptance"),
    ColourBy.FACILITY: _("The chosen facility's condition"),
}
NONE = "none"  # no project, no alert, no evaluation: the category of nothing to speak of
GREY = "#7F7F7F"  # what is not begun or not known: present, not asking for the eye
# told apart by people who do not see every colour (Okabe and Ito's), each outlined on the map
STAGE_COLOURS = (
    "#56B4E9",
    "#0072B2",
    "#CC79A7",
    "#E69F00",
    "#D55E00",
    "#F0E442",
    "#009E73",
    "#000000",
    "#8B4513",
)
# a community's alerts: one that calls its district in for an interview (core.alerts) first
ALERT_BANDS = (
    ("interview", _("An alert that leads to an interview (约谈)"), "#D55E00"),
    ("alert", _("Other alerts only"), "#E69F00"),
    (NONE, _("No alert"), GREY),
)
# the share of residents satisfied at the joint acceptance, in bands of ten points
SATISFACTION_BANDS = (
    ("90", _("90 per cent or more"), "#009E73"),
    ("80", _("80 to under 90 per cent"), "#56B4E9"),
    ("0", _("Under 80 per cent"), "#D55E00"),
    (NONE, _("Not evaluated yet"), GREY),
)
# a facility's condition in the assessment: what lacks it first
FACILITY_BANDS = (
    ("missing", _("Missing"), "#D55E00"),
    ("poor", _("Worn or inadequate"), "#E69F00"),
    ("good", _("Good, or not applicable"), "#009E73"),
    (NONE, _("Not assessed"), GREY),
)
CONDITION_BAND = {
    Condition.MISSING: "missing",
    Condition.POOR: "poor",
    Condition.GOOD: "good",
    Condition.NOT_APPLICABLE: "good",
}
STATUS_COLOURS = {
    Status.ELIGIBLE: "#009E73",
    Status.OPT_IN: "#E69F00",
    Status.EXCLUDED: "#D55E00",
    Status.NEEDS_DATA: GREY,
}


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    colour: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class MapData:
    categories: list[Category]
    # (longitude, latitude, category's index, code) for each community with coordinates
    points: list[Point]
    unplaced: int  # communities of the area with no coordinates
    # [longitude, latitude, taken (1) or not (0), code, name] for each stock resource
    resources: list[tuple[float, float, int, str, str]]
    # each outline on file: its division's code and name, its rings (outer and holes alike)
    outlines: list[tuple[str, str, list[list[list[float]]]]] = field(default_factory=list)
    map_numbers: list[str] = field(default_factory=list)  # 审图号 of the outlines drawn

    def as_json(self) -> dict[str, object]:
        return {
            "categories": [
                {"key": c.key, "label": c.label, "colour": c.colour, "count": c.count}
                for c in self.categories
            ],
            "points": columns(self.points),
            "unplaced": self.unplaced,
            "resources": {
                "points": self.resources,
                "labels": [str(_("Stock resource not taken yet")), str(_("Stock resource taken"))],
            },
            "outlines": [
                {"code": code, "name": name, "rings": rings} for code, name, rings in self.outlines
            ],
            "map_numbers": self.map_numbers,
        }


def _keys(
    communities: QuerySet[Community],
    by: ColourBy,
    pack: Pack,
    year: int,
    alerts: Mapping[int, set[str]],
    facility: Facility,
) -> dict[int, str]:
    """Each community's category, by its primary key; those not named have none to speak of."""
    if by is ColourBy.FACILITY:
        return {
            pk: CONDITION_BAND[Condition(condition)]
            for pk, condition in FacilityCondition.objects.filter(
                community__in=communities.values("pk"), facility=facility
            ).values_list("community_id", "condition")
        }
    if by is ColourBy.ELIGIBILITY:
        return {pk: verdict.status.value for pk, verdict in verdicts(communities, pack, year)}
    if by is ColourBy.ALERTS:
        return {
            pk: "interview" if kinds & INTERVIEW_KINDS else "alert" for pk, kinds in alerts.items()
        }
    if by is ColourBy.SATISFACTION:
        found: dict[int, str] = {}
        for pk, rate in (
            Inspection.objects.acceptances_passed()
            .filter(project__community__in=communities.values("pk"), satisfaction__isnull=False)
            .order_by("on", "pk")
            .values_list("project__community_id", "satisfaction")
        ):
            if rate is not None:  # the latest acceptance counts
                found[pk] = "90" if rate >= 90 else "80" if rate >= 80 else "0"
        return found
    return {
        pk: stage or NONE
        for pk, stage in communities.values_list("pk", "project__stage").order_by()
    }


def _labels(by: ColourBy) -> list[tuple[str, str, str]]:
    """Each category's key, label and colour, in the order the legend lists them."""
    if by in (ColourBy.ALERTS, ColourBy.SATISFACTION, ColourBy.FACILITY):
        bands = {
            ColourBy.ALERTS: ALERT_BANDS,
            ColourBy.SATISFACTION: SATISFACTION_BANDS,
            ColourBy.FACILITY: FACILITY_BANDS,
        }[by]
        return [(key, str(label), colour) for key, label, colour in bands]
    if by is ColourBy.ELIGIBILITY:
        return [(s.value, str(STATUS_LABELS[s]), STATUS_COLOURS[s]) for s in Status]
    return [
        (NONE, str(_("No project yet")), GREY),
        *(
            (stage.value, str(stage.label), colour)
            for stage, colour in zip(ProjectStage, STAGE_COLOURS, strict=True)
        ),
    ]


def map_points(
    communities: QuerySet[Community],
    by: ColourBy,
    pack: Pack,
    year: int,
    alerts: Mapping[int, set[str]] | None = None,
    facility: Facility = Facility.ELDERLY_CARE,
    resources: QuerySet[Resource] | None = None,
    boundaries: QuerySet[Boundary] | None = None,
) -> MapData:
    """The points of ``communities`` coloured ``by``; every category listed, those with no
    point too, so that the legend reads the same from one area to the next. ``alerts``: the
    kinds of alert each community has, by its primary key, where the colours are the alerts."""
    labels = _labels(by)
    index = {key: n for n, (key, _label, _colour) in enumerate(labels)}
    keys = _keys(communities, by, pack, year, alerts or {}, facility)
    counts = [0] * len(labels)
    points = []
    unplaced = 0
    rows = communities.values_list("pk", "longitude", "latitude", "code").order_by("code")
    for pk, longitude, latitude, code in rows.iterator(chunk_size=50_000):
        if longitude is None or latitude is None:
            unplaced += 1
            continue
        n = index[keys.get(pk, NONE)]
        counts[n] += 1
        points.append((_degrees(longitude), _degrees(latitude), n, code))
    categories = [
        Category(key, label, colour, counts[n]) for n, (key, label, colour) in enumerate(labels)
    ]
    placed = [
        (_degrees(lng), _degrees(lat), int(taken is not None), code, name)
        for lng, lat, taken, code, name in (
            resources.values_list("longitude", "latitude", "taken_by_id", "code", "name").order_by(
                "code"
            )
            if resources is not None
            else ()
        )
    ]
    drawn = list(boundaries.select_related("division")) if boundaries is not None else []
    return MapData(
        categories,
        points,
        unplaced,
        placed,
        [
            (b.division_id, b.division.name, [ring for polygon in b.polygons for ring in polygon])
            for b in drawn
        ],
        sorted({b.map_number for b in drawn if b.approved}),
    )


def _degrees(value: Decimal) -> float:
    return float(value)  # a millionth of a degree, about 0.1 m: a float holds it exactly enough
