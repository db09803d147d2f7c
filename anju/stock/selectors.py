"""Reads of the inventory: what lies near a community, what it has taken, what an area holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from anju.accounts.models import User
from anju.core.conditions import Facility
from anju.core.nearby import Offer, Point, box_around, offers
from anju.core.nearby import Resource as Placed
from anju.core.policy_pack import Pack
from anju.registry.models import Community
from anju.stock.models import Resource


def inventory(user: User | AnonymousUser | None) -> QuerySet[Resource]:
    return Resource.objects.visible_to(user).select_related("division", "taken_by")


def point_of(community: Community) -> Point | None:
    if community.longitude is None or community.latitude is None:
        return None
    return Point(float(community.longitude), float(community.latitude))


def _placed(resource: Resource) -> Placed:
    return Placed(
        resource.code,
        Point(float(resource.longitude), float(resource.latitude)),
        frozenset(Facility(use) for use in resource.uses if use in set(Facility)),
        resource.taken_by_id is not None,
    )


@dataclass(frozen=True, slots=True)
class Offered:
    offer: Offer
    resource: Resource


def offered(community: Community, gaps: Iterable[Facility], pack: Pack) -> list[Offered]:
    """The resources not yet taken within the pack's walking distance of the community that
    could house a facility it lacks, nearest first; none where the pack sets no distances or
    the community has no coordinates. Any official who reads the community sees them: the
    inventory is the programme's, wherever the resource lies."""
    rule = pack.model.stock
    point = point_of(community)
    wanted = set(gaps)
    if rule is None or point is None or not wanted & set(rule.reach):
        return []
    # a metre more than the reach: the database compares degrees rounded to a tenth of a metre
    box = box_around(point, max(rule.reach[f] for f in wanted if f in rule.reach) + 1)
    near = {
        r.code: r
        for r in Resource.objects.filter(
            taken_by__isnull=True,
            longitude__gte=Decimal(f"{box.west:.6f}"),
            longitude__lte=Decimal(f"{box.east:.6f}"),
            latitude__gte=Decimal(f"{box.south:.6f}"),
            latitude__lte=Decimal(f"{box.north:.6f}"),
        ).select_related("division")
    }
    return [
        Offered(o, near[o.resource])
        for o in offers(point, wanted, map(_placed, near.values()), rule.reach)
    ]


def taken_for(community: Community) -> list[Resource]:
    return list(Resource.objects.filter(taken_by=community).order_by("code"))
