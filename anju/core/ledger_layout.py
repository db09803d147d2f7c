"""Reading a ledger as a bureau keeps it, not only as Anju's template lays it out.

Bureaus' own ledgers put a title above the headers, number their rows in a 序号 column, add a
合计 row at the foot and 小计 rows between districts, leave blank rows, word their headers their
own way (项目名称, 所在区县, 建成年代, 总户数, 栋数 …) and give areas in 万平方米 and money in 万元.
This finds each sheet's header row, maps each header to a template column through the
synonyms (a city may add its own), converts units exactly, and blanks the rows that are totals;
what it understood is returned beside the sheets, for the import to show before it writes.
Row numbers stay the spreadsheet's own, so every problem is reported where its author sees it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from anju.core.ledger import (
    BUILDING_SHEET,
    COMMUNITY_SHEET,
    DWELLING_SHEET,
    SHEETS,
    headers,
    normalize_header,
)

# How bureaus word the template's headers. Each wording is read after normalize_header and
# with its unit (in brackets) taken off; a city adds its own through ``extra``.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "小区编号": ("小区代码", "项目编号", "编号"),
    "小区名称": ("项目名称", "小区(项目)名称", "小区名", "小区(院落)名称", "院落名称"),
    "区县": ("所在区县", "所属区县", "区(县)", "县(区)", "县区", "区县名称", "所在区(县)"),
    "街道(乡镇)": (
        "街道",
        "乡镇",
        "所在街道",
        "所属街道",
        "街道办事处",
        "街道(镇)",
        "镇(街道)",
        "乡镇(街道)",
        "所在街道(乡镇)",
    ),
    "社区": ("所在社区", "所属社区", "社区居委会", "社区(村)", "居委会"),
    "行政区划代码": ("区划代码", "统计用区划代码"),
    "详细地址": ("地址", "小区地址", "坐落", "位置"),
    "建成年份": ("建成年代", "建成时间", "建成年限", "竣工年份", "竣工时间", "建设年代"),
    "楼栋数": ("栋数", "楼栋数量", "幢数", "楼幢数", "楼栋(幢)数"),
    "户数": ("总户数", "居民户数", "住户数", "户数(户)"),
    "建筑面积": ("总建筑面积", "房屋建筑面积", "小区建筑面积"),
    "产权性质": ("房屋性质", "产权类型"),
    "最高层数": ("层数", "楼层数"),
    "物业管理方式": ("物业管理", "管理方式", "物业管理模式"),
    "居民改造意愿": ("改造意愿", "居民意愿"),
}
# The units a header may name in brackets, and what one of them is in the template's unit.
UNITS: Mapping[str, tuple[str, Decimal]] = {
    "平方米": ("平方米", Decimal(1)),
    "㎡": ("平方米", Decimal(1)),
    "m²": ("平方米", Decimal(1)),
    "m2": ("平方米", Decimal(1)),
    "万平方米": ("平方米", Decimal(10000)),
    "万㎡": ("平方米", Decimal(10000)),
    "元": ("元", Decimal(1)),
    "万元": ("元", Decimal(10000)),
    "%": ("%", Decimal(1)),
}
TOTALS = ("合计", "小计", "总计", "累计")
# the column every row of a sheet fills: a row without it is blank, a total, or in error
KEYS = {COMMUNITY_SHEET: "小区名称", BUILDING_SHEET: "楼栋号", DWELLING_SHEET: "房号"}
_BRACKETED = re.compile(r"^(?P<name>.+?)\((?P<unit>[^()]+)\)$")
# a header row is looked for among the first rows; titles and notes above it are left alone
HEADER_SEARCH = 10


@dataclass(frozen=True, slots=True)
class MappedColumn:
    written: str  # the header as the sheet words it
    header: str  # the template's header it fills
    factor: Decimal = Decimal(1)  # what one of the sheet's unit is in the template's


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """What was understood of one sheet: which template sheet it is, where its headers are,
    which columns fill which, which it does not know, and the rows passed over."""

    source: str
    sheet: str
    header_row: int
    columns: tuple[MappedColumn, ...]
    unknown: tuple[str, ...]
    totals: tuple[int, ...] = ()
    blanks: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Laid:
    """The sheets as the template lays them out, row numbers kept, and what was understood."""

    sheets: dict[str, list[list[Any]]]
    header_rows: dict[str, int]
    layouts: tuple[SheetLayout, ...]
    left_out: tuple[str, ...] = field(default=())  # sheets that are none of the template's


def _words(extra: Mapping[str, Sequence[str]]) -> dict[str, dict[str, str]]:
    """For each template sheet, each wording (normalised, its unit taken off) to the name of
    the sheet's header it means: 层数 is a building's floors in 楼栋 and 最高层数 in 小区."""
    by_sheet: dict[str, dict[str, str]] = {}
    for sheet in SHEETS:
        known = by_sheet[sheet] = {}
        for header in headers(sheet):
            bare = _unit_off(normalize_header(header))[0]
            known[bare] = bare
        own = set(known)
        for target, wordings in [*SYNONYMS.items(), *extra.items()]:
            if target not in own:
                continue
            for wording in wordings:
                known.setdefault(_unit_off(normalize_header(wording))[0], target)
    return by_sheet


def _unit_off(header: str) -> tuple[str, str]:
    match = _BRACKETED.match(header)
    if match and match.group("unit") in UNITS:
        return match.group("name"), match.group("unit")
    return header, ""


def _template(sheet: str) -> dict[str, tuple[str, str]]:
    """The template's headers of a sheet by their bare name: (header, its unit)."""
    found = {}
    for header in headers(sheet):
        bare, unit = _unit_off(normalize_header(header))
        found[bare] = (header, unit)
    return found


def _map_header(
    cells: Sequence[Any], sheet: str, words: Mapping[str, Mapping[str, str]]
) -> tuple[list[tuple[int, MappedColumn]], list[str]]:
    template = _template(sheet)
    mapped: list[tuple[int, MappedColumn]] = []
    unknown: list[str] = []
    taken: set[str] = set()
    for index, cell in enumerate(cells):
        written = "" if cell is None else str(cell).strip()
        if not written:
            continue
        bare, unit = _unit_off(normalize_header(written))
        target = words[sheet].get(bare)
        if target is None or target not in template or target in taken:
            unknown.append(written)
            continue
        header, template_unit = template[target]
        factor = Decimal(1)
        if unit:
            base, factor = UNITS[unit]
            if template_unit and base != template_unit:
                unknown.append(written)
                continue
        taken.add(target)
        mapped.append((index, MappedColumn(written, header, factor)))
    return mapped, unknown


def _kind(
    name: str, rows: Sequence[Sequence[Any]], words: Mapping[str, Mapping[str, str]]
) -> str | None:
    """Which template sheet a sheet is: by its name, else by the headers it carries."""
    if name in SHEETS:
        return name
    best, most = None, 2
    for sheet in (COMMUNITY_SHEET, BUILDING_SHEET, DWELLING_SHEET):
        for cells in rows[:HEADER_SEARCH]:
            count = len(_map_header(cells, sheet, words)[0])
            if count > most:
                best, most = sheet, count
    return best


def _header_row(
    rows: Sequence[Sequence[Any]], sheet: str, words: Mapping[str, Mapping[str, str]]
) -> int:
    """The first of the top rows that names the most template columns (1-based)."""
    counts = [len(_map_header(cells, sheet, words)[0]) for cells in rows[:HEADER_SEARCH]]
    if not counts:
        return 1
    most = max(counts)
    return counts.index(most) + 1 if most > 0 else 1


def _is_total(cells: Sequence[Any]) -> bool:
    for cell in cells[:4]:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        text = str(cell).replace(" ", "").replace("\u3000", "")
        if text.startswith(TOTALS):
            return True
    return False


def _blank(cells: Sequence[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _converted(value: Any, factor: Decimal) -> Any:
    if factor == 1 or value is None or isinstance(value, bool):
        return value
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        return value  # left for the column's own check to name
    if not number.is_finite():
        return value
    return format((number * factor).normalize(), "f")


def lay_out(
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    extra: Mapping[str, Sequence[str]] | None = None,
) -> Laid:
    """The workbook's sheets as the template's, with what was understood of each. A sheet the
    template names keeps its place; any other is read by its headers. Where two sheets are the
    same template sheet, the first is taken and the others are listed as left out."""
    words = _words(extra or {})
    laid: dict[str, list[list[Any]]] = {}
    header_rows: dict[str, int] = {}
    layouts: list[SheetLayout] = []
    left_out: list[str] = []
    # the template's own sheet names first, so that a note or a summary sheet read by its
    # headers never takes their place
    for name in sorted(sheets, key=lambda name: name not in SHEETS):
        rows = sheets[name]
        sheet = _kind(name, rows, words)
        if sheet is None or sheet in laid:
            left_out.append(name)
            continue
        if not rows:
            laid[sheet] = []  # for the template's check to name as empty
            continue
        at = _header_row(rows, sheet, words)
        mapped, unknown = _map_header(rows[at - 1] if rows else (), sheet, words)
        converting = [(index, column.factor) for index, column in mapped if column.factor != 1]
        width = max((index for index, _ in mapped), default=-1) + 1
        header: list[Any] = [None] * width
        for index, column in mapped:
            header[index] = column.header
        out: list[list[Any]] = [[] for _ in range(at - 1)]
        out.append(header)
        out += [cells if isinstance(cells, list) else list(cells) for cells in rows[at:]]
        key = next((i for i, c in mapped if c.header == KEYS[sheet]), None)
        totals: list[int] = []
        blanks: list[int] = []
        for position in range(at, len(out)):
            cells = out[position]
            value = cells[key] if key is not None and key < len(cells) else None
            # a row with its key cell filled, not with a total's word, is data: the common
            # case, decided without looking at the rest of the row
            if value is None or (
                value.__class__ is str and (not value.strip() or value.lstrip().startswith(TOTALS))
            ):
                if _blank(cells):
                    blanks.append(position + 1)
                    out[position] = []
                    continue
                if _is_total(cells):
                    totals.append(position + 1)
                    out[position] = []
                    continue
            if converting:
                out[position] = cells = list(cells)
                for index, factor in converting:
                    if index < len(cells):
                        cells[index] = _converted(cells[index], factor)
        laid[sheet] = out
        header_rows[sheet] = at
        layouts.append(
            SheetLayout(
                source=name,
                sheet=sheet,
                header_row=at,
                columns=tuple(column for _, column in mapped),
                unknown=tuple(unknown),
                totals=tuple(totals),
                blanks=tuple(blanks),
            )
        )
    return Laid(laid, header_rows, tuple(layouts), tuple(left_out))


def as_record(layout: SheetLayout) -> dict[str, Any]:
    """What was understood of a sheet as plain values, to keep with an import and show."""
    return {
        "source": layout.source,
        "sheet": layout.sheet,
        "header_row": layout.header_row,
        "columns": [
            [c.written, c.header, format(c.factor.normalize(), "f")] for c in layout.columns
        ],
        "unknown": list(layout.unknown),
        "totals": list(layout.totals),
        "blanks": len(layout.blanks),
        # the template as Anju writes it: nothing to tell its reader
        "plain": layout.source == layout.sheet
        and layout.header_row == 1
        and not (layout.unknown or layout.totals or layout.blanks)
        and all(c.written == c.header and c.factor == 1 for c in layout.columns),
    }
