"""Paying allocated money out in stages tied to the project's progress (资金拨付).

An allocation is released milestone by milestone: a share when building starts, more at
completion acceptance, the rest after evaluation. The shares come from the pack; each
milestone's amount is exact, so the instalments add up to the allocation to the fen, and no
more can be paid out than the milestones the project has reached have released.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from anju.core.money import split
from anju.core.project_stages import ORDER, Stage


@dataclass(frozen=True, slots=True)
class Milestone:
    stage: Stage
    share: Fraction


def instalments(amount: int, milestones: Sequence[Milestone]) -> list[int]:
    """Each milestone's part of ``amount``; the shares must add up to one."""
    if sum(m.share for m in milestones) != 1:
        raise ValueError("milestone shares must add up to 1")
    return split(amount, [m.share for m in milestones])


def released(amount: int, milestones: Sequence[Milestone], reached: Stage) -> int:
    """What the milestones up to the project's stage have released of ``amount``."""
    parts = instalments(amount, milestones)
    here = ORDER.index(reached)
    reached_by = [ORDER.index(m.stage) <= here for m in milestones]
    return sum(p for p, r in zip(parts, reached_by, strict=True) if r)  # pragma: no mutate


def payable(amount: int, milestones: Sequence[Milestone], reached: Stage, paid: int) -> int:
    """What may still be paid out now: released so far, less what has been."""
    return max(0, released(amount, milestones, reached) - paid)
