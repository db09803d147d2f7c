"""A project's place in its procedure: the gates of the next stage, met or not, and the
timeline of stage changes and recorded steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from anju.core import approvals
from anju.core.deadlines import due_date
from anju.core.lifecycle import Gate, next_stage
from anju.core.policy_pack import Pack
from anju.core.project_stages import ORDER, Stage
from anju.projects.gate_facts import approval_traits, project_facts
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


BEFORE_BUILDING = [stage.value for stage in ORDER[: ORDER.index(Stage.CONSTRUCTION)]]


@dataclass(frozen=True, slots=True)
class ApprovalsDue:
    project: Project
    due: dt.date
    open_steps: list[str]


def approvals_due(
    projects: QuerySet[Project],
    pack: Pack,
    due_from: dt.date | None,
    due_to: dt.date,
    candidates: int | None = None,
) -> list[ApprovalsDue]:
    """Projects not yet building whose approvals fall due (the pack's yearly date in their plan
    year) between the two days and still have steps open, with those steps' names: past due
    for the alerts, coming due for an official's desk. A window of days reads only the plan
    years it can hold; ``candidates`` bounds the projects looked at, by due year and code, for
    a page that shows only the first few."""
    deadline = pack.deadline("approvals")
    if deadline is None or deadline.yearly is None:
        return []
    yearly = deadline.yearly
    waiting = projects.filter(plan_year__isnull=False, stage__in=BEFORE_BUILDING)
    if due_from is not None:
        years = range(due_from.year - 1, due_to.year + 2)
        waiting = waiting.filter(
            plan_year__in=[y for y in years if due_from <= due_date(yearly, y) <= due_to]
        )
    if candidates is not None:
        waiting = waiting.order_by("plan_year", "community__code")[:candidates]
    dues = {p: due_date(yearly, p.plan_year or 0) for p in waiting}
    within = [
        p for p, due in dues.items() if (due_from is None or due_from <= due) and due <= due_to
    ]
    granted = approvals_granted(within)
    steps = pack.model.approvals.core()
    found = []
    for project in within:
        open_steps = [
            s.step.text
            for s in approvals.states(steps, approval_traits(project), granted.get(project.pk, {}))
            if not s.settled
        ]
        if open_steps:
            found.append(ApprovalsDue(project, dues[project], open_steps))
    return found


def approvals_granted(projects: Any) -> dict[int, dict[str, dt.date]]:
    """Each project's approvals granted, by step key: what the approval states are read from."""
    granted: dict[int, dict[str, dt.date]] = {}
    for project_id, step, on in Approval.objects.filter(project__in=projects).values_list(
        "project_id", "step", "granted_on"
    ):
        granted.setdefault(project_id, {})[step] = on
    return granted
