"""Recording how a project's work is let, lot by lot, by the housing bureau over the community:
every write checked, in its jurisdiction, and audited. What happened is recorded as it happened,
even where it breaks a rule; the check says so (selectors.findings), the record does
not refuse it. Only what cannot be true is refused: dates out of their order, an award without
a winner, a price or a method."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_read, audit_record, saved_and_audited
from anju.core.access import Capability
from anju.core.ballot_codes import new_code
from anju.core.procurement import Kind, Method, party_key
from anju.divisions.models import Division
from anju.procurement.debarment_files import Entry
from anju.procurement.models import (
    AnswerCode,
    Debarment,
    Form,
    Lot,
    Monitor,
    Observation,
    ObservationPhoto,
    Variation,
)
from anju.projects.models import Project
from anju.projects.services.stages import project_of
from anju.registry.models import Community
from anju.registry.personal import keyed_digest, seal

CHANGEABLE = (
    "name",
    "kind",
    "form",
    "estimate",
    "method",
    "announced_on",
    "opened_on",
    "publicity_from",
    "publicity_until",
    "awarded_on",
    "winner",
    "price",
    "named_lead",
)
# each date no earlier than the one before it, where both are given
ORDER = ("announced_on", "opened_on", "publicity_from", "publicity_until")


class ProcurementError(ValueError):
    """A lot that cannot be recorded as given, said in the user's language."""


def _allowed(actor: Actor, community: Community) -> None:
    if not reaches(actor.user, Capability.PROCUREMENT_MANAGE, community.division_id):
        raise PermissionDenied


def procurement_project(*, actor: Actor, community: Community) -> Project:
    """The project whose lots are recorded, for the housing bureau over the community;
    PermissionDenied for anyone else."""
    _allowed(actor, community)
    return project_of(actor=actor, community=community)


def _state(lot: Lot) -> dict[str, Any]:
    return {
        field: (value.isoformat() if isinstance(value, dt.date) else value)
        for field in CHANGEABLE
        if (value := getattr(lot, field)) not in (None, "")
    }


def _label(field: str) -> str:
    """A date's name as the lot's forms and pages give it."""
    found = Lot._meta.get_field(field)
    assert isinstance(found, models.Field)
    return str(capfirst(found.verbose_name))


def _refusals(lot: Lot) -> list[str]:
    problems = []
    if not lot.name.strip():
        problems.append(_("Name the lot."))
    if lot.estimate < 0 or (lot.price is not None and lot.price < 0):
        problems.append(_("An estimate or a price is not below zero."))
    dates = [(field, getattr(lot, field)) for field in ORDER if getattr(lot, field) is not None]
    for (earlier, first), (later, second) in itertools.pairwise(dates):
        if second < first:
            problems.append(
                _("“{later}” comes before “{earlier}”.").format(
                    later=_label(later), earlier=_label(earlier)
                )
            )
    if lot.awarded_on is not None:
        if lot.opened_on is not None and lot.awarded_on < lot.opened_on:
            problems.append(_("The award comes before the bids were opened."))
        if not lot.winner or lot.price is None or not lot.method:
            problems.append(_("An award names the winner, the contract price and the method."))
    return problems


def _saved(actor: Actor, lot: Lot, action: str, before: dict[str, Any] | None) -> Lot:
    problems = _refusals(lot)
    if problems:
        raise ProcurementError(" ".join(problems))
    lot.winner_key = party_key(lot.winner)
    try:
        with transaction.atomic():
            return saved_and_audited(
                lot, actor=actor, action=action, before=before, after=_state(lot)
            )
    except IntegrityError:
        raise ProcurementError(
            _("The project already has a lot named “{name}”.").format(name=lot.name)
        ) from None


def lot_add(
    *,
    actor: Actor,
    project: Project,
    name: str,
    kind: Kind,
    estimate: int,
    form: Form = Form.SEPARATE,
    method: Method | None = None,
) -> Lot:
    _allowed(actor, project.community)
    lot = Lot(
        project=project,
        name=name.strip(),
        kind=kind,
        form=form,
        estimate=estimate,
        method=method or "",
        recorded_by=actor.user,
    )
    return _saved(actor, lot, "procurement.lot_add", None)


def lot_change(
    *, actor: Actor, lot: Lot, changes: dict[str, Any], now: dt.datetime | None = None
) -> Lot:
    """The lot with ``changes`` (fields of CHANGEABLE) in place, all or none of them. Recording
    an award publishes it to residents at ``now`` (a record kept elsewhere may give its own)."""
    _allowed(actor, lot.project.community)
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"not a field of a lot: {sorted(unknown)}")
    before = _state(lot)
    was_awarded = lot.awarded_on is not None
    for field, value in changes.items():
        setattr(
            lot,
            field,
            "" if value is None and field in ("method", "winner", "named_lead") else value,
        )
    if lot.awarded_on is None:
        lot.published_at = None
    elif not was_awarded:
        lot.published_at = now or timezone.now()
    if _state(lot) == before:
        return lot  # nothing changed, nothing written
    return _saved(actor, lot, "procurement.lot_change", before)


# Residents who watch the works (wuhan-2021 §2.(2)3), and the winners who answer them.


def monitor_digest(code: str) -> str:
    return keyed_digest(f"monitor-code:{code}")


def answer_digest(code: str) -> str:
    return keyed_digest(f"answer-code:{code}")


def monitor_appoint(
    *, actor: Actor, project: Project, name: str, skill: str = ""
) -> tuple[Monitor, str]:
    """A monitor named for the project, with the code they report by (returned once, and kept
    sealed for a reprint)."""
    _allowed(actor, project.community)
    name = name.strip()
    if not name:
        raise ProcurementError(_("Name the resident who will watch the works."))
    code = new_code()
    monitor = Monitor(
        project=project,
        name=name,
        skill=skill.strip(),
        code_digest=monitor_digest(code),
        code_cipher=seal(code),
        appointed_by=actor.user,
    )
    saved_and_audited(
        monitor,
        actor=actor,
        action="procurement.monitor_appoint",
        after={"name": monitor.name, "skill": monitor.skill},
    )
    return monitor, code


def monitor_stand_down(*, actor: Actor, monitor: Monitor) -> Monitor:
    """A monitor whose code no longer opens the project: their reports stay."""
    _allowed(actor, monitor.project.community)
    monitor.active = False
    return saved_and_audited(
        monitor,
        actor=actor,
        action="procurement.monitor_stand_down",
        before={"active": True},
        after={"active": False},
        fields=["active"],
    )


def answer_code_issue(*, actor: Actor, lot: Lot) -> str:
    """A new code by which the lot's winner answers the monitors; an earlier one stops
    working."""
    _allowed(actor, lot.project.community)
    if lot.awarded_on is None or not lot.winner:
        raise ProcurementError(_("A lot is answered for by its winner, once it is awarded."))
    code = new_code()
    with transaction.atomic():
        AnswerCode.objects.filter(lot=lot).delete()
        saved_and_audited(
            AnswerCode(lot=lot, code_digest=answer_digest(code), code_cipher=seal(code)),
            actor=actor,
            action="procurement.answer_code",
            after={"lot": lot.name, "winner": lot.winner},
        )
    return code


def codes_shown(*, actor: Actor, project: Project, what: str) -> None:
    """A monitor's or a winner's code shown for printing: each opens the project's reports, so
    who saw it is kept."""
    _allowed(actor, project.community)
    audit_read(actor=actor, action="procurement.code_view", target=project, after={"slip": what})


@transaction.atomic
def observation_add(
    *, actor: Actor, monitor: Monitor, text: str, photos: Sequence[UploadedFile] = ()
) -> Observation:
    if not monitor.active:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ProcurementError(_("Say what you saw."))
    observation = saved_and_audited(
        Observation(project=monitor.project, monitor=monitor, text=text),
        actor=actor,
        action="procurement.observation",
        after={"text": text, "photos": len(photos)},
    )
    for photo in photos:
        ObservationPhoto.objects.create(observation=observation, image=photo)
    return observation


def observation_answer(
    *, actor: Actor, lot: Lot, observation: Observation, answer: str
) -> Observation:
    """The winner's answer to an observation on its own project, given once."""
    if observation.project_id != lot.project_id:
        raise PermissionDenied
    answer = answer.strip()
    if not answer:
        raise ProcurementError(_("Write the answer."))
    if observation.answered_at is not None:
        raise ProcurementError(_("This observation has been answered already."))
    observation.answer = answer
    observation.answered_at = timezone.now()
    observation.answered_by = lot
    return saved_and_audited(
        observation,
        actor=actor,
        action="procurement.observation_answer",
        before={"answer": ""},
        after={"answer": answer, "lot": lot.name},
        fields=["answer", "answered_at", "answered_by"],
    )


def debarments_replace(*, actor: Actor, division: Division, entries: Sequence[Entry]) -> int:
    """The bureau's list of untrustworthy parties as now published, in place of the one before,
    whole or not at all."""
    if not reaches(actor.user, Capability.PROCUREMENT_MANAGE, division.code):
        raise PermissionDenied
    with transaction.atomic():
        removed, _kinds = Debarment.objects.filter(division=division).delete()
        Debarment.objects.bulk_create(
            Debarment(
                division=division,
                name=entry.name,
                key=party_key(entry.name),
                credit_code=entry.credit_code,
                reason=entry.reason,
                source=entry.source,
                listed_on=entry.listed_on,
                until=entry.until,
            )
            for entry in entries
        )
        audit_record(
            actor=actor,
            action="procurement.debarments",
            target=division,
            before={"entries": removed},
            after={"entries": len(entries)},
        )
    return len(entries)


def variation_add(
    *,
    actor: Actor,
    lot: Lot,
    amount: int,
    reason: str,
    agreed_on: dt.date,
    approved_on: dt.date | None = None,
    approval: str = "",
) -> Variation:
    """A change to an awarded contract, as agreed; approved, where it was, with its document."""
    _allowed(actor, lot.project.community)
    if lot.awarded_on is None:
        raise ProcurementError(_("A contract is changed only after it is awarded."))
    if not reason.strip():
        raise ProcurementError(_("Say why the contract is changed."))
    if agreed_on < lot.awarded_on:
        raise ProcurementError(_("A change is agreed after the award."))
    if approved_on is not None and not approval.strip():
        raise ProcurementError(_("An approval names its document."))
    variation = Variation(
        lot=lot,
        amount=amount,
        reason=reason.strip(),
        agreed_on=agreed_on,
        approved_on=approved_on,
        approval=approval.strip(),
        recorded_by=actor.user,
    )
    return saved_and_audited(
        variation,
        actor=actor,
        action="procurement.variation",
        after={
            "lot": lot.name,
            "amount": amount,
            "reason": variation.reason,
            "approval": variation.approval,
        },
    )


def variation_approve(
    *, actor: Actor, variation: Variation, approved_on: dt.date, approval: str
) -> Variation:
    _allowed(actor, variation.lot.project.community)
    if variation.approved_on is not None:
        raise ProcurementError(_("This change is approved already."))
    if not approval.strip():
        raise ProcurementError(_("An approval names its document."))
    if approved_on < variation.agreed_on:
        raise ProcurementError(_("A change is approved after it is agreed."))
    variation.approved_on = approved_on
    variation.approval = approval.strip()
    return saved_and_audited(
        variation,
        actor=actor,
        action="procurement.variation_approve",
        after={"approved_on": approved_on.isoformat(), "approval": variation.approval},
        fields=["approved_on", "approval"],
    )
