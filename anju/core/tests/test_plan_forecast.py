"""The year the old stock can all have started, against every plan brute force can list."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from anju.core.plan_forecast import stock_finish_year
from anju.core.plans import PlanInputError, PlanProblem
from anju.core.tests.plan_cases import EXACT, budgets, candidate, every_plan, small_problems

YEARS = (2021, 2022, 2023, 2024)


def _earliest(problem: PlanProblem, built_before: int) -> int | None:
    """The first year some plan within the rules has the whole stock started by."""
    old = {c.code for c in problem.candidates if c.built_year and c.built_year < built_before}
    finished = [
        max((plan[code] for code in old), default=problem.years[0])
        for plan in every_plan(problem)
        if old <= plan.keys()
    ]
    return min(finished) if finished else None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_forecast_year_is_the_earliest_any_plan_can_finish_the_old_stock(
    problem: PlanProblem,
) -> None:
    try:
        forecast = stock_finish_year(problem, 2000, EXACT)
    except PlanInputError:
        return
    assert forecast.year == _earliest(problem, 2000)
    assert forecast.horizon == (problem.years[0], problem.years[-1])


def test_a_budget_for_two_old_communities_a_year_finishes_five_in_the_third_year() -> None:
    old = [candidate(f"O{i}", 100, 10, built_year=1990 + i) for i in range(5)]
    new = [candidate(f"N{i}", 100, 90, built_year=2005) for i in range(3)]
    problem = PlanProblem([*old, *new], YEARS, budgets(200, 200, 200, 200, years=YEARS))

    forecast = stock_finish_year(problem, 2000, EXACT)

    assert (forecast.stock, forecast.year) == (5, 2023)


def test_too_little_money_in_the_horizon_forecasts_no_year() -> None:
    old = [candidate(f"O{i}", 100, 10, built_year=1990) for i in range(5)]
    problem = PlanProblem(old, YEARS, budgets(100, 100, 100, 100, years=YEARS))

    forecast = stock_finish_year(problem, 2000, EXACT)

    assert forecast.year is None
    assert forecast.stock == 5
