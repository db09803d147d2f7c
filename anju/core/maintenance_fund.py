"""The housing maintenance fund check (puyang-2020 §4.(3)): a community with no fund, or whose
balance is under 30 % of the initial amount (不足, so exactly 30 % is enough), must set one up
(补建) or top it up (续筹) before its renovation draws on it.

A top-up restores the balance to the initial amount; a fund set up anew is reckoned per m² of
floor area at the pack's rate. Either is shared among the households by exclusive area, as
owners pay into the fund (建设部财政部令第165号 art. 7).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from anju.core.money import fen_of


class FundState(enum.StrEnum):
    SUFFICIENT = "sufficient"
    BELOW_LINE = "below_line"
    NO_FUND = "no_fund"
    UNKNOWN = "unknown"  # the ledger lacks the initial amount or the balance


FLAGGED = frozenset({FundState.BELOW_LINE, FundState.NO_FUND})


@dataclass(frozen=True, slots=True)
class FundCheck:
    state: FundState
    initial: int | None  # fen
    balance: int | None  # fen
    needed: int  # fen to set up or top up; 0 unless flagged

    @property
    def flagged(self) -> bool:
        return self.state in FLAGGED

    @property
    def ratio(self) -> Fraction | None:
        if self.initial and self.balance is not None:
            return Fraction(self.balance, self.initial)
        return None


def _fen(amount: Decimal | None) -> int | None:
    return None if amount is None else fen_of(amount)


def check_fund(
    initial: Decimal | None,
    balance: Decimal | None,
    *,
    line: Decimal,
    floor_area: Decimal,
    yuan_per_m2: Decimal,
) -> FundCheck:
    """The community's state under the rule and the fen it needs.

    A fund whose initial amount and balance are both missing or zero counts as none; one with
    only one of them known cannot be judged and is reported as unknown, never guessed.
    """
    first, left = _fen(initial), _fen(balance)
    if not first and not left:
        needed = (Fraction(floor_area) * Fraction(yuan_per_m2) * 100).__ceil__()
        return FundCheck(FundState.NO_FUND, first, left, needed)
    if not first or left is None:
        return FundCheck(FundState.UNKNOWN, first, left, 0)
    if Fraction(left, first) < Fraction(line):
        return FundCheck(FundState.BELOW_LINE, first, left, first - left)
    return FundCheck(FundState.SUFFICIENT, first, left, 0)
