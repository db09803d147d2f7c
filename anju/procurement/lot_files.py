"""Lots to check, read from ``project_code, lot, kind, estimate_yuan, method`` (or the same in
Chinese: 项目编号、标段、类别、估算价（元）、采购方式): amounts in yuan
exact to the fen, kinds and methods by code or by name, a method left empty for a lot not let
yet. Every bad cell is named; nothing is checked until the whole file reads."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from anju.core.procurement import Lot
from anju.csv_input import CsvInputError, rows, yuan_to_fen
from anju.procurement.wording import kind_of, method_of

LOT_COLUMNS = ("project_code", "lot", "kind", "estimate_yuan", "method")
# the headers a bureau's own sheet gives them (brackets of either width)
HEADERS = {
    "项目编号": "project_code",
    "标段": "lot",
    "标段名称": "lot",
    "类别": "kind",
    "估算价(元)": "estimate_yuan",
    "估算价": "estimate_yuan",
    "采购方式": "method",
}


def read_lots(path: Path) -> list[Lot]:
    problems: list[str] = []
    lots: list[Lot] = []
    first_row: dict[tuple[str, str], int] = {}
    for row in rows(path, LOT_COLUMNS, problems, HEADERS):
        project = row.read("project_code", str)
        name = row.read("lot", str)
        kind = row.read("kind", kind_of)
        estimate = row.read("estimate_yuan", yuan_to_fen)
        method = row.read("method", method_of, required=False)
        if project is None or name is None:
            continue
        if (project, name) in first_row:
            problems.append(
                _(
                    "{file}, row {row}: the lot “{lot}” of {project} is already on row {first}."
                ).format(
                    file=path.name,
                    row=row.number,
                    lot=name,
                    project=project,
                    first=first_row[(project, name)],
                )
            )
            continue
        first_row[(project, name)] = row.number
        if kind is not None and estimate is not None:
            lots.append(Lot(project, name, kind, estimate, method))
    if problems:
        raise CsvInputError(problems)
    return lots
