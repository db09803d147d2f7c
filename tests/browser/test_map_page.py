"""The map in a real browser: the city bureau sees every community as a point coloured by where
its project stands, the legend counts them, a point chosen opens its community, and nothing is
fetched from another host (no base map)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.ledger import LedgerBook
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.testing import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WHERE = """(code) => {
  const element = document.querySelector("[data-map]");
  element.scrollIntoView({block: "center"});  // a point below the fold takes no click
  const chart = echarts.getInstanceByDom(element);
  const series = chart.getOption().series;
  for (let n = 0; n < series.length; n++) {
    const point = series[n].data.find((p) => p[3] === code);
    if (point) {
      const [x, y] = chart.convertToPixel({seriesIndex: n}, [point[0], point[1]]);
      const box = element.getBoundingClientRect();
      return [box.left + x, box.top + y];
    }
  }
  return null;
}"""


def test_the_city_sees_its_communities_by_stage_and_opens_one_from_its_point(
    page: Page, live_server: object, city: LedgerBook, city_user: User, requests_seen: list[str]
) -> None:
    building = Community.objects.exclude(longitude=None).order_by("code").first()
    assert building is not None
    Project.objects.create(community=building, stage=ProjectStage.CONSTRUCTION)
    placed = Community.objects.exclude(longitude=None).count()
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/map/")
    page.get_by_label("用户名").fill("city")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("[data-map]")).to_have_attribute("data-drawn", str(placed))
    legend = page.locator("#map-legend")
    expect(legend.locator('tr[data-category="construction"]')).to_contain_text("施工")
    expect(legend.locator('tr[data-category="construction"] td.num')).to_have_text("1")
    expect(legend.locator('tr[data-category="none"] td.num')).to_have_text(str(placed - 1))
    x, y = page.evaluate(WHERE, building.code)
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(rf"/registry/communities/{building.code}/$"))
    host = urlparse(base).netloc
    assert requests_seen and all(
        urlparse(url).netloc == host for url in requests_seen if not url.startswith("data:")
    )
