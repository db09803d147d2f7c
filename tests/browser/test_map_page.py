"""The map in a real browser: the city bureau sees every community as a point coloured by where
its project stands, the legend counts them, a point chosen opens its community, and nothing is
fetched from another host (no base map)."""

from __future__ import annotations

import base64
import math
import random
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from anju.accounts.models import User
from anju.core.ledger import LedgerBook
from anju.core.map_columns import columns
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.testing import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# where a place is drawn on the screen, in the page's Web Mercator
WHERE = """([lng, lat]) => {
  const element = document.querySelector("[data-map]");
  element.scrollIntoView({block: "center"});  // a point below the fold takes no click
  const chart = echarts.getInstanceByDom(element);
  const y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
  const [px, py] = chart.convertToPixel({gridIndex: 0}, [lng, y]);
  const box = element.getBoundingClientRect();
  return [box.left + px, box.top + py];
}"""


def at(community: Community) -> list[float]:
    return [float(community.longitude), float(community.latitude)]  # type: ignore[arg-type]


SHOWN = """() => echarts.getInstanceByDom(document.querySelector("[data-map]"))
  .getOption().series[0].data.length"""
# zoomed on a point until a few dozen metres fill the map, and drawn again
ZOOM_ON = """([lng, lat]) => new Promise((done) => {
  const element = document.querySelector("[data-map]");
  const chart = echarts.getInstanceByDom(element);
  const y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
  element.addEventListener("map-drawn", done, {once: true});
  chart.dispatchAction({type: "dataZoom", batch: [
    {dataZoomIndex: 0, startValue: lng - 0.0002, endValue: lng + 0.0002},
    {dataZoomIndex: 1, startValue: y - 0.0002, endValue: y + 0.0002}]});
})"""


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
    x, y = page.evaluate(WHERE, at(building))
    page.mouse.move(x, y)  # its name, asked for once pointed at
    expect(page.locator("[data-map]")).to_contain_text(f"{building.name} {building.code}")
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(rf"/registry/communities/{building.code}/$"))
    host = urlparse(base).netloc
    assert requests_seen and all(
        urlparse(url).netloc == host for url in requests_seen if not url.startswith("data:")
    )


PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@contextmanager
def tile_server() -> Iterator[tuple[str, list[str]]]:
    """A deployment's own tile server on another port: every tile one grey pixel."""
    asked: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()


# every tile the map placed has been fetched
ALL_TILES = """() => {
  const option = echarts.getInstanceByDom(document.querySelector("[data-map]")).getOption();
  const placed = option.graphic && option.graphic[0] ? option.graphic[0].elements.length : 0;
  const fetched = performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".png"));
  return placed > 0 && fetched.length >= placed;
}"""


def _tile(lng: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    phi = math.radians(lat)
    return int((lng + 180) / 360 * n), int((1 - math.asinh(math.tan(phi)) / math.pi) / 2 * n)


def test_a_deployment_s_own_tiles_lie_under_the_points_and_nothing_else_is_fetched(
    page: Page,
    live_server: object,
    city: LedgerBook,
    city_user: User,
    requests_seen: list[str],
    settings: object,
) -> None:
    with tile_server() as (tile_host, asked):
        settings.MAP_TILES = f"http://{tile_host}/{{z}}/{{x}}/{{y}}.png"  # type: ignore[attr-defined]
        settings.MAP_TILES_NOTE = "底图：濮阳市天地图节点，审图号 豫PY（2026）001号"  # type: ignore[attr-defined]
        base = live_server.url  # type: ignore[attr-defined]
        page.goto(f"{base}/map/")
        page.get_by_label("用户名").fill("city")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        placed = Community.objects.exclude(longitude=None)
        expect(page.locator("[data-map]")).to_have_attribute("data-drawn", str(placed.count()))
        expect(page.locator("[data-tiles-note]")).to_contain_text("审图号 豫PY（2026）001号")
        page.wait_for_function(ALL_TILES)
        tiles = {tuple(map(int, path.removesuffix(".png").split("/")[1:])) for path in asked}
    assert tiles and len({z for z, _x, _y in tiles}) == 1
    [z] = {z for z, _x, _y in tiles}
    assert 5 <= z <= 14  # a city on a screen: neither the world nor a street corner
    for c in placed:
        assert (z, *_tile(float(c.longitude), float(c.latitude), z)) in tiles, c.code  # type: ignore[arg-type]
    hosts = {urlparse(url).netloc for url in requests_seen if not url.startswith("data:")}
    assert hosts == {urlparse(base).netloc, tile_host}


def test_a_crowded_map_draws_one_point_a_cell_and_every_point_once_zoomed_in(
    page: Page, live_server: object, city: LedgerBook, city_user: User
) -> None:
    """Twenty thousand points on a few hundred metres: drawn one to a cell of two pixels, and
    each again, clickable, once the official zooms in on it."""
    rng = random.Random(7)
    points = [
        (
            round(115.0 + rng.uniform(0, 0.004), 6),
            round(35.7 + rng.uniform(0, 0.004), 6),
            0,
            f"4109020010{n:05d}",
        )
        for n in range(20_000)
    ]
    wanted = points[12_345]
    answer = {
        "categories": [{"key": "none", "label": "尚无项目", "colour": "#7F7F7F", "count": 20_000}],
        "points": columns(points),
        "unplaced": 0,
        "resources": {"points": [], "labels": ["尚未使用的存量资源", "已使用的存量资源"]},
        "outlines": [],
        "map_numbers": [],
    }
    page.route("**/map/points.json*", lambda route: route.fulfill(json=answer))
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/map/")
    page.get_by_label("用户名").fill("city")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("[data-map]")).to_have_attribute("data-drawn", "20000")
    drawn = page.evaluate(SHOWN)
    assert 0 < drawn < 20_000
    page.evaluate(ZOOM_ON, [wanted[0], wanted[1]])
    x, y = page.evaluate(WHERE, [wanted[0], wanted[1]])
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(rf"/registry/communities/{wanted[3]}/$"))
