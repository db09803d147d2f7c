"""The fast paths spare exactly the steps they name; approvals are complete when every step is
granted or spared; a step misses the deadline when granted after it or still open past it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from anju.core.approvals import Step, Traits, Waiver, complete, late_steps, states

D = dt.date
STEPS = [
    Step("project_approval", "项目立项", "c", joint_review=True),
    Step("land", "用地", "c", Waiver.NO_LAND_PROCEDURES, joint_review=True),
    Step("planning_permit", "规划许可", "c", joint_review=True),
    Step("drawing_review", "施工图审查", "c", Waiver.COMMITMENT),
    Step("construction_permit", "施工许可", "c"),
]


def test_work_leaving_structure_and_land_alone_skips_land_and_drawing_review() -> None:
    found = states(STEPS, Traits(), {})
    assert [s.step.key for s in found if s.waived] == ["land", "drawing_review"]
    assert not complete(found)
    granted = {"project_approval": D(2026, 3, 1), "planning_permit": D(2026, 3, 1)}
    assert not complete(states(STEPS, Traits(), granted))
    granted["construction_permit"] = D(2026, 4, 1)
    assert complete(states(STEPS, Traits(), granted))


def test_structural_work_on_changed_land_needs_every_step() -> None:
    found = states(STEPS, Traits(structural_change=True, land_ownership_change=True), {})
    assert not any(s.waived for s in found)


def test_a_pack_without_approvals_asks_for_none() -> None:
    assert complete(states([], Traits(), {}))


@given(
    structural=st.booleans(),
    land=st.booleans(),
    granted=st.sets(st.sampled_from([s.key for s in STEPS])),
)
def test_complete_exactly_when_every_step_not_spared_is_granted(
    structural: bool, land: bool, granted: set[str]
) -> None:
    traits = Traits(structural, land)
    found = states(STEPS, traits, dict.fromkeys(granted, D(2026, 3, 1)))
    needed = {s.key for s in STEPS if s.waived_by is None or not traits.waives(s.waived_by)}
    assert complete(found) == (needed <= granted)


def test_late_steps_are_those_granted_after_the_deadline_or_open_past_it() -> None:
    due = D(2026, 5, 31)
    granted = {"project_approval": D(2026, 5, 31), "planning_permit": D(2026, 6, 1)}
    found = states(STEPS, Traits(), granted)
    # on the deadline itself nothing open is late yet; a grant on the day is in time
    assert [s.step.key for s in late_steps(found, due, due)] == ["planning_permit"]
    assert [s.step.key for s in late_steps(found, due, D(2026, 6, 1))] == [
        "planning_permit",
        "construction_permit",
    ]
