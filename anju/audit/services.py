"""Writing the audit log. Every service that writes calls these inside its own transaction, so
the audit row and the change commit or roll back together, whatever called the service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from anju.audit.context import Actor
from anju.audit.models import AuditEntry, EntryKind

M = TypeVar("M", bound=models.Model)
# What an entry is about: the record itself, a whole model (a load of many), or the name of
# what is not a record (a backup).
Target = models.Model | type[models.Model] | str


def _named(target: Target, target_id: str) -> tuple[str, str]:
    """A record is named by its model and by the key officials know it by (a community's code,
    a user's name) where its model gives one as ``audit_key``, else by its primary key."""
    if isinstance(target, str):
        return target, target_id
    if isinstance(target, type):
        return target._meta.label, target_id
    keyed = getattr(target, "audit_key", None)
    return target._meta.label, target_id or str(keyed() if callable(keyed) else target.pk)


def _entry(
    actor: Actor,
    action: str,
    target: Target,
    target_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    kind: EntryKind = EntryKind.WRITE,
) -> AuditEntry:
    target, target_id = _named(target, target_id)
    return AuditEntry(
        kind=kind,
        actor=actor.user,
        actor_label=actor.label,
        origin=actor.origin[:200],
        action=action,
        target=target,
        target_id=target_id,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: Target,
    target_id: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    kind: EntryKind = EntryKind.WRITE,
) -> AuditEntry:
    entry = _entry(actor, action, target, target_id, before, after, kind)
    entry.save()
    return entry


def saved_and_audited(
    record: M,
    *,
    actor: Actor,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    fields: Iterable[str] | None = None,
) -> M:
    """Save ``record`` (only ``fields`` when given) and record it in the log, both or neither:
    the one step by which a service writes a record it has built or changed."""
    with transaction.atomic():
        record.save(update_fields=fields)
        audit_record(actor=actor, action=action, target=record, before=before, after=after)
    return record


def audit_record_changes(
    *,
    actor: Actor,
    action: str,
    target: str,
    changes: Iterable[tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]],
) -> int:
    """Record many (target_id, before, after) changes at once, as a bulk write."""
    entries = [_entry(actor, action, target, tid, b, a) for tid, b, a in changes]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def diff(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that changed, as (before, after) dictionaries holding only those fields."""
    changed = [key for key in after if before.get(key) != after[key]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def audit_read(
    *,
    actor: Actor,
    action: str,
    target: Target,
    target_id: str = "",
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record that personal data was shown or sent out (owners' names on a roll, ballot codes,
    ID numbers in an export): who read it, of what, and how many."""
    return audit_record(
        actor=actor,
        action=action,
        target=target,
        target_id=target_id,
        after=after,
        kind=EntryKind.READ,
    )


def audit_exported(*, actor: Actor, filters: Mapping[str, Any]) -> AuditEntry:
    """The log itself sent out: who took which part of it."""
    return audit_read(
        actor=actor,
        action="audit.export",
        target=AuditEntry,
        after={k: str(v) for k, v in filters.items() if v},
    )
