"""What each household of a project bears: the common work by area across the community, and
each floor-shared item (an elevator) by floor within the stairway units it serves.

An elevator serves the units whose owners voted for it (Civil Code art. 278, decided unit by
unit); its households' part is split evenly among those units, each unit's part by floor among
its own dwellings, so no one pays for a lift in another stairway. Hardship reductions apply in
every part alike. All parts are exact, so the bills add up to the households' part of the
funding plan to the fen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from anju.core.apportion import (
    ApportionError,
    Apportionment,
    Dwelling,
    Reduction,
    Rule,
    apportion,
)
from anju.core.funding import HOUSEHOLD_CHANNELS, Allocation
from anju.core.money import split

NO_UNIT_SERVED = "no_unit_served"
EMPTY_UNIT = "empty_unit"
UNITS_MISMATCH = "units_mismatch"


@dataclass(frozen=True, slots=True)
class Bill:
    dwelling_id: str
    common: int  # fen
    by_floor: int  # fen
    covered: int  # fen of reductions a channel pays instead

    @property
    def total(self) -> int:
        return self.common + self.by_floor


@dataclass(frozen=True, slots=True)
class Bills:
    bills: tuple[Bill, ...]
    common_total: int
    by_floor_total: int
    parts: tuple[Apportionment, ...]

    @property
    def total(self) -> int:
        return self.common_total + self.by_floor_total

    def of(self, dwelling_id: str) -> Bill | None:
        return next((b for b in self.bills if b.dwelling_id == dwelling_id), None)


def households_part(
    allocations: Iterable[Allocation], floor_items: Iterable[str]
) -> tuple[int, int]:
    """(common, by floor): the fen the households bear, split by how they are shared."""
    by_floor = set(floor_items)
    common = floor = 0
    for allocation in allocations:
        if allocation.channel not in HOUSEHOLD_CHANNELS:
            continue
        if allocation.key in by_floor:
            floor += allocation.amount
        else:
            common += allocation.amount
    return common, floor


def household_bills(
    common: int,
    by_floor: int,
    dwellings: Sequence[Dwelling],
    units: Mapping[str, str],
    served: Sequence[str],
    coefficients: Mapping[int, Fraction],
    *,
    reductions: Iterable[Reduction] = (),
    covered_by: str | None = None,
    priced_units: int | None = None,
) -> Bills:
    """``units`` gives each dwelling's stairway unit; ``served`` the units an elevator serves.
    ``priced_units``, when the cost was priced per unit, must be the number served: otherwise
    some units would pay for lifts priced for others."""
    given = list(reductions)
    parts: list[Apportionment] = []
    if common:
        parts.append(apportion(common, dwellings, reductions=given, covered_by=covered_by))
    if by_floor:
        if not served:
            raise ApportionError(NO_UNIT_SERVED)
        if priced_units is not None and priced_units != len(served):
            raise ApportionError(
                UNITS_MISMATCH, priced=priced_units, served=len(served), units="、".join(served)
            )
        ordered = sorted(served)
        each = split(by_floor, [1] * len(ordered))  # pragma: no mutate
        for unit, amount in zip(ordered, each, strict=True):  # pragma: no mutate
            members = [d for d in dwellings if units.get(d.dwelling_id) == unit]
            if not members:
                raise ApportionError(EMPTY_UNIT, unit=unit)
            ids = {d.dwelling_id for d in members}
            parts.append(
                apportion(
                    amount,
                    members,
                    Rule.FLOOR,
                    coefficients=coefficients,
                    reductions=[r for r in given if r.dwelling_id in ids],
                    covered_by=covered_by,
                )
            )
    # a dwelling has one share in the common part and at most one by floor (it is in one unit)
    common_of: dict[str, int] = {}
    floor_of: dict[str, int] = {}
    covered: dict[str, int] = defaultdict(int)
    for index, part in enumerate(parts):
        into = common_of if index == 0 and common else floor_of
        for share in part.shares:
            into[share.dwelling_id] = share.amount
            covered[share.dwelling_id] += share.covered
    bills = tuple(
        Bill(
            d.dwelling_id,
            common_of.get(d.dwelling_id, 0),
            floor_of.get(d.dwelling_id, 0),
            covered[d.dwelling_id],
        )
        for d in sorted(dwellings, key=lambda d: d.dwelling_id)
    )
    return Bills(bills, common, by_floor, tuple(parts))
