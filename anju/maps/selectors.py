"""The programme on one map (一张图): every community of the user's area that has coordinates, as
a point in the colour of what the official asked to see — where its project stands, or what the
pack makes of it. Nothing is drawn under the points: no base map leaves the host."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anju.core.eligibility import Status
from anju.core.policy_pack import Pack
from anju.projects.models import ProjectStage
from anju.registry.eligibility import STATUS_LABELS, verdicts
from anju.registry.models import Community


class ColourBy(enum.StrEnum):
    STAGE = "stage"
    ELIGIBILITY = "eligibility"


COLOUR_BY_LABELS: dict[ColourBy, Promise] = {
    ColourBy.STAGE: _("Where its project stands"),
    ColourBy.ELIGIBILITY: _("Eligibility under the pack"),
}
NO_PROJECT = "none"
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
    # [longitude, latitude, category's index, code, name] for each community with coordinates
    points: list[tuple[float, float, int, str, str]]
    unplaced: int  # communities of the area with no coordinates

    def as_json(self) -> dict[str, object]:
        return {
            "categories": [
                {"key": c.key, "label": c.label, "colour": c.colour, "count": c.count}
                for c in self.categories
            ],
            "points": self.points,
            "unplaced": self.unplaced,
        }


def _keys(communities: QuerySet[Community], by: ColourBy, pack: Pack, year: int) -> dict[int, str]:
    if by is ColourBy.ELIGIBILITY:
        return {pk: verdict.status.value for pk, verdict in verdicts(communities, pack, year)}
    return {
        pk: stage or NO_PROJECT
        for pk, stage in communities.values_list("pk", "project__stage").order_by()
    }


def _labels(by: ColourBy) -> list[tuple[str, str, str]]:
    """Each category's key, label and colour, in the order the legend lists them."""
    if by is ColourBy.ELIGIBILITY:
        return [(s.value, str(STATUS_LABELS[s]), STATUS_COLOURS[s]) for s in Status]
    return [
        (NO_PROJECT, str(_("No project yet")), GREY),
        *(
            (stage.value, str(stage.label), colour)
            for stage, colour in zip(ProjectStage, STAGE_COLOURS, strict=True)
        ),
    ]


def map_points(communities: QuerySet[Community], by: ColourBy, pack: Pack, year: int) -> MapData:
    """The points of ``communities`` coloured ``by``; every category listed, those with no
    point too, so that the legend reads the same from one area to the next."""
    labels = _labels(by)
    index = {key: n for n, (key, _label, _colour) in enumerate(labels)}
    keys = _keys(communities, by, pack, year)
    counts = [0] * len(labels)
    points = []
    unplaced = 0
    rows = communities.values_list("pk", "longitude", "latitude", "code", "name").order_by("code")
    for pk, longitude, latitude, code, name in rows.iterator(chunk_size=5000):
        if longitude is None or latitude is None:
            unplaced += 1
            continue
        n = index[keys[pk]]
        counts[n] += 1
        points.append((_degrees(longitude), _degrees(latitude), n, code, name))
    categories = [
        Category(key, label, colour, counts[n]) for n, (key, label, colour) in enumerate(labels)
    ]
    return MapData(categories, points, unplaced)


def _degrees(value: Decimal) -> float:
    return float(value)  # a millionth of a degree, about 0.1 m: a float holds it exactly enough
