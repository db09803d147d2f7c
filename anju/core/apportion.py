"""Each household's share of what the residents pay, exact to the fen.

"Whoever benefits pays" (谁受益、谁出资, chongqing-2021 §4.(1), puyang-2020 §4.(3)): common work
is shared by exclusive area, as owners share the common parts (Civil Code art. 283); an
elevator is shared within the stairway unit it serves, by floor, because a higher floor gains
more from it and the ground floor usually nothing. The owners may agree reductions for
households in hardship (困难群众减免, puyang-2020 §4.(3)); what is waived is either spread over
the other households or paid by a named channel. However it is divided, the shares add up to
the total to the fen (``anju.core.money.split``).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from anju.core.money import split

REDUCTIONS_CITE = "puyang-2020 §4.(3)"  # 最低出资金额和困难群众减免，由…组织居民约定


class Rule(enum.StrEnum):
    AREA = "area"
    FLOOR = "floor"


@dataclass(frozen=True, slots=True)
class Dwelling:
    dwelling_id: str
    exclusive_area: Decimal
    floor: int


@dataclass(frozen=True, slots=True)
class Reduction:
    """A hardship reduction the owners agreed: the part of its share a household is let off."""

    dwelling_id: str
    waived: Fraction  # 1 = pays nothing
    reason: str


@dataclass(frozen=True, slots=True)
class Share:
    dwelling_id: str
    weight: Fraction
    gross: int  # fen before any reduction
    covered: int  # fen of it paid by the covering channel
    amount: int  # fen the household pays

    @property
    def waived(self) -> int:
        return self.gross - self.amount


@dataclass(frozen=True, slots=True)
class Apportionment:
    total: int
    rule: Rule
    shares: tuple[Share, ...]
    covered_by: str | None = None

    @property
    def covered(self) -> int:
        return sum(s.covered for s in self.shares)

    @property
    def paid_by_households(self) -> int:
        return sum(s.amount for s in self.shares)


class ApportionError(ValueError):
    """What makes a split impossible, with the figures to say it in the user's language."""

    def __init__(self, problem: str, **details: object) -> None:
        super().__init__(problem, details)
        self.problem = problem
        self.details = details


NO_DWELLINGS = "no_dwellings"
DUPLICATE_DWELLING = "duplicate_dwelling"
BAD_AREA = "bad_area"
NO_COEFFICIENT = "no_coefficient"
NOTHING_TO_WEIGH = "nothing_to_weigh"
UNKNOWN_REDUCTION = "unknown_reduction"
BAD_REDUCTION = "bad_reduction"
NEGATIVE_TOTAL = "negative_total"


def weights(
    dwellings: Sequence[Dwelling], rule: Rule, coefficients: Mapping[int, Fraction] | None = None
) -> list[Fraction]:
    """Each dwelling's weight: its area, or under ``floor`` its floor's coefficient times it."""
    result = []
    for dwelling in dwellings:
        area = Fraction(dwelling.exclusive_area)
        if rule is Rule.AREA:
            result.append(area)
            continue
        coefficient = (coefficients or {}).get(dwelling.floor)
        if coefficient is None:
            raise ApportionError(
                NO_COEFFICIENT, dwelling_id=dwelling.dwelling_id, floor=dwelling.floor
            )
        result.append(coefficient * area)
    return result


def apportion(
    total: int,
    dwellings: Iterable[Dwelling],
    rule: Rule = Rule.AREA,
    *,
    coefficients: Mapping[int, Fraction] | None = None,
    reductions: Iterable[Reduction] = (),
    covered_by: str | None = None,
) -> Apportionment:
    """``total`` fen shared among ``dwellings``, in their id order so that it is reproducible.

    Without ``covered_by`` what a reduction waives falls on the other households: each pays in
    proportion to its weight times the part it is not let off. With it, every household's share
    is worked out as if no one were let off, and the channel named pays the waived part.
    """
    ordered = sorted(dwellings, key=lambda d: d.dwelling_id)
    _check(total, ordered)
    weighed = weights(ordered, rule, coefficients)
    waived = _waived(ordered, reductions)
    if covered_by is None:
        paying = [
            w * (1 - waived.get(d.dwelling_id, Fraction(0)))
            for d, w in zip(ordered, weighed, strict=True)  # pragma: no mutate
        ]
        if total and not any(paying):
            raise ApportionError(NOTHING_TO_WEIGH)
        amounts = split(total, paying)
        gross = split(total, weighed)
        rows = zip(ordered, weighed, gross, amounts, strict=True)  # pragma: no mutate
        shares = tuple(Share(d.dwelling_id, w, g, 0, a) for d, w, g, a in rows)
        return Apportionment(total, rule, shares)
    if total and not any(weighed):
        raise ApportionError(NOTHING_TO_WEIGH)
    gross = split(total, weighed)
    covered: list[Share] = []
    for dwelling, weight, fen in zip(ordered, weighed, gross, strict=True):  # pragma: no mutate
        cover = _round_half_up(fen * waived.get(dwelling.dwelling_id, Fraction(0)))
        covered.append(Share(dwelling.dwelling_id, weight, fen, cover, fen - cover))
    return Apportionment(total, rule, tuple(covered), covered_by)


def _check(total: int, dwellings: Sequence[Dwelling]) -> None:
    if total < 0:
        raise ApportionError(NEGATIVE_TOTAL, total=total)
    if not dwellings:
        raise ApportionError(NO_DWELLINGS)
    seen: set[str] = set()
    for dwelling in dwellings:
        if dwelling.dwelling_id in seen:
            raise ApportionError(DUPLICATE_DWELLING, dwelling_id=dwelling.dwelling_id)
        seen.add(dwelling.dwelling_id)
        if not dwelling.exclusive_area.is_finite() or dwelling.exclusive_area < 0:
            raise ApportionError(BAD_AREA, dwelling_id=dwelling.dwelling_id)


def _waived(dwellings: Sequence[Dwelling], reductions: Iterable[Reduction]) -> dict[str, Fraction]:
    known = {d.dwelling_id for d in dwellings}
    waived: dict[str, Fraction] = {}
    for reduction in reductions:
        if reduction.dwelling_id not in known:
            raise ApportionError(UNKNOWN_REDUCTION, dwelling_id=reduction.dwelling_id)
        if not 0 <= reduction.waived <= 1 or reduction.dwelling_id in waived:
            raise ApportionError(BAD_REDUCTION, dwelling_id=reduction.dwelling_id)
        waived[reduction.dwelling_id] = reduction.waived
    return waived


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def parse_coefficients(text: str) -> dict[int, Fraction]:
    """``"1:0,2:0.5,3:1"``: floor to coefficient, as the CLI and the forms take them."""
    result: dict[int, Fraction] = {}
    for part in text.replace("，", ",").replace("：", ":").split(","):
        if not part.strip():
            continue
        floor, sep, value = part.partition(":")  # pragma: no mutate
        if not sep:
            raise ValueError(part.strip())
        try:
            number = int(floor.strip())
            coefficient = Fraction(Decimal(value.strip()))
        except (ValueError, ArithmeticError):
            raise ValueError(part.strip()) from None
        if coefficient < 0 or number in result:
            raise ValueError(part.strip())
        result[number] = coefficient
    if not result:
        raise ValueError(text)
    return result
