"""Small plan problems and the brute force that judges the optimiser and the forecast on them."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from anju.core.plan_solver import SolveOptions
from anju.core.plans import (
    ALL_SOURCES,
    Assignment,
    Candidate,
    DistrictShare,
    PlanProblem,
    StockDeadline,
    YearTarget,
    breaches,
    evaluate,
    units_of,
)

EXACT = SolveOptions(relative_gap=0.0)
YEARS = (2021, 2022, 2023)


def candidate(code: str, cost_yuan: int, score: int, **kwargs: object) -> Candidate:
    fields: dict[str, object] = {"district": "A", "costs": {ALL_SOURCES: cost_yuan * 100}}
    fields.update(kwargs)
    return Candidate(code=code, score=Fraction(score), **fields)  # type: ignore[arg-type]


def budgets(*amounts_yuan: int, years: tuple[int, ...] = YEARS) -> dict[tuple[int, str], int]:
    return {(y, ALL_SOURCES): a * 100 for y, a in zip(years, amounts_yuan, strict=True)}


def every_plan(problem: PlanProblem) -> list[Assignment]:
    """Every assignment of units to a year or to none that breaks no rule."""
    units = units_of(problem)
    found: list[Assignment] = []
    for choice in itertools.product(*[(None, *u.years) for u in units]):
        assignment = {u.key: y for u, y in zip(units, choice, strict=True) if y is not None}
        if not breaches(problem, units, assignment):
            found.append(assignment)
    return found


def brute_force(problem: PlanProblem) -> Fraction | None:
    """The best objective over every plan within the rules."""
    units = units_of(problem)
    values = [evaluate(problem, units, a).objective for a in every_plan(problem)]
    return max(values) if values else None


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
