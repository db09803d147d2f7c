"""Loading the division tree. Divisions are reference data: a ledger names them, never creates them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.divisions import level_of, normalize_code, parent_code
from anju.divisions.models import Division, FormerName


class DivisionError(ValueError):
    pass


Progress = Callable[[str, int, int], None]
BATCH = 5000


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@transaction.atomic
def divisions_load(
    *,
    actor: Actor,
    rows: Iterable[tuple[str, str]],
    source: str = "",
    progress: Progress = _no_progress,
) -> int:
    """Create or rename divisions from (code, name) pairs, parents before children. A division
    renamed keeps the name it bore as a former name, so ledgers that still use it resolve."""
    wanted: dict[str, str] = {}
    for raw_code, name in rows:
        wanted[normalize_code(raw_code)] = name.strip()
    if not wanted:
        return 0
    # read as one range, not as a list of codes: a national table has more than a database
    # takes as parameters of one query
    low, high = min(wanted), max(wanted)
    existing = dict(
        Division.objects.filter(code__gte=low, code__lte=high).values_list("code", "name")
    )
    parents = {p for c in wanted if (p := parent_code(c)) is not None} - set(wanted)
    known = set(existing) | set(
        Division.objects.filter(code__in=sorted(parents - set(existing))).values_list(
            "code", flat=True
        )
    )
    created: list[Division] = []
    renamed: dict[str, str] = {}
    for code in sorted(wanted):
        parent = parent_code(code)
        if parent is not None and parent not in wanted and parent not in known:
            raise DivisionError(parent)
        if code not in existing:
            created.append(
                Division(code=code, name=wanted[code], level=int(level_of(code)), parent_id=parent)
            )
        elif existing[code] != wanted[code]:
            renamed[code] = wanted[code]
    total = len(created) + len(renamed)
    for start in range(0, len(created), BATCH):
        Division.objects.bulk_create(created[start : start + BATCH])
        progress("divisions", start + len(created[start : start + BATCH]), total)
    today = timezone.localdate()
    FormerName.objects.bulk_create(
        [
            FormerName(division_id=code, name=existing[code], replaced_on=today, source=source)
            for code in renamed
        ],
        ignore_conflicts=True,
    )
    for code, name in renamed.items():
        Division.objects.filter(code=code).update(name=name)
    progress("divisions", total, total)
    audit_record(
        actor=actor,
        action="divisions.load",
        target=Division,
        after={"created": len(created), "renamed": len(renamed), "source": source},
    )
    return total
