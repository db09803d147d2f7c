"""The counts supervision pages sum: whatever the projects, every total read from the cells is
the count of the projects it names, cells of parts add up to the cells of the whole, and a
standing reads back from what is stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from anju.core.alerts import AlertKind
from anju.core.district_assessment import Figures
from anju.core.project_stages import ORDER, Stage
from anju.core.standing import (
    ProjectCell,
    Standing,
    alerts_added,
    by_stage,
    by_year,
    ledger_totals,
    merged,
    selected,
    standing_from_json,
    standing_to_json,
)


@dataclass(frozen=True)
class OneProject:
    plan_year: int | None
    stage: Stage
    closed: bool
    started: bool
    accepted: bool


projects = st.lists(
    st.builds(
        OneProject,
        st.none() | st.integers(2021, 2027),
        st.sampled_from(ORDER),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
    max_size=60,
)


def cells_of(group: list[OneProject]) -> list[ProjectCell]:
    """What the ledger's GROUP BY hands the core: one cell per plan year, stage and closing."""
    keys = Counter((p.plan_year, p.stage, p.closed) for p in group)
    return [
        ProjectCell(
            *key,
            projects=n,
            started=sum(1 for p in group if (p.plan_year, p.stage, p.closed) == key and p.started),
            accepted=sum(
                1 for p in group if (p.plan_year, p.stage, p.closed) == key and p.accepted
            ),
        )
        for key, n in keys.items()
    ]


def registered(p: OneProject) -> bool:
    return not (p.stage == Stage.RESERVE and p.plan_year is None)


@given(projects)
def test_the_ledger_s_totals_count_the_registered_projects(group: list[OneProject]) -> None:
    totals = ledger_totals(cells_of(group))
    counted = [p for p in group if registered(p)]
    assert totals.registered == len(counted)
    assert totals.building == sum(
        1 for p in counted if ORDER.index(p.stage) >= ORDER.index(Stage.CONSTRUCTION)
    )
    assert totals.accepted == sum(1 for p in counted if p.accepted)
    assert totals.closed == sum(1 for p in counted if p.closed)


@given(projects, st.none() | st.integers(2021, 2027), st.none() | st.sampled_from(ORDER))
def test_the_cells_of_a_year_or_a_stage_count_its_projects(
    group: list[OneProject], year: int | None, stage: Stage | None
) -> None:
    chosen = selected(cells_of(group), year=year, stage=stage)
    assert sum(c.projects for c in chosen) == sum(
        1
        for p in group
        if (year is None or p.plan_year == year) and (stage is None or p.stage == stage)
    )
    years = by_year(cells_of(group))
    for y, counts in years.items():
        planned = [p for p in group if p.plan_year == y]
        assert (counts.planned, counts.started, counts.accepted, counts.closed) == (
            len(planned),
            sum(p.started for p in planned),
            sum(p.accepted for p in planned),
            sum(p.closed for p in planned),
        )
    assert by_stage(cells_of(group)) == {s: sum(p.stage == s for p in group) for s in ORDER}


@given(projects, projects)
def test_the_cells_of_two_areas_add_up_to_the_cells_of_both(
    one: list[OneProject], other: list[OneProject]
) -> None:
    assert merged([*cells_of(one), *cells_of(other)]) == merged(cells_of(one + other))


kinds = st.dictionaries(st.sampled_from(list(AlertKind)), st.integers(0, 10_000))


@given(projects, kinds, st.booleans())
def test_a_standing_reads_back_from_what_is_stored(
    group: list[OneProject], alerts: dict[AlertKind, int], with_figures: bool
) -> None:
    figures = Figures(4, 3, 1000_00, 900_00, 2, 1, Fraction(7, 9), 1) if with_figures else None
    standing = Standing(merged(cells_of(group)), alerts, figures)
    assert standing_from_json(standing_to_json(standing)) == standing


@given(st.lists(kinds, max_size=5))
def test_alerts_of_several_areas_add_up_kind_by_kind(counts: list[dict[AlertKind, int]]) -> None:
    added = alerts_added(Standing(alerts=c) for c in counts)
    assert added == {k: sum(c.get(k, 0) for c in counts) for k in AlertKind}
