"""The approvals a project needs before building, with the fast paths that spare some of them.

Which steps a city requires and what each fast path does come from its pack, and the cities
differ in what they say. A project that changes no land ownership needs no land procedures
(chongqing-2021 §5.(1), hangjin-2021 §3.(3)). Low-risk work that leaves the main structure
alone, where the builder has chosen the commitment system (告知承诺制), may skip the drawing
review in Hangjin (可不进行施工图审查, hangjin-2021 §3.(3)); in Chongqing the permits no longer
wait for it (各项行政许可不应以施工图审查合格作为前置条件, chongqing-2021 §5.(1)), so the review is
deferred, not dropped: the works may start before it and it must still be done. A joint review
of the plan lets the departments grant the project approval, land and planning together.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class Waiver(enum.StrEnum):
    COMMITMENT = "commitment"  # low-risk work by the builder's commitment
    NO_LAND_PROCEDURES = "no_land_procedures"  # no change of land ownership


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    text: str
    cite: str
    waived_by: Waiver | None = None
    joint_review: bool = False  # granted together after a joint review of the plan
    deferred_by: Waiver | None = None  # the works need not wait for it under this fast path


@dataclass(frozen=True, slots=True)
class Traits:
    """What about the works decides the fast paths."""

    structural_change: bool = False
    land_ownership_change: bool = False
    commitment: bool = False  # the builder chose 告知承诺制

    def waives(self, waiver: Waiver) -> bool:
        """Whether the works take this fast path. The commitment path is the builder's choice,
        open only to work that leaves the main structure alone."""
        if waiver is Waiver.COMMITMENT:
            return self.commitment and not self.structural_change
        return not self.land_ownership_change


@dataclass(frozen=True, slots=True)
class StepState:
    step: Step
    waived: bool
    done_on: dt.date | None
    deferred: bool = False

    @property
    def settled(self) -> bool:
        """Nothing stands in the works' way: done, waived, or deferred until after the start."""
        return self.waived or self.deferred or self.done_on is not None

    @property
    def owed(self) -> bool:
        """Deferred and still to do: the works could start, the approval is still needed."""
        return self.deferred and self.done_on is None


def states(steps: Sequence[Step], traits: Traits, done: Mapping[str, dt.date]) -> list[StepState]:
    """Each step of the pack, waived by a fast path the works qualify for, done on a date, or
    still to do."""
    return [
        StepState(
            step,
            step.waived_by is not None and traits.waives(step.waived_by),
            done.get(step.key),
            step.deferred_by is not None and traits.waives(step.deferred_by),
        )
        for step in steps
    ]


def complete(found: Sequence[StepState]) -> bool:
    """All approvals the works wait for are in hand. A pack that lists no steps asks for none."""
    return all(state.settled for state in found)


def all_done(found: Sequence[StepState]) -> bool:
    """Every approval in hand, the deferred ones too."""
    return all(state.settled and not state.owed for state in found)


def late_steps(found: Sequence[StepState], due: dt.date, today: dt.date) -> list[StepState]:
    """Steps that missed the deadline: done after it, or still to do once it has passed."""
    return [
        state
        for state in found
        if not state.waived
        and not state.deferred
        and (
            (state.done_on is not None and state.done_on > due)
            or (state.done_on is None and today > due)
        )
    ]
