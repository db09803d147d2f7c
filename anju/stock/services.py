"""Writes of the stock-resource inventory: a workbook loaded whole, a resource taken for one
community's project and given back; each in one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.conditions import Facility
from anju.core.ledger import Issue
from anju.core.policy_pack import Stock
from anju.core.stock import SHEET, ResourceRow
from anju.divisions.models import Division
from anju.policy.library import citation_words
from anju.registry.models import Community
from anju.stock.models import Resource

FIELDS = (
    "name",
    "kind",
    "owner",
    "area_m2",
    "uses",
    "state",
    "division_id",
    "address",
    "longitude",
    "latitude",
    "documents",
)


class StockError(ValueError):
    """Why a resource cannot be taken or given back, in the user's language."""


class InventoryRefused(ValueError):
    """The rows that cannot be loaded; nothing was."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = list(issues)


@dataclass(frozen=True, slots=True)
class Loaded:
    added: int
    changed: int
    unchanged: int


def _values(row: ResourceRow) -> dict[str, object]:
    return {
        "name": row.name,
        "kind": row.kind.value,
        "owner": row.owner,
        "area_m2": row.area_m2,
        "uses": [f.value for f in row.uses],
        "state": row.state.value,
        "division_id": row.division_code,
        "address": row.address,
        "longitude": row.longitude,
        "latitude": row.latitude,
        "documents": row.documents,
    }


@transaction.atomic
def inventory_load(*, actor: Actor, rows: Sequence[ResourceRow]) -> Loaded:
    """Add the rows' resources and bring those already on the inventory up to the rows, by code;
    a resource's taking is kept. Every row in the actor's area or none is written."""
    issues: list[Issue] = []
    known = set(
        Division.objects.filter(code__in={r.division_code for r in rows}).values_list(
            "code", flat=True
        )
    )
    existing = {
        r.code: r
        for r in Resource.objects.select_for_update().filter(code__in=[r.code for r in rows])
    }
    for row in rows:
        if row.division_code not in known:
            issues.append(
                Issue(SHEET, row.row, "行政区划代码", row.division_code, "unknown_division")
            )
        elif not reaches(actor.user, Capability.REGISTRY_EDIT, row.division_code) or (
            row.code in existing
            and not reaches(actor.user, Capability.REGISTRY_EDIT, existing[row.code].division_id)
        ):
            issues.append(Issue(SHEET, row.row, "行政区划代码", row.division_code, "outside_area"))
    if issues:
        raise InventoryRefused(issues)
    added: list[Resource] = []
    changed: list[str] = []
    for row in rows:
        values = _values(row)
        resource = existing.get(row.code)
        if resource is None:
            added.append(Resource(code=row.code, **values))
            continue
        if any(getattr(resource, name) != values[name] for name in FIELDS):
            for name in FIELDS:
                setattr(resource, name, values[name])
            resource.save()
            changed.append(row.code)
    Resource.objects.bulk_create(added, batch_size=1000)
    loaded = Loaded(len(added), len(changed), len(rows) - len(added) - len(changed))
    if added or changed:
        audit_record(
            actor=actor,
            action="stock.load",
            target=Resource,
            after={
                "created": [r.code for r in added][:200],
                "updated": changed[:200],
                "unchanged": loaded.unchanged,
            },
        )
    return loaded


@transaction.atomic
def resource_take(
    *,
    actor: Actor,
    resource: Resource,
    community: Community,
    facility: Facility,
    rule: Stock | None = None,
    consented: bool = False,
) -> Resource:
    """Take the resource for the community's project, to house ``facility``: it is offered to
    no other community from now on. Where the deployment's pack asks the residents' consent for
    a kind of resource (``rule.consent``), only once the official says it was given."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.taken_by_id is not None:
        if locked.taken_by_id == community.pk and locked.taken_for == facility.value:
            return locked
        holder = Community.objects.get(pk=locked.taken_by_id)
        raise StockError(
            _("{name} is already taken for {community}.").format(
                name=locked.name, community=holder.name
            )
        )
    if facility.value not in locked.uses:
        raise StockError(
            _("{name} may not be used for this facility on its owner's terms.").format(
                name=locked.name
            )
        )
    asks_consent = rule is not None and locked.kind in rule.consent
    if asks_consent and not consented:
        raise StockError(
            _(
                "{name} may be used only with the residents' consent ({cite}): say that it was "
                "given."
            ).format(name=locked.name, cite=citation_words(rule.cite) if rule else "")
        )
    locked.taken_by = community
    locked.taken_for = facility.value
    locked.taken_on = timezone.localdate()
    locked.save(update_fields=["taken_by", "taken_for", "taken_on", "updated_at"])
    audit_record(
        actor=actor,
        action="stock.take",
        target=locked,
        after={"community": community.code, "facility": facility.value}
        | ({"residents_consented": True} if asks_consent else {}),
    )
    return locked


@transaction.atomic
def resource_release(*, actor: Actor, resource: Resource) -> Resource:
    locked = (
        Resource.objects.select_for_update(of=("self",))
        .select_related("taken_by")
        .get(pk=resource.pk)
    )
    if locked.taken_by is None:
        return locked
    before = {"community": locked.taken_by.code, "facility": locked.taken_for}
    locked.taken_by = None
    locked.taken_for = ""
    locked.taken_on = None
    locked.save(update_fields=["taken_by", "taken_for", "taken_on", "updated_at"])
    audit_record(actor=actor, action="stock.release", target=locked, before=before)
    return locked
