"""The plan optimiser against brute force on every small instance hypothesis can think of, and
on the rules a bureau relies on: groups start together, hand-fixed starts hold, deadlines are
met, and a target the money cannot reach is explained."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings

from anju.core.plan_solver import SolveOptions, greedy_plan, solve
from anju.core.plans import (
    DistrictShare,
    PlanInputError,
    PlanProblem,
    StockDeadline,
    YearTarget,
    breaches,
)
from anju.core.tests.plan_cases import (
    EXACT,
    YEARS,
    brute_force,
    budgets,
    by_community,
    candidate,
    obeys,
    small_problems,
    worth,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_optimiser_finds_the_brute_force_optimum_or_says_there_is_none(
    problem: PlanProblem,
) -> None:
    best = brute_force(problem)
    try:
        result = solve(problem, EXACT)
    except PlanInputError:
        assert best is None  # a contradiction in the input leaves no plan at all
        return
    if best is None:
        assert result.status == "infeasible"
        assert result.shortfalls
        return
    assert result.status == "optimal"
    chosen = by_community(result.units, result.assignment)
    assert obeys(problem, chosen)
    assert result.objective == worth(problem, chosen) == best
    assert result.bound is not None and result.bound >= best
    greedy = result.greedy
    assert greedy is not None
    assert not [b for b in greedy.breaches if b.rule == "budget"]
    if not greedy.breaches:
        assert greedy.figures.objective <= best


def test_a_group_starts_together_or_not_at_all() -> None:
    problem = PlanProblem(
        [
            candidate("A1", 60, 90, group="片区一"),
            candidate("A2", 60, 1, group="片区一"),
            candidate("B", 100, 50),
        ],
        (2021,),
        budgets(110, years=(2021,)),
    )
    result = solve(problem, EXACT)
    assert result.selected() == [("B", 2021)]
    roomy = solve(PlanProblem(problem.candidates, (2021,), budgets(120, years=(2021,))), EXACT)
    assert roomy.selected() == [("A1", 2021), ("A2", 2021)]


def test_a_start_fixed_by_hand_holds_even_when_it_scores_low() -> None:
    problem = PlanProblem(
        [candidate("Low", 100, 1, fixed_year=2022), candidate("High", 100, 99)],
        YEARS,
        budgets(100, 100, 0),
    )
    result = solve(problem, EXACT)
    assert dict(result.selected()) == {"Low": 2022, "High": 2021}


def test_earlier_is_better_so_the_higher_score_goes_first() -> None:
    problem = PlanProblem(
        [candidate("Urgent", 100, 80), candidate("Later", 100, 20)],
        YEARS,
        budgets(100, 100, 100),
    )
    assert solve(problem, EXACT).selected() == [("Urgent", 2021), ("Later", 2022)]


def test_the_stock_deadline_pulls_old_communities_ahead_of_higher_scores() -> None:
    old = [candidate(f"Old{i}", 100, 10, built_year=1995) for i in range(2)]
    new = [candidate(f"New{i}", 100, 90, built_year=2003) for i in range(2)]
    problem = PlanProblem(
        old + new,
        (2021, 2022),
        budgets(200, 200, years=(2021, 2022)),
        deadlines=[StockDeadline(built_before=2000, by_year=2021)],
    )
    result = solve(problem, EXACT)
    assert dict(result.selected()) == {"Old0": 2021, "Old1": 2021, "New0": 2022, "New1": 2022}
    greedy = greedy_plan(problem, result.units)
    assert [b.rule for b in greedy.breaches] == ["deadline"]


def test_a_share_of_the_stock_is_rounded_up_to_whole_communities() -> None:
    """A share of three old communities by 2021, where the money for two starts that year would
    rather go to the new ones: 1/4 of 3 is 0.75, so one old must start; 2/3 of 3 is exactly two."""
    old = [candidate(f"Old{i}", 100, 1, built_year=1995) for i in range(3)]
    new = [candidate(f"New{i}", 100, 90, built_year=2003) for i in range(2)]
    for share, started in ((Fraction(1, 4), 1), (Fraction(2, 3), 2)):
        problem = PlanProblem(
            old + new,
            (2021, 2022),
            budgets(200, 300, years=(2021, 2022)),
            deadlines=[StockDeadline(built_before=2000, by_year=2021, share=share)],
        )
        selected = dict(solve(problem, EXACT).selected())
        early = [code for code, year in selected.items() if year == 2021]
        assert sum(code.startswith("Old") for code in early) == started
        assert len(early) == 2


def test_an_unreachable_target_is_explained_with_the_money_it_would_take() -> None:
    problem = PlanProblem(
        [candidate("C1", 100, 5), candidate("C2", 300, 5), candidate("C3", 200, 5)],
        (2021,),
        budgets(300, years=(2021,)),
        targets=[YearTarget(2021, communities=3)],
    )
    result = solve(problem, EXACT)
    assert result.status == "infeasible"
    (shortfall,) = result.shortfalls
    assert shortfall.breach.rule == "target_communities"
    assert shortfall.breach.required == 3
    assert shortfall.breach.achieved == 2
    assert shortfall.budget == 300_00
    assert shortfall.candidates == 3
    assert shortfall.extra_cost == 300_00


def test_a_share_cap_moves_money_to_the_other_district() -> None:
    problem = PlanProblem(
        [
            candidate("A1", 100, 90, district="A"),
            candidate("A2", 100, 80, district="A"),
            candidate("B1", 100, 10, district="B"),
        ],
        (2021,),
        budgets(200, years=(2021,)),
        shares=[DistrictShare("A", maximum=Fraction(1, 2))],
    )
    result = solve(problem, EXACT)
    assert result.selected() == [("A1", 2021), ("B1", 2021)]
    assert any(b.rule == "share_max" and b.subject == "A" for b in result.binding)


def test_a_group_fixed_in_two_years_is_refused_with_its_name() -> None:
    problem = PlanProblem(
        [
            candidate("A1", 1, 1, group="片区一", fixed_year=2021),
            candidate("A2", 1, 1, group="片区一", fixed_year=2022),
        ],
        YEARS,
        budgets(1, 1, 1),
    )
    with pytest.raises(PlanInputError) as error:
        solve(problem)
    assert "片区一" in error.value.problems[0]


def test_an_empty_candidate_list_is_an_empty_optimal_plan() -> None:
    result = solve(PlanProblem([], YEARS, budgets(1, 1, 1)))
    assert result.status == "optimal"
    assert result.selected() == []
    assert result.objective == 0


def test_a_hundred_candidates_beat_the_greedy_plan_within_the_tolerance_asked() -> None:
    rng = random.Random(5)
    candidates = [
        candidate(
            f"C{i:03d}", rng.randint(200, 2000) * 1000, rng.randint(20, 95), district="AB"[i % 2]
        )
        for i in range(100)
    ]
    total = sum(c.cost for c in candidates) // 100
    problem = PlanProblem(candidates, YEARS, budgets(*[total // 5] * 3))
    result = solve(problem, SolveOptions(relative_gap=1e-3))
    assert result.status == "optimal"
    assert result.gap is not None and result.gap <= Fraction(1, 1000)
    assert result.greedy is not None and result.greedy.figures.objective < result.objective
    assert not breaches(problem, result.units, result.assignment)
