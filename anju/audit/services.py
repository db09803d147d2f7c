"""Writing the audit log. Every service that writes calls these inside its own transaction, so
the audit row and the change commit or roll back together, whatever called the service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from anju.audit.context import Actor
from anju.audit.models import AuditEntry, EntryKind


def _entry(
    actor: Actor,
    action: str,
    target: str,
    target_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    kind: EntryKind = EntryKind.WRITE,
) -> AuditEntry:
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
    target: str,
    target_id: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    kind: EntryKind = EntryKind.WRITE,
) -> AuditEntry:
    entry = _entry(actor, action, target, target_id, before, after, kind)
    entry.save()
    return entry


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
    target: str,
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
        target="audit.AuditEntry",
        after={k: str(v) for k, v in filters.items() if v},
    )
