"""Small plan problems, and the brute force that judges the optimiser and the forecast on them by\nthe rules written again here, community by community, not by the optimiser's own checker."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from anju.core.plan_solver import SolveOptions
from anju.core.plans import (
    ALL_SOURCES,
    Candidate,
    DistrictShare,
    PlanProblem,
    StockDeadline,
    Unit,
    YearTarget,
)

EXACT = SolveOptions(relative_gap=0.0)
YEARS = (2021, 2022, 2023)


def candidate(code: str, cost_yuan: int, score: int, **kwargs: object) -> Candidate:
    fields: dict[str, object] = {"district": "A", "costs": {ALL_SOURCES: cost_yuan * 100}}
    fields.update(kwargs)
    return Candidate(code=code, score=Fraction(score), **fields)  # type: ignore[arg-type]


def budgets(*amounts_yuan: int, years: tuple[int, ...] = YEARS) -> dict[tuple[int, str], int]:
    return {(y, ALL_SOURCES): a * 100 for y, a in zip(years, amounts_yuan, strict=True)}


Plan = dict[str, int]
"""Community code → start year; a community not named does not start."""


def obeys(problem: PlanProblem, plan: Plan) -> bool:
    """The plan rules read from their definitions (plans.py's dataclasses and the seeds they
    cite), community by community, without the units, figures or breaches the optimiser is
    judged by: an oracle of its own."""
    by_code = {c.code: c for c in problem.candidates}
    started = [(by_code[code], year) for code, year in plan.items()]
    for c in problem.candidates:
        year = plan.get(c.code)
        if c.fixed_year is not None and year != c.fixed_year:
            return False
        if year is not None and (
            year not in problem.years or (c.years is not None and year not in c.years)
        ):
            return False
        if c.group and any(
            o.group == c.group and plan.get(o.code) != year for o in by_code.values()
        ):
            return False
    for year in problem.years:
        in_year = [c for c, y in started if y == year]
        for source in {s for _, s in problem.budgets} | {s for c in in_year for s in c.costs}:
            if sum(c.costs.get(source, 0) for c in in_year) > problem.budgets.get(
                (year, source), 0
            ):
                return False
    for target in problem.targets:
        in_year = [c for c, y in started if y == target.year]
        if len(in_year) < target.communities or sum(c.area_m2 for c in in_year) < target.area_m2:
            return False
    for deadline in problem.deadlines:
        old = [
            c
            for c in problem.candidates
            if c.built_year is not None and c.built_year < deadline.built_before
        ]
        done = [c for c, y in started if c in old and y <= deadline.by_year]
        if Fraction(len(done)) < deadline.share * len(old):
            return False
    total = sum(sum(c.costs.values()) for c, _y in started)
    for share in problem.shares:
        mine = sum(sum(c.costs.values()) for c, _y in started if c.district == share.district)
        if share.minimum is not None and total and Fraction(mine, total) < share.minimum:
            return False
        if share.maximum is not None and total and Fraction(mine, total) > share.maximum:
            return False
    return True


def worth(problem: PlanProblem, plan: Plan) -> Fraction:
    """Each started community's score, discounted by the years it waits."""
    by_code = {c.code: c for c in problem.candidates}
    first = problem.years[0]
    return sum(
        (
            by_code[code].score / (1 + problem.discount) ** (year - first)
            for code, year in plan.items()
        ),
        Fraction(0),
    )


def every_plan(problem: PlanProblem) -> list[Plan]:
    """Every way to give each community a year or none that obeys the rules."""
    codes = [c.code for c in problem.candidates]
    options = [(None, *problem.years)] * len(codes)
    return [
        plan
        for choice in itertools.product(*options)
        if obeys(
            problem,
            plan := {code: y for code, y in zip(codes, choice, strict=True) if y is not None},
        )
    ]


def brute_force(problem: PlanProblem) -> Fraction | None:
    """The best worth over every plan within the rules."""
    values = [worth(problem, plan) for plan in every_plan(problem)]
    return max(values) if values else None


def by_community(units: Iterable[Unit], assignment: Mapping[str, int]) -> Plan:
    """The optimiser's answer, unit by unit, read as a plan of communities."""
    return {c.code: year for u in units if (year := assignment.get(u.key)) for c in u.members}


@st.composite
def small_problems(draw: st.DrawFn) -> PlanProblem:
    years = YEARS[: draw(st.integers(1, 3))]
    sources = draw(st.sampled_from([("central",), ("central", "local")]))
    candidates = []
    for i in range(draw(st.integers(0, 6))):
        costs = {s: draw(st.integers(0, 50)) * 10_000 for s in sources}
        allowed = draw(st.none() | st.frozensets(st.sampled_from(years), min_size=1))
        candidates.append(
            Candidate(
                code=f"C{i}",
                district=draw(st.sampled_from("AB")),
                costs=costs,
                score=Fraction(draw(st.integers(0, 100))),
                area_m2=Decimal(draw(st.integers(0, 9)) * 1000),
                built_year=draw(st.integers(1990, 2010)),
                years=allowed,
                group=draw(st.none() | st.sampled_from(["g1", "g2"])),
                fixed_year=draw(st.none() | st.sampled_from(years))
                if draw(st.booleans())
                else None,
            )
        )
    money = {(y, s): draw(st.integers(0, 120)) * 10_000 for y in years for s in sources}
    targets = [
        YearTarget(
            y, communities=draw(st.integers(0, 2)), area_m2=Decimal(draw(st.integers(0, 3)) * 1000)
        )
        for y in years
        if draw(st.booleans())
    ]
    deadlines = (
        [StockDeadline(2000, years[-1], Fraction(draw(st.integers(0, 4)), 4))]
        if draw(st.booleans())
        else []
    )
    shares = (
        [
            DistrictShare(
                "A", Fraction(draw(st.integers(0, 3)), 10), Fraction(draw(st.integers(5, 10)), 10)
            )
        ]
        if draw(st.booleans())
        else []
    )
    return PlanProblem(candidates, years, money, targets, deadlines, shares)
