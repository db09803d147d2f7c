"""Checking communities against their districts' outlines: the banded region
(`anju.core.boundaries.Region`) against the plain ray cast over every edge
(`anju.core.boundaries.contains`), on the same points and outlines in one run.

A city of six districts, each outlined by a ring of 3,000 vertices (a bureau's district line
drawn to tens of metres), and 20,000 communities spread over them and a little beyond (some
outside, as a wrong coordinate is).

    .venv/bin/python bench/outline_bench.py [--vertices 3000] [--points 20000] [--runs 3]

Prints the median time of each, their ratio, and that both found the same communities outside.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import time

from anju.core.boundaries import Polygon, Region, contains
from anju.core.nearby import Point


def outline(centre: tuple[float, float], vertices: int, rng: random.Random) -> Polygon:
    ring = []
    for k in range(vertices):
        angle = 2 * math.pi * k / vertices
        radius = 0.15 * (1 + 0.25 * math.sin(5 * angle) + 0.05 * rng.random())
        ring.append((centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)))
    return (tuple([*ring, ring[0]]),)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vertices", type=int, default=3000)
    parser.add_argument("--points", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)
    centres = [(115.0 + 0.4 * d, 35.7) for d in range(6)]
    outlines = [[outline(c, args.vertices, rng)] for c in centres]
    points = []
    for _ in range(args.points):
        d = rng.randrange(6)
        x, y = centres[d]
        points.append((d, Point(x + rng.uniform(-0.13, 0.13), y + rng.uniform(-0.13, 0.13))))

    def plain() -> list[bool]:
        return [contains(outlines[d], p) for d, p in points]

    def banded() -> list[bool]:
        regions = [Region(o) for o in outlines]  # built per run, as each page does
        return [regions[d].contains(p) for d, p in points]

    times: dict[str, list[float]] = {"plain": [], "banded": []}
    answers = {}
    for _ in range(args.runs):
        for name, run in (("plain", plain), ("banded", banded)):
            start = time.perf_counter()
            answers[name] = run()
            times[name].append(time.perf_counter() - start)
    assert answers["plain"] == answers["banded"]
    plain_s, banded_s = statistics.median(times["plain"]), statistics.median(times["banded"])
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"{args.points:,} points, 6 outlines of {args.vertices:,} vertices, {args.runs} runs")
    print(f"outside: {answers['plain'].count(False):,}")
    print(f"plain ray cast: {plain_s * 1000:.0f} ms (median)")
    print(f"banded region: {banded_s * 1000:.0f} ms (median)")
    print(f"ratio: {plain_s / banded_s:.1f}x")


if __name__ == "__main__":
    main()
