"""Loading the division tree. Divisions are reference data: a ledger names them, never creates them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.divisions import is_city, level_of, normalize_code, parent_code
from anju.divisions.models import Division, FormerName, HomeCity
from anju.divisions.selectors import home_city
from anju.divisions.shipped import edition, shipped_committees, shipped_divisions


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


def shipped_source() -> str:
    shipped = edition()
    return f"{shipped['package']} {shipped['version']}"


def shipped_load(
    *,
    actor: Actor,
    committees: Iterable[str] = (),
    progress: Callable[[str, str, int, int], None] | None = None,
) -> int:
    """The country's divisions as Anju ships them, and the committees under each code prefix
    of ``committees`` (two digits: a province's; four: a city's); ``progress`` is told each
    table's label with its stage and counts."""
    report = progress or (lambda label, stage, done, total: None)
    source = shipped_source()
    country = shipped_divisions()
    names = dict(country)
    changed = divisions_load(
        actor=actor, rows=country, source=source, progress=partial(report, _("Divisions"))
    )
    for prefix in committees:
        area = names.get(prefix.ljust(12, "0"), prefix)
        changed += divisions_load(
            actor=actor,
            rows=[row for row in shipped_committees(prefix[:2]) if row[0].startswith(prefix)],
            source=source,
            progress=partial(report, _("Committees of {province}").format(province=area)),
        )
    return changed


def other_city_refused(code: str) -> None:
    """Refuse to serve ``code`` where another city is served already (chosen at set-up, or
    named by ANJU_CITY before it): another city later would re-read every ledger's district
    names."""
    serving = home_city()
    if serving and serving != code:
        name = Division.objects.filter(code=serving).values_list("name", flat=True).first()
        raise ValidationError(
            _("This Anju already serves %(city)s; it cannot serve another city.")
            % {"city": name or serving}
        )


@transaction.atomic
def home_city_set(*, actor: Actor, code: str) -> HomeCity:
    """Choose the deployment's city, once."""
    other_city_refused(code)
    city = Division.objects.filter(code=code).first() if is_city(code) else None
    if city is None:
        raise ValidationError(_("%(code)s is not a city loaded in Anju.") % {"code": code})
    home = HomeCity.objects.filter(pk=1).first()
    if home is not None:
        return home
    home = HomeCity.objects.create(pk=1, division=city)
    audit_record(actor=actor, action="divisions.home_city", target=home, after={"city": code})
    return home
