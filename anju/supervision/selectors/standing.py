"""Handing each page the standings that make up its user's area, kept by
anju.supervision.services.standings.

A province's dashboard would otherwise read every project, alert and evaluation of the
province on every visit. Instead each district's standing — and the standing of any smaller area
an official oversees — is read once and kept; a page sums the kept ones. A kept standing grows
old when anything has been written since it was read (every write leaves an audit entry, so
one indexed look-up tells), when the day changes, and after ``SUPERVISION_FRESH_MINUTES`` in
any case; a page shows an old one with the time it was read and asks the worker to read it
again. One never read is read there and then; officials may ask for a new reading; and
`anju refresh-supervision` reads them all, from a timer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, overload

from django.db.models import F
from django.utils import timezone

from anju.accounts.jurisdiction import ALL, scopes, within
from anju.audit.models import AuditEntry
from anju.core.access import Capability
from anju.core.alerts import SEVERITY, AlertKind
from anju.core.divisions import Level, level_of, prefix_of
from anju.core.policy_pack import Pack
from anju.core.standing import standing_from_json
from anju.divisions.models import Division
from anju.registry.models import Community
from anju.supervision.models import AreaStanding, StandingAlert
from anju.supervision.services.standings import (
    KeptStanding,
    fresh_after,
    standing_refresh,
    standings_refresh_ask,
)
from anju.web.paging import Counted, Order, ReadWhenShown, ordered


def standing_areas(user: Any) -> list[Division]:
    """The areas whose standings add up to the user's area: the districts of whatever they
    oversee from a district up, and their own division below that."""
    codes = scopes(user, Capability.REGISTRY_VIEW)
    if codes is ALL:
        return list(Division.objects.filter(level=Level.DISTRICT).order_by("code"))
    found: dict[str, Division] = {}
    narrow = [code for code in codes if level_of(code) > Level.DISTRICT]
    queries = [
        Division.objects.filter(within("code", code), level=Level.DISTRICT)
        for code in codes
        if level_of(code) <= Level.DISTRICT
    ]
    if narrow:
        queries.append(Division.objects.filter(code__in=narrow))
    for query in queries:  # one by one: each a range of the index, where OR-ed they are not
        for division in query:
            found[division.code] = division
    # a street inside a district the user oversees whole adds nothing of its own
    return sorted(
        (
            d
            for d in found.values()
            if d.level == Level.DISTRICT or d.code[:6].ljust(12, "0") not in found
        ),
        key=lambda d: d.code,
    )


def area_standings(areas: list[Division], pack: Pack, today: dt.date) -> list[KeptStanding]:
    """The areas' kept standings; one never read is read now, an old one is shown and read
    again by the worker."""
    rows = {r.area_id: r for r in AreaStanding.objects.filter(pack=pack.id, area__in=areas)}
    now = timezone.now()
    written = AuditEntry.objects.last_write()
    old = [
        r
        for r in rows.values()
        if r.as_of < today
        or r.computed_at < fresh_after(now)
        or (written is not None and written > r.computed_at)
    ]
    if old:
        standings_refresh_ask(pack=pack, standings=old)
    return [
        KeptStanding(a, standing_from_json(row.data), row.computed_at, row.pk)
        if (row := rows.get(a.code)) is not None
        else standing_refresh(pack=pack, area=a, today=today)
        for a in areas
    ]


def user_standings(user: Any, pack: Pack, today: dt.date) -> list[KeptStanding]:
    return area_standings(standing_areas(user), pack, today)


def standing_alert_kinds(stood: list[KeptStanding]) -> dict[int, set[str]]:
    """The kinds of alert each community has in these standings, by its primary key."""
    found: dict[int, set[str]] = {}
    for community, kind in StandingAlert.objects.filter(
        standing__in=[s.pk for s in stood]
    ).values_list("community_id", "kind"):
        found.setdefault(community, set()).add(kind)
    return found


ALERT_ORDERS: dict[str, Order] = {"since": F("since")}


class StandingAlerts(Sequence[StandingAlert]):
    """Every alert of some standings in the order of the alerts page, for the paginator: kind by
    kind, the most severe first (core.alerts.SEVERITY: those that call a district in for an
    interview), area by area within a kind. Each standing knows how many alerts of each kind it
    holds, so a page is read from the one or two standings it falls in, by their numbers among
    their kind, without counting or sorting them all."""

    def __init__(
        self, stood: list[KeptStanding], kind: AlertKind | None = None, severest_first: bool = True
    ) -> None:
        areas = sorted(stood, key=lambda s: s.area.code)
        kinds = [kind] if kind else list(SEVERITY if severest_first else reversed(SEVERITY))
        self.parts = [
            (s.pk, k, n) for k in kinds for s in areas if (n := s.standing.alerts.get(k, 0))
        ]

    def __len__(self) -> int:
        return sum(n for _pk, _kind, n in self.parts)

    @overload
    def __getitem__(self, index: int) -> StandingAlert: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[StandingAlert]: ...
    def __getitem__(self, index: int | slice) -> StandingAlert | Sequence[StandingAlert]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        return ReadWhenShown(lambda: self._read(index))

    def _read(self, index: slice) -> list[StandingAlert]:
        start, stop, _step = index.indices(len(self))
        found: list[StandingAlert] = []
        for pk, kind, n in self.parts:
            if start < n and stop > 0:
                found += (
                    StandingAlert.objects.filter(
                        standing_id=pk,
                        kind=kind.value,
                        kind_position__gte=max(start, 0),
                        kind_position__lt=min(stop, n),
                    )
                    .select_related("community__district")
                    .order_by("kind_position")
                )
            start, stop = start - n, stop - n
        return found


def alerts_sorted(
    stood: list[KeptStanding], kind: AlertKind | None, asked: str
) -> Sequence[StandingAlert]:
    """The alerts of some standings in the order a header asks for (``sort``): by kind, the
    most severe first (or last), read page by page (StandingAlerts); or by how long they have
    stood, read off the alerts' indexes, an alert without a date last either way."""
    if asked.removeprefix("-") not in ALERT_ORDERS:
        return StandingAlerts(stood, kind, severest_first=asked != "-kind")
    rows = StandingAlert.objects.filter(standing__in=[s.pk for s in stood])
    if kind:
        rows = rows.filter(kind=kind.value)
    return Counted(
        ordered(rows.select_related("community__district"), asked, ALERT_ORDERS, "since")
    )


def standings_covering(*, pack: Pack, community: Community) -> list[AreaStanding]:
    """The kept standings a change to the community's records makes old."""
    code = community.division_id
    return [
        row
        for row in AreaStanding.objects.filter(pack=pack.id).select_related("area")
        if code.startswith(prefix_of(row.area_id))
    ]
