"""Long lists in pages: the page and its size read from the address alike on every list, and
the rows counted once while nothing changes.

A page of a province's registry is fifty rows read by an index; the number of pages is a count
of two hundred thousand, which costs more than the page. The count is kept, keyed by the exact
query and by the time of the last write to any record (every write leaves an audit entry), so
it is counted again as soon as anything has been written, and after a few minutes in any case.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast, overload

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.db.models.expressions import BaseExpression
from django.http import HttpRequest

from anju.audit.models import AuditEntry

T = TypeVar("T")
KEPT_SECONDS = 600


def kept_until_written(kind: str, rows: QuerySet[Any], also: object, make: Callable[[], T]) -> T:
    """What ``make`` works out from ``rows`` (and ``also``: whatever else it depends on), kept
    under the exact query until the next write or ``KEPT_SECONDS``, whichever comes first."""
    sql, params = rows.query.sql_with_params()
    query = hashlib.sha256(repr((rows.db, sql, params, also)).encode()).hexdigest()
    written = AuditEntry.objects.last_write()
    key = f"anju:{kind}:{query}:{written.isoformat() if written else ''}"
    found = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, KEPT_SECONDS)
    return found  # type: ignore[no-any-return]


def count_of(rows: QuerySet[Any]) -> int:
    rows = rows.order_by()  # however a list is sorted, it holds as many rows
    try:
        return kept_until_written("count", rows, None, rows.count)
    except EmptyResultSet:  # a query that can match nothing, such as .none()
        return 0


class Counted(Sequence[T]):
    """A query for the paginator, counted by ``count_of``."""

    def __init__(self, rows: QuerySet[Any, T]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return count_of(self.rows)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, int):
            return self.rows[index]
        # a page's rows unread until they are shown (a kept list shows none of them); the
        # sliced query reads as a sequence does, which is all the paginator asks of it
        return cast(Sequence[T], self.rows[index])


class ReadWhenShown(Sequence[T]):
    """A page's rows read the first time they are asked for, not when the page is found: a
    list whose part of the page is kept (``anju_kept``) shows none of them."""

    def __init__(self, read: Callable[[], list[T]]) -> None:
        self.read = read
        self.rows: list[T] | None = None

    def _rows(self) -> list[T]:
        if self.rows is None:
            self.rows = self.read()
        return self.rows

    def __len__(self) -> int:
        return len(self._rows())

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self._rows()[index]


PAGE_SIZES = (20, 50, 100, 200)
# what a sorting header sorts by (``ordered``)
Order = str | F | BaseExpression


def page_of(request: HttpRequest, rows: Sequence[T] | QuerySet[Any, T], size: int = 50) -> Page[T]:
    """The page the request asks for, at the size it asks for (one of ``PAGE_SIZES``; anything
    else is the list's own size), so every list pages by the same words in its address."""
    asked = request.GET.get("per", "")
    if asked.isdecimal() and int(asked) in PAGE_SIZES:
        size = int(asked)
    return Paginator(rows, size).get_page(request.GET.get("page"))


def ordered(
    rows: QuerySet[Any, T],
    asked: str,
    orders: Mapping[str, Order],
    default: str,
    tie: str = "pk",
) -> QuerySet[Any, T]:
    """Rows read in the order a sorting header asks for (``sort=key`` or ``-key``; anything
    else is the list's own order), by what ``orders`` names for the key: a field, or an
    expression that always has a value, read off an index either way; or F() of a field that
    may be empty, whose empty rows come last either way. Rows that tie go by ``tie`` the same
    way, so a page always holds the same rows."""
    key = asked.removeprefix("-")
    if key not in orders:
        key, asked = default, default
    descending = asked.startswith("-")
    order = orders[key]
    sign = "-" if descending else ""
    if isinstance(order, str):
        return rows.order_by(sign + order, sign + tie)
    nulls_last = True if isinstance(order, F) else None
    by = order.desc(nulls_last=nulls_last) if descending else order.asc(nulls_last=nulls_last)
    return rows.order_by(by, sign + tie)


def reading_order(text: str) -> bytes:
    """Chinese names in the order people look them up: GB 2312 puts its 3,755 common
    characters in pinyin order (and the rarer ones by radical), which GB 18030 keeps."""
    return text.encode("gb18030")


def sorted_by(
    request: HttpRequest, rows: Sequence[T], keys: Mapping[str, Callable[[T], Any]], default: str
) -> list[T]:
    """Rows worked out in Python, in the order a sorting header asks for (``?sort=key`` or
    ``-key``; anything else is the list's own order); a row without the value comes last
    either way, as an unknown figure is not the smallest one."""
    asked = request.GET.get("sort", "")
    key = keys.get(asked.removeprefix("-")) or keys[default]
    known = [row for row in rows if key(row) is not None]
    unknown = [row for row in rows if key(row) is None]
    return sorted(known, key=key, reverse=asked.startswith("-") and asked[1:] in keys) + unknown
