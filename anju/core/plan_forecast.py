"""The forecast a target date needs: with these budgets, by which year can the old stock all
have started?

Chongqing asks that the pre-2000 stock be essentially done by 2025 (chongqing-2021 §1.(3)),
Hangjin the pre-2005 stock (hangjin-2021 §2.(1)). The answer is the earliest year whose
deadline a plan within the budgets and the other requirements can meet. Meeting a later
deadline is never harder than an earlier one, so the year is found by bisection, each step a
yes-or-no solve; the money alone rules out the years before the budgets add up to the
stock's cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from anju.core.plan_solver import SolveOptions, solve
from anju.core.plans import PlanProblem, StockDeadline, units_of


@dataclass(frozen=True, slots=True)
class Forecast:
    built_before: int
    stock: int
    """Candidates built before ``built_before``."""
    year: int | None
    """The earliest year by which all of them can have started; None: not within the horizon."""
    horizon: tuple[int, int]


def _affordable_from(problem: PlanProblem, built_before: int) -> int | None:
    """The first year by whose end the budgets add up to the stock's cost, at the least."""
    need = sum(c.cost for c in problem.candidates if (c.built_year or 9999) < built_before)
    spent = 0
    for year in problem.years:
        spent += sum(v for (y, _s), v in problem.budgets.items() if y == year)
        if spent >= need:
            return year
    return None


def stock_finish_year(
    problem: PlanProblem,
    built_before: int,
    options: SolveOptions | None = None,
    on_step: Callable[[int], None] | None = None,
) -> Forecast:
    """The earliest year of ``problem.years`` by which every candidate built before
    ``built_before`` can have started, the problem's own requirements still met."""
    # Only whether some plan meets the deadline matters, not how good it is: the first plan
    # found within the rules answers.
    options = replace(
        options or SolveOptions(), explain=False, shadow_prices=False, relative_gap=1.0
    )
    years = list(problem.years)
    stock = sum(u.count_built_before(built_before) for u in units_of(problem))
    horizon = (years[0], years[-1])

    def feasible(year: int) -> bool:
        if on_step is not None:
            on_step(year)
        trial = replace(problem, deadlines=[*problem.deadlines, StockDeadline(built_before, year)])
        return solve(trial, options).status != "infeasible"

    first = _affordable_from(problem, built_before)
    if first is None or not feasible(years[-1]):
        return Forecast(built_before, stock, None, horizon)
    low, high = years.index(first), len(years) - 1
    while low < high:
        middle = (low + high) // 2
        if feasible(years[middle]):
            high = middle
        else:
            low = middle + 1
    return Forecast(built_before, stock, years[low], horizon)
