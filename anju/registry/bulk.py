"""Inserting many rows fast: COPY on PostgreSQL, executemany on SQLite.

Django's bulk_create builds a model instance and prepares every field of every row in Python,
which costs more than reading the ledger itself at national scale (220,000 communities). The
import has already validated and typed every value, so it hands plain tuples to the driver.
Only this module writes SQL by hand, and only INSERTs of already-typed values.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.db import connection, models

BATCH = 5000


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    same: Mapping[str, Any] | None = None,
) -> int:
    """INSERT ``rows`` (one value per field, in ``fields`` order); return how many were written.

    Values must already be what the column stores: str (enumerations as their value), int,
    bool, Decimal or None. ``same`` gives columns that hold one value on every row (such as a
    timestamp), adapted for the database once.
    """
    meta = model._meta
    constants = {
        name: meta.get_field(name).get_db_prep_save(value, connection)  # type: ignore[union-attr]
        for name, value in (same or {}).items()
    }
    if constants:
        tail = tuple(constants.values())
        rows = (tuple(row) + tail for row in rows)
        fields = (*fields, *constants)
    columns = [str(meta.get_field(name).column) for name in fields]  # type: ignore[union-attr]
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for chunk in _batches(rows):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _batches(rows: Iterable[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, BATCH)):
        yield chunk


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a bulk job.

    A national ledger becomes millions of small, acyclic objects (cells, tuples, Decimals);
    the collector would rescan all of them again and again as they pile up and free nothing.
    Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
