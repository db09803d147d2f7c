"""In a real browser: an official reads a community's eligibility with its clauses, records its
condition, edits the proposed content list and sees the estimate in 万元 follow; then compares
two cities' packs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.assessment.selectors import content_lines
from anju.core.content_list import estimate, wan
from anju.policy.library import get_pack
from anju.registry.models import Community
from tests.browser.test_registry_pages import _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_assess_propose_edit_and_estimate(
    page: Page, live_server: object, hualong_user: User, hualong_community: Community
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "hualong")
    page.goto(f"{base}/registry/communities/{hualong_community.code}/?year=2020")
    expect(page.get_by_role("heading", name="改造资格")).to_be_visible()
    expect(page.locator(".reasons").first).to_contain_text("濮政办〔2020〕31号 二（一）")

    page.get_by_role("link", name="现状评价").click()
    page.get_by_label("供水", exact=True).select_option(label="老化破损或不足")
    page.get_by_label("道路", exact=True).select_option(label="缺失")
    page.get_by_label("养老", exact=True).select_option(label="缺失")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：3 项设施有变化。")).to_be_visible()

    page.get_by_role("link", name="改造内容清单与投资估算").click()
    water = page.get_by_role("checkbox", name="供水设施维修改造")
    elderly = page.get_by_role("checkbox", name="养老服务")
    expect(water).to_be_checked()
    expect(elderly).not_to_be_checked()
    elderly.check()
    page.get_by_role("button", name="保存清单").click()
    expect(page.get_by_text("改造内容清单已保存。")).to_be_visible()

    _saved, lines = content_lines(hualong_community, get_pack("puyang-2020"))
    total = wan(estimate(lines).total_yuan)
    assert total > Decimal(0)
    expect(page.locator("[data-total]")).to_have_text(f"{total:,.2f}")
    assert any(line.key == "elderly_care" and line.selected for line in lines)


def test_compare_two_cities_packs(page: Page, live_server: object, city_user: User) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "city")
    page.get_by_role("link", name="政策包").click()
    page.get_by_role("link", name="政策包对比").click()
    page.locator("select[name=left]").select_option("chongqing-2021")
    page.locator("select[name=right]").select_option("hangjin-2021")
    page.get_by_role("button", name="对比").click()
    expect(page.get_by_role("heading", name="目标任务")).to_be_visible()
    expect(page.get_by_text("831个小区、2662万平方米")).to_be_visible()
