"""The demo city walked as its users walk it: signed in as every role, every link each can
reach is followed, and each community's pages are opened under every policy pack. Any server
error, English text left untranslated, or a clause shown by Anju's identifier (§annex.1, not
附件1) on a page fails the walk, with where it was met."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.auditing.wording import entry_words
from anju.policy.library import pack_choices
from anju.registry.models import Community
from tests.crawl import KEYS, walk

pytestmark = pytest.mark.django_db
DEMO = ("--communities", "12", "--seed", "2026", "--users")


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
        problems += [f"{name}: {p}" for p in walk(client, ["/"]).problems]
    anyone = Client(raise_request_exception=False)
    problems += [f"anyone: {p}" for p in walk(anyone, ["/", "/v/", "/s/"]).problems]
    assert not problems, "\n".join(problems)


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.mark.one_database  # the packs' pages: the role walk opens each page on PostgreSQL
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
    assert not (problems := walk(client, addresses).problems), "\n".join(problems)


def test_the_demo_s_audit_log_reads_in_words_not_keys(demo: list[str]) -> None:
    """Every entry the demo's setting up wrote, as the log page and its workbook word it: each
    action named, each stored choice, step, channel and moment read as people read them."""
    problems = []
    for entry in AuditEntry.objects.order_by("pk"):
        words = entry_words(entry)
        shown = [words.target, *(f"{c.field}：{c.before} {c.after}" for c in words.changes)]
        if not words.known:
            problems.append(f"{entry.action}: no words for the action")
        problems += [f"{entry.action}: {text}" for text in shown if KEYS.search(text)]
    assert AuditEntry.objects.count() > 100
    assert not problems, "\n".join(sorted(set(problems)))
