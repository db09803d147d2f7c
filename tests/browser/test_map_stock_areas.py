"""The one map as a district official uses it on the demo city, in a real browser: the map by
stage, then by elderly care; from a community's point to its content list, where the idle
building nearest it is offered and taken; then a suggested 片区 of three neighbours accepted as
one project. Every step is a link, a picker or a button; nothing is fetched from another host."""

from __future__ import annotations

from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.accounts.services import user_set_password
from anju.assessment.models import FacilityCondition
from anju.core.conditions import Condition, Facility
from anju.core.stock import HOUSED
from anju.maps.areas import suggestions
from anju.policy.library import get_pack
from anju.projects.models import BundleMember
from anju.registry.models import Community
from anju.stock.models import Resource
from anju.stock.selectors import offered
from anju.testing import HUALONG, PASSWORD, SYSTEM
from tests.browser.test_map_page import WHERE, at

pytestmark = pytest.mark.django_db(transaction=True)

# enough communities for one street of Hualong to hold a 片区 of three
CITY = ("--communities", "40", "--seed", "2026", "--users")


def test_an_official_takes_the_nearest_idle_building_and_packs_three_neighbours(
    page: Page, live_server: object, requests_seen: list[str]
) -> None:
    call_command("demo-data", *CITY, stdout=StringIO())
    official = User.objects.get(username="hualong")
    user_set_password(actor=SYSTEM, user=official, password=PASSWORD, must_change=False)
    pack = get_pack("national-2020")
    mine = Community.objects.filter(district_id=HUALONG)
    lacking = [
        c
        for c in mine.filter(
            conditions__facility=Facility.ELDERLY_CARE,
            conditions__condition=Condition.MISSING,
        ).order_by("code")
        if offered(c, [Facility.ELDERLY_CARE], pack)
    ]
    community = lacking[0]
    nearest = offered(community, [Facility.ELDERLY_CARE], pack)[0]
    base = live_server.url  # type: ignore[attr-defined]

    page.goto(f"{base}/map/")
    page.get_by_label("用户名").fill("hualong")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    placed = mine.exclude(longitude=None).count()
    expect(page.locator("[data-map]")).to_have_attribute("data-drawn", str(placed))
    legend = page.locator("#map-legend")
    expect(legend.locator('tr[data-category="construction"]')).to_contain_text("施工")
    expect(legend.locator('tr[data-category="resource-free"]')).to_be_visible()

    # by elderly care: the communities that lack it stand out, and one of them is opened
    page.get_by_label("着色依据").select_option(label="所选设施的现状")
    page.locator("select[name=facility]").select_option(label="养老")
    page.get_by_role("button", name="显示").click()
    missing = FacilityCondition.objects.filter(
        community__in=mine, facility=Facility.ELDERLY_CARE, condition=Condition.MISSING
    ).count()
    expect(legend.locator('tr[data-category="missing"] td.num')).to_have_text(str(missing))
    expect(page.locator("[data-map]")).to_have_attribute("data-drawn", str(placed))
    x, y = page.evaluate(WHERE, at(community))
    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name=community.name)).to_be_visible()

    # its content list offers the idle building nearest it; the official takes it
    page.get_by_role("link", name="改造内容清单与投资估算").click()
    stock = page.locator("[data-stock]")
    row = stock.locator("tr[data-offer]").first
    expect(row).to_have_attribute("data-offer", f"{nearest.resource.code}/elderly_care")
    expect(row).to_contain_text(nearest.resource.name)
    expect(row).to_contain_text(str(nearest.offer.distance_m))
    row.get_by_role("button", name="用于本小区").click()
    expect(page.locator(".flash.success")).to_contain_text(nearest.resource.name)
    expect(stock.locator(f'li[data-taken="{nearest.resource.code}"]')).to_contain_text("养老")
    assert Resource.objects.get(code=nearest.resource.code).taken_by == community
    assert all(
        o.resource.code != nearest.resource.code
        for c in lacking[1:]
        for o in offered(c, [Facility.ELDERLY_CARE], pack)
    )

    # a suggested 片区: the official keeps two neighbours of it and accepts the three
    page.get_by_role("link", name="一张图").first.click()
    page.get_by_role("link", name="片区建议").click()
    found = suggestions(
        mine, pack.model.areas, pack.model.stock.reach if pack.model.stock else HOUSED
    )  # type: ignore[arg-type]
    chosen = next(s for s in found if len(s.others) >= 2)
    area = page.locator(f'section[data-area="{chosen.lead.code}"]')
    expect(area).to_contain_text(chosen.lead.street.name)
    kept = [c for c, _metres in chosen.others[:2]]
    for c, _metres in chosen.others[2:]:
        area.get_by_label(f"将{c.name}打包").uncheck()
    area.get_by_role("button", name="采纳为一个项目").click()
    expect(page.locator(".flash.success")).to_contain_text(chosen.lead.name)
    bundle = page.locator("#bundle")
    for c in kept:
        expect(bundle.locator(f'li[data-bundled="{c.code}"]')).to_be_visible()
    assert sorted(
        BundleMember.objects.filter(project__community=chosen.lead).values_list(
            "community__code", flat=True
        )
    ) == sorted(c.code for c in kept)

    host = urlparse(base).netloc
    assert requests_seen and all(
        urlparse(url).netloc == host for url in requests_seen if not url.startswith("data:")
    )
