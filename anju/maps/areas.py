"""片区 suggestions: neighbouring communities of one street that could be renovated as one project
(puyang-2020 §3.(1)4 打包就近成片, wuhan-2021 §2.(2)1 片区联动改造), worked out by the core from
where they are, what they lack and whether they are still free to be packed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import QuerySet

from anju.assessment.models import FacilityCondition
from anju.core.conditions import Condition, Facility
from anju.core.nearby import Area, Neighbour, Point, areas, distance_m
from anju.core.policy_pack import Areas
from anju.projects.models import BundleMember, ProjectStage
from anju.registry.models import Community


@dataclass(frozen=True, slots=True)
class Suggestion:
    area: Area
    lead: Community
    others: list[tuple[Community, int]]  # each with its distance from the lead, in metres
    shared: list[tuple[Facility, int]]


def suggestions(
    communities: QuerySet[Community], rule: Areas, shareable: Collection[Facility]
) -> list[Suggestion]:
    """The 片区 the core suggests among ``communities`` under the pack's rule; ``shareable``, the
    facilities one building can serve several communities from."""
    placed = {
        c.pk: c
        for c in communities.exclude(longitude=None)
        .exclude(latitude=None)
        .select_related("street", "district")
        .order_by("code")
    }
    packed = set(
        BundleMember.objects.filter(community_id__in=placed).values_list("community_id", flat=True)
    ) | set(
        BundleMember.objects.filter(project__community_id__in=placed).values_list(
            "project__community_id", flat=True
        )
    )
    begun = set(
        Community.objects.filter(pk__in=placed)
        .exclude(project=None)
        .exclude(project__stage=ProjectStage.RESERVE)
        .values_list("pk", flat=True)
    )
    gaps: dict[int, set[Facility]] = defaultdict(set)
    for pk, facility in FacilityCondition.objects.filter(
        community_id__in=placed, condition=Condition.MISSING
    ).values_list("community_id", "facility"):
        gaps[pk].add(Facility(facility))
    by_code = {c.code: c for c in placed.values()}
    found = areas(
        [
            Neighbour(
                c.code,
                c.street_id,
                _point(c),
                c.household_count,
                frozenset(gaps[pk]),
                pk not in packed and pk not in begun,
            )
            for pk, c in placed.items()
        ],
        rule.metres,
        rule.most,
        shareable,
    )

    return [
        Suggestion(
            area,
            by_code[area.lead],
            [
                (
                    by_code[code],
                    round(distance_m(_point(by_code[area.lead]), _point(by_code[code]))),
                )
                for code in area.others
            ],
            list(area.shared),
        )
        for area in found
    ]


def _point(community: Community) -> Point:
    assert community.longitude is not None and community.latitude is not None
    return Point(float(community.longitude), float(community.latitude))
