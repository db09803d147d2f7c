"""Digging once (统筹建设施工，避免重复开挖, chongqing-2021 §3.(2)2): each utility plans the
renovation of its own pipelines in the community, and two works that open the same ground at
different times are flagged, so they can be aligned before anyone digs twice.

Ground is named by segments (a road section, a courtyard, the strip along a building); two
works share ground when their segments meet. Works that share ground and whose digging windows
overlap can share one trench; when the windows do not overlap, the ground would be opened
twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

CITE = "chongqing-2021 §3.(2)2"


@dataclass(frozen=True, slots=True)
class Works:
    key: str
    owner: str  # the utility, or the community's own renovation
    segments: frozenset[str]
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("works end before they start")


@dataclass(frozen=True, slots=True)
class DigTwice:
    first: Works
    second: Works
    ground: frozenset[str]

    @property
    def gap_days(self) -> int:
        return (self.second.start - self.first.end).days


def dig_twice(works: Sequence[Works]) -> list[DigTwice]:
    """Every pair of works that would open the same ground at different times, earlier first."""
    ordered = sorted(works, key=lambda w: (w.start, w.end, w.key))
    found = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            ground = first.segments & second.segments
            if ground and second.start > first.end:
                found.append(DigTwice(first, second, ground))
    return found
