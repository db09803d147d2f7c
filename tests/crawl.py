"""Following an Anju deployment's links as its users do: every page reachable from a start,
each shape of page opened once, what a reader sees on it checked for English left untranslated
and for keys shown as Anju stores them (§annex.1, not 附件1; 施工, not construction)."""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

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
Shape = tuple[str, tuple[str, ...]]


def _untranslated(text: list[str]) -> list[str]:
    shown = " ".join(text)
    left = [m for m in MSGIDS if len(m) > 12 and m in shown]
    for piece in text:
        for match in ENGLISH.finditer(piece):
            if not any(kept in piece for kept in KEPT):
                left.append(match.group(0))
    return left


# a key as Anju stores it (construction_permit), a bare English word where a label's value
# stands (阶段：construction), a moment as stored (2026-08-28T19:58:00Z), a clause by its id (§)
KEYS = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|：[a-z]{3,}\b|\d{4}-\d\d-\d\dT\d\d:|§")


def _raw_keys(text: list[str]) -> list[str]:
    """Words and clauses shown as Anju's data keeps them, not as people and documents name them."""
    return [piece for piece in text if KEYS.search(piece)]


def _shape(path: str, query: str) -> Shape | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, tuple(sorted(k for k, _v in parse_qsl(query)))


@dataclass
class Walked:
    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # the HTML pages opened, in order


def walk(client: Client, starts: list[str], shapes: Counter[Shape] | None = None) -> Walked:
    """Open ``starts`` and every page reachable from them by links. Of the pages links lead
    to, those of one shape are opened at most SAME_SHAPE times; ``shapes`` shared between
    walks makes several users' walks together open each shape once."""
    walked = Walked()
    shapes = Counter() if shapes is None else shapes
    queue = deque(starts)
    seen: set[str] = set(starts)
    while queue:
        url = queue.popleft()
        answer = client.get(url)
        if answer.status_code >= 500:
            walked.problems.append(f"{url} answered {answer.status_code}")
            continue
        if answer.status_code in (301, 302):
            nexts = [answer["Location"]]
        elif "text/html" in answer.get("Content-Type", "") and not answer.streaming:
            page = _Page()
            page.feed(answer.content.decode())
            walked.problems += [f"{url} shows untranslated “{t}”" for t in _untranslated(page.text)]
            walked.problems += [f"{url} shows the identifier “{t}”" for t in _raw_keys(page.text)]
            if answer.status_code == 200:
                walked.pages.append(url)
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
    return walked
