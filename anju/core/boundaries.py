"""Division boundaries as a bureau supplies them (GeoJSON: a FeatureCollection of Polygons and
MultiPolygons, each feature carrying its division's code), and whether a point lies within one:
a community whose coordinates fall outside its own district is most often one whose coordinates
were typed wrong or copied in the wrong datum."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from anju.core.nearby import Point

Ring = tuple[tuple[float, float], ...]  # (longitude, latitude), closed or not
Polygon = tuple[Ring, ...]  # the outer ring, then its holes

# the properties a code may be under: the statistical code, or 高德/DataV's six-digit adcode
CODE_KEYS = ("code", "行政区划代码", "区划代码", "adcode", "CODE", "ADCODE")
MOST_FEATURES = 5_000  # a province's streets
MOST_VERTICES = 1_000_000


@dataclass(frozen=True, slots=True)
class Outline:
    code: str  # the division's 12-digit code
    polygons: tuple[Polygon, ...]

    @property
    def vertices(self) -> int:
        return sum(len(ring) for polygon in self.polygons for ring in polygon)


@dataclass(frozen=True, slots=True)
class Problem:
    feature: int  # from 1, in the file's order; 0 for the file as a whole
    code: str  # what is wrong: registry.issues says it in words
    value: str = ""


def contains(polygons: Sequence[Polygon], point: Point) -> bool:
    """Whether ``point`` lies within one of the polygons (in its outer ring, in none of its
    holes). A point exactly on an edge may fall either way: boundaries are drawn to metres, and a
    community is never sited on one.

    Every edge is tried, so pages use ``Region``, which tries only the edges of the point's
    band; this plain test stays as what Region is held to, by its property test and its
    benchmark."""
    return any(
        _in_ring(polygon[0], point) and not any(_in_ring(hole, point) for hole in polygon[1:])
        for polygon in polygons
        if polygon
    )


def _in_ring(ring: Ring, point: Point) -> bool:
    """Even-odd ray casting, eastward along the point's latitude."""
    x, y = point.lng, point.lat
    inside = False
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def division_code(value: object) -> str | None:
    """The 12-digit code a feature names: 12 digits as they are, or a 6- or 9-digit prefix
    (a district's adcode, a street's) filled out with zeros."""
    text = (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    )
    if text.isdigit() and text.isascii() and len(text) in (6, 9, 12):
        return text.ljust(12, "0")
    return None


def read_outlines(
    document: object, convert: Callable[[float, float], tuple[float, float]] | None = None
) -> tuple[list[Outline], list[Problem]]:
    """The outlines of a parsed GeoJSON document, or the problems that keep it from being one;
    ``convert`` brings each vertex into the datum Anju keeps (GCJ-02 files from the common map
    sites). Every feature is checked, and each problem named by the feature's place."""
    if not isinstance(document, Mapping) or document.get("type") != "FeatureCollection":
        return [], [Problem(0, "not_geojson")]
    features = document.get("features")
    if not isinstance(features, list) or not features:
        return [], [Problem(0, "no_features")]
    if len(features) > MOST_FEATURES:
        return [], [Problem(0, "too_many_features", str(MOST_FEATURES))]
    outlines: list[Outline] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    vertices = 0
    for n, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, Mapping) else None
        properties = properties if isinstance(properties, Mapping) else {}
        named = next((properties[k] for k in CODE_KEYS if k in properties), None)
        code = division_code(named)
        if code is None:
            problems.append(Problem(n, "no_code", "" if named is None else str(named)[:40]))
            continue
        if code in seen:
            problems.append(Problem(n, "duplicate_feature", code))
            continue
        seen.add(code)
        geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
        polygons = _polygons(geometry, convert)
        if polygons is None:
            problems.append(Problem(n, "not_polygon", code))
            continue
        outline = Outline(code, polygons)
        vertices += outline.vertices
        if vertices > MOST_VERTICES:
            return [], [Problem(n, "too_many_vertices", str(MOST_VERTICES))]
        outlines.append(outline)
    return (outlines, problems) if not problems else ([], problems)


def _polygons(
    geometry: object, convert: Callable[[float, float], tuple[float, float]] | None
) -> tuple[Polygon, ...] | None:
    if not isinstance(geometry, Mapping):
        return None
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return None
    parts = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else None
    if parts is None:
        return None
    polygons: list[Polygon] = []
    for part in parts:
        if not isinstance(part, list) or not part:
            return None
        rings: list[Ring] = []
        for ring in part:
            read = _ring(ring, convert)
            if read is None:
                return None
            rings.append(read)
        polygons.append(tuple(rings))
    return tuple(polygons)


def _ring(
    ring: object, convert: Callable[[float, float], tuple[float, float]] | None
) -> Ring | None:
    if not isinstance(ring, list) or len(ring) < 4:  # a closed triangle at the least
        return None
    read: list[tuple[float, float]] = []
    for vertex in ring:
        if not (isinstance(vertex, list) and len(vertex) >= 2):
            return None
        lng, lat = vertex[0], vertex[1]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lng, lat)):
            return None
        if not (math.isfinite(lng) and math.isfinite(lat)):
            return None
        if not (-180 <= lng <= 180 and -90 <= lat <= 90):
            return None
        read.append(convert(lng, lat) if convert else (float(lng), float(lat)))
    return tuple(read)


class Region:
    """Polygons made ready to test many points: each ring's edges sorted into bands of latitude,
    so that a point meets only the edges of its own band, not a district's thousands."""

    def __init__(self, polygons: Sequence[Polygon], bands: int = 64) -> None:
        vertices = [v for polygon in polygons for ring in polygon for v in ring]
        self.empty = not vertices
        if self.empty:
            return
        self.west = min(v[0] for v in vertices)
        self.east = max(v[0] for v in vertices)
        self.south = min(v[1] for v in vertices)
        self.north = max(v[1] for v in vertices)
        self.bands = bands
        self.height = (self.north - self.south) / bands or 1.0
        # per polygon, per ring (outer first), per band: the edges crossing that band
        self.indexed: list[list[list[list[tuple[float, float, float, float]]]]] = []
        for polygon in polygons:
            rings = []
            for ring in polygon:
                banded: list[list[tuple[float, float, float, float]]] = [[] for _ in range(bands)]
                for i in range(len(ring)):
                    (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % len(ring)]
                    for band in range(self._band(min(y1, y2)), self._band(max(y1, y2)) + 1):
                        banded[band].append((x1, y1, x2, y2))
                rings.append(banded)
            self.indexed.append(rings)

    def _band(self, latitude: float) -> int:
        return min(self.bands - 1, max(0, int((latitude - self.south) / self.height)))

    def contains(self, point: Point) -> bool:
        """As ``contains`` answers for the same polygons."""
        x, y = point.lng, point.lat
        if self.empty or not (self.west <= x <= self.east and self.south <= y <= self.north):
            return False
        band = self._band(y)

        def crossed(edges: list[tuple[float, float, float, float]]) -> bool:
            inside = False
            for x1, y1, x2, y2 in edges:
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
            return inside

        return any(
            rings and crossed(rings[0][band]) and not any(crossed(hole[band]) for hole in rings[1:])
            for rings in self.indexed
        )


def outside(
    places: Iterable[tuple[str, Point, Sequence[str]]], outlines: Mapping[str, Sequence[Polygon]]
) -> list[tuple[str, str]]:
    """(key, division code) of each place that lies outside the outline of a division it
    belongs to (its district, then its street), where that division's outline is known; the
    largest such division named: a point outside its district is a coordinate gone wrong, one
    only outside its street may be a line drawn loosely."""
    regions: dict[str, Region] = {}
    found: list[tuple[str, str]] = []
    for key, point, divisions in places:
        for code in divisions:
            if code not in outlines:
                continue
            if code not in regions:
                regions[code] = Region(outlines[code])
            if not regions[code].contains(point):
                found.append((key, code))
                break
    return found
