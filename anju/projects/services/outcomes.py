"""Recording what the works left behind once the joint completion acceptance has passed."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.outcomes import QUANTITY_DIGITS, QUANTITY_PLACES
from anju.core.policy_pack import Pack
from anju.projects.models import Inspection, OutcomeCount, Project
from anju.projects.outcomes import project_lines
from anju.projects.services.stages import ProjectError

MOST = Decimal(10) ** QUANTITY_DIGITS


@transaction.atomic
def outcomes_record(
    *, actor: Actor, project: Project, pack: Pack, quantities: Mapping[str, Decimal]
) -> list[OutcomeCount]:
    """The acceptance's count of each line that feeds an outcome, all of them or none. A line
    left out keeps what it had."""
    if not Inspection.objects.acceptances_passed().filter(project=project).exists():
        raise ProjectError(
            _("What the works left behind is counted once the joint acceptance has passed.")
        )
    lines = {line.key: line for line in project_lines(project, pack)}
    for key, quantity in quantities.items():
        if key not in lines:
            raise ProjectError(
                _("{item} is not a line of this project that counts an outcome.").format(item=key)
            )
        if (
            not quantity.is_finite()
            or not 0 <= quantity < MOST
            or quantity != round(quantity, QUANTITY_PLACES)
        ):
            raise ProjectError(
                _("{item}: a quantity from 0 to {most}, with at most two decimal places.").format(
                    item=lines[key].name, most=MOST - 1
                )
            )
    written = []
    for key, quantity in quantities.items():
        before = lines[key].recorded
        if before == quantity:
            continue
        count, _created = OutcomeCount.objects.update_or_create(
            project=project,
            key=key,
            defaults={
                "indicator": lines[key].indicator,
                "quantity": quantity,
                "recorded_by": actor.user,
            },
        )
        audit_record(
            actor=actor,
            action="project.outcome",
            target=project,
            before=None if before is None else {"item": lines[key].name, "quantity": str(before)},
            after={"item": lines[key].name, "quantity": str(quantity)},
        )
        written.append(count)
    return written
