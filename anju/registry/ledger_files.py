"""Ledger workbooks: read with python-calamine in a bounded process, written with xlsxwriter.

Reading hands raw cell values to the core's validation; writing streams rows in constant
memory so that a national export never holds the whole book at once. The files open in Excel
and WPS alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from anju.core.documents import HEAD_BYTES, LEDGERS
from anju.core.file_bounds import FileBounds
from anju.core.ledger import (
    SHEET_OF_ROW,
    SHEETS,
    BuildingRow,
    CommunityRow,
    DwellingRow,
    headers,
    render_row,
)
from anju.core.registry import MANAGEMENT_MODE_WORDS, PROPERTY_NATURE_WORDS
from anju.sheet_files import read_sheets
from anju.uploads import bounded_bytes, upload_kind_of
from anju.workbooks import new_workbook


def ledger_bounds() -> FileBounds:
    """What a ledger workbook may be: its size as uploads allow, its sheets within a national
    ledger's reach (a million rows of a few dozen columns), read within the reader's memory
    and time."""
    return FileBounds(
        max_bytes=settings.LEDGER_UPLOAD_MAX_BYTES,
        seconds=settings.SHEET_READER_SECONDS,
        memory=settings.SHEET_READER_MEMORY,
    )


def read_workbook(source: str | Path | bytes, name: str = "") -> dict[str, list[list[Any]]]:
    """The workbook's sheets as lists of rows of raw values: every sheet, since a bureau's own
    ledger names its sheets its own way (core.ledger_layout finds which is which). Raises UploadRefused (SheetFileRefused for a file that could not be read) naming what
    is wrong and where, having read nothing past the ledger's bounds."""
    bounds = ledger_bounds()
    if isinstance(source, bytes):
        data = source
    else:
        data = bounded_bytes(Path(source), bounds.max_bytes)
        name = name or Path(source).name
    accepts = replace(LEDGERS, max_bytes=bounds.max_bytes)
    kind = upload_kind_of(name, data[:HEAD_BYTES], len(data), accepts)
    return read_sheets(data, name=name, kind=kind, bounds=bounds)


_TEXT_COLUMNS = {"小区编号", "行政区划代码", "楼栋号", "单元", "房号", "业主证件号"}
_CHOICES = {
    "产权性质": list(PROPERTY_NATURE_WORDS),
    "物业管理方式": list(MANAGEMENT_MODE_WORDS),
}
_YES_NO_COLUMNS = {
    "有无电梯",
    "是否成立业主委员会",
    "是否纳入棚户区改造计划",
    "是否以居民自建房为主",
    "是否城中村",
    "房屋结构是否安全",
}
MAX_ROWS = 1_048_575


def write_workbook(
    target: str | Path | IO[bytes], rows: Iterable[CommunityRow | BuildingRow | DwellingRow]
) -> dict[str, int]:
    """Write the ledger template with ``rows`` in it; return the row count per sheet."""
    workbook = new_workbook(target, constant_memory=True, in_memory=False)
    head = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
    )
    text = workbook.add_format({"num_format": "@"})
    sheets = {}
    counts = dict.fromkeys(SHEETS, 0)
    for name in SHEETS:
        sheet = workbook.add_worksheet(name)
        titles = headers(name)
        sheet.write_row(0, 0, titles, head)
        sheet.freeze_panes(1, 0)
        for index, title in enumerate(titles):
            sheet.set_column(
                index, index, max(10, len(title) * 2 + 2), text if title in _TEXT_COLUMNS else None
            )
            if title in _CHOICES:
                sheet.data_validation(
                    1, index, MAX_ROWS, index, {"validate": "list", "source": _CHOICES[title]}
                )
            elif title in _YES_NO_COLUMNS:
                sheet.data_validation(
                    1, index, MAX_ROWS, index, {"validate": "list", "source": ["是", "否"]}
                )
        sheets[name] = sheet
    for row in rows:
        name = SHEET_OF_ROW[type(row)]
        counts[name] += 1
        sheets[name].write_row(counts[name], 0, render_row(row))
    workbook.close()
    return counts
