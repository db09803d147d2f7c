"""A project's place in its procedure: the gates of the next stage, met or not, and the
timeline of stage changes and recorded steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from anju.core.lifecycle import Gate, next_stage
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage
from anju.projects.facts import project_facts
from anju.projects.models import Project, ProjectStage, Record, StageChange, Step


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


def timeline(project: Project) -> list[Moment]:
    """Stage changes and recorded steps, oldest first."""
    moments = [
        Moment(
            change.at.date(),
            f"{ProjectStage(change.from_stage).label} → {ProjectStage(change.to_stage).label}"
            + (f"（{change.reason}）" if change.reason else ""),
            (change.by.first_name or change.by.username) if change.by else "—",
        )
        for change in StageChange.objects.filter(project=project).select_related("by")
    ]
    moments += [
        Moment(
            record.done_on,
            str(Step(record.requirement).label) + (f"：{record.note}" if record.note else ""),
            (record.recorded_by.first_name or record.recorded_by.username)
            if record.recorded_by
            else "—",
        )
        for record in Record.objects.filter(project=project).select_related("recorded_by")
    ]
    return sorted(moments, key=lambda m: m.on)
