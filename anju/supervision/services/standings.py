"""Keeping each area's standing: read from the records (core.standing) and kept with its alerts,
read again when asked or when the worker finds it old (see anju.supervision.selectors.standing for when a
page asks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from anju.accounts.jurisdiction import Area
from anju.core.alerts import Alert, AlertKind
from anju.core.divisions import Level
from anju.core.policy_pack import Pack
from anju.core.standing import Standing, standing_to_json
from anju.divisions.models import Division
from anju.policy.library import get_pack
from anju.registry.models import Community
from anju.supervision.models import AreaStanding, StandingAlert
from anju.supervision.selectors.alerts import alerts_for
from anju.supervision.selectors.figures import district_figures
from anju.supervision.selectors.ledger import project_cells
from anju.supervision.selectors.monthly import year_outcomes

BATCH = 5_000


@dataclass(frozen=True, slots=True)
class KeptStanding:
    """An area's standing as it was read, and when."""

    area: Division
    standing: Standing
    computed_at: dt.datetime
    pk: int


def standing_compute(area: Division, pack: Pack, today: dt.date) -> tuple[Standing, list[Alert]]:
    viewer = Area(area.code)
    found = alerts_for(viewer, pack, today)
    figures = (
        district_figures([area.code], pack, today.year, today.month)[area.code]
        if area.level == Level.DISTRICT
        else None
    )
    return (
        Standing(
            project_cells(viewer),
            dict(Counter(a.kind for a in found)),
            figures,
            year_outcomes(viewer, pack, today.year),
            today.year,
        ),
        found,
    )


@transaction.atomic
def standing_refresh(*, pack: Pack, area: Division, today: dt.date) -> KeptStanding:
    """Read the area's standing again and keep it in place of the last, alerts and all."""
    standing, found = standing_compute(area, pack, today)
    now = timezone.now()
    row, _created = AreaStanding.objects.select_for_update().get_or_create(
        pack=pack.id,
        area=area,
        defaults={"as_of": today, "computed_at": now, "data": ""},
    )
    row.as_of, row.computed_at, row.refresh_asked_at = today, now, None
    row.data = standing_to_json(standing)
    row.save()
    row.alert_rows.all().delete()
    ids = dict(Community.objects.visible_to(Area(area.code)).values_list("code", "pk"))
    of_kind: Counter[AlertKind] = Counter()
    rows = []
    for position, alert in enumerate(found):
        rows.append(
            StandingAlert(
                standing=row,
                position=position,
                kind_position=of_kind[alert.kind],
                kind=alert.kind.value,
                community_id=ids[alert.community],
                district_id=alert.district,
                unit=alert.unit[:200],
                since=alert.since,
                detail=alert.detail[:500],
            )
        )
        of_kind[alert.kind] += 1
    StandingAlert.objects.bulk_create(rows, batch_size=BATCH)
    return KeptStanding(area, standing, now, row.pk)


def fresh_after(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(minutes=settings.SUPERVISION_FRESH_MINUTES)


@transaction.atomic
def standings_refresh_ask(*, pack: Pack, standings: list[AreaStanding]) -> int:
    """Queue a new reading of each standing not already waiting for one; how many were queued."""
    now = timezone.now()
    waiting = Q(refresh_asked_at__isnull=False, refresh_asked_at__gte=fresh_after(now))
    asked = list(
        AreaStanding.objects.filter(pk__in=[s.pk for s in standings])
        .exclude(waiting)
        .values_list("pk", "area_id")
    )
    if asked:
        AreaStanding.objects.filter(pk__in=[pk for pk, _a in asked]).update(refresh_asked_at=now)
        codes = [code for _pk, code in asked]
        transaction.on_commit(lambda: refresh_standings.enqueue(pack.id, codes))
    return len(asked)


def standings_refresh_all(*, pack: Pack, today: dt.date) -> int:
    """Every district's standing, and every smaller area's already kept, read again."""
    kept = AreaStanding.objects.filter(pack=pack.id).values("area_id")
    areas = Division.objects.filter(Q(level=Level.DISTRICT) | Q(code__in=kept)).order_by("code")
    for area in areas:
        standing_refresh(pack=pack, area=area, today=today)
    return len(areas)


@task()
def refresh_standings(pack_id: str, area_codes: list[str]) -> None:
    pack = get_pack(pack_id)
    for area in Division.objects.filter(code__in=area_codes):
        standing_refresh(pack=pack, area=area, today=timezone.localdate())
