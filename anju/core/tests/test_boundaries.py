"""Boundaries read from a bureau's GeoJSON, and the points within them, at their edges."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from anju.core.boundaries import (
    Polygon,
    Problem,
    Region,
    contains,
    division_code,
    outside,
    read_outlines,
)
from anju.core.demo_city import demo_outlines, generate_city
from anju.core.nearby import Point

DEGREES = st.floats(-60, 60, allow_nan=False).map(lambda v: round(v, 4))


def _box(west: float, south: float, east: float, north: float) -> tuple[tuple[float, float], ...]:
    return ((west, south), (east, south), (east, north), (west, north), (west, south))


@given(DEGREES, DEGREES, DEGREES, DEGREES, DEGREES, DEGREES, st.booleans())
def test_a_point_is_in_a_box_exactly_when_it_lies_between_its_edges(
    a: float, b: float, c: float, d: float, x: float, y: float, backwards: bool
) -> None:
    west, east, south, north = min(a, b), max(a, b), min(c, d), max(c, d)
    assume(x not in (west, east) and y not in (south, north))  # on an edge either answer holds
    ring = _box(west, south, east, north)
    polygon: Polygon = (ring[::-1] if backwards else ring,)
    assert contains([polygon], Point(x, y)) == (west < x < east and south < y < north)


@given(DEGREES, DEGREES)
def test_a_point_in_a_hole_lies_outside_and_one_in_a_second_part_inside(x: float, y: float) -> None:
    assume(all(abs(x - e) > 1e-6 for e in (-10, -5, 5, 10, 20, 30)))
    assume(all(abs(y - e) > 1e-6 for e in (-10, -5, 5, 10)))
    with_hole: Polygon = (_box(-10, -10, 10, 10), _box(-5, -5, 5, 5))
    island: Polygon = (_box(20, -10, 30, 10),)
    in_ring = -10 < x < 10 and -10 < y < 10 and not (-5 < x < 5 and -5 < y < 5)
    on_island = 20 < x < 30 and -10 < y < 10
    assert contains([with_hole, island], Point(x, y)) == (in_ring or on_island)


def test_a_concave_outline_leaves_its_notch_outside() -> None:
    # an L: the square's north-east quarter cut away
    ell: Polygon = (((0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (0, 0)),)
    assert contains([ell], Point(0.5, 1.5)) and contains([ell], Point(1.5, 0.5))
    assert not contains([ell], Point(1.5, 1.5))


@given(st.sampled_from([6, 9, 12]), st.integers(0, 10**12 - 1))
def test_a_code_is_filled_out_to_twelve_digits_from_its_prefix(digits: int, number: int) -> None:
    text = str(number % 10**digits).zfill(digits)
    assert division_code(text) == text + "0" * (12 - digits)
    assert division_code(int(text)) == division_code(str(int(text)))  # a number as its digits


def test_what_is_no_code_is_none() -> None:
    assert [
        division_code(v) for v in ("4109", "41090200000x", True, None, 4.1, "４１０９０２")
    ] == [None] * 6


def _feature(code: Any, geometry: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"adcode": code}, "geometry": geometry}


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[115, 35], [116, 35], [116, 36], [115, 36], [115, 35]]],
}


def test_a_district_and_a_street_are_read_with_their_codes_filled_out_and_converted() -> None:
    two = {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"], [[[117, 35], [118, 35], [118, 36], [117, 35]]]],
    }
    document = {
        "type": "FeatureCollection",
        "features": [_feature(410902, SQUARE), _feature("410902001", two)],
    }
    outlines, problems = read_outlines(document, lambda lng, lat: (lng - 0.01, lat))
    assert problems == []
    assert [o.code for o in outlines] == ["410902000000", "410902001000"]
    assert outlines[0].polygons[0][0][0] == (114.99, 35)
    assert len(outlines[1].polygons) == 2 and outlines[1].vertices == 9


def test_every_bad_feature_is_named_and_nothing_is_read() -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            _feature(410902, SQUARE),
            _feature("华龙区", SQUARE),
            _feature(410902, SQUARE),
            _feature(410922, {"type": "Point", "coordinates": [115, 35]}),
            _feature(
                410923,
                {"type": "Polygon", "coordinates": [[[115, 35], [215, 35], [115, 36], [115, 35]]]},
            ),
            _feature(
                410926, {"type": "Polygon", "coordinates": [[[115, 35], [116, 35], [115, 35]]]}
            ),
            "not a feature",
        ],
    }
    outlines, problems = read_outlines(document)
    assert outlines == []
    assert problems == [
        Problem(2, "no_code", "华龙区"),
        Problem(3, "duplicate_feature", "410902000000"),
        Problem(4, "not_polygon", "410922000000"),
        Problem(5, "not_polygon", "410923000000"),
        Problem(6, "not_polygon", "410926000000"),
        Problem(7, "no_code", ""),
    ]


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.lists(st.integers()),
        st.dictionaries(st.text(), st.text()),
    )
)
def test_a_document_that_is_no_feature_collection_is_refused_whole(document: Any) -> None:
    assert read_outlines(document) == ([], [Problem(0, "not_geojson")])


def test_places_outside_a_known_outline_are_named_by_the_largest_division_they_leave() -> None:
    district = [(_box(0, 0, 10, 10),)]
    street = [(_box(0, 0, 5, 5),)]
    outlines = {"D": district, "S": street}
    places = [
        ("in both", Point(1, 1), ("D", "S")),
        ("outside the street", Point(7, 7), ("D", "S")),
        ("outside both", Point(20, 20), ("D", "S")),
        ("no outline known", Point(20, 20), ("E", "F")),
    ]
    assert outside(places, outlines) == [("outside the street", "S"), ("outside both", "D")]


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_the_demo_s_outlines_hold_every_community_of_their_district(seed: int) -> None:
    communities = [c.community for c in generate_city(40, seed).communities]
    outlines = {o.code: o.polygons for o in demo_outlines(communities)}
    assert set(outlines) == {c.district_code for c in communities}
    places = [
        (c.code, Point(float(c.longitude), float(c.latitude)), (c.district_code,))
        for c in communities
        if c.longitude is not None and c.latitude is not None
    ]
    assert places and outside(places, outlines) == []


def _star(centre: tuple[float, float], radii: list[float]) -> tuple[tuple[float, float], ...]:
    """A star-shaped ring (simple, often concave) of the radii at even angles round a centre."""
    n = len(radii)
    ring = [
        (
            centre[0] + r * math.cos(2 * math.pi * k / n),
            centre[1] + r * math.sin(2 * math.pi * k / n),
        )
        for k, r in enumerate(radii)
    ]
    return (*ring, ring[0])


@given(
    st.lists(st.floats(0.2, 3), min_size=3, max_size=40),
    st.lists(st.floats(0.2, 3), min_size=3, max_size=12),
    st.lists(st.tuples(st.floats(-4, 12), st.floats(-4, 4)), min_size=1, max_size=30),
    st.integers(1, 80),
)
def test_the_banded_region_answers_as_the_plain_test_does(
    outer: list[float], island: list[float], points: list[tuple[float, float]], bands: int
) -> None:
    hole = _box(-0.1, -0.1, 0.1, 0.1)
    polygons: list[Polygon] = [(_star((0, 0), outer), hole), (_star((8, 0), island),)]
    region = Region(polygons, bands)
    for x, y in points:
        assert region.contains(Point(x, y)) == contains(polygons, Point(x, y))
