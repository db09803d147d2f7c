"""The map (一张图) of a large area in Chromium: how long until its points are drawn, and how
long a zoom takes to draw again (DESIGN.md: a province of 20,000 points and the nation of
220,000 draw and pan smoothly).

    scripts/with-postgres .venv/bin/python bench/map_bench.py [--communities 220000] [--runs 3]

On the database ANJU_DATABASE_URL names: loads the demo registry of N communities (seed 1, no
dwellings), serves Anju with gunicorn, and opens, as the city bureau, the map of one district
and of the whole registry in Debian's Chromium. For each: the points' JSON (size and the
server's time to write it, read by a client of its own), then three times the time from opening
the page to the last point drawn (the answer now kept, as it is for every official after the
first until the next write), the time a zoom to a quarter of the area takes to draw, and the
time between frames while the map is dragged. With --reuse, the
registry already loaded is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")

from bench.dashboard_bench import DISTRICTS, officials, serve  # noqa: E402

DRAWN = """() => {
  const element = document.querySelector("[data-map]");
  return element.dataset.drawn ? performance.now() : null;
}"""
ZOOM = """() => new Promise((done) => {
  const element = document.querySelector("[data-map]");
  const chart = echarts.getInstanceByDom(element);
  const started = performance.now();
  // drawn once the page has put the points in view on the chart again
  element.addEventListener("map-drawn", () => done(performance.now() - started), {once: true});
  chart.dispatchAction({type: "dataZoom", batch: [
    {dataZoomIndex: 0, start: 25, end: 75}, {dataZoomIndex: 1, start: 25, end: 75}]});
})"""

FRAMES = """() => { window.benchFrames = []; window.benchStop = false; let last = performance.now();
  function frame(t) { window.benchFrames.push(t - last); last = t;
    if (!window.benchStop) { requestAnimationFrame(frame); } }
  requestAnimationFrame(frame); }"""


def pan(page: Page) -> list[float]:
    """The time between the frames the browser paints while an official drags the map 240
    pixels across and 120 down in 30 moves, until the points are drawn again once it settles."""
    page.locator("[data-map]").scroll_into_view_if_needed()  # a drag below the fold moves nothing
    box = page.locator("[data-map]").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.evaluate(FRAMES)
    page.mouse.down()
    for step in range(1, 31):
        page.mouse.move(x + step * 8, y + step * 4)
    page.mouse.up()
    page.wait_for_timeout(250)  # the page draws the points in view again 120 ms after the last move
    frames: list[float] = page.evaluate("window.benchStop = true; window.benchFrames")
    return frames[1:]


def build(communities: int) -> None:
    import subprocess

    anju = [sys.executable, "-m", "anju.cli"]
    for step in (
        [*anju, "migrate", "--noinput", "-v", "0"],
        [*anju, "demo-data", "--communities", str(communities), "--seed", "1", "--no-dwellings"],
    ):
        started = time.perf_counter()
        subprocess.run(step, check=True, stdout=subprocess.DEVNULL)
        print(f"{' '.join(step[3:5])}: {time.perf_counter() - started:.0f} s", flush=True)


def points_json(port: int, cookie: str, query: str) -> tuple[int, float]:
    """The size of the points' JSON and the time the server took, read apart from the page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", f"/map/points.json{query}", headers={"Cookie": cookie})
    answer = connection.getresponse()
    body = answer.read()
    assert answer.status == 200, answer.status
    return len(body), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=220_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    if not args.reuse:
        build(args.communities)
    [(cookie, _district)] = officials(1)
    from anju.registry.models import Community

    server, port = serve(1)  # one worker: the answer it writes first is the one every run reads
    try:
        from playwright.sync_api import sync_playwright

        areas = [
            (f"one district ({DISTRICTS[0]})", f"?district={DISTRICTS[0]}"),
            ("the whole registry", ""),
        ]
        print(
            f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {dt.date.today()}; "
            f"{Community.objects.count():,} communities\n"
        )
        print(
            "| map | points | JSON | server | first draw (p50) | zoom redraw (p50) "
            "| frames while panning (p50 / p90) |"
        )
        print("|---|---|---|---|---|---|---|")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for name, query in areas:
                size, served = points_json(port, cookie, query)
                draws, zooms, frames = [], [], []
                drawn_points = 0
                for _run in range(args.runs):
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    key, value = cookie.split("=", 1)
                    context.add_cookies(
                        [{"name": key, "value": value, "url": f"http://127.0.0.1:{port}"}]
                    )
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/map/{query}")
                    page.wait_for_selector("[data-map][data-drawn]", timeout=600_000)
                    draws.append(page.evaluate(DRAWN))
                    drawn_points = int(page.get_attribute("[data-map]", "data-drawn") or 0)
                    zooms.append(page.evaluate(ZOOM))
                    frames.extend(pan(page))
                    context.close()
                print(
                    f"| {name} | {drawn_points:,} | {size / 1e6:.1f} MB | {served * 1000:.0f} ms "
                    f"| {statistics.median(draws):.0f} ms | {statistics.median(zooms):.0f} ms "
                    f"| {statistics.median(frames):.0f} ms / "
                    f"{statistics.quantiles(frames, n=10)[-1]:.0f} ms |",
                    flush=True,
                )
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
