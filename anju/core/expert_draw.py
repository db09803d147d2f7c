"""Drawing design reviewers from the expert library (专家咨询库, chongqing-2021 §3.(2)3) at random
by specialty, never one with a conflict of interest, and replayable from the recorded seed.

An expert is conflicted when they work for the designer or the contractor of the project, or
have reviewed the same project before. The draw shuffles the eligible experts of each specialty
with a generator seeded by a number recorded with the draw, over the library in a fixed order,
so anyone holding the seed and the library as it stood can draw again and get the same people.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CITE = "chongqing-2021 §3.(2)3"


@dataclass(frozen=True, slots=True)
class Expert:
    key: str
    specialties: frozenset[str]
    employer: str


class Conflict(enum.StrEnum):
    DESIGNER = "designer"  # works for the project's designer
    CONTRACTOR = "contractor"  # works for the project's contractor
    REVIEWED_BEFORE = "reviewed_before"


@dataclass(frozen=True, slots=True)
class Parties:
    """Who the project's reviewers must be independent of."""

    designer: str = ""
    contractor: str = ""
    reviewed_before: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Draw:
    seed: int
    chosen: tuple[tuple[str, str], ...]  # (specialty, expert key), in drawing order
    excluded: Mapping[str, tuple[Conflict, ...]]


class NotEnoughExperts(ValueError):
    def __init__(self, specialty: str, needed: int, eligible: int) -> None:
        super().__init__(specialty, needed, eligible)
        self.specialty = specialty
        self.needed = needed
        self.eligible = eligible


def conflicts(expert: Expert, parties: Parties) -> tuple[Conflict, ...]:
    found = []
    employer = expert.employer.strip()
    if employer and employer == parties.designer.strip():
        found.append(Conflict.DESIGNER)
    if employer and employer == parties.contractor.strip():
        found.append(Conflict.CONTRACTOR)
    if expert.key in parties.reviewed_before:
        found.append(Conflict.REVIEWED_BEFORE)
    return tuple(found)


def draw(library: Iterable[Expert], needs: Mapping[str, int], parties: Parties, seed: int) -> Draw:
    """``needs[specialty]`` reviewers of each specialty, no one twice, no one conflicted.

    Specialties are drawn in name order, so the result depends only on the library, the needs,
    the parties and the seed.
    """
    experts = sorted(library, key=lambda e: e.key)
    excluded = {e.key: found for e in experts if (found := conflicts(e, parties))}
    rng = random.Random(seed)
    taken: set[str] = set()
    chosen: list[tuple[str, str]] = []
    for specialty in sorted(needs):
        needed = needs[specialty]
        eligible = [
            e.key
            for e in experts
            if specialty in e.specialties and e.key not in excluded and e.key not in taken
        ]
        if len(eligible) < needed:
            raise NotEnoughExperts(specialty, needed, len(eligible))
        for key in rng.sample(eligible, needed):
            taken.add(key)
            chosen.append((specialty, key))
    return Draw(seed, tuple(chosen), excluded)
