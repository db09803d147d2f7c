"""Every page of the demo city, as every role reaches it, checked by axe-core against WCAG 2.2
A and AA in Chromium: no serious or critical violation anywhere. Staff pages are read on an
office screen, residents' pages on a phone, where most owners open them."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page

from anju.accounts.models import User
from anju.participation.models import Poll
from anju.participation.services import ballot_slip_reprint
from anju.testing import SYSTEM
from tests.crawl import Shape, walk
from tests.test_demo_walk import DEMO

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
STANDARDS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
OFFICE = {"width": 1366, "height": 768}
# WCAG 1.4.10: content reflows into 320 CSS pixels (a 1280-pixel screen at 400 %), which is
# also the narrowest phone in residents' hands
PHONE = {"width": 320, "height": 640}
# what sticks out past the screen's right edge, outermost first; a region that scrolls on its
# own (a wide table in its frame, the menu) keeps its insides to itself
WIDER = """() => {
  const edge = window.innerWidth + 1;
  if (document.documentElement.scrollWidth <= edge) return [];
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const parent = el.parentElement;
    if (el.getBoundingClientRect().right <= edge) continue;
    if (parent !== document.body && parent.getBoundingClientRect().right > edge) continue;
    let framed = false;
    for (let up = parent; up && up !== document.body; up = up.parentElement) {
      framed ||= getComputedStyle(up).overflowX !== "visible";
    }
    if (framed) continue;
    out.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") +
      (el.id ? "#" + el.id : ""));
  }
  return out.slice(0, 3);
}"""
RESIDENTS = ("committee", "owner", None)  # None: someone not signed in
CHECK = """async (tags) => {
  const found = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return found.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; "));
}"""


def _violations(page: Page) -> list[str]:
    page.add_script_tag(path=AXE)
    found: list[str] = page.evaluate(CHECK, STANDARDS)
    return found


def _ballot_links() -> list[str]:
    """A fresh code for a household that has not answered, in each poll open in the demo: the
    ballots and questionnaires residents fill in on their phones."""
    now = timezone.now()
    links = []
    for poll in Poll.objects.filter(
        published_at__isnull=False, opens_at__lte=now, closes_at__gt=now
    ):
        elector = poll.electors.exclude(responses__isnull=False).order_by("pk").first()
        if elector is not None:
            links.append(f"/v/{ballot_slip_reprint(actor=SYSTEM, elector=elector)}/")
    return links


def test_no_page_of_the_demo_has_a_serious_accessibility_violation(
    browser: Browser, live_server: object
) -> None:
    call_command("demo-data", *DEMO, stdout=StringIO())
    base = live_server.url  # type: ignore[attr-defined]
    ballots = _ballot_links()
    assert ballots
    names = list(User.objects.order_by("id").values_list("username", flat=True))
    # each shape of page is checked once, for the first role that reaches it on its screen
    shapes: dict[bool, Counter[Shape]] = {True: Counter(), False: Counter()}
    problems = []
    opened: Counter[str] = Counter()
    for name in ["city", *[n for n in names if n != "city"], None]:
        resident = name in RESIDENTS
        client = Client(raise_request_exception=False)
        if name:
            client.force_login(User.objects.get(username=name))
        starts = ["/"] if name else ["/", "/v/", "/s/", *ballots]
        pages = walk(client, starts, shapes[resident]).pages
        context = browser.new_context(
            bypass_csp=True,  # axe is put into the page as a script of its own
            locale="zh-CN",
            viewport=PHONE if resident else OFFICE,
        )
        page = context.new_page()
        for address in pages:
            # the browser carries the session the walk's client had on that page
            if cookie := client.cookies.get(settings.SESSION_COOKIE_NAME):
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}]
                )
            page.goto(base + address)
            opened["phone" if resident else "office"] += 1
            problems += [f"{name or 'anyone'} {address}: {v}" for v in _violations(page)]
            if resident and (wide := page.evaluate(WIDER)):
                problems.append(f"{name or 'anyone'} {address}: wider than 320 px: {wide}")
        context.close()
    assert opened["office"] > 60 and opened["phone"] > 8, opened
    assert not problems, "\n".join(problems)
