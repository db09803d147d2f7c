"""The expert library, drawing reviewers for a project so the draw can be replayed and checked,
and the graded reviews the drawn experts give."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_record, saved_and_audited
from anju.core import expert_draw
from anju.core.access import Capability
from anju.core.divisions import covers
from anju.divisions.models import Division
from anju.experts.models import Expert, Review, ReviewDraw, Specialty, Verdict
from anju.projects.models import Project
from anju.projects.services.stages import project_of
from anju.registry.models import Community


def panel_project(*, actor: Actor, community: Community) -> Project:
    """The project whose experts are drawn and heard, for one who keeps the expert library
    where the community is; PermissionDenied for anyone else. The page and the API ask here."""
    if not reaches(actor.user, Capability.EXPERTS_MANAGE, community.division_id):
        raise PermissionDenied
    return project_of(actor=actor, community=community)


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
        target=project,
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


class ExpertError(ValueError):
    """Why the library or a review cannot be written, in the user's language."""


@transaction.atomic
def expert_add(
    *, actor: Actor, division: Division, name: str, employer: str, specialties: Sequence[str]
) -> Expert:
    unknown = set(specialties) - set(Specialty.values)
    if unknown or not specialties:
        raise ExpertError(_("Give the expert at least one specialty from the list."))
    if not name.strip() or not employer.strip():
        raise ExpertError(_("Give the expert's name and employer; the employer decides conflicts."))
    expert = Expert.objects.create(
        division=division,
        name=name.strip(),
        employer=employer.strip(),
        specialties=sorted(set(specialties)),
    )
    audit_record(
        actor=actor,
        action="experts.add",
        target=expert,
        after={
            "division": division.code,
            "employer": expert.employer,
            "specialties": expert.specialties,
        },
    )
    return expert


@transaction.atomic
def expert_active_set(*, actor: Actor, expert: Expert, active: bool) -> Expert:
    """Take an expert out of the library or back in; draws already made keep them."""
    if expert.active != active:
        expert.active = active
        saved_and_audited(
            expert,
            actor=actor,
            action="experts.active",
            before={"active": not active},
            after={"active": active},
            fields=["active"],
        )
    return expert


@transaction.atomic
def review_record(
    *,
    actor: Actor,
    draw: ReviewDraw,
    expert: Expert,
    verdict: Verdict,
    opinion: str,
    reviewed_on: dt.date,
) -> Review:
    """A drawn reviewer's graded opinion; only those the draw chose review, each once. Anyone
    else is refused without a name: the expert may belong to another district's library."""
    if str(expert.pk) not in {key for _s, key in draw.chosen}:
        raise ExpertError(_("That expert was not drawn for this review."))
    if Review.objects.filter(draw=draw, expert=expert).exists():
        raise ExpertError(_("{name} has already given a review.").format(name=expert.name))
    if not opinion.strip():
        raise ExpertError(_("Write down the reviewer's opinion."))
    if reviewed_on < timezone.localtime(draw.drawn_at).date() or reviewed_on > timezone.localdate():
        raise ExpertError(_("A review is dated between the draw and today."))
    review = Review.objects.create(
        draw=draw,
        expert=expert,
        verdict=verdict,
        opinion=opinion.strip(),
        reviewed_on=reviewed_on,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="experts.review",
        target=draw.project,
        after={"draw": draw.pk, "expert": expert.pk, "verdict": verdict},
    )
    return review
