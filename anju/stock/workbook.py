"""The inventory workbook: read in the bounded reader's process like every workbook a user sends,
its rows typed by the core (core.stock); and the template to fill, with the words each column
takes as drop-downs."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from anju.core.conditions import FACILITY_WORDS
from anju.core.documents import HEAD_BYTES, LEDGERS, Accepts
from anju.core.file_bounds import MB, FileBounds
from anju.core.ledger import Issue
from anju.core.stock import (
    COLUMNS,
    HOUSED,
    KIND_NAMES,
    MOST_ROWS,
    SHEET,
    STATE_NAMES,
    ResourceRow,
    read_resources,
)
from anju.sheet_files import form_bounds, read_sheets
from anju.uploads import upload_kind_of
from anju.workbooks import new_workbook

INVENTORIES = Accepts(LEDGERS.kinds, 20 * MB)


def inventory_bounds() -> FileBounds:
    return form_bounds(INVENTORIES.max_bytes, rows=MOST_ROWS + 40, seconds=60)


def read_inventory(data: bytes, name: str) -> tuple[list[ResourceRow], list[Issue]]:
    """The resources of the workbook's first sheet (or the one named 存量资源). Raises
    UploadRefused for a file that is not a workbook within its bounds."""
    kind = upload_kind_of(name, data[:HEAD_BYTES], len(data), INVENTORIES)
    sheets = read_sheets(data, name=name, kind=kind, bounds=inventory_bounds())
    rows: list[list[Any]] = sheets.get(SHEET) or next(iter(sheets.values()), [])
    return read_resources(rows)


def inventory_template() -> bytes:
    out = io.BytesIO()
    book = new_workbook(out)
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet(SHEET)
    sheet.write_row(0, 0, [c.header for c in COLUMNS], bold)
    sheet.set_column(0, len(COLUMNS) - 1, 16)
    sheet.set_column(0, 0, 16, text)
    sheet.set_column(7, 7, 16, text)
    last = MOST_ROWS
    headers = [c.header for c in COLUMNS]
    for header, words in (("类型", KIND_NAMES), ("现状", STATE_NAMES)):
        column = headers.index(header)
        sheet.data_validation(
            1, column, last, column, {"validate": "list", "source": list(words.values())}
        )
    column = headers.index("坐标系")
    sheet.data_validation(
        1, column, last, column, {"validate": "list", "source": ["CGCS2000", "WGS-84", "GCJ-02"]}
    )
    sheet.write_comment(
        0,
        headers.index("可用于"),
        _("The facilities it could house, separated by 、: {words}").format(
            words="、".join(FACILITY_WORDS[f] for f in HOUSED)
        ),
    )
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
