"""The demo city walked as its users walk it: signed in as every role, every link each can
reach is followed, and each community's pages are opened under every policy pack. Any server
error, English text left untranslated, or a clause shown by Anju's identifier (§annex.1, not
附件1) on a page fails the walk, with where it was met."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from anju.accounts.models import User
from anju.policy.library import pack_choices
from anju.registry.models import Community

pytestmark = pytest.mark.django_db
DEMO = ("--communities", "12", "--seed", "2026", "--users")
# Where a walk must not go: signing out ends it, a language switch changes what it reads.
AWAY = ("/logout/", "/i18n/", "/static/", "/api/")
SAME_SHAPE = 1  # pages of one route and the same query keys opened per role
CATALOGUE = Path(__file__).resolve().parents[1] / "anju/locale/zh_Hans/LC_MESSAGES/django.po"
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}\b")
# English that belongs on a Chinese page: names of formats, products and standards.
KEPT = {"Excel 97-2003", "Word (.docx)", "Excel (.xlsx)", "Excel (.xlsm)", "OpenDocument (.ods)"}


# Not interface text: scripts, drawings, and data shown as stored (a key, an audit entry's
# record), which pages set in <code>.
DATA = ("script", "style", "svg", "code", "pre")


class _Page(HTMLParser):
    """A page's links and the text a reader sees (not scripts, styles or attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DATA:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in DATA and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def _msgids() -> set[str]:
    """The English source of every translated string of two words or more."""
    text = CATALOGUE.read_text(encoding="utf-8")
    found = set()
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        joined = "\n".join(lines)
        match = re.search(r'^msgid ((?:".*"\n?)+)', joined, re.M)
        if match:
            msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
            if " " in msgid and "%" not in msgid and "{" not in msgid:
                found.add(msgid.replace('\\"', '"'))
    return found


MSGIDS = _msgids()


def _untranslated(text: list[str]) -> list[str]:
    shown = " ".join(text)
    left = [m for m in MSGIDS if len(m) > 12 and m in shown]
    for piece in text:
        for match in ENGLISH.finditer(piece):
            if not any(kept in piece for kept in KEPT):
                left.append(match.group(0))
    return left


def _raw_keys(text: list[str]) -> list[str]:
    """Clauses named as Anju's data names them, not as their documents do."""
    return [piece for piece in text if "§" in piece]


def _shape(path: str, query: str) -> tuple[str, tuple[str, ...]] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, tuple(sorted(k for k, _v in parse_qsl(query)))


def walk(client: Client, starts: list[str]) -> list[str]:
    """Open ``starts`` and every page reachable from them by links; the problems met. Of the
    pages links lead to, those of one shape are opened at most SAME_SHAPE times."""
    problems: list[str] = []
    queue = deque(starts)
    seen: set[str] = set(starts)
    shapes: Counter[tuple[str, tuple[str, ...]] | None] = Counter()
    while queue:
        url = queue.popleft()
        answer = client.get(url)
        if answer.status_code >= 500:
            problems.append(f"{url} answered {answer.status_code}")
            continue
        if answer.status_code in (301, 302):
            nexts = [answer["Location"]]
        elif "text/html" in answer.get("Content-Type", "") and not answer.streaming:
            page = _Page()
            page.feed(answer.content.decode())
            problems += [f"{url} shows untranslated “{t}”" for t in _untranslated(page.text)]
            problems += [f"{url} shows the identifier “{t}”" for t in _raw_keys(page.text)]
            nexts = page.links
        else:
            continue
        for link in nexts:
            target = urlsplit(urljoin(url, link))
            if target.netloc not in ("", "testserver") or target.path.startswith(AWAY):
                continue
            address = target.path + (f"?{target.query}" if target.query else "")
            shape = _shape(target.path, target.query)
            if address in seen or shape is None or shapes[shape] >= SAME_SHAPE:
                continue
            seen.add(address)
            shapes[shape] += 1
            queue.append(address)
    return problems


def _community_routes() -> list[str]:
    """The address of every page of one community, as a pattern with {code}."""

    def walk_patterns(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk_patterns(pattern.url_patterns, route)
            elif re.fullmatch(r"[^<]*<(?:str:)?code>[^<]*", route) and not route.startswith(
                ("api/", "v/", "s/")  # the residents' codes, not a community's
            ):
                yield "/" + re.sub(r"<(?:str:)?code>", "{code}", route)

    return list(walk_patterns(get_resolver().url_patterns, ""))


@pytest.fixture
def demo(db: None) -> list[str]:
    call_command("demo-data", *DEMO, stdout=StringIO())
    return list(User.objects.values_list("username", flat=True))


def test_every_role_walks_the_demo_without_a_server_error_or_an_untranslated_string(
    demo: list[str],
) -> None:
    assert {"city", "finance", "auditor", "water", "hualong", "expert", "street"} <= set(demo)
    assert {"committee", "owner"} <= set(demo)
    problems = []
    for name in demo:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=name))
        problems += [f"{name}: {p}" for p in walk(client, ["/"])]
    anyone = Client(raise_request_exception=False)
    problems += [f"anyone: {p}" for p in walk(anyone, ["/", "/v/", "/s/"])]
    assert not problems, "\n".join(problems)


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def test_every_community_page_opens_under_every_policy_pack(demo: list[str]) -> None:
    """马颊河家属院's content list once answered with a server error under puyang-2020. A page
    that reads the pack is opened under each; one that does not, once."""
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="city"))
    codes = list(Community.objects.order_by("code").values_list("code", flat=True))
    packs = [pack for pack, _label in pack_choices()]
    assert "/assessment/communities/{code}/content/" in _community_routes()

    def looks(route: str, pack: str) -> bytes | None:
        answer = client.get(route.format(code=codes[0]), {"policy": pack})
        if answer.status_code == 405:
            return None
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        return TOKEN.sub(b"", body)

    addresses = []
    for route in _community_routes():
        seen = {looks(route, pack) for pack in packs[:2]}
        if seen == {None}:
            continue  # a form's target, answering only POST
        queries = [f"?{urlencode({'policy': p})}" for p in packs] if len(seen) > 1 else [""]
        addresses += [route.format(code=code) + query for code in codes for query in queries]
    assert not (problems := walk(client, addresses)), "\n".join(problems)
