"""A project's place in its procedure: the gates of the next stage, met or not, and the
timeline of stage changes and recorded steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from anju.core.lifecycle import Gate, next_stage
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage
from anju.projects.gate_facts import project_facts
from anju.projects.models import (
    Approval,
    Inspection,
    Project,
    ProjectStage,
    Record,
    StageChange,
    Step,
)


@dataclass(frozen=True, slots=True)
class GateState:
    gate: Gate
    met: bool


@dataclass(frozen=True, slots=True)
class Moment:
    on: dt.date
    what: str
    by: str


def next_gates(project: Project, pack: Pack) -> tuple[ProjectStage | None, list[GateState]]:
    following = next_stage(Stage(project.stage))
    if following is None:
        return None, []
    facts = project_facts(project, pack)
    return ProjectStage(following), [
        GateState(gate, facts.get(gate.requirement, False))
        for gate in pack.gates
        if gate.stage == following
    ]


def timeline(project: Project, pack: Pack) -> list[Moment]:
    """Stage changes, recorded steps, approvals and inspections, oldest first."""
    steps = {step.key: step.text for step in pack.model.approvals.steps}
    moments = [
        Moment(
            change.at.date(),
            f"{ProjectStage(change.from_stage).label} → {ProjectStage(change.to_stage).label}"
            + (f"（{change.reason}）" if change.reason else ""),
            _name(change.by),
        )
        for change in StageChange.objects.filter(project=project).select_related("by")
    ]
    moments += [
        Moment(
            record.done_on,
            str(Step(record.requirement).label) + (f"：{record.note}" if record.note else ""),
            _name(record.recorded_by),
        )
        for record in Record.objects.filter(project=project).select_related("recorded_by")
    ]
    moments += [
        Moment(
            approval.granted_on,
            _("Approval granted: {step}").format(step=steps.get(approval.step, approval.step))
            + (f"（{approval.reference}）" if approval.reference else ""),
            _name(approval.recorded_by),
        )
        for approval in Approval.objects.filter(project=project).select_related("recorded_by")
    ]
    moments += [
        Moment(
            inspection.on,
            f"{inspection.get_kind_display()}："
            + (_("passed") if inspection.passed else _("not passed")),
            _name(inspection.recorded_by),
        )
        for inspection in Inspection.objects.filter(project=project).select_related("recorded_by")
    ]
    return sorted(moments, key=lambda m: m.on)


def _name(user: Any) -> str:
    return (user.first_name or user.username) if user else "—"


def approvals_granted(projects: Any) -> dict[int, dict[str, dt.date]]:
    """Each project's approvals granted, by step key: what the approval states are read from."""
    granted: dict[int, dict[str, dt.date]] = {}
    for project_id, step, on in Approval.objects.filter(project__in=projects).values_list(
        "project_id", "step", "granted_on"
    ):
        granted.setdefault(project_id, {})[step] = on
    return granted
