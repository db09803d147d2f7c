"""Reads of conditions and content lists. Callers have already found the community through the
registry's jurisdiction rule."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from anju.assessment.models import ContentLine, ContentList, FacilityCondition
from anju.core.conditions import Condition, Facility
from anju.core.content_list import Line, Proposal, Quantities, propose
from anju.core.eligibility import Reason
from anju.core.policy_pack import Pack
from anju.registry.models import Community


def community_conditions(community: Community) -> dict[Facility, FacilityCondition]:
    return {
        Facility(row.facility): row for row in FacilityCondition.objects.filter(community=community)
    }


def community_quantities(community: Community) -> Quantities:
    """The community's size for pricing. Stairway units count only when every building on
    record gives its number; otherwise they are unknown, not zero."""
    units = community.buildings.aggregate(
        total=Sum("unit_count"), missing=Count("pk", filter=Q(unit_count__isnull=True))
    )
    known = units["total"] is not None and units["missing"] == 0
    return Quantities(
        area_m2=community.floor_area,
        households=community.household_count,
        buildings=community.building_count,
        units=units["total"] if known else None,
    )


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
