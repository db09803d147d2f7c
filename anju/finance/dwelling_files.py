"""The dwellings an apportionment is made over, read from ``dwelling_id, exclusive_area, floor``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from anju.core.apportion import Dwelling
from anju.csv_input import CsvInputError, area_value, rows

DWELLING_COLUMNS = ("dwelling_id", "exclusive_area", "floor")


def floor_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(_("is not a floor number.")) from None


def read_dwellings(path: Path) -> list[Dwelling]:
    problems: list[str] = []
    dwellings: list[Dwelling] = []
    first_row: dict[str, int] = {}
    for row in rows(path, DWELLING_COLUMNS, problems):
        dwelling_id = row.text("dwelling_id")
        if not dwelling_id:
            row.read("dwelling_id", str)
        area = row.read("exclusive_area", area_value)
        floor = row.read("floor", floor_number)
        if dwelling_id in first_row:
            problems.append(
                _("{file}, row {row}: the dwelling {id} is already on row {first}.").format(
                    file=path.name, row=row.number, id=dwelling_id, first=first_row[dwelling_id]
                )
            )
            continue
        first_row.setdefault(dwelling_id, row.number)
        if dwelling_id and area is not None and floor is not None:
            dwellings.append(Dwelling(dwelling_id, Decimal(area), floor))
    if not dwellings and not problems:
        problems.append(_("{file}: lists no dwellings.").format(file=path.name))
    if problems:
        raise CsvInputError(problems)
    return dwellings
