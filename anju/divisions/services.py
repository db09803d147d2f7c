"""Loading the division tree. Divisions are reference data: a ledger names them, never creates them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.divisions import level_of, normalize_code, parent_code
from anju.divisions.models import Division


class DivisionError(ValueError):
    pass


@transaction.atomic
def divisions_load(*, actor: Actor, rows: Iterable[tuple[str, str]]) -> int:
    """Create or rename divisions from (code, name) pairs, parents before children."""
    wanted: dict[str, str] = {}
    for raw_code, name in rows:
        wanted[normalize_code(raw_code)] = name.strip()
    existing = {d.code: d for d in Division.objects.filter(code__in=list(wanted))}
    known = set(existing) | set(
        Division.objects.filter(
            code__in=[p for c in wanted if (p := parent_code(c)) is not None]
        ).values_list("code", flat=True)
    )
    created: list[Division] = []
    renamed: list[Division] = []
    for code in sorted(wanted):
        parent = parent_code(code)
        if parent is not None and parent not in wanted and parent not in known:
            raise DivisionError(parent)
        division = existing.get(code)
        if division is None:
            created.append(
                Division(code=code, name=wanted[code], level=int(level_of(code)), parent_id=parent)
            )
        elif division.name != wanted[code]:
            division.name = wanted[code]
            renamed.append(division)
    Division.objects.bulk_create(created, batch_size=2000)
    Division.objects.bulk_update(renamed, ["name"], batch_size=2000)
    audit_record(
        actor=actor,
        action="divisions.load",
        target=Division,
        after={"created": len(created), "renamed": len(renamed)},
    )
    return len(created) + len(renamed)
