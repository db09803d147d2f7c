"""In a real browser: the supervision dashboard draws every chart from files Anju serves, with
the same figures in the table beside it; an official asks for a bulletin and downloads it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.report_periods import PeriodKind, last_ended
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.testing import CITY
from tests.browser.test_registry_pages import _assert_local_only, _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _chart_widths(page: Page, until: Callable[[list[float]], bool] = bool) -> list[float]:
    """The widths the charts are drawn at, once ``until`` holds or two seconds have passed: a
    chart is drawn again a moment after the page changes media."""
    for _ in range(20):
        widths: list[float] = page.evaluate(
            "[...document.querySelectorAll('[data-chart] svg')].map(svg => svg.width.baseVal.value)"
        )
        if until(widths):
            break
        page.wait_for_timeout(100)
    return widths


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
    # printed on A4, each chart is drawn to the sheet's width, not cut off at its edge
    assert min(_chart_widths(page)) > 900
    page.emulate_media(media="print")
    assert max(_chart_widths(page, until=lambda widths: max(widths) <= 640)) <= 640
    page.emulate_media(media="screen")
    assert min(_chart_widths(page, until=lambda widths: min(widths) > 900)) > 900
    _assert_local_only(requests_seen, base)


def test_an_official_asks_for_the_month_s_bulletin_and_downloads_it_written(
    page: Page,
    live_server: object,
    hualong_community: Community,
    city_user: User,
    settings: Any,
    tmp_path: Path,
    requests_seen: list[str],
) -> None:
    settings.MEDIA_ROOT = tmp_path
    month = str(last_ended(PeriodKind.MONTH, timezone.localdate()))
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "city")
    page.get_by_role("link", name="监管", exact=True).click()
    page.get_by_role("link", name="通报与总结").click()
    expect(page.get_by_label("期间")).to_have_value(month)
    page.get_by_role("button", name="生成", exact=True).click()
    expect(page.locator(f'[data-report="{CITY} {month}"]')).to_contain_text("等待")
    worker = Worker(  # db_worker's own loop, in a thread beside the browser this test drives
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run)
    thread.start()
    thread.join()
    # the page refreshes itself while a bulletin is waiting, as an official sees it do
    row = page.locator(f'[data-report="{CITY} {month}"]')
    expect(row).to_contain_text("已写成", timeout=20_000)
    with page.expect_download() as download:
        row.locator("[data-file=pdf]").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    _assert_local_only(requests_seen, base)
