"""Build ledger workbooks for tests with openpyxl: a different writer from Anju's own, so the
reader is tested against files it did not make."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from anju.registry.models import Community
from anju.testing import HUALONG


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def bureau_rows(built: object = 1991) -> list[list[Any]]:
    """Hualong's ledger as its bureau keeps it: a title, 序号, its own wordings, 万平方米, a
    blank row and a 合计 row."""
    street = Community.objects.filter(district_id=HUALONG).first().street.name  # type: ignore[union-attr]
    row = ["华龙区", street, built, 5, 150]
    return [
        ["华龙区老旧小区改造台账（2026年）"],
        ["序号", "项目名称", "所在区县", "所在街道", "建成年代", "栋数", "总户数",
         "建筑面积（万平方米）", "产权性质"],
        [1, "台账一村", *row, 1.2345, "房改房"],
        [],
        [2, "台账二村", *row, "0.9", "商品房"],
        ["合计", None, None, None, None, 10, 300, 2.1345, None],
    ]  # fmt: skip


def bureau_ledger(path: Path, built: object = 1991) -> Path:
    return write_xlsx(path, {"华龙区": bureau_rows(built)})


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    """A CSV as Excel or WPS saves one: GB18030 on a Chinese Windows, else UTF-8 with a mark."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(
            [["" if cell is None else cell for cell in row] for row in rows]
        )
    return path
