"""Whether social capital gets its money back (投入与收益平衡测算, chongqing-2021 §4.(4)).

A company that builds and runs operating assets (parking, charging, shops, advertising) under a
concession invests up front and earns yearly net income. The test of balance is the payback year
(when the cumulative cash turns non-negative), the net present value at a stated discount rate,
and the internal rate of return. Money stays in fen and rates in ``Fraction``: NPV is exact
before its final rounding, and the IRR is found by bisection on exact NPVs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

CITE = "chongqing-2021 §4.(4)"  # 做好投入与收益平衡测算
IRR_TOLERANCE = Fraction(1, 10**7)
HIGHEST_RATE = 10**6


@dataclass(frozen=True, slots=True)
class CashFlow:
    """Net cash of each year, year 0 first (the investment, negative), in fen."""

    flows: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.flows:
            raise ValueError("no cash flows")


@dataclass(frozen=True, slots=True)
class Balance:
    invested: int
    income: int
    payback_year: int | None  # years after the start; None if it never pays back
    npv: int  # fen, rounded half up
    irr: Fraction | None  # None where no single rate makes the NPV zero


def npv_exact(flows: Sequence[int], rate: Fraction) -> Fraction:
    factor = 1 + rate
    if factor <= 0:
        raise ValueError("rate must be above -100 %")
    return sum((Fraction(f) / factor**year for year, f in enumerate(flows)), Fraction(0))


def payback_year(flows: Sequence[int]) -> int | None:
    cumulative = 0
    for year, flow in enumerate(flows):
        cumulative += flow
        if cumulative >= 0 and year > 0:
            return year
    return None


def irr(flows: Sequence[int]) -> Fraction | None:
    """The rate above -99 % where the NPV changes sign, for the usual flows of one investment
    followed by income; None if no rate up to a millionfold return changes it."""
    low, high = Fraction(-99, 100), Fraction(1)
    at_low = npv_exact(flows, low)
    if at_low == 0:
        return low
    while (npv_exact(flows, high) > 0) == (at_low > 0):
        if high >= HIGHEST_RATE:
            return None
        high *= 10
    while high - low > IRR_TOLERANCE:
        middle = (low + high) / 2
        # Keep the fractions small: the rate needs seven decimals, not hundreds of digits.
        middle = Fraction(round(middle * 10**9), 10**9)
        value = npv_exact(flows, middle)
        if value == 0:
            return middle
        if (value > 0) == (at_low > 0):
            low = middle
        else:
            high = middle
    return (low + high) / 2


def balance(flows: CashFlow, rate: Fraction) -> Balance:
    values = flows.flows
    exact = npv_exact(values, rate)
    return Balance(
        invested=-sum(f for f in values if f < 0),
        income=sum(f for f in values if f > 0),
        payback_year=payback_year(values),
        npv=int((exact + Fraction(1, 2)) // 1),
        irr=irr(values),
    )


@dataclass(frozen=True, slots=True)
class Asset:
    investment: int  # fen, spent in year 0
    yearly_income: int  # fen
    yearly_cost: int  # fen


def concession(assets: Sequence[Asset], years: int) -> CashFlow:
    """The yearly net cash of operating ``assets`` for ``years`` after building them."""
    if years < 1:
        raise ValueError("a concession lasts at least a year")
    net = sum(a.yearly_income - a.yearly_cost for a in assets)
    return CashFlow((-sum(a.investment for a in assets), *[net] * years))


def cumulative(flows: CashFlow) -> list[int]:
    total, running = 0, []
    for flow in flows.flows:
        total += flow
        running.append(total)
    return running
