"""Money as whole fen: read exactly, split exactly, written back as yuan.

A sum that is split among channels or households must come back whole, to the fen, however it
is divided; floats cannot promise that and rounding each part on its own loses or invents fen.
Splits use the largest-remainder (Hamilton) method: every part gets the whole fen of its exact
quota, and the fen left over go one each to the largest fractional parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction

# A thousand trillion yuan: no budget comes near it, and a figure past it (a cell reading
# 1E+999999) would cost seconds to turn into fen.
MAX_YUAN_DIGITS = 15


class NotAnAmount(ValueError):
    """A text or number that is not an amount of yuan to the fen."""


def fen_of(yuan: Decimal | str) -> int:
    """The exact fen of an amount in yuan; refuses what is not a whole number of fen."""
    try:
        amount = Decimal(str(yuan).replace(",", "").strip())
    except InvalidOperation:
        raise NotAnAmount(str(yuan)) from None
    if not amount.is_finite() or (amount and amount.adjusted() >= MAX_YUAN_DIGITS):
        raise NotAnAmount(str(yuan))
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise NotAnAmount(str(yuan))
    return int(fen)


def yuan_text(fen: int) -> str:
    """``"1234.56"``: yuan to two decimals, as files and the API write amounts."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def yuan_read(fen: int) -> str:
    """``"1,234.56"``: yuan with thousands separators, to the fen, as pages and texts say it."""
    return f"{Decimal(fen) / 100:,.2f}"


def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def split(total: int, weights: Sequence[Fraction | Decimal | int]) -> list[int]:
    """``total`` fen in proportion to ``weights``, the parts summing to ``total`` exactly.

    Each part is within one fen of its exact quota, a zero weight gets nothing, and a tie for
    the last fen goes to the earlier entry, so callers fix the order (by dwelling, by channel)
    to make the split reproducible.
    """
    exact = [Fraction(w) for w in weights]
    if any(w < 0 for w in exact):
        raise ValueError("weights must not be negative")
    whole = sum(exact)
    if total < 0:
        raise ValueError("the total must not be negative")
    if whole == 0:
        if total:
            raise ValueError("a positive total needs a positive weight")
        return [0] * len(exact)
    quotas = [total * w / whole for w in exact]
    parts = [q.numerator // q.denominator for q in quotas]
    left = total - sum(parts)
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts
