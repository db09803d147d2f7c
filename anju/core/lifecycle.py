"""The gates of a project's life: what must be true before it may enter each stage.

Puyang lays the procedure out step by step (puyang-2020 §3: training, publicity, consultation,
a concept plan posted and signed off by the owners, approvals, construction, acceptance with the
long-term management arrangement and the handover agreement, defects fixed, handover
inspection, evaluation). Which gates a city applies, and the clause each rests on, come from its
pack; this module only knows the order of the stages and how to judge a move against the gates
given the facts the apps report. A project moves one stage at a time, so no step is skipped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from anju.core.project_stages import ORDER, Stage


class Requirement(enum.StrEnum):
    TRAINING = "training"
    PUBLICITY = "publicity"
    CONSULTATION = "consultation"
    CONCEPT_PLAN = "concept_plan"
    PLAN_SIGNED_OFF = "plan_signed_off"
    RENOVATION_VOTE = "renovation_vote"
    FUNDING_PLAN = "funding_plan"
    DESIGN_REVIEWED = "design_reviewed"
    IN_ANNUAL_PLAN = "in_annual_plan"
    APPROVALS = "approvals"
    APPROVALS_ALL = "approvals_all"  # the deferred ones too
    CONTRACTOR = "contractor"
    COMPLETED = "completed"
    MANAGEMENT_ARRANGED = "management_arranged"
    HANDOVER_AGREEMENT = "handover_agreement"
    NO_OPEN_OBJECTIONS = "no_open_objections"
    DEFECTS_FIXED = "defects_fixed"
    ACCEPTANCE_PASSED = "acceptance_passed"
    HANDOVER_INSPECTED = "handover_inspected"
    SATISFACTION = "satisfaction"


@dataclass(frozen=True, slots=True)
class Gate:
    stage: Stage  # the stage this gate guards the way into
    requirement: Requirement
    text: str
    cite: str


class MoveProblem(enum.StrEnum):
    NOT_NEXT = "not_next"  # a step skipped, or a step back
    BUNDLED = "bundled"  # packed into another project, which moves for it
    GATE = "gate"


@dataclass(frozen=True, slots=True)
class Refusal:
    problem: MoveProblem
    gate: Gate | None = None


def next_stage(stage: Stage) -> Stage | None:
    index = ORDER.index(stage)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def refusals(
    current: Stage,
    to: Stage,
    facts: Mapping[Requirement, bool],
    gates: Iterable[Gate],
) -> list[Refusal]:
    """Why the project may not move from ``current`` to ``to``; empty when it may. Every unmet
    gate is listed, in the pack's order, so the clerk sees all that is missing at once. A fact
    the apps do not report counts as unmet: a gate is never passed on a guess."""
    if next_stage(current) != to:
        return [Refusal(MoveProblem.NOT_NEXT)]
    return [
        Refusal(MoveProblem.GATE, gate)
        for gate in gates
        if gate.stage == to and not facts.get(gate.requirement)
    ]
