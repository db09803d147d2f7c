"""In a real browser: a city official asks for a five-year plan, watches it queued, reads the
solved plan with its bound and the score of each community, copies it with less money,
compares the two side by side, and adopts the first year of one as the annual plan."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.ledger import LedgerBook
from anju.planning.tests.cases import POOR_ALL, POOR_ONE, codes, set_up
from anju.registry.models import Community
from tests.browser.test_registry_pages import _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _solve_queued() -> None:
    """The worker, as `anju db_worker` runs it beside the server, draining the queue once."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _budgets(page: Page, amounts: dict[int, str]) -> None:
    """The budget table filled a year a row, as an official types it, the other rows emptied."""
    rows = page.locator("table[aria-labelledby=budgets-heading] tbody tr")
    for i in range(rows.count()):
        year, amount = list(amounts.items())[i] if i < len(amounts) else ("", "")
        rows.nth(i).get_by_label(f"第{i + 1}行：年度").fill(str(year))
        rows.nth(i).get_by_label(f"第{i + 1}行：预算（万元）").fill(amount)


def test_ask_for_a_plan_read_it_change_the_money_and_compare(
    page: Page, live_server: object, city: LedgerBook, city_user: User
) -> None:
    chosen = codes(city, 3)
    set_up(
        city,
        {chosen[0]: (1985, POOR_ALL), chosen[1]: (1995, POOR_ONE), chosen[2]: (1990, POOR_ALL)},
    )
    oldest = Community.objects.get(code=chosen[0]).name
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "city")

    page.get_by_role("link", name="改造计划").click()
    page.get_by_role("link", name="新建方案").click()
    page.get_by_label("名称", exact=True).fill("五年计划")
    page.locator("#id_pack").select_option("national-2020")
    page.get_by_label("起始年度").fill("2026")
    page.get_by_label("截止年度").fill("2027")
    _budgets(page, {2026: "100000", 2027: "100000"})
    page.get_by_role("button", name="求解此方案").click()
    expect(page.get_by_text("方案已排队求解")).to_be_visible()
    expect(page.get_by_text("从登记册中选取候选小区")).to_be_visible()

    _solve_queued()
    expect(page.get_by_role("heading", name="最优计划")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("与已证明上界的差距")).to_be_visible()
    expect(
        page.get_by_text("2001 年前建成的 3 个候选小区最早可于 2026 年底前全部开工")
    ).to_be_visible()
    row = page.get_by_role("row").filter(has_text=oldest)
    expect(row).to_contain_text("2026")
    row.get_by_text("缺少").click()
    expect(row.get_by_role("cell", name="设施状况与安全隐患")).to_be_visible()

    page.get_by_role("link", name="复制并调整").click()
    expect(page.get_by_label("名称", exact=True)).to_have_value("五年计划（调整）")
    _budgets(page, {2026: "1", 2027: "100000"})
    page.get_by_role("button", name="求解此方案").click()
    _solve_queued()
    expect(page.get_by_role("heading", name="最优计划")).to_be_visible(timeout=10_000)

    page.locator("select[name=b]").select_option(label="五年计划")
    page.get_by_role("button", name="对比").click()
    expect(page.get_by_role("heading", name="方案对比")).to_be_visible()
    moved = page.get_by_role("row").filter(has_text=oldest)
    expect(moved).to_contain_text("2027")
    expect(moved).to_contain_text("2026")

    page.get_by_role("link", name="五年计划", exact=True).click()
    page.get_by_role("combobox", name="年度").select_option("2026")
    page.get_by_role("textbox", name="备注").fill("第一批")
    page.get_by_role("button", name="确定为年度计划").click()
    expect(page.get_by_text("已确定为2026年度计划（第 1 版）")).to_be_visible()
    # in the plan, the project still stands where it was and walks on by its own gates
    expect(page.get_by_role("row").filter(has_text=oldest)).to_contain_text("项目储备")
