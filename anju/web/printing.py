"""Printing a page to PDF with the Chromium Anju's pages are tested in (Debian's package, never a
downloaded browser). It draws the charts with the same vendored ECharts as the pages, so a
printed chart is the chart on the screen, and it embeds the outline of every glyph it used, so
the file prints right on a machine without Chinese fonts.

The page is set in the bureau's fonts where the server has them, else in the Noto CJK fonts Anju
installs, cut down to the characters the page holds and
served to it as web fonts. Whole, those fonts draw the Kangxi radicals (⼀, ⻰ …) with the same
glyphs as the ideographs (一, 龙 …), and Chromium, asked which character a glyph stands for,
names the lowest code point, the radical: text copied or searched in the PDF would read 华⻰区
where it shows 华龙区. Cut down, each glyph stands for the one character the page used it for;
and a few small fonts travel to the browser far faster than the whole ones would.
"""

from __future__ import annotations

import functools
import io
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The page is served from an address of its own, answered inside the browser: nothing it asks
# for leaves the machine, and its relative addresses (fonts/…, static/…) resolve there.
ORIGIN = "http://print.anju.invalid/"
# Each font the page may ask for: the bureau's own (settings.DOCUMENT_FONTS, by its part of the
# document) where the server has it installed, else the free Noto CJK face Anju installs.
FONTS = {
    "title.otf": ("title", "Noto Serif CJK SC:style=Bold"),
    "heading.otf": ("heading", "Noto Sans CJK SC:style=Bold"),
    "body.otf": ("body", "Noto Serif CJK SC:style=Regular"),
    "sans.otf": (None, "Noto Sans CJK SC:style=Regular"),
}
STATIC = ("vendor/echarts/echarts.min.js", "web/charts.js")
RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals


class PrintingError(RuntimeError):
    """Chromium or the fonts are missing, or Chromium failed; the message says which."""


@dataclass(frozen=True, slots=True)
class Printed:
    pdf: bytes
    pictures: dict[str, bytes]  # each [data-chart] element drawn as a PNG, by its key


def chromium() -> str:
    return str(settings.CHROMIUM)


def _system_font(pattern: str) -> tuple[Path, int]:
    family = pattern.split(":")[0]
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}\t%{index}\t%{family}", pattern],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise PrintingError(
            _("The fonts cannot be looked up ({family}): {error}").format(
                family=family, error=error
            )
        ) from error
    path, index, families = found.split("\t", 2)
    if family not in families.split(","):
        raise PrintingError(
            _("The font {family} is not installed (Debian's fonts-noto-cjk).").format(family=family)
        )
    return Path(path), int(index)


def _patterns() -> tuple[tuple[str, tuple[str, ...]], ...]:
    own = settings.DOCUMENT_FONTS
    return tuple(
        (name, ((own[part],) if part and own.get(part) else ()) + (fallback,))
        for name, (part, fallback) in FONTS.items()
    )


@functools.cache
def _system_fonts(
    patterns: tuple[tuple[str, tuple[str, ...]], ...],
) -> dict[str, tuple[Path, int]]:
    return {name: _first_installed(candidates) for name, candidates in patterns}


def _first_installed(candidates: tuple[str, ...]) -> tuple[Path, int]:
    for pattern in candidates[:-1]:
        try:
            return _system_font(pattern)
        except PrintingError:
            continue
    return _system_font(candidates[-1])


def print_font(name: str, text: str) -> bytes:
    """The font ``name`` of FONTS cut down to the characters of ``text``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source, index = _system_fonts(_patterns())[name]
    font = TTFont(source, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "VORG", "vhea", "vmtx"]
    cutter = subset.Subsetter(options)
    cutter.populate(text=text)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _characters(html: str) -> str:
    """Every character the page may show: its text with entities decoded, the chart data that
    json_script writes as \\u escapes, and the ASCII the charts write their numbers in."""
    decoded = unescape(html)
    escaped = {chr(int(code, 16)) for code in re.findall(r"\\u([0-9a-fA-F]{4})", decoded)}
    return "".join(sorted(set(decoded) | escaped | set(map(chr, range(0x20, 0x7F)))))


def _answer(url: str, html: str, fonts: dict[str, bytes]) -> tuple[bytes, str] | None:
    path = urlsplit(url).path.lstrip("/")
    if url == ORIGIN:
        return html.encode(), "text/html; charset=utf-8"
    folder, _slash, name = path.partition("/")
    if folder == "fonts" and name in fonts:
        return fonts[name], "font/otf"
    if folder == "static" and name in STATIC:
        return Path(str(finders.find(name))).read_bytes(), "text/javascript"
    return None


def print_page(html: str) -> Printed:
    """``html`` is a whole page, its styles inline, asking only for ``fonts/<name>`` of FONTS
    and ``static/<path>`` of STATIC; its charts are drawn and its fonts loaded before printing.

    Chromium is driven from a thread of its own: Playwright's synchronous driver refuses a
    thread where an event loop runs, and printing must not depend on who asks for it."""
    from playwright.sync_api import Error

    if not os.path.exists(chromium()):
        raise PrintingError(
            _("Chromium is not installed at {path} (Debian's chromium).").format(path=chromium())
        )
    text = _characters(html)
    fonts = {name: print_font(name, text) for name in FONTS}
    with ThreadPoolExecutor(max_workers=1) as printer:
        try:
            return printer.submit(_print, html, fonts).result()
        except Error as error:
            raise PrintingError(
                _("Chromium could not print the page: {error}").format(error=error.message)
            ) from error


def _print(html: str, fonts: dict[str, bytes]) -> Printed:
    from playwright.sync_api import Route, sync_playwright

    def serve(route: Route) -> None:
        answer = _answer(route.request.url, html, fonts)
        if answer is None:
            route.abort()
        else:
            route.fulfill(body=answer[0], content_type=answer[1])

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(device_scale_factor=2)
            page.route("**/*", serve)
            page.goto(ORIGIN, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            pictures = {
                str(chart.get_attribute("data-chart")): chart.screenshot(type="png")
                for chart in page.locator("[data-chart]").all()
            }
            pdf = page.pdf(
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
            )
        finally:
            browser.close()
    return Printed(pdf, pictures)
