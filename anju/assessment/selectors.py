"""Reads of conditions and content lists. Callers have already found the community through the
registry's jurisdiction rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from anju.assessment.models import ContentLine, ContentList, FacilityCondition
from anju.core.conditions import Condition, Facility
from anju.core.content_list import Line, Proposal, Quantities, propose
from anju.core.eligibility import Reason
from anju.core.policy_pack import Pack
from anju.registry.models import Building, Community


def community_conditions(community: Community) -> dict[Facility, FacilityCondition]:
    return {
        Facility(row.facility): row for row in FacilityCondition.objects.filter(community=community)
    }


_UNITS = {"total": Sum("unit_count"), "missing": Count("pk", filter=Q(unit_count__isnull=True))}


def _quantities(community: Community, units: dict[str, int | None]) -> Quantities:
    """The community's size for pricing. Stairway units count only when every building on
    record gives its number; otherwise they are unknown, not zero."""
    known = units.get("total") is not None and units.get("missing") == 0
    return Quantities(
        area_m2=community.floor_area,
        households=community.household_count,
        buildings=community.building_count,
        units=units["total"] if known else None,
    )


def community_quantities(community: Community) -> Quantities:
    return _quantities(community, community.buildings.aggregate(**_UNITS))


def saved_list(community: Community, pack: Pack) -> ContentList | None:
    return ContentList.objects.filter(community=community, pack=pack.id).first()


def _line(row: ContentLine) -> Line:
    return Line(
        key=row.key,
        name=row.name,
        category=row.category,  # type: ignore[arg-type]
        facility=Facility(row.facility) if row.facility else None,
        per=row.per,  # type: ignore[arg-type]
        quantity=row.quantity,
        unit_cost_yuan=row.unit_cost,
        selected=row.selected,
        proposal=Proposal(row.proposal),
        reason=Reason(row.reason, row.citation) if row.reason else None,
        source=row.source,
        changes_structure=row.changes_structure,
        changes_land_ownership=row.changes_land_ownership,
    )


def content_lines(community: Community, pack: Pack) -> tuple[ContentList | None, list[Line]]:
    """The list staff have saved, else the proposal from the current assessment."""
    saved = saved_list(community, pack)
    if saved is not None:
        return saved, [_line(row) for row in saved.lines.all()]
    conditions = {
        facility: Condition(row.condition)
        for facility, row in community_conditions(community).items()
    }
    return None, propose(pack, conditions, community_quantities(community))


@dataclass(frozen=True, slots=True)
class Assessed:
    conditions: dict[Facility, Condition]
    lines: list[Line]
    """The saved list, else the proposal from the assessment, as ``content_lines`` gives it."""


def assessed_many(communities: Sequence[Community], pack: Pack) -> dict[int, Assessed]:
    """``content_lines`` and the conditions for many communities at once, in a handful of
    queries whatever their number: what a plan over a whole city reads."""
    ids = [c.pk for c in communities]
    conditions: dict[int, dict[Facility, Condition]] = defaultdict(dict)
    for community_id, facility, condition in FacilityCondition.objects.filter(
        community_id__in=ids
    ).values_list("community_id", "facility", "condition"):
        conditions[community_id][Facility(facility)] = Condition(condition)
    saved: dict[int, list[Line]] = {
        community_id: []
        for community_id in ContentList.objects.filter(
            community_id__in=ids, pack=pack.id
        ).values_list("community_id", flat=True)
    }
    for row in ContentLine.objects.filter(
        content_list__community_id__in=ids, content_list__pack=pack.id
    ).select_related("content_list"):
        saved[row.content_list.community_id].append(_line(row))
    units = {
        row["community_id"]: row
        for row in Building.objects.filter(community_id__in=ids)
        .values("community_id")
        .annotate(**_UNITS)
    }
    return {
        c.pk: Assessed(
            conditions[c.pk],
            saved[c.pk]
            if c.pk in saved
            else propose(pack, conditions[c.pk], _quantities(c, units.get(c.pk, {}))),
        )
        for c in communities
    }
