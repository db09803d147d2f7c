"""Drawing reviewers for a project, recorded so the draw can be replayed and checked."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.db import transaction

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core import expert_draw
from anju.core.divisions import covers
from anju.experts.models import Expert, ReviewDraw
from anju.projects.models import Project


def _library(project: Project) -> list[expert_draw.Expert]:
    """The active experts of every library whose division covers the project's community."""
    code = project.community.division_id
    return [
        expert_draw.Expert(str(e.pk), frozenset(e.specialties), e.employer)
        for e in Expert.objects.filter(active=True).select_related("division")
        if covers(e.division_id, code)
    ]


def _snapshot(library: list[expert_draw.Expert]) -> list[list[object]]:
    return [[e.key, sorted(e.specialties), e.employer] for e in library]


def _from_snapshot(rows: list[list[object]]) -> list[expert_draw.Expert]:
    return [
        expert_draw.Expert(str(key), frozenset(str(s) for s in specialties), str(employer))  # type: ignore[attr-defined]
        for key, specialties, employer in rows
    ]


@transaction.atomic
def reviewers_draw(
    *,
    actor: Actor,
    project: Project,
    needs: Mapping[str, int],
    designer: str,
    contractor: str = "",
) -> ReviewDraw:
    """Draw the panel; raises ``expert_draw.NotEnoughExperts`` when a specialty runs short."""
    library = _library(project)
    before = sorted(
        {key for draw in ReviewDraw.objects.filter(project=project) for _s, key in draw.chosen}
    )
    parties = expert_draw.Parties(designer, contractor, frozenset(before))
    seed = secrets.randbits(62)
    result = expert_draw.draw(library, needs, parties, seed)
    record = ReviewDraw.objects.create(
        project=project,
        needs=dict(needs),
        designer=designer,
        contractor=contractor,
        seed=seed,
        library=_snapshot(library),
        reviewed_before=before,
        chosen=[list(pair) for pair in result.chosen],
        excluded={key: list(reasons) for key, reasons in result.excluded.items()},
        drawn_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="experts.draw",
        target="projects.Project",
        target_id=project.community.code,
        after={"seed": seed, "chosen": record.chosen, "excluded": record.excluded},
    )
    return record


def draw_replays(record: ReviewDraw) -> bool:
    """Whether drawing again from the recorded library, needs, parties and seed gives the same
    panel: the check anyone can make of a draw."""
    parties = expert_draw.Parties(
        record.designer, record.contractor, frozenset(record.reviewed_before)
    )
    again = expert_draw.draw(_from_snapshot(record.library), record.needs, parties, record.seed)
    return bool([list(pair) for pair in again.chosen] == record.chosen)
