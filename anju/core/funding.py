"""A project's funding plan: which channel pays how much of each content line, to the fen.

The seeds share the cost among government, residents, utilities and social capital (谁受益、
谁出资, chongqing-2021 §4, puyang-2020 §4, hangjin-2021 §3.(2), wuhan-2021 §2.(3)), and some
channels are limited by the clause that opens them: the provident fund to elevators, the
maintenance fund to common parts, utilities to their own pipelines. The plan is kept per line
so that those limits can be checked, and each line must be paid exactly, neither short nor
over. The households' part is what they bear themselves — in cash, from their maintenance fund
accounts or their provident fund — and is what gets apportioned among them.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from anju.core.money import split
from anju.core.policy_pack import Funding

# Channels a household bears itself; the rest come from budgets, utilities, companies and donors.
HOUSEHOLD_CHANNELS = ("residents", "maintenance_fund", "provident_fund")
# Public money, which pays what no one else does.
PUBLIC_CHANNELS = ("central_subsidy", "local_budget", "special_bonds")
# Policies, not payers: loans go to the companies that invest, and tax relief brings no money.
NOT_PAYING = frozenset({"finance", "tax_relief"})


@dataclass(frozen=True, slots=True)
class CostLine:
    key: str
    name: str
    category: str
    cost: int  # fen


@dataclass(frozen=True, slots=True)
class Allocation:
    key: str  # the content line
    channel: str
    amount: int  # fen


class Problem(enum.StrEnum):
    SHORT = "short"
    OVER = "over"
    CHANNEL_NOT_OPEN = "channel_not_open"
    CHANNEL_LIMITED = "channel_limited"
    NEGATIVE = "negative"
    UNKNOWN_LINE = "unknown_line"


@dataclass(frozen=True, slots=True)
class Finding:
    problem: Problem
    key: str
    channel: str = ""
    cost: int = 0
    funded: int = 0


@dataclass(frozen=True, slots=True)
class Channels:
    """The channels a pack opens, and what each may pay for."""

    rules: Mapping[str, Funding]

    @classmethod
    def of(cls, funding: Iterable[Funding]) -> Channels:
        return cls({f.channel: f for f in funding if f.channel not in NOT_PAYING})

    def may_pay(self, channel: str, line: CostLine) -> bool:
        rule = self.rules.get(channel)
        if rule is None:
            return False
        return rule.pays_for is None or rule.pays_for.admits(line.category, line.key)

    def open_to(self, line: CostLine) -> list[str]:
        return [channel for channel in self.rules if self.may_pay(channel, line)]


def check(
    lines: Sequence[CostLine], allocations: Iterable[Allocation], channels: Channels
) -> list[Finding]:
    """Everything wrong with a plan: lines paid short or over, money from a channel the pack
    does not open or that may not pay for that line. An empty list is a plan that reconciles."""
    by_key = {line.key: line for line in lines}
    funded: dict[str, int] = dict.fromkeys(by_key, 0)
    findings: list[Finding] = []
    for allocation in allocations:
        line = by_key.get(allocation.key)
        if line is None:
            findings.append(Finding(Problem.UNKNOWN_LINE, allocation.key, allocation.channel))
            continue
        if allocation.amount < 0:
            findings.append(Finding(Problem.NEGATIVE, line.key, allocation.channel))
            continue
        if allocation.amount and allocation.channel not in channels.rules:
            findings.append(Finding(Problem.CHANNEL_NOT_OPEN, line.key, allocation.channel))
        elif allocation.amount and not channels.may_pay(allocation.channel, line):
            findings.append(Finding(Problem.CHANNEL_LIMITED, line.key, allocation.channel))
        funded[line.key] += allocation.amount
    for line in lines:
        paid = funded[line.key]
        if paid != line.cost:
            problem = Problem.SHORT if paid < line.cost else Problem.OVER  # pragma: no mutate
            findings.append(Finding(problem, line.key, cost=line.cost, funded=paid))
    return findings


def propose(
    lines: Sequence[CostLine],
    channels: Channels,
    households: Mapping[str, Fraction],
    government: str,
) -> list[Allocation]:
    """A first plan to edit: utilities bear their own pipelines where the pack says so, the
    households bear the given share of each category (a city may set its own, hangjin-2021
    §3.(2)2), and ``government`` pays the rest. Each line is split exactly."""
    if government not in channels.rules:
        raise ValueError(government)
    plan: list[Allocation] = []
    for line in lines:
        limited = [
            c
            for c in channels.open_to(line)
            if c == "utilities" and channels.rules[c].pays_for is not None
        ]
        if limited:
            plan.append(Allocation(line.key, limited[0], line.cost))
            continue
        share = households.get(line.category, Fraction(0))
        if not 0 <= share <= 1:
            raise ValueError(line.category)
        residents = "residents" if channels.may_pay("residents", line) else None
        if residents is None or share == 0:
            plan.append(Allocation(line.key, government, line.cost))
            continue
        theirs, rest = split(line.cost, [share, 1 - share])
        plan += [Allocation(line.key, residents, theirs), Allocation(line.key, government, rest)]
    return [a for a in plan if a.amount]


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    by_channel: dict[str, int]
    households: int

    def share(self, channel: str) -> Fraction:
        return Fraction(self.by_channel.get(channel, 0), self.total) if self.total else Fraction(0)


def summarise(lines: Sequence[CostLine], allocations: Iterable[Allocation]) -> Summary:
    by_channel: dict[str, int] = defaultdict(int)
    for allocation in allocations:
        by_channel[allocation.channel] += allocation.amount
    return Summary(
        total=sum(line.cost for line in lines),
        by_channel=dict(by_channel),
        households=sum(by_channel.get(c, 0) for c in HOUSEHOLD_CHANNELS),
    )
