"""Indicators stay between 0 and 1, the score is a weighted mean out of 100 over the indicators
with figures, and equal scores share a rank."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from anju.core.district_assessment import (
    Figures,
    Indicator,
    indicator_scores,
    mean_totals,
    ranking,
    total,
)

WEIGHTS = {
    Indicator.PROGRESS: 40,
    Indicator.DISBURSEMENT: 20,
    Indicator.QUALITY: 20,
    Indicator.SATISFACTION: 10,
    Indicator.PUBLICITY: 10,
    Indicator.DEADLINES: 10,
}


def test_a_district_with_nothing_planned_is_scored_on_what_it_has() -> None:
    paying = Figures(0, 0, 100_00, 50_00, 0, 0, None, 1)
    scores = indicator_scores(paying)
    assert scores[Indicator.PROGRESS] is None and scores[Indicator.PUBLICITY] == 1
    assert total(scores, WEIGHTS) == Fraction(20 * 50 + 10 * 100, 30)


@given(reports=st.integers(min_value=0, max_value=3))
def test_a_district_with_no_work_in_the_period_is_not_scored_nor_ranked_first(
    reports: int,
) -> None:
    idle = Figures(0, 0, 0, 0, 0, 0, None, reports)
    working = Figures(10, 2, 0, 0, 2, 2, None, 0)  # behind, with defects, no publicity
    scores = indicator_scores(idle)
    assert set(scores.values()) == {None} and total(scores, WEIGHTS) is None
    ranked = ranking(
        {"idle": total(scores, WEIGHTS), "working": total(indicator_scores(working), WEIGHTS)}
    )
    assert [(r.district, r.rank) for r in ranked] == [("working", 1), ("idle", None)]


def test_the_score_weighs_each_indicator_by_the_pack() -> None:
    busy = Figures(10, 5, 100_00, 50_00, 4, 1, Fraction(4, 5), 0)
    scores = indicator_scores(busy)
    assert scores == {
        Indicator.PROGRESS: Fraction(1, 2),
        Indicator.DISBURSEMENT: Fraction(1, 2),
        Indicator.QUALITY: Fraction(3, 4),
        Indicator.SATISFACTION: Fraction(4, 5),
        Indicator.PUBLICITY: 0,
        Indicator.DEADLINES: None,  # no dated task fell due
    }
    assert total(scores, WEIGHTS) == Fraction(40 * 50 + 20 * 50 + 20 * 75 + 10 * 80, 100)


counts = st.integers(min_value=0, max_value=50)


@given(
    planned=counts,
    started=counts,
    granted=counts,
    paid=counts,
    building=counts,
    defects=counts,
    satisfied=st.none() | st.fractions(min_value=0, max_value=1),
    reports=st.integers(min_value=0, max_value=3),
    tasks_due=counts,
    tasks_met=counts,
)
def test_every_score_lies_between_0_and_100(
    planned: int,
    started: int,
    granted: int,
    paid: int,
    building: int,
    defects: int,
    satisfied: Fraction | None,
    reports: int,
    tasks_due: int,
    tasks_met: int,
) -> None:
    figures = Figures(
        planned,
        started,
        granted,
        paid,
        building,
        min(defects, building),
        satisfied,
        reports,
        tasks_due,
        min(tasks_met, tasks_due),
    )
    scores = indicator_scores(figures)
    assert all(s is None or 0 <= s <= 1 for s in scores.values())
    score = total(scores, WEIGHTS)
    assert (score is not None and 0 <= score <= 100) is figures.has_work


@given(st.dictionaries(st.sampled_from("ABCDEF"), st.none() | st.integers(0, 5).map(Fraction)))
def test_equal_scores_share_a_rank_and_better_ranks_come_first(
    totals: dict[str, Fraction | None],
) -> None:
    ranked = ranking(totals)
    assert {r.district for r in ranked} == set(totals)
    scored = [r for r in ranked if r.score is not None]
    for a in scored:
        assert a.rank == 1 + sum(
            1 for b in scored if b.score is not None and a.score is not None and b.score > a.score
        )
    assert [r.score for r in scored] == sorted((r.score for r in scored), reverse=True)  # type: ignore[type-var]
    assert all(r.rank is None for r in ranked if r.score is None)


scores_by_district = st.dictionaries(
    st.sampled_from(["410902", "410922", "410923"]),
    st.none() | st.fractions(min_value=0, max_value=100),
)


@given(scores_by_district, st.integers(min_value=1, max_value=12))
def test_a_period_of_equal_months_scores_as_one_month(
    month: dict[str, Fraction | None], count: int
) -> None:
    assert mean_totals([month] * count) == month


@given(st.lists(scores_by_district, min_size=1, max_size=12))
def test_a_period_score_lies_between_the_district_s_best_and_worst_month(
    months: list[dict[str, Fraction | None]],
) -> None:
    for district, mean in mean_totals(months).items():
        scored = [s for m in months if (s := m.get(district)) is not None]
        if not scored:
            assert mean is None
        else:
            assert mean is not None and min(scored) <= mean <= max(scored)
