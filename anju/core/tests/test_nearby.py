"""Distances, the resources offered to a community and the 片区 suggested, at their boundaries."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from anju.core.conditions import Facility
from anju.core.nearby import (
    Neighbour,
    Point,
    Resource,
    areas,
    box_around,
    distance_m,
    offers,
)

# a city's extent around Puyang: far enough for every distance the packs use, and more
CITY = st.builds(Point, st.floats(114.9, 115.2), st.floats(35.6, 35.9))
ANYWHERE = st.builds(Point, st.floats(-180, 180), st.floats(-85, 85))
HOUSED = [Facility.ELDERLY_CARE, Facility.CHILD_CARE, Facility.PARKING, Facility.MARKET]
REACH = {Facility.ELDERLY_CARE: 300, Facility.CHILD_CARE: 300, Facility.PARKING: 300} | {
    Facility.MARKET: 1000
}


def test_a_degree_of_latitude_is_the_published_111_2_km() -> None:
    assert math.isclose(distance_m(Point(115, 35), Point(115, 36)), 111_195, rel_tol=1e-4)


def test_a_known_pair_of_cities_lies_at_its_published_distance() -> None:
    beijing, shanghai = Point(116.4074, 39.9042), Point(121.4737, 31.2304)
    assert math.isclose(distance_m(beijing, shanghai), 1_067_000, rel_tol=0.005)


@given(ANYWHERE, ANYWHERE, ANYWHERE)
def test_distances_are_a_metric(a: Point, b: Point, c: Point) -> None:
    assert distance_m(a, a) == 0
    assert math.isclose(distance_m(a, b), distance_m(b, a), rel_tol=1e-9, abs_tol=1e-6)
    assert distance_m(a, c) <= distance_m(a, b) + distance_m(b, c) + 1e-3


@given(ANYWHERE, ANYWHERE, st.integers(50, 5000))
def test_every_point_within_reach_lies_in_the_box(a: Point, b: Point, metres: int) -> None:
    box = box_around(a, metres)
    if distance_m(a, b) <= metres and box.west >= -180 and box.east <= 180:
        assert box.west <= b.lng <= box.east
        assert box.south <= b.lat <= box.north


RESOURCES = st.lists(
    st.builds(
        Resource,
        key=st.text("ABCDEFGH", min_size=1, max_size=3),
        point=CITY,
        uses=st.frozensets(st.sampled_from(HOUSED), min_size=1),
        taken=st.booleans(),
    ),
    max_size=12,
    unique_by=lambda r: r.key,
)


@given(CITY, st.frozensets(st.sampled_from(list(Facility))), RESOURCES)
def test_a_resource_is_offered_exactly_when_free_fitting_and_within_reach(
    home: Point, gaps: frozenset[Facility], resources: list[Resource]
) -> None:
    found = offers(home, gaps, resources, REACH)
    expected = {
        (facility, r.key)
        for r in resources
        for facility in r.uses & gaps
        if not r.taken and facility in REACH and distance_m(home, r.point) <= REACH[facility]
    }
    assert {(o.facility, o.resource) for o in found} == expected
    assert [o.distance_m for o in found] == sorted(o.distance_m for o in found)
    assert all(o.distance_m <= o.reach_m == REACH[o.facility] for o in found)


def test_the_last_metre_of_reach_is_in_reach_and_the_next_is_not() -> None:
    home = Point(115.0, 35.7)
    north = 300 / (math.pi * 6_371_008.8 / 180)
    inside = Resource("in", Point(115.0, 35.7 + north * 0.9999), frozenset(HOUSED))
    outside = Resource("out", Point(115.0, 35.7 + north * 1.004), frozenset(HOUSED))
    found = offers(home, {Facility.ELDERLY_CARE}, [inside, outside], REACH)
    assert [o.resource for o in found] == ["in"]
    assert found[0].distance_m == 300


NEIGHBOURS = st.lists(
    st.builds(
        Neighbour,
        key=st.text("abcdefghij", min_size=2, max_size=2),
        street=st.sampled_from(["s1", "s2"]),
        point=st.builds(Point, st.floats(115.0, 115.02), st.floats(35.70, 35.715)),
        households=st.integers(1, 2000),
        gaps=st.frozensets(st.sampled_from(HOUSED)),
        free=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda n: n.key,
)


@given(
    NEIGHBOURS,
    st.integers(100, 1500),
    st.integers(2, 6),
    st.frozensets(st.sampled_from(HOUSED)),
)
def test_a_suggested_area_is_one_street_within_reach_of_its_lead_and_no_one_is_in_two(
    neighbours: list[Neighbour], within: int, most: int, shareable: frozenset[Facility]
) -> None:
    by_key = {n.key: n for n in neighbours}
    found = areas(neighbours, within, most, shareable)
    members = [key for area in found for key in area.members]
    assert len(members) == len(set(members))
    for area in found:
        lead = by_key[area.lead]
        assert 2 <= len(area.members) <= most
        assert all(by_key[key].free for key in area.members)
        assert {by_key[key].street for key in area.members} == {lead.street}
        assert all(lead.households >= by_key[key].households for key in area.others)
        distances = [distance_m(lead.point, by_key[key].point) for key in area.others]
        assert distances == sorted(distances) and max(distances) <= within
        lacking = [f for key in area.members for f in by_key[key].gaps if f in shareable]
        assert {f for f, _count in area.shared} == {f for f in lacking if lacking.count(f) >= 2}
        for facility, count in area.shared:
            assert count >= 2
            assert count == sum(facility in by_key[key].gaps for key in area.members)


@given(NEIGHBOURS, st.integers(100, 1500))
def test_a_free_community_left_out_has_no_free_neighbour_left_out_within_reach(
    neighbours: list[Neighbour], within: int
) -> None:
    """Suggestions stop only when no two communities left over could still form a 片区 with
    the larger as its lead (areas of any size: ``most`` does not bind)."""
    placed = {key for area in areas(neighbours, within, 100) for key in area.members}
    left = [n for n in neighbours if n.free and n.key not in placed]
    for a in left:
        for b in left:
            if a.key != b.key and a.street == b.street:
                assert distance_m(a.point, b.point) > within
