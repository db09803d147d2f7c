"""The stages a renovation project goes through, in order (puyang-2020 §3: 项目生成、审批、
实施、验收、移交, then 长效管理 and evaluation).

Which gates each step must pass belongs to the pack; what is fixed here is the order, and the
rule a plan of record relies on: a project leaves the annual plan only while it has not started
building.
"""

from __future__ import annotations

import enum


class Stage(enum.StrEnum):
    RESERVE = "reserve"
    GENERATION = "generation"
    APPROVAL = "approval"
    PLANNED = "planned"
    CONSTRUCTION = "construction"
    ACCEPTANCE = "acceptance"
    HANDOVER = "handover"
    MANAGEMENT = "management"
    EVALUATION = "evaluation"


ORDER: tuple[Stage, ...] = tuple(Stage)


def is_past_plan(stage: Stage) -> bool:
    """Building has started: a new version of the annual plan can no longer drop the project."""
    return ORDER.index(stage) > ORDER.index(Stage.PLANNED)


def may_enter_plan(stage: Stage) -> bool:
    """A project not yet in a plan, or in one already, may be (re)planned."""
    return ORDER.index(stage) <= ORDER.index(Stage.PLANNED)
