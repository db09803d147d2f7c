"""What lies within reach of a community: stock resources (idle rooms, buildings, plots, 存房)
that could house a facility it lacks (存量资源整合利用, chongqing-2021 §5.(2), wuhan-2021 §2.(3)2),
and neighbours that could be renovated with it as one 片区 (puyang-2020 §3.(1)4 就近成片,
wuhan-2021 §2.(2)1 片区联动改造).

Distances are straight lines over the ground (the great circle on the earth's mean radius), the
only distance Anju can work out without a road network. A walk is never shorter, so a resource
beyond a pack's walking distance by this measure is beyond it on foot too; one within it may
still be a longer walk, which the pages say beside every distance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from anju.core.conditions import Facility

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
METRES_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180


@dataclass(frozen=True, slots=True)
class Point:
    lng: float
    lat: float


def distance_m(a: Point, b: Point) -> float:
    """The haversine distance: exact on the sphere, and within 0.5 % of the ellipsoid's."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlng = math.radians(b.lng - a.lng)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Box:
    """The smallest longitude-latitude box holding every point within ``metres`` of a point:
    what a database narrows by before distances are worked out."""

    west: float
    east: float
    south: float
    north: float


def box_around(point: Point, metres: float) -> Box:
    dlat = metres / METRES_PER_DEGREE_LAT
    # the parallel nearest the pole is where a metre spans the most longitude
    widest = min(89.9, abs(point.lat) + dlat)
    dlng = dlat / math.cos(math.radians(widest))
    return Box(point.lng - dlng, point.lng + dlng, point.lat - dlat, point.lat + dlat)


@dataclass(frozen=True, slots=True)
class Resource:
    """A stock resource as matching sees it: where it is, what it may be used for, and whether
    a project has already taken it."""

    key: str
    point: Point
    uses: frozenset[Facility]
    taken: bool = False


@dataclass(frozen=True, slots=True)
class Offer:
    facility: Facility
    resource: str
    distance_m: int
    reach_m: int


def offers(
    point: Point,
    gaps: Iterable[Facility],
    resources: Iterable[Resource],
    reach: Mapping[Facility, int],
) -> list[Offer]:
    """Every resource not yet taken that may house a facility the community lacks and lies
    within the pack's walking distance for that facility; nearest first. A facility the pack
    gives no distance (water supply, roofs) is not one a resource can house."""
    wanted = {facility: reach[facility] for facility in gaps if facility in reach}
    found: list[Offer] = []
    for resource in resources:
        if resource.taken:
            continue
        uses = resource.uses.intersection(wanted)
        if not uses:
            continue
        metres = distance_m(point, resource.point)
        for facility in uses:
            if metres <= wanted[facility]:
                found.append(Offer(facility, resource.key, round(metres), wanted[facility]))
    return sorted(found, key=lambda o: (o.distance_m, o.resource, o.facility))


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A community as 片区 suggestions see it. ``free`` is false for one whose project is past
    the reserve or already packed with another: it is no longer anyone's to bundle."""

    key: str
    street: str
    point: Point
    households: int
    gaps: frozenset[Facility]
    free: bool = True


@dataclass(frozen=True, slots=True)
class Area:
    """A suggested 片区: the lead community (the largest, whose project the others join), the
    others nearest first, how far the farthest is from the lead, and the facilities two or more
    of them lack, which one facility could close for all (共建共享, chongqing-2021 §1.(2))."""

    lead: str
    others: tuple[str, ...]
    farthest_m: int
    shared: tuple[tuple[Facility, int], ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (self.lead, *self.others)


def areas(
    neighbours: Sequence[Neighbour],
    within_m: int,
    most: int,
    shareable: Collection[Facility] = frozenset(Facility),
) -> list[Area]:
    """Neighbours of one street within ``within_m`` of a lead, at most ``most`` to an area, each
    community in one suggestion at most. Leads are taken largest first, so a large community
    gathers the small blocks around it (零散居民住宅楼, puyang-2020 §3.(1)4); suggestions that
    share the most gaps come first, counting only the ``shareable`` facilities, those one
    building can serve neighbours from (elderly care, a market), not a pipe or a roof."""
    by_street: dict[str, list[Neighbour]] = {}
    for n in neighbours:
        if n.free:
            by_street.setdefault(n.street, []).append(n)
    found: list[Area] = []
    for street in sorted(by_street):
        members = sorted(by_street[street], key=lambda n: (-n.households, n.key))
        placed: set[str] = set()
        for lead in members:
            if lead.key in placed:
                continue
            near = sorted(
                (
                    (distance_m(lead.point, other.point), other)
                    for other in members
                    if other.key != lead.key and other.key not in placed
                ),
                key=lambda pair: (pair[0], pair[1].key),
            )
            chosen = [(d, other) for d, other in near if d <= within_m][: most - 1]
            if not chosen:
                continue
            placed.add(lead.key)
            placed.update(other.key for _d, other in chosen)
            count = Counter(f for n in (lead, *(o for _d, o in chosen)) for f in n.gaps)
            shared = tuple(
                sorted(
                    ((f, c) for f, c in count.items() if c >= 2 and f in shareable),
                    key=lambda fc: (-fc[1], list(Facility).index(fc[0])),
                )
            )
            found.append(
                Area(
                    lead.key,
                    tuple(other.key for _d, other in chosen),
                    round(chosen[-1][0]),
                    shared,
                )
            )
    return sorted(found, key=lambda a: (-len(a.shared), -len(a.others), a.lead))
