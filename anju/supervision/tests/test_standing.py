"""An area's standing is read from the records once and kept: the pages sum the kept standings,
which agree with the records; a write makes them old, and the page then shows the old reading
with its time and queues a new one; alerts page through the kept rows exactly as the records
list them; and a list's count is kept until something is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anju.accounts.models import Role, User
from anju.audit.context import Actor
from anju.core.alerts import AlertKind
from anju.core.standing import ledger_totals, merged
from anju.divisions.models import Division
from anju.policy.library import get_pack
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import AreaStanding, StandingAlert
from anju.supervision.selectors.alerts import alerts_for
from anju.supervision.selectors.ledger import ledger_projects, project_cells
from anju.supervision.selectors.standing import StandingAlerts, standing_areas, user_standings
from anju.supervision.services.records import publicity_report_add
from anju.testing import CITY, HUALONG, QINGFENG, SYSTEM, WORKER, run_worker
from anju.web.paging import count_of

HANGJIN = get_pack("hangjin-2021")


def test_a_city_official_s_areas_are_the_city_s_districts_and_a_street_s_its_own(
    city: Any, make_user: Callable[..., User]
) -> None:
    districts = [d.code for d in Division.objects.filter(level=3).order_by("code")]
    street = Community.objects.filter(district_id=HUALONG).order_by("code").first().street
    assert [d.code for d in standing_areas(make_user("c", CITY, Role.CITY_BUREAU))] == districts
    assert [d.code for d in standing_areas(make_user("h", HUALONG, Role.DISTRICT))] == [HUALONG]
    assert [d.code for d in standing_areas(make_user("s", street.code, Role.STREET))] == [
        street.code
    ]
    both = make_user("b", HUALONG, Role.DISTRICT)
    both.memberships.create(division_id=street.code, role=Role.STREET)
    assert [d.code for d in standing_areas(both)] == [HUALONG]
    assert [d.code for d in standing_areas(None)] == districts


def test_the_city_s_standings_add_up_to_what_its_records_say(
    troubled: dict[str, Community], city_user: User
) -> None:
    today = timezone.localdate()
    stood = user_standings(city_user, HANGJIN, today)
    assert len(stood) == Division.objects.filter(level=3).count()
    cells = merged(cell for s in stood for cell in s.standing.cells)
    assert cells == project_cells(city_user)
    assert ledger_totals(cells).registered == ledger_projects(city_user).count()
    live = alerts_for(city_user, HANGJIN, today)
    kept = {k: sum(s.standing.alerts.get(k, 0) for s in stood) for k in AlertKind}
    assert kept == {k: sum(1 for a in live if a.kind == k) for k in AlertKind}
    assert StandingAlert.objects.count() == len(live)


def test_alerts_page_through_the_kept_rows_as_the_records_list_them(
    troubled: dict[str, Community], city_user: User
) -> None:
    today = timezone.localdate()
    stood = user_standings(city_user, HANGJIN, today)
    live = alerts_for(city_user, HANGJIN, today)
    everything = StandingAlerts(stood)
    assert len(everything) == len(live)
    rows = [row for start in range(0, len(live), 3) for row in everything[start : start + 3]]
    assert [(r.kind, r.community.code) for r in rows] == [(a.kind.value, a.community) for a in live]
    funds = StandingAlerts(stood, AlertKind.FUND_BELOW_LINE)
    expected = [a.community for a in live if a.kind == AlertKind.FUND_BELOW_LINE]
    assert len(funds) == len(expected) > 2
    assert [r.community.code for r in funds[1:3]] == expected[1:3]
    assert funds[len(expected) - 1].community.code == expected[-1]


@WORKER
def test_after_a_write_the_page_shows_the_kept_reading_and_the_worker_reads_it_again(
    hualong_community: Community,
    city_user: User,
    logged_in: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = logged_in("city")
    Project.objects.create(community=hualong_community, plan_year=2026, stage="planned")
    first = client.get("/supervision/?year=2026").content.decode()
    assert AreaStanding.objects.filter(area_id=HUALONG).exists()
    assert "data-as-of" in first
    hualong = Division.objects.get(code=HUALONG)
    with django_capture_on_commit_callbacks(execute=True):
        publicity_report_add(
            actor=Actor(user=city_user, origin="test"),
            district=hualong,
            sent_on=timezone.localdate(),
            title="简报",
        )
        client.get("/supervision/assessment/")
    queued = DBTaskResult.objects.filter(task_path__endswith="refresh_standings")
    assert queued.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/supervision/")  # already asked for: not asked twice
    assert queued.count() == 1
    kept = AreaStanding.objects.get(area_id=HUALONG)
    assert '"publicity_reports": 0' in kept.data
    run_worker()
    kept.refresh_from_db()
    assert '"publicity_reports": 1' in kept.data and kept.refresh_asked_at is None


def test_a_reading_of_another_day_is_read_again(
    hualong_community: Community, city_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    user_standings(city_user, HANGJIN, today - timedelta(days=1))
    AreaStanding.objects.update(as_of=today - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        user_standings(city_user, HANGJIN, today)
    assert AreaStanding.objects.filter(refresh_asked_at__isnull=False).count() == 6


def test_the_timer_reads_every_district_and_every_kept_smaller_area(
    hualong_community: Community, make_user: Callable[..., User]
) -> None:
    street = make_user("street", hualong_community.street_id, Role.STREET)
    user_standings(street, HANGJIN, timezone.localdate())
    call_command("refresh-supervision", "--policy", "hangjin-2021", stdout=None)
    kept = set(AreaStanding.objects.values_list("area_id", flat=True))
    assert kept == {*Division.objects.filter(level=3).values_list("code", flat=True)} | {
        hualong_community.street_id
    }


def test_the_dashboard_of_a_whole_city_costs_a_fixed_few_queries(
    troubled: dict[str, Community], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    client.get("/supervision/?policy=hangjin-2021")  # reads and keeps the standings
    for community in Community.objects.filter(project__isnull=True)[:5]:
        Project.objects.create(community=community, stage=ProjectStage.PLANNED, plan_year=2026)
    with CaptureQueriesContext(connection) as seen:
        client.get("/supervision/?policy=hangjin-2021")
    assert len(seen) <= 8


@pytest.mark.django_db
def test_a_list_is_counted_once_until_something_is_written(city: Any) -> None:
    communities = Community.objects.filter(district_id=HUALONG)
    counted = count_of(communities)
    Community.objects.filter(pk=communities.first().pk).update(district_id=QINGFENG)
    assert count_of(communities) == counted  # kept: nothing was written through Anju
    publicity_report_add(
        actor=SYSTEM, district=Division.objects.get(code=HUALONG), sent_on=date.today(), title="x"
    )
    assert count_of(communities) == counted - 1
    assert count_of(communities.none()) == 0
