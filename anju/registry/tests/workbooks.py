"""Build ledger workbooks for tests with openpyxl: a different writer from Anju's own, so the
reader is tested against files it did not make."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path
