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
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import zip_longest
from typing import Any

from anju.core.ledger import (
    BUILDING_SHEET,
    COMMUNITY_SHEET,
    DWELLING_SHEET,
    SHEETS,
    Issue,
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
    "平米": ("平方米", Decimal(1)),
    "万平方米": ("平方米", Decimal(10000)),
    "万㎡": ("平方米", Decimal(10000)),
    "万m²": ("平方米", Decimal(10000)),
    "万m2": ("平方米", Decimal(10000)),
    "万平米": ("平方米", Decimal(10000)),
    "元": ("元", Decimal(1)),
    "万元": ("元", Decimal(10000)),
    "%": ("%", Decimal(1)),
}
TOTALS = ("合计", "小计", "总计", "累计")
# columns of a bureau's ledger that no template column is: not read, and not asked about
NOT_ASKED = frozenset({"序号", "备注", "说明"})
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
    """What was understood of one sheet: which template sheet it is, where its headers are
    (rows header_top to header_row, the same row but for a header on two rows), which columns
    fill which, which it does not know, and the rows passed over."""

    source: str
    sheet: str
    header_row: int
    columns: tuple[MappedColumn, ...]
    unknown: tuple[str, ...]
    totals: tuple[int, ...] = ()
    blanks: tuple[int, ...] = ()
    header_top: int = 0

    @property
    def header_from(self) -> int:
        return self.header_top or self.header_row


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a laid-out sheet taken from one sheet of the workbook: the laid-out row
    number it starts at, and that row's number in its own sheet."""

    source: str
    start: int
    first: int


@dataclass(frozen=True, slots=True)
class Laid:
    """The sheets as the template lays them out, and what was understood of each."""

    sheets: dict[str, list[list[Any]]]
    header_rows: dict[str, int]
    layouts: tuple[SheetLayout, ...]
    left_out: tuple[str, ...] = field(default=())  # sheets that are none of the template's
    parts: Mapping[str, tuple[Part, ...]] = field(default_factory=dict)

    def where(self, sheet: str, row: int) -> tuple[str, int]:
        """The workbook's sheet and row a laid-out row came from."""
        parts = self.parts.get(sheet)
        if not parts or row <= 0:
            return sheet, row
        part = parts[bisect_right([p.start for p in parts], row) - 1]
        return part.source, row - part.start + part.first

    def placed(self, issue: Issue) -> Issue:
        """The issue where its author sees it: their sheet and row, and the row it repeats
        named on its own sheet when that is another one."""
        source, row = self.where(issue.sheet, issue.row)
        if "first_row" not in issue.params:
            return replace(issue, sheet=source, row=row)
        first_sheet, first_row = self.where(issue.sheet, int(str(issue.params["first_row"])))
        params: dict[str, object] = {**issue.params, "first_row": first_row}
        code = issue.code
        if first_sheet != source:
            params["first_sheet"] = first_sheet
            code = "duplicate_in_book"
        return replace(issue, sheet=source, row=row, params=params, code=code)


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


class WordingRefused(Exception):
    """A wording that cannot mean the column it was pointed at: ``code`` says why."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def bare_header(header: str) -> str:
    """A header as wordings are matched: normalised, its unit taken off."""
    return _unit_off(normalize_header(header))[0]


def check_wording(sheet: str, written: str, header: str) -> None:
    """That a sheet's own header ``written`` may be read as the template's ``header``: a
    column of the sheet, and in a unit Anju converts exactly to the template's. A unit Anju
    does not know (亩, 万户) is refused rather than read as the template's, which would be
    wrong by its factor. Raises WordingRefused."""
    template = _template(sheet)
    target = bare_header(header)
    if not written.strip() or target not in template or template[target][0] != header:
        raise WordingRefused("not_a_column", written=written, header=header)
    bare, unit = _unit_off(normalize_header(written))
    expected = template[target][1]
    if not unit:
        match = _BRACKETED.match(bare)
        if match and expected:
            raise WordingRefused(
                "unknown_unit", written=written, unit=match.group("unit"), expected=expected
            )
        return
    if expected and UNITS[unit][0] != expected:
        raise WordingRefused("unit_mismatch", written=written, unit=unit, expected=expected)


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


def _stacked(upper: Sequence[Any], lower: Sequence[Any]) -> list[Any]:
    """A header written on two rows, as one: a merged cell above (小区名称 over both rows)
    where the lower row is blank, the lower row's own words (栋数, 户数 under 基本情况) elsewhere."""
    return [low if not _empty(low) else up for up, low in zip_longest(upper, lower, fillvalue=None)]


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header(
    rows: Sequence[Sequence[Any]], sheet: str, words: Mapping[str, Mapping[str, str]]
) -> tuple[int, int, list[Any], int]:
    """Where a sheet's header is and what it says: its first and last rows (1-based; they
    differ for a header on two rows), its cells, and how many template columns it names. The
    first of the top rows that names the most is taken, with the row below or above it when
    that row names columns of its own and the two together name more."""
    top = rows[:HEADER_SEARCH]
    counts = [len(_map_header(cells, sheet, words)[0]) for cells in top]
    if not counts or max(counts) == 0:
        return 1, 1, list(rows[0]) if rows else [], 0
    most = max(counts)
    at = counts.index(most)
    best = (at, at, list(top[at]), most)
    for upper in (at - 1, at):
        lower = upper + 1
        if upper < 0 or lower >= len(top) or counts[lower if upper == at else upper] == 0:
            continue
        cells = _stacked(top[upper], top[lower])
        count = len(_map_header(cells, sheet, words)[0])
        if count > best[3]:
            best = (upper, lower, cells, count)
    return best[0] + 1, best[1] + 1, best[2], best[3]


def _kind(
    name: str, rows: Sequence[Sequence[Any]], words: Mapping[str, Mapping[str, str]]
) -> tuple[str | None, bool]:
    """Which template sheet a sheet is, by its name, else by the headers it carries; and
    whether those name the sheet's key column (a summary of districts names 户数, not 小区名称)."""
    best: str | None = None
    keyed, most = False, 2
    for sheet in (COMMUNITY_SHEET, BUILDING_SHEET, DWELLING_SHEET):
        if name in SHEETS and sheet != name:
            continue
        cells = _header(rows, sheet, words)[2]
        mapped = [column.header for _, column in _map_header(cells, sheet, words)[0]]
        if name in SHEETS or len(mapped) > most:
            best, keyed, most = sheet, KEYS[sheet] in mapped, len(mapped)
    return best, keyed


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


def _data(
    rows: Sequence[Sequence[Any]], at: int, mapped: Sequence[tuple[int, MappedColumn]], key: str
) -> tuple[list[list[Any]], list[int], list[int]]:
    """The rows below a header at row ``at``, one for one, totals and blanks emptied and
    units converted; with the row numbers of the totals and of the blanks."""
    converting = [(index, column.factor) for index, column in mapped if column.factor != 1]
    key_at = next((i for i, c in mapped if c.header == key), None)
    out = [cells if isinstance(cells, list) else list(cells) for cells in rows[at:]]
    totals: list[int] = []
    blanks: list[int] = []
    for position, cells in enumerate(out):
        value = cells[key_at] if key_at is not None and key_at < len(cells) else None
        # a row with its key cell filled, not with a total's word, is data: the common case,
        # decided without looking at the rest of the row
        if value is None or (
            value.__class__ is str and (not value.strip() or value.lstrip().startswith(TOTALS))
        ):
            if _blank(cells):
                blanks.append(at + position + 1)
                out[position] = []
                continue
            if _is_total(cells):
                totals.append(at + position + 1)
                out[position] = []
                continue
        if converting:
            out[position] = cells = list(cells)
            for index, factor in converting:
                if index < len(cells):
                    cells[index] = _converted(cells[index], factor)
    return out, totals, blanks


def _moved(rows: list[list[Any]], moves: Sequence[tuple[int, int]], width: int) -> None:
    """Rows of a later sheet put in the columns of the first, in place."""
    for position, cells in enumerate(rows):
        if not cells:
            continue
        placed: list[Any] = [None] * width
        for source, target in moves:
            if source < len(cells):
                placed[target] = cells[source]
        rows[position] = placed


def lay_out(
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    extra: Mapping[str, Sequence[str]] | None = None,
) -> Laid:
    """The workbook's sheets as the template's, with what was understood of each.

    A sheet the template names is read as that sheet; any other by its headers. Where no sheet
    bears a template sheet's name, every sheet read as it that names its key column is taken,
    one after another (one sheet per district); where one does, it alone is taken and the
    others are left out, so that a summary never adds to it. Row numbers stay each sheet's
    own (Laid.placed).
    """
    words = _words(extra or {})
    kinds: dict[str, list[tuple[str, bool]]] = {}
    left_out: list[str] = []
    for name, rows in sheets.items():
        sheet, keyed = _kind(name, rows, words)
        if sheet is None or (name not in SHEETS and sheet in sheets):
            left_out.append(name)
            continue
        kinds.setdefault(sheet, []).append((name, keyed))
    laid: dict[str, list[list[Any]]] = {}
    header_rows: dict[str, int] = {}
    layouts: list[SheetLayout] = []
    parts: dict[str, tuple[Part, ...]] = {}
    for sheet, found in kinds.items():
        # a sheet without the key column is taken only where none has it, for its problem to
        # be named; beside sheets that have it, it is a summary
        names = [name for name, keyed in found if keyed] or [name for name, _ in found]
        left_out += [name for name, _ in found if name not in names]
        out: list[list[Any]] = []
        header: list[Any] = []
        placed: list[Part] = []
        for name in names:
            rows = sheets[name]
            if not rows:
                continue
            top, at, cells, _count = _header(rows, sheet, words)
            mapped, unknown = _map_header(cells, sheet, words)
            data, totals, blanks = _data(rows, at, mapped, KEYS[sheet])
            if not placed:
                header = [None] * (max((index for index, _ in mapped), default=-1) + 1)
                for index, column in mapped:
                    header[index] = column.header
                out = [[] for _ in range(at - 1)]
                out.append(header)
                placed.append(Part(name, 1, 1))
                header_rows[sheet] = at
            else:
                moves = []
                for index, column in mapped:
                    if column.header not in header:
                        header.append(column.header)
                    moves.append((index, header.index(column.header)))
                if len(moves) != sum(h is not None for h in header) or any(
                    source != target for source, target in moves
                ):
                    _moved(data, moves, len(header))
                placed.append(Part(name, len(out) + 1, at + 1))
            out += data
            layouts.append(
                SheetLayout(
                    source=name,
                    sheet=sheet,
                    header_row=at,
                    columns=tuple(column for _, column in mapped),
                    unknown=tuple(unknown),
                    totals=tuple(totals),
                    blanks=tuple(blanks),
                    header_top=top,
                )
            )
        laid[sheet] = out  # empty, for the template's check to name, when every sheet was
        if placed:
            parts[sheet] = tuple(placed)
    return Laid(laid, header_rows, tuple(layouts), tuple(left_out), parts)


def as_record(layout: SheetLayout) -> dict[str, Any]:
    """What was understood of a sheet as plain values, to keep with an import and show."""
    return {
        "source": layout.source,
        "sheet": layout.sheet,
        "header_row": layout.header_row,
        "header_from": layout.header_from,
        "columns": [
            [c.written, c.header, format(c.factor.normalize(), "f")] for c in layout.columns
        ],
        "unknown": list(layout.unknown),
        "totals": list(layout.totals),
        "blanks": len(layout.blanks),
        # the template as Anju writes it: nothing to tell its reader
        "plain": layout.source == layout.sheet
        and layout.header_from == 1
        and not (layout.unknown or layout.totals or layout.blanks)
        and all(c.written == c.header and c.factor == 1 for c in layout.columns),
    }


def left_out_record(name: str) -> dict[str, Any]:
    """A sheet not read (a summary, a note, or one beside the template's own), in the same
    shape, so that the import says so beside the sheets it read."""
    return {
        "source": name,
        "sheet": "",
        "left_out": True,
        "header_row": 0,
        "header_from": 0,
        "columns": [],
        "unknown": [],
        "totals": [],
        "blanks": 0,
        "plain": False,
    }
