"""Spreadsheets users send, read in a process of their own and held to their bounds.

A reader's failure on a hostile file (python-calamine aborts the whole process when a sheet
asks it for more memory than exists) must end a child, never the web worker or the command
that asked. So ``read_sheets`` hands the file to ``anju.sheet_reader`` in a new process that
limits its own memory and time, takes its rows back as they come (the two cores work at once,
so this costs little over reading in place), and turns every refusal into a sentence that says
which bound the file passed and where, in the user's language.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Collection
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from anju.core.file_bounds import MB, Bound, Exceeded, FileBounds, cell_name, column_index
from anju.uploads import UploadRefused

SAFE_GLOBALS = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time")} | {
    ("datetime", "timedelta")
}
STDERR_TAIL = 4096
FORM_COLUMNS = 64  # a template's columns and more


class SheetFileRefused(UploadRefused):
    """The file was not read: what is wrong, where, in the user's language."""

    def __init__(self, message: str, exceeded: Exceeded | None = None) -> None:
        super().__init__(message)
        self.exceeded = exceeded


class _Messages(pickle.Unpickler):
    """The reader's messages hold lists of plain values and dates; nothing else is built."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def form_bounds(max_bytes: int, rows: int, seconds: float) -> FileBounds:
    """The bounds of a workbook filled in from one of Anju's templates (staff, an inventory):
    as many rows as the form may hold and a margin for headings and notes, the template's few
    columns with room to spare, within the reader's memory and at most ``seconds`` of it."""
    return FileBounds(
        max_bytes=max_bytes,
        max_rows=rows,
        max_columns=FORM_COLUMNS,
        max_cells=rows * FORM_COLUMNS,
        seconds=min(settings.SHEET_READER_SECONDS, seconds),
        memory=settings.SHEET_READER_MEMORY,
    )


def read_sheets(
    data: bytes,
    *,
    name: str,
    kind: str,
    bounds: FileBounds,
    wanted: Collection[str] | None = None,
) -> dict[str, list[list[Any]]]:
    """The wanted sheets of a workbook of a kind already checked (xlsx, xlsm, xls, ods, csv) as rows
    of raw values from A1, keyed by their names without white space. Raises SheetFileRefused."""
    if len(data) > bounds.max_bytes:
        _refuse(name, Exceeded(Bound.SIZE, "", len(data), bounds.max_bytes))
    command = [
        sys.executable,
        "-m",
        "anju.sheet_reader",
        kind,
        json.dumps(dataclasses.asdict(bounds)),
        json.dumps(None if wanted is None else sorted(wanted)),
    ]
    sheets: dict[str, list[list[Any]]] = {}
    current = ""
    final: tuple[Any, ...] | None = None
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
        )
        assert child.stdin is not None and child.stdout is not None
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            child.kill()

        timer = threading.Timer(bounds.seconds, expire)
        feeder = threading.Thread(target=_feed, args=(child.stdin, data), daemon=True)
        timer.start()
        feeder.start()
        try:
            while True:
                try:  # one unpickler a message: each was pickled with a memo of its own
                    message = _Messages(child.stdout).load()
                except EOFError:
                    break
                if message[0] == "sheet":
                    current = message[1]
                    sheets[current] = []
                elif message[0] == "rows":
                    sheets[current].extend(message[1])
                else:
                    final = message
                    break
        except (pickle.UnpicklingError, ValueError, IndexError, KeyError):
            child.kill()
            final = ("unreadable", "")
        finally:
            timer.cancel()
            child.stdout.close()
            returncode = child.wait()
            feeder.join()
        errors.seek(0, io.SEEK_END)
        errors.seek(max(0, errors.tell() - STDERR_TAIL))
        stderr = errors.read().decode("utf-8", "replace")
    if final is not None and final[0] == "done":
        if kind == "csv":  # one sheet, named as its file is
            return {"".join(PurePath(name).stem.split()) or "csv": sheets.get("csv", [])}
        return sheets
    if final is not None and final[0] == "exceeded":
        _refuse(name, Exceeded(Bound(final[1]), final[2] or current, final[3], final[4]))
    if final is not None and final[0] == "unreadable":
        if kind == "csv":
            raise SheetFileRefused(
                _("“%(name)s” is not text in UTF-8 or GB18030: save it again as CSV or .xlsx.")
                % {"name": name}
            )
        raise SheetFileRefused(
            _("“%(name)s” cannot be read as a workbook.") % {"name": name}
            + _(" Open it in Excel or WPS, save it as .xlsx and send that.")
        )
    if expired.is_set() or returncode == -signal.SIGXCPU:
        far = _far_cell(data, current, bounds.max_expanded)
        _refuse(name, Exceeded(Bound.TIME, current, bounds.seconds, bounds.seconds), far)
    # Rust says so before it aborts; the kernel's killer leaves only its signal.
    if "memory allocation" in stderr or "MemoryError" in stderr or returncode == -signal.SIGKILL:
        far = _far_cell(data, current, bounds.max_expanded)
        _refuse(name, Exceeded(Bound.MEMORY, current, 0, bounds.memory), far)
    raise SheetFileRefused(_("“%(name)s” cannot be read as a workbook.") % {"name": name})


def _feed(pipe: Any, data: bytes) -> None:
    """The file to the reader; a reader that stopped early leaves the rest unsent."""
    with contextlib.suppress(OSError):
        pipe.write(data)
    with contextlib.suppress(OSError):
        pipe.close()


def _refuse(name: str, exceeded: Exceeded, far: str | None = None) -> None:
    """Raise the refusal, worded for the bound; ``far`` names the cell a sheet reaches."""
    sheet, _bang, cell = exceeded.where.partition("!")
    words = {
        "name": name,
        "where": exceeded.where,
        "sheet": sheet,
        "cell": cell,
        "found": f"{exceeded.found:,}",
        "limit": f"{exceeded.limit:,}",
    }
    hint = _(
        "Delete the rows and columns beyond the table (a stray formatted cell is enough), "
        "save the file again and send it once more."
    )
    bound = exceeded.bound
    if bound is Bound.SIZE:
        text = _("“%(name)s” is %(found)s MB, more than the %(limit)s MB such a file may be.") % {
            **words,
            "found": _mb(exceeded.found),
            "limit": _mb(exceeded.limit),
        }
    elif bound is Bound.MEMBERS:
        text = (
            _("“%(name)s” holds more than %(limit)s files inside it; a workbook holds far fewer.")
            % words
        )
    elif bound is Bound.EXPANDED:
        text = _(
            "“%(name)s” unpacks to more than %(limit)s MB (passed at %(where)s); "
            "Anju reads at most that much of one file."
        ) % {**words, "limit": _mb(exceeded.limit)}
    elif bound is Bound.RATIO:
        text = (
            _(
                "“%(name)s”: its part %(where)s unpacks to %(found)s times its packed size, more than "
                "the %(limit)s times of any workbook; it was not read."
            )
            % words
        )
    elif bound is Bound.DTD:
        text = (
            _(
                "“%(name)s”: its part %(where)s declares a document type, which workbooks never do "
                "(it could expand without end); it was not read."
            )
            % words
        )
    elif bound in (Bound.ROWS, Bound.COLUMNS, Bound.CELLS):
        size = {
            Bound.ROWS: _("%(found)s rows, more than the %(limit)s rows Anju reads"),
            Bound.COLUMNS: _("%(found)s columns, more than the %(limit)s columns Anju reads"),
            Bound.CELLS: _("%(found)s cells, more than the %(limit)s cells Anju reads in a sheet"),
        }[bound] % words
        if cell:
            text = _("“%(name)s”: the sheet “%(sheet)s” reaches cell %(cell)s: %(size)s.") % {
                **words,
                "size": size,
            }
        elif sheet:
            text = _("“%(name)s”: the sheet “%(sheet)s” holds %(size)s.") % {**words, "size": size}
        else:
            text = _("“%(name)s” holds a sheet of %(size)s.") % {**words, "size": size}
        text += " " + hint
    else:
        if bound is Bound.MEMORY:
            text = _(
                "“%(name)s”: reading the sheet “%(sheet)s” needs more than the %(limit)s MB of "
                "memory Anju gives one file."
            ) % {**words, "limit": _mb(exceeded.limit)}
        else:
            text = (
                _(
                    "“%(name)s”: reading the sheet “%(sheet)s” took longer than the %(limit)s seconds "
                    "Anju gives one file."
                )
                % words
            )
        if far:
            text += " " + _("Its cells reach %(cell)s.") % {"cell": far} + " " + hint
    raise SheetFileRefused(text, exceeded)


def _mb(size: float) -> str:
    return f"{size / MB:,.0f}" if size >= MB else f"{size / MB:.2f}"


_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_RELATION_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_CELL = re.compile(rb'<c\b[^>]*?\sr="([A-Z]{1,4})([0-9]{1,8})"')
SURVEY_CHUNK = 4 * MB


def _far_cell(data: bytes, sheet: str, most: float) -> str | None:
    """Where a workbook's sheet reaches, read from its XML after the reader failed on it, so
    the refusal can point at the cell to delete. Only for .xlsx; it unpacks at most ``most``
    bytes, the file's bound, whatever the zip declares."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = _sheet_member(archive, sheet)
            if member is None:
                return None
            rows = columns = 0
            read = 0
            tail = b""
            with archive.open(member) as stream:
                while read < most:
                    chunk = stream.read(SURVEY_CHUNK)
                    if not chunk:
                        break
                    read += len(chunk)
                    text = tail + chunk
                    for match in _CELL.finditer(text):
                        columns = max(columns, column_index(match[1].decode()) + 1)
                        rows = max(rows, int(match[2]))
                    tail = text[-64:]
            return cell_name(rows - 1, columns - 1) if rows and columns else None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return None


def _sheet_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = archive.read("xl/workbook.xml")[: 4 * MB]
    relations = archive.read("xl/_rels/workbook.xml.rels")[: 4 * MB]
    targets = {key: value for key, value in _RELATION.findall(relations)}
    targets.update({key: value for value, key in _RELATION_REVERSED.findall(relations)})
    for name, relation in _SHEET.findall(workbook):
        if "".join(name.decode("utf-8", "replace").split()) == sheet and relation in targets:
            target = targets[relation].decode()
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None
