"""Every list and export asks the database as many questions for many records as for few: a
page that asked once per row would pass every other test on a small city and crawl on a real
one. Each page is read as the city bureau, the city grown, and read again; the counts must
agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.accounts.models import User
from anju.audit.services import audit_record
from anju.core.ledger import LedgerBook
from anju.experts.models import Expert
from anju.finance.models import Budget, Channel, FundingPlan
from anju.participation.models import Notice, NoticeSubject, Poll, PollKind
from anju.planning.models import AnnualPlan, Scenario
from anju.projects.models import Defect, Inspection, Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import Report
from anju.testing import SYSTEM, run_worker

PAGES = (
    "/",
    "/registry/communities/",
    "/registry/ledger/export/",
    "/api/v1/registry/communities",
    "/planning/",
    "/experts/",
    "/finance/maintenance-funds/",
    "/finance/money/",
    "/finance/money/trace.xlsx",
    "/supervision/",
    "/supervision/alerts/",
    "/supervision/ledger/",
    "/supervision/ledger.xlsx",
    "/supervision/reports/",
    "/audit/",
    "/audit/log.xlsx",
    "/participation/communities/{home}/polls/",
    "/participation/communities/{home}/notices/",
)


@pytest.fixture
def grow(city: LedgerBook, city_user: User) -> Callable[[int], str]:
    """Give ``n`` more communities of the city a project under way with its funding plan, an
    inspection and an open defect; their districts a budget, an expert, a plan and a bulletin;
    and the first community one more poll and notice. Returns the first community's code."""
    communities: Iterator[Community] = iter(Community.objects.order_by("district_id", "code"))
    home = next(communities)
    now = timezone.now()
    grown = 0

    def more(n: int) -> str:
        nonlocal grown
        for _ in range(n):
            grown += 1
            community = next(communities)
            district = community.district
            project = Project.objects.create(
                community=community, plan_year=2026, stage=ProjectStage.CONSTRUCTION
            )
            FundingPlan.objects.create(project=project, pack="puyang-2020")
            inspection = Inspection.objects.create(
                project=project, kind="quality", on=now.date(), by="质监站"
            )
            Defect.objects.create(project=project, inspection=inspection, description="渗水")
            Budget.objects.create(
                name=f"预算{grown}",
                channel=Channel.LOCAL_BUDGET,
                year=2026,
                division=district,
                amount=100_000,
                created_by=city_user,
            )
            Expert.objects.create(name=f"专家{grown}", employer="设计院", division=district)
            scenario = Scenario.objects.create(
                name=f"方案{grown}",
                division=district,
                pack="puyang-2020",
                first_year=2026,
                last_year=2027,
                budgets={"2026": 1000},
                created_by=city_user,
            )
            AnnualPlan.objects.create(
                division=district, year=2026, version=grown, scenario=scenario, adopted_by=city_user
            )
            Report.objects.create(
                area=district,
                pack="puyang-2020",
                period=f"{2000 + grown}",
                kind="year",
                requested_by=city_user,
                requested_at=now,
                written_at=now,
            )
            Poll.objects.create(
                community=home,
                kind=PollKind.VOTE,
                matter="renovate",
                title=f"意见{grown}",
                opens_at=now - dt.timedelta(hours=1),
                closes_at=now + dt.timedelta(days=7),
                published_at=now,
            )
            Notice.objects.create(
                community=home,
                subject=NoticeSubject.OTHER,
                title=f"公示{grown}",
                body="内容",
                days=7,
                created_by=city_user,
            )
            audit_record(actor=SYSTEM, action="project.open", target="projects.Project")
        return home.code

    return more


def _questions(client: Client, address: str) -> int:
    cache.clear()
    assert client.get(address).status_code == 200, address  # first reads of packs and fonts
    run_worker()  # the standings the first read asked for, refreshed as the worker would
    cache.clear()
    with CaptureQueriesContext(connection) as asked:
        client.get(address)
    return len(asked.captured_queries)


# committed as the pages commit, for the worker to see what they queued
@pytest.mark.django_db(transaction=True)
def test_no_list_or_export_asks_the_database_once_per_record(
    grow: Callable[[int], str], logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    home = grow(1)
    few = {page: _questions(client, page.format(home=home)) for page in PAGES}
    grow(4)
    many = {page: _questions(client, page.format(home=home)) for page in PAGES}

    assert {p: n for p, n in many.items() if n != few[p]} == {}
