"""The process that reads a spreadsheet for Anju, held to the file's bounds.

Run as ``python -m anju.sheet_reader KIND BOUNDS WANTED`` by ``anju.sheet_files``, never by hand: the
file comes on standard input, the sheets go back on standard output as pickled messages. It
limits its own memory and processor time before it imports the reader, so that a file which
makes python-calamine ask for half a terabyte, or loop, ends this process and not the web
worker or the command that asked. It imports nothing of Django.

Messages, each one pickle: ``("sheet", key)`` before a sheet is read; ``("rows", [[…], …])``
in chunks, cells as python-calamine gives them, the sheet's rectangle from A1 as
``to_python(skip_empty_area=False)`` gives it; ``("exceeded", bound, where, found, limit)``;
``("unreadable", reason)``; ``("done",)``.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
import re
import resource
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from anju.core.file_bounds import (
    Bound,
    Exceeded,
    FileBounds,
    Member,
    archive_exceeded,
    declares_dtd,
    extent_exceeded,
)
from anju.core.text_files import decoded

ZIP = b"PK\x03\x04"
PROLOG_BYTES = 1024
CHUNK_ROWS = 4096
CELL_LIMIT = re.compile(r"Cell limit exceeded \((\d+) cells requested")  # python-calamine's own


class _Refused(Exception):
    def __init__(self, exceeded: Exceeded) -> None:
        self.exceeded = exceeded


def _limit_self(bounds: FileBounds) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (bounds.memory, bounds.memory))
    cpu = int(bounds.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _check_zip(data: bytes, bounds: FileBounds) -> None:
    """The zip's declared members within bounds, and no XML member declaring a DTD."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        exceeded = archive_exceeded(
            (Member(i.filename, i.compress_size, i.file_size) for i in infos), bounds
        )
        if exceeded:
            raise _Refused(exceeded)
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as member:
                    if declares_dtd(member.read(PROLOG_BYTES)):
                        raise _Refused(Exceeded(Bound.DTD, info.filename, 1, 0))


def _rows(sheet: Any) -> Iterator[list[Any]]:
    """The sheet's rectangle from A1, row by row, without building it whole: python-calamine
    gives its rows from the first row but its columns from the first used one, so each is
    padded on the left to the width ``to_python(skip_empty_area=False)`` has."""
    end = sheet.end
    if end is None:
        return
    width = end[1] + 1
    given = 0
    for row in sheet.iter_rows():
        given += 1
        yield [""] * (width - len(row)) + row if len(row) < width else row
    if given != end[0] + 1:
        raise RuntimeError(f"python-calamine gave {given} rows of {end[0] + 1}")


def _send(out: IO[bytes], message: tuple[Any, ...]) -> None:
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def read(
    data: bytes, kind: str, wanted: set[str] | None, bounds: FileBounds, out: IO[bytes]
) -> None:
    """Send the wanted sheets of ``data`` (keyed by their names without white space). The
    reader is told the kind by the file's name, as it is from a path: from bytes alone it
    cannot tell an OpenDocument sheet."""
    if len(data) > bounds.max_bytes:
        raise _Refused(Exceeded(Bound.SIZE, "", len(data), bounds.max_bytes))
    if kind == "csv":
        _send_csv(data, bounds, out)
        return
    if data.startswith(ZIP):
        _check_zip(data, bounds)
    from python_calamine import CalamineWorkbook

    with tempfile.NamedTemporaryFile(suffix=f".{kind}") as copy:
        copy.write(data)
        copy.flush()
        book = CalamineWorkbook.from_path(copy.name)
    _send_sheets(book, wanted, bounds, out)


def _send_csv(data: bytes, bounds: FileBounds, out: IO[bytes]) -> None:
    """A CSV as one sheet keyed ``csv``, its cells as text, held to the same rows, columns
    and cells as a workbook."""
    text = decoded(data)
    if text is None:
        raise ValueError("neither UTF-8 nor GB18030 text")
    _send(out, ("sheet", "csv"))
    _send_rows(out, _bounded_rows(csv.reader(io.StringIO(text, newline="")), bounds))


def _bounded_rows(rows: Iterator[list[str]], bounds: FileBounds) -> Iterator[list[str]]:
    """A CSV's rows, refused at the first that passes the rows, columns or cells bound."""
    count = width = 0
    for row in rows:
        count, width = count + 1, max(width, len(row))
        exceeded = extent_exceeded("csv", count, width, bounds)
        if exceeded:
            raise _Refused(exceeded)
        yield row


def _send_rows(out: IO[bytes], rows: Iterator[list[Any]]) -> None:
    """Rows in chunks, so that the asking process unpickles one while the next is read."""
    chunk: list[list[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            _send(out, ("rows", chunk))
            chunk = []
    if chunk:
        _send(out, ("rows", chunk))


def _send_sheets(book: Any, wanted: set[str] | None, bounds: FileBounds, out: IO[bytes]) -> None:
    seen: set[str] = set()
    for name in book.sheet_names:
        key = "".join(name.split())
        if (wanted is not None and key not in wanted) or key in seen:
            continue
        seen.add(key)
        _send(out, ("sheet", key))
        sheet = book.get_sheet_by_name(name)
        if sheet.end is not None:
            exceeded = extent_exceeded(key, sheet.end[0] + 1, sheet.end[1] + 1, bounds)
            if exceeded:
                raise _Refused(exceeded)
        _send_rows(out, _rows(sheet))


def main() -> int:
    kind = sys.argv[1]
    bounds = FileBounds(**json.loads(sys.argv[2]))
    wanted = json.loads(sys.argv[3])
    _limit_self(bounds)
    out = sys.stdout.buffer
    data = sys.stdin.buffer.read(bounds.max_bytes + 1)
    try:
        read(data, kind, None if wanted is None else set(wanted), bounds, out)
    except _Refused as refused:
        e = refused.exceeded
        _send(out, ("exceeded", e.bound.value, e.where, e.found, e.limit))
        return 0
    except MemoryError:
        _send(out, ("exceeded", Bound.MEMORY.value, "", 0, bounds.memory))
        return 0
    except Exception as error:  # calamine and zipfile raise many unrelated types for bad input
        asked = CELL_LIMIT.search(str(error))
        if asked:
            _send(out, ("exceeded", Bound.CELLS.value, "", int(asked[1]), bounds.max_cells))
        else:
            _send(out, ("unreadable", str(error)[:500]))
        return 0
    _send(out, ("done",))
    return 0


if __name__ == "__main__":
    sys.exit(main())
