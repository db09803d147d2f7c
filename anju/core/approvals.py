"""The approvals a project needs before building, with the fast paths that spare some of them.

The seeds list the approvals (立项、用地预审和用地规划许可、建设工程规划许可、施工图审查、施工许可,
chongqing-2021 §3.(2)2) and shorten the road three ways (chongqing-2021 §5.(1), hangjin-2021
§3.(3)): a project that changes no land ownership needs no land procedures; low-risk work that
leaves the main structure alone goes by the builder's commitment, without the drawing review; and
a joint review of the plan lets the departments grant the project approval, land and planning
together. Which steps a city requires and which fast path spares each come from its pack; the
deadline for the year's approvals (hangjin: 31 May) is a yearly date in the pack.
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


@dataclass(frozen=True, slots=True)
class Traits:
    """What about the works decides the fast paths."""

    structural_change: bool = False
    land_ownership_change: bool = False

    def waives(self, waiver: Waiver) -> bool:
        if waiver is Waiver.COMMITMENT:
            return not self.structural_change
        return not self.land_ownership_change


@dataclass(frozen=True, slots=True)
class StepState:
    step: Step
    waived: bool
    done_on: dt.date | None

    @property
    def settled(self) -> bool:
        return self.waived or self.done_on is not None


def states(steps: Sequence[Step], traits: Traits, done: Mapping[str, dt.date]) -> list[StepState]:
    """Each step of the pack, waived by a fast path the works qualify for, done on a date, or
    still to do."""
    return [
        StepState(
            step,
            step.waived_by is not None and traits.waives(step.waived_by),
            done.get(step.key),
        )
        for step in steps
    ]


def complete(found: Sequence[StepState]) -> bool:
    """All approvals in hand. A pack that lists no steps asks for none."""
    return all(state.settled for state in found)


def late_steps(found: Sequence[StepState], due: dt.date, today: dt.date) -> list[StepState]:
    """Steps that missed the deadline: done after it, or still to do once it has passed."""
    return [
        state
        for state in found
        if not state.waived
        and (
            (state.done_on is not None and state.done_on > due)
            or (state.done_on is None and today > due)
        )
    ]
