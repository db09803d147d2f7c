"""In a real browser: a district official reads a project's funding plan, is refused an edit
that leaves a line short, prints the household notices; an owner opens their own share on a
phone with the code from the notice; the money page draws its charts from files Anju serves."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from anju.accounts.models import User
from anju.finance.models import FundingPlan
from anju.finance.services import elevators_fit_votes
from anju.finance.tests.conftest import NATIONAL, draw_funded, passed_elevator_vote
from anju.policy.library import get_pack
from anju.registry.models import Building, Community
from anju.testing import SYSTEM
from tests.browser.test_registry_pages import _assert_local_only, _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _ready(community: Community) -> FundingPlan:
    plan = draw_funded(community)
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    return elevators_fit_votes(actor=SYSTEM, plan=plan, pack=get_pack(NATIONAL))


def test_funding_plan_notices_and_an_owners_own_share(
    page: Page,
    browser: Browser,
    live_server: object,
    hualong_community: Community,
    hualong_user: User,
    requests_seen: list[str],
) -> None:
    _ready(hualong_community)
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "hualong")
    page.goto(f"{base}/registry/communities/{hualong_community.code}/")
    page.get_by_role("link", name="资金筹措方案与分户分摊").click()
    expect(page.get_by_text("每一项均已足额筹资，精确到分。")).to_be_visible()
    # every channel's column on an office screen, none behind the frame's scroll bar
    page.set_viewport_size({"width": 1366, "height": 768})
    grid = page.locator("div.scroll:has(table.funding)")
    assert grid.evaluate("frame => frame.scrollWidth <= frame.clientWidth")

    cell = page.get_by_label("道路改造：省、市、县（区）财政资金")
    cell.fill("1.00")
    page.get_by_role("button", name="保存资金筹措方案").click()
    expect(page.get_by_text("缺口")).to_be_visible()
    page.goto(f"{base}/finance/communities/{hualong_community.code}/funding/")
    expect(page.get_by_text("每一项均已足额筹资，精确到分。")).to_be_visible()

    page.get_by_role("link", name="打印分户缴费通知（含查询码）").click()
    page.get_by_role("button", name="生成查询码").click()
    code = page.locator("[data-code]").first.inner_text()
    amount = page.locator("[data-amount]").first.inner_text()
    _assert_local_only(requests_seen, base)

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    owner = phone.new_page()
    owner.goto(f"{base}/s/")
    owner.get_by_label("查询码").fill(code.lower().replace("-", " "))
    owner.get_by_role("button", name="查询本户出资").click()
    expect(owner.locator("[data-amount]")).to_contain_text(amount)
    expect(owner.get_by_text("本户应缴")).to_be_visible()
    phone.close()


def test_the_money_page_records_a_budget_and_draws_its_charts(
    page: Page,
    live_server: object,
    hualong_community: Community,
    hualong_user: User,
    requests_seen: list[str],
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _log_in(page, base, "hualong")
    page.get_by_role("link", name="资金", exact=True).click()
    page.get_by_label("名称").fill("2026年华龙区财政资金")
    page.locator("#id_channel").select_option("local_budget")
    page.get_by_label("年度", exact=True).fill("2026")
    page.get_by_label("金额（元）").fill("5,000,000")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("link", name="2026年华龙区财政资金")).to_be_visible()
    expect(page.locator("[data-chart='chart-districts'] svg")).to_be_visible()
    expect(page.locator("[data-chart='chart-channels'] svg")).to_be_visible()
    _assert_local_only(requests_seen, base)
