"""In a real browser: the supervision dashboard draws every chart from files Anju serves, with
the same figures in the table beside it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from tests.browser.test_registry_pages import _assert_local_only, _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dashboard_draws_its_charts_locally(
    page: Page,
    live_server: object,
    hualong_community: Community,
    city_user: User,
    requests_seen: list[str],
) -> None:
    Project.objects.create(community=hualong_community, plan_year=2021, stage=ProjectStage.PLANNED)
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "city")
    page.get_by_role("link", name="监管", exact=True).click()
    for chart in ("years", "districts", "stages", "alerts"):
        expect(page.locator(f"[data-chart=chart-{chart}] svg")).to_be_visible()
    stages = page.locator("[data-table=stages]")
    expect(stages.get_by_role("row").filter(has_text="列入年度计划")).to_contain_text("1")
    _assert_local_only(requests_seen, base)
