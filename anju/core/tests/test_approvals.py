"""The fast paths spare exactly the steps they name, and the commitment path only where the
builder chose it; a deferred step lets the works start and is still owed; approvals are complete
when every step is granted or spared; a step misses the deadline when granted after it or still
open past it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from anju.core.approvals import Step, Traits, Waiver, all_done, complete, late_steps, states

D = dt.date
STEPS = [
    Step("project_approval", "项目立项", "c", joint_review=True),
    Step("land", "用地", "c", Waiver.NO_LAND_PROCEDURES, joint_review=True),
    Step("planning_permit", "规划许可", "c", joint_review=True),
    Step("drawing_review", "施工图审查", "c", Waiver.COMMITMENT),
    Step("construction_permit", "施工许可", "c"),
]


def test_work_leaving_structure_and_land_alone_skips_land_and_drawing_review() -> None:
    # hangjin-2021 §3.(3): 不涉及建筑主体结构变动的低风险项目，实行项目建设单位告知承诺制的，
    # 可不进行施工图审查
    traits = Traits(commitment=True)
    found = states(STEPS, traits, {})
    assert [s.step.key for s in found if s.waived] == ["land", "drawing_review"]
    assert not complete(found)
    granted = {"project_approval": D(2026, 3, 1), "planning_permit": D(2026, 3, 1)}
    assert not complete(states(STEPS, traits, granted))
    granted["construction_permit"] = D(2026, 4, 1)
    assert complete(states(STEPS, traits, granted))


def test_low_risk_work_without_the_builders_commitment_keeps_the_drawing_review() -> None:
    # the fast path is for projects “实行项目建设单位告知承诺制的”: the builder's choice, not a
    # property of the works
    found = states(STEPS, Traits(commitment=False), {})
    assert [s.step.key for s in found if s.waived] == ["land"]


def test_a_deferred_review_lets_the_works_start_and_is_still_owed() -> None:
    # chongqing-2021 §5.(1): 实行项目建设单位告知承诺制的，…各项行政许可不应以施工图审查合格作为
    # 前置条件 — the permits no longer wait for the review; the review is not dropped
    steps = [
        Step("drawing_review", "施工图审查", "c", deferred_by=Waiver.COMMITMENT),
        Step("construction_permit", "施工许可", "c"),
    ]
    granted = {"construction_permit": D(2026, 4, 1)}
    found = states(steps, Traits(commitment=True), granted)
    assert not any(s.waived for s in found)
    assert complete(found) and not all_done(found)
    assert [s.step.key for s in found if s.owed] == ["drawing_review"]
    granted["drawing_review"] = D(2026, 6, 1)
    assert all_done(states(steps, Traits(commitment=True), granted))
    # without the commitment the review comes first, as ever
    assert not complete(states(steps, Traits(), {"construction_permit": D(2026, 4, 1)}))


def test_structural_work_on_changed_land_needs_every_step() -> None:
    found = states(STEPS, Traits(structural_change=True, land_ownership_change=True), {})
    assert not any(s.waived for s in found)


def test_a_pack_without_approvals_asks_for_none() -> None:
    assert complete(states([], Traits(), {}))


@given(
    structural=st.booleans(),
    land=st.booleans(),
    commitment=st.booleans(),
    granted=st.sets(st.sampled_from([s.key for s in STEPS])),
)
def test_complete_exactly_when_every_step_not_spared_is_granted(
    structural: bool, land: bool, commitment: bool, granted: set[str]
) -> None:
    found = states(
        STEPS, Traits(structural, land, commitment), dict.fromkeys(granted, D(2026, 3, 1))
    )
    needed = {"project_approval", "planning_permit", "construction_permit"}
    if land:
        needed.add("land")
    if structural or not commitment:
        needed.add("drawing_review")
    assert complete(found) == (needed <= granted)


def test_late_steps_are_those_granted_after_the_deadline_or_open_past_it() -> None:
    due = D(2026, 5, 31)
    granted = {"project_approval": D(2026, 5, 31), "planning_permit": D(2026, 6, 1)}
    found = states(STEPS, Traits(commitment=True), granted)
    # on the deadline itself nothing open is late yet; a grant on the day is in time
    assert [s.step.key for s in late_steps(found, due, due)] == ["planning_permit"]
    assert [s.step.key for s in late_steps(found, due, D(2026, 6, 1))] == [
        "planning_permit",
        "construction_permit",
    ]
