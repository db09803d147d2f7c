"""Plan requirements as officials write them on the command line: a target YEAR:COUNT[:M2], a
deadline BUILT_BEFORE:BY_YEAR[:SHARE] and a district's share DISTRICT:MIN:MAX. The scenario's
page asks for the same in tables."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from anju.core.plans import DistrictShare, StockDeadline, YearTarget


def _fraction(text: str) -> Fraction:
    value = Fraction(Decimal(text.rstrip("%"))) / (100 if text.endswith("%") else 1)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


def target(text: str) -> YearTarget:
    """YEAR:COUNT or YEAR:COUNT:M2, e.g. 2021:831:26620000 (Chongqing's 2021 target)."""
    parts = text.split(":")
    try:
        year, count = int(parts[0]), int(parts[1] or 0)
        area = Decimal(parts[2]) if len(parts) > 2 else Decimal(0)
    except (ValueError, IndexError, InvalidOperation):
        raise ValueError(text) from None
    return YearTarget(year, count, area)


def deadline(text: str) -> StockDeadline:
    """BUILT_BEFORE:BY_YEAR[:SHARE], e.g. 2000:2025 — all pre-2000 stock started by 2025."""
    parts = text.split(":")
    try:
        share = _fraction(parts[2]) if len(parts) > 2 else Fraction(1)
        return StockDeadline(int(parts[0]), int(parts[1]), share)
    except (ValueError, IndexError, InvalidOperation):
        raise ValueError(text) from None


def share(text: str) -> DistrictShare:
    """DISTRICT:MIN:MAX as fractions or percentages, either may be empty: 渝中区:5%:20%."""
    parts = text.split(":")
    try:
        district, low, high = parts
        return DistrictShare(
            district, _fraction(low) if low else None, _fraction(high) if high else None
        )
    except (ValueError, InvalidOperation):
        raise ValueError(text) from None
