"""A multi-year renovation plan as a problem with rules that can be checked exactly.

The seeds ask for five-year and annual plans that rank the urgent before the less urgent and
stay within fiscal capacity (chongqing-2021 §2.(4)); a bureau today fills the budget from the
top of a ranked sheet. Here a plan is an assignment of candidates to start years, and this
module holds what every plan must satisfy, checked in integer fen and exact fractions, so the
optimiser, the greedy baseline and the brute-force tests are all judged by one rule book.

Candidates that must go together (a 片区, or scattered buildings bundled into one project,
puyang-2020 §3.(1)4) are merged into one *unit* before anything else looks at them: a group
either starts together in one year or not at all.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anju.core.policy_pack import Target

ALL_SOURCES = "all"
"""The funding source of a budget that does not say where its money comes from."""

DEFAULT_DISCOUNT = Fraction(8, 100)
"""Earlier is better: a year's benefit counts 1/(1+r)^k, k years into the plan. 8 % is the
social discount rate of China's project appraisal parameters (建设项目经济评价方法与参数, 第三版)."""


class PlanInputError(ValueError):
    """The problem as given cannot be a plan at all (a group with no common year, a fixed year
    outside the horizon …); said in ``problems``, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One community (or a part planned with others) that may start in the plan.

    ``costs`` is the estimate in fen by funding source; a candidate with no split draws on
    ``ALL_SOURCES``. ``years`` limits the start years the pack allows for it (Hangjin's phases
    admit 2005–2009 stock only from 2024); None allows every year of the horizon.
    """

    code: str
    district: str
    costs: Mapping[str, int]
    score: Fraction
    area_m2: Decimal = Decimal(0)
    households: int = 0
    built_year: int | None = None
    years: frozenset[int] | None = None
    group: str | None = None
    fixed_year: int | None = None

    @property
    def cost(self) -> int:
        return sum(self.costs.values())


@dataclass(frozen=True, slots=True)
class YearTarget:
    """At least this many communities and this much floor area start in the year
    (chongqing-2021 §1.(3): 2021年新开工改造城镇老旧小区831个、2662万平方米)."""

    year: int
    communities: int = 0
    area_m2: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class StockDeadline:
    """By the end of ``by_year`` at least ``share`` of the candidates built before
    ``built_before`` have started (hangjin-2021 §2.(1): 到“十四五”末，基本完成2005年前建成的老旧小区改造)."""

    built_before: int
    by_year: int
    share: Fraction = Fraction(1)


@dataclass(frozen=True, slots=True)
class DistrictShare:
    """The district's part of the plan's money over the horizon stays within [minimum, maximum]."""

    district: str
    minimum: Fraction | None = None
    maximum: Fraction | None = None


@dataclass(frozen=True)
class PlanProblem:
    candidates: Sequence[Candidate]
    years: Sequence[int]
    budgets: Mapping[tuple[int, str], int]
    """Fen available for starts in (year, source); a missing pair has no money."""
    targets: Sequence[YearTarget] = ()
    deadlines: Sequence[StockDeadline] = ()
    shares: Sequence[DistrictShare] = ()
    discount: Fraction = DEFAULT_DISCOUNT

    @cached_property
    def sources(self) -> list[str]:
        return sorted(
            {source for _, source in self.budgets}
            | {source for c in self.candidates for source in c.costs}
        )

    @cached_property
    def _weights(self) -> dict[int, Fraction]:
        return {y: 1 / (1 + self.discount) ** (y - self.years[0]) for y in self.years}

    def weight(self, year: int) -> Fraction:
        """What one point of priority is worth when the work starts in ``year``."""
        return self._weights[year]


@dataclass(frozen=True, slots=True)
class Unit:
    """Candidates that start together: one, or a whole group. Its totals are summed once, as
    a national plan reads them millions of times."""

    key: str
    members: tuple[Candidate, ...]
    years: tuple[int, ...]
    fixed_year: int | None
    score: Fraction = Fraction(0)
    cost: int = 0
    costs: Mapping[str, int] = field(default_factory=dict)
    by_district: Mapping[str, int] = field(default_factory=dict)
    area_m2: Decimal = Decimal(0)
    households: int = 0

    @classmethod
    def of(
        cls, key: str, members: tuple[Candidate, ...], years: tuple[int, ...], fixed: int | None
    ) -> Unit:
        costs: dict[str, int] = defaultdict(int)
        by_district: dict[str, int] = defaultdict(int)
        for c in members:
            for source, amount in c.costs.items():
                costs[source] += amount
            by_district[c.district] += c.cost
        return cls(
            key=key,
            members=members,
            years=years,
            fixed_year=fixed,
            score=sum((c.score for c in members), Fraction(0)),
            cost=sum(costs.values()),
            costs=dict(costs),
            by_district=dict(by_district),
            area_m2=sum((c.area_m2 for c in members), Decimal(0)),
            households=sum(c.households for c in members),
        )

    def cost_from(self, source: str) -> int:
        return self.costs.get(source, 0)

    def cost_in(self, district: str) -> int:
        return self.by_district.get(district, 0)

    def count_built_before(self, year: int) -> int:
        return sum(1 for c in self.members if c.built_year is not None and c.built_year < year)


def units_of(problem: PlanProblem) -> list[Unit]:
    """Merge each group into one unit; refuse what no plan could honour, all at once."""
    horizon = set(problem.years)
    problems: list[str] = []
    codes: set[str] = set()
    grouped: dict[str, list[Candidate]] = defaultdict(list)
    order: list[str] = []
    for c in problem.candidates:
        if c.code in codes:
            problems.append(f"{c.code}: 重复的小区编号")
        codes.add(c.code)
        if any(amount < 0 for amount in c.costs.values()):
            problems.append(f"{c.code}: 造价不能为负数")
        key = f"group:{c.group}" if c.group else c.code
        if key not in grouped:
            order.append(key)
        grouped[key].append(c)
    units: list[Unit] = []
    for key in order:
        members = tuple(grouped[key])
        allowed = set(horizon)
        for c in members:
            if c.years is not None:
                allowed &= c.years
        fixed = {c.fixed_year for c in members if c.fixed_year is not None}
        label = members[0].group if members[0].group else members[0].code
        if len(fixed) > 1:
            problems.append(f"{label}: 同一组的项目被指定在不同年份开工 {sorted(fixed)}")
            continue
        fixed_year = fixed.pop() if fixed else None
        if fixed_year is not None and fixed_year not in horizon:
            problems.append(f"{label}: 指定开工年份 {fixed_year} 不在规划期内")
            continue
        if fixed_year is not None and fixed_year not in allowed:
            problems.append(f"{label}: 指定开工年份 {fixed_year} 不符合政策允许的年份")
            continue
        years = (fixed_year,) if fixed_year is not None else tuple(sorted(allowed))
        units.append(Unit.of(key, members, years, fixed_year))
    for share in problem.shares:
        if (
            share.minimum is not None
            and share.maximum is not None
            and share.minimum > share.maximum
        ):
            problems.append(f"{share.district}: 资金占比下限高于上限")
    if problems:
        raise PlanInputError(problems)
    return units


Assignment = Mapping[str, int]
"""Unit key → start year; units not named do not start within the plan."""


@dataclass(frozen=True, slots=True)
class Breach:
    """One rule a plan does not meet, with what the rule asks and what the plan gives."""

    rule: str  # budget | target_communities | target_area | deadline | share_min | share_max | fixed | year
    subject: str  # year:source, year, district, unit key …
    required: Fraction
    achieved: Fraction


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """What a plan amounts to: per year and per district, for side-by-side comparison."""

    objective: Fraction
    communities: Mapping[int, int]
    area_m2: Mapping[int, Decimal]
    households: Mapping[int, int]
    spend: Mapping[tuple[int, str], int]
    spend_by_district: Mapping[tuple[int, str], int] = field(default_factory=dict)


def evaluate(problem: PlanProblem, units: Sequence[Unit], assignment: Assignment) -> PlanFigures:
    scores: dict[int, Fraction] = defaultdict(Fraction)
    communities: dict[int, int] = {y: 0 for y in problem.years}
    area: dict[int, Decimal] = {y: Decimal(0) for y in problem.years}
    households: dict[int, int] = {y: 0 for y in problem.years}
    spend: dict[tuple[int, str], int] = defaultdict(int)
    by_district: dict[tuple[int, str], int] = defaultdict(int)
    for unit in units:
        year = assignment.get(unit.key)
        if year is None:
            continue
        scores[year] += unit.score
        communities[year] = communities.get(year, 0) + len(unit.members)
        area[year] = area.get(year, Decimal(0)) + unit.area_m2
        households[year] = households.get(year, 0) + unit.households
        for source, amount in unit.costs.items():
            spend[year, source] += amount
        for district, amount in unit.by_district.items():
            by_district[year, district] += amount
    objective = sum((total * problem.weight(y) for y, total in scores.items()), Fraction(0))
    return PlanFigures(objective, communities, area, households, dict(spend), dict(by_district))


@dataclass(slots=True)
class Tally:
    communities: int = 0
    households: int = 0
    area_m2: Decimal = Decimal(0)
    cost: int = 0
    """Fen."""


def tally_by_year_and_district(
    units: Iterable[Unit], assignment: Assignment
) -> dict[tuple[int, str], Tally]:
    """What a plan starts, year by year and district by district: the table two scenarios are
    compared on and the annual plan is reported upward in."""
    found: dict[tuple[int, str], Tally] = defaultdict(Tally)
    for unit in units:
        year = assignment.get(unit.key)
        if year is None:
            continue
        for member in unit.members:
            row = found[year, member.district]
            row.communities += 1
            row.households += member.households
            row.area_m2 += member.area_m2
            row.cost += member.cost
    return dict(sorted(found.items()))


def breaches(problem: PlanProblem, units: Sequence[Unit], assignment: Assignment) -> list[Breach]:
    """Every rule the assignment breaks, judged exactly: the one test of a valid plan."""
    found: list[Breach] = []
    figures = evaluate(problem, units, assignment)
    by_key = {u.key: u for u in units}
    for key, year in assignment.items():
        unit = by_key[key]
        if year not in unit.years:
            found.append(Breach("year", key, Fraction(0), Fraction(year)))
    for unit in units:
        if unit.fixed_year is not None and assignment.get(unit.key) != unit.fixed_year:
            found.append(Breach("fixed", unit.key, Fraction(unit.fixed_year), Fraction(0)))
    for year in problem.years:
        for source in problem.sources:
            spent = figures.spend.get((year, source), 0)
            budget = problem.budgets.get((year, source), 0)
            if spent > budget:
                found.append(
                    Breach("budget", f"{year}:{source}", Fraction(budget), Fraction(spent))
                )
    for target in problem.targets:
        started = figures.communities.get(target.year, 0)
        if started < target.communities:
            found.append(
                Breach(
                    "target_communities",
                    str(target.year),
                    Fraction(target.communities),
                    Fraction(started),
                )
            )
        area = figures.area_m2.get(target.year, Decimal(0))
        if area < target.area_m2:
            found.append(
                Breach("target_area", str(target.year), Fraction(target.area_m2), Fraction(area))
            )
    for deadline in problem.deadlines:
        needed, started = deadline_counts(deadline, units, assignment)
        if started < needed:
            found.append(
                Breach("deadline", deadline_key(deadline), Fraction(needed), Fraction(started))
            )
    total = sum(figures.spend_by_district.values())
    for share in problem.shares:
        spent = sum(v for (_, d), v in figures.spend_by_district.items() if d == share.district)
        ratio = Fraction(spent, total) if total else Fraction(0)
        if share.minimum is not None and total and ratio < share.minimum:
            found.append(Breach("share_min", share.district, share.minimum, ratio))
        if share.maximum is not None and ratio > share.maximum:
            found.append(Breach("share_max", share.district, share.maximum, ratio))
    return found


def deadline_key(deadline: StockDeadline) -> str:
    return f"{deadline.built_before}@{deadline.by_year}"


def deadline_counts(
    deadline: StockDeadline, units: Iterable[Unit], assignment: Assignment
) -> tuple[int, int]:
    """(how many must have started, how many have) — the share rounded up to whole communities."""
    units = list(units)
    stock = sum(u.count_built_before(deadline.built_before) for u in units)
    needed = math.ceil(deadline.share * stock)
    started = sum(
        u.count_built_before(deadline.built_before)
        for u in units
        if (year := assignment.get(u.key)) is not None and year <= deadline.by_year
    )
    return needed, started


def pack_requirements(
    targets: Iterable[Target], years: Sequence[int]
) -> tuple[list[YearTarget], list[StockDeadline]]:
    """The pack's targets that fall in the plan's years, as the plan's requirements: figures
    to start in a year, and old stock to have started by a year."""
    starts = [
        YearTarget(
            t.year,
            t.communities or 0,
            (t.area_10k_m2 or Decimal(0)) * 10_000,
        )
        for t in targets
        if t.year in years and (t.communities is not None or t.area_10k_m2 is not None)
    ]
    stock = [
        StockDeadline(t.stock_built_before, t.year)
        for t in targets
        if t.year in years and t.stock_built_before is not None
    ]
    return starts, stock
