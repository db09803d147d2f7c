"""The map's points as columns a browser reads in a moment: a nation's 220,000 communities
written as rows of numbers and names were 12.9 MB, and reading them took longer than drawing.

Each column is small numbers: the coordinates in millionths of a degree (the registry's own
precision, so nothing is lost), each as its difference from the point before; the points go in
the order of their codes, and neighbouring codes lie in one street, so the differences are short.
A code is written as how many leading characters it shares with the code before and the rest
(front coding), which holds for codes of any form. Names are not sent: the page asks for the
one name pointed at."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

SCALE = 1_000_000


class Columns(TypedDict):
    scale: int
    longitude: list[int]
    latitude: list[int]
    category: list[int]
    keep: list[int]
    tail: list[str]


# longitude, latitude, category's index, code
Point = tuple[float, float, int, str]


def columns(points: Sequence[Point]) -> Columns:
    longitude: list[int] = []
    latitude: list[int] = []
    keep: list[int] = []
    tail: list[str] = []
    x = y = 0
    before = ""
    for lng, lat, _category, code in points:
        east, north = round(lng * SCALE), round(lat * SCALE)
        longitude.append(east - x)
        latitude.append(north - y)
        x, y = east, north
        shared = _shared(before, code)
        keep.append(shared)
        tail.append(code[shared:])
        before = code
    return {
        "scale": SCALE,
        "longitude": longitude,
        "latitude": latitude,
        "category": [p[2] for p in points],
        "keep": keep,
        "tail": tail,
    }


def _shared(before: str, code: str) -> int:
    """How many leading characters two codes share, found by halves: a nation's codes are
    220,000 comparisons, and a slice compares at C's speed where a loop of characters does not."""
    low, high = 0, min(len(before), len(code))
    while low < high:
        middle = (low + high + 1) // 2
        if before[:middle] == code[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def rows(found: Columns) -> list[Point]:
    """The points again, as the page reads them."""
    points: list[Point] = []
    x = y = 0
    code = ""
    scale = found["scale"]
    for dx, dy, category, shared, rest in zip(
        found["longitude"],
        found["latitude"],
        found["category"],
        found["keep"],
        found["tail"],
        strict=True,
    ):
        x, y = x + dx, y + dy
        code = code[:shared] + rest
        points.append((x / scale, y / scale, category, code))
    return points
