"""What an official does in a real browser: log in, list, filter, open a community, upload a
ledger with a bad row and read the report. No page may reach any other host."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.ledger import COMMUNITY_SHEET, LedgerBook, headers
from anju.registry.models import Community
from anju.registry.tests.workbooks import bureau_ledger, write_xlsx
from anju.testing import PASSWORD, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/registry/communities/")
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="小区")).to_be_visible()


def _send(page: Page, path: Path, queued: bool = False) -> None:
    """Send a ledger on the import page and let the worker import it."""
    page.get_by_label("台账文件", exact=False).set_input_files(str(path))
    page.get_by_role("button", name="上传并检查").click()
    if queued:
        expect(page.get_by_role("status")).to_contain_text("排队")
    run_worker()
    page.reload()


def _assert_local_only(seen: list[str], base: str) -> None:
    host = urlparse(base).netloc
    assert seen
    foreign = [
        url
        for url in seen
        if urlparse(url).netloc not in {host} and not url.startswith(("data:", "blob:"))
    ]
    assert foreign == []


def test_an_official_logs_in_lists_filters_and_opens_a_community(
    page: Page, live_server, city: LedgerBook, city_user: User, requests_seen: list[str]
) -> None:
    _log_in(page, live_server.url, "city")
    expect(page.get_by_text("共 18 个小区")).to_be_visible()

    page.locator("select[name=district]").select_option(label="清丰县")
    page.get_by_role("button", name="筛选").click()
    expected = Community.objects.filter(district_id="410922000000").count()
    expect(page.locator("table.grid tbody tr")).to_have_count(expected)
    expect(page.locator("table.grid tbody")).not_to_contain_text("华龙区")

    first = Community.objects.filter(district_id="410922000000").order_by("code").first()
    assert first is not None
    page.get_by_role("link", name=first.name).first.click()
    expect(page.get_by_role("heading", name=first.name)).to_be_visible()
    expect(page.get_by_text("楼栋号")).to_be_visible()
    expect(page.get_by_role("heading", name="楼栋")).to_contain_text("已登记房屋")
    expect(page.get_by_role("heading", name="改造资格")).to_be_visible()

    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_load_state("networkidle")
    _assert_local_only(requests_seen, live_server.url)


def test_a_district_official_sees_only_their_district(
    page: Page, live_server, city: LedgerBook, hualong_user: User, qingfeng_community: Community
) -> None:
    _log_in(page, live_server.url, "hualong")
    expect(page.locator("table.grid tbody")).not_to_contain_text("清丰县")
    response = page.goto(f"{live_server.url}/registry/communities/{qingfeng_community.code}/")
    assert response is not None and response.status == 404


def test_uploading_a_ledger_with_a_bad_row_shows_the_report_and_imports_nothing(
    page: Page,
    live_server,
    city: LedgerBook,
    city_user: User,
    tmp_path: Path,
    requests_seen: list[str],
) -> None:
    street = Community.objects.filter(district_id="410902000000").first().street.name  # type: ignore[union-attr]
    good = dict.fromkeys(headers(COMMUNITY_SHEET), None)
    good.update(
        {
            "小区名称": "浏览器新村",
            "区县": "华龙区",
            "街道(乡镇)": street,
            "建成年份": 1990,
            "楼栋数": 3,
            "户数": 54,
            "建筑面积(平方米)": 3900.5,
            "产权性质": "房改房",
        }
    )
    bad = {**good, "小区名称": "坏行小区", "户数": "很多"}
    path = write_xlsx(
        tmp_path / "ledger.xlsx",
        {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), list(good.values()), list(bad.values())]},
    )
    before = Community.objects.count()

    _log_in(page, live_server.url, "city")
    page.get_by_role("link", name="导入台账").click()
    _send(page, path, queued=True)

    report = page.get_by_role("alert")
    expect(report).to_contain_text("发现 1 处问题，没有导入任何数据")
    row = report.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("小区")
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("户数")
    expect(row).to_contain_text("很多")
    expect(row).to_contain_text("不是整数")
    assert Community.objects.count() == before
    _assert_local_only(requests_seen, live_server.url)

    write_xlsx(path, {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), list(good.values())]})
    page.get_by_role("link", name="再导入一份台账").click()
    _send(page, path)
    expect(page.get_by_role("status")).to_contain_text("小区：新增 1 个")
    assert Community.objects.count() == before + 1


def test_the_import_page_says_how_it_read_a_bureau_s_own_ledger(
    page: Page,
    live_server,
    city: LedgerBook,
    hualong_user: User,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    path = bureau_ledger(tmp_path / "华龙区台账.xlsx")
    _log_in(page, live_server.url, "hualong")
    page.get_by_role("link", name="导入台账").click()
    _send(page, path)

    expect(page.get_by_role("status")).to_contain_text("小区：新增 2 个")
    read = page.locator("section.understood")
    expect(read.get_by_role("heading", name="台账是这样读的")).to_be_visible()
    expect(read).to_contain_text("工作表“华龙区”读作“小区”表：表头在第 2 行")
    expect(read).to_contain_text("建筑面积（万平方米）")
    expect(read).to_contain_text("每个数值 × 10000")
    expect(read).to_contain_text("序号")
    expect(read).to_contain_text("作为合计跳过的行：")
    expect(read).to_contain_text("跳过空行 1 行")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Community.objects.get(name="台账一村").floor_area == Decimal("12345.00")


def test_on_a_phone_an_official_reads_the_list_as_cards_and_still_sorts_it(
    page: Page, live_server: Any, city: LedgerBook, city_user: User
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    _log_in(page, live_server.url, "city")
    # the filters fold under their name, so the screen opens on the list
    filters = page.locator("details.fold")
    expect(filters.locator("select[name=district]")).to_be_hidden()
    first = page.locator("table.cards tbody tr").first
    name = first.locator("td[data-label=小区名称]")
    expect(name).to_be_visible()
    label = name.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"小区名称："'
    # a card, not a row of a table that runs off the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert first.bounding_box()["width"] <= 360  # type: ignore[index]
    expect(page.get_by_role("table")).to_be_visible()
    page.get_by_role("link", name="户数").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("户数")
    filters.locator("summary").click()
    filters.locator("select[name=district]").select_option(label="清丰县")
    filters.get_by_role("button", name="筛选").click()
    expect(page.locator("details.fold select[name=district]")).to_be_visible()  # still open
    expect(page.locator("table.cards tbody tr").first).to_contain_text("清丰县")
