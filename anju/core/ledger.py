"""The ledger (项目台账) exchange format: its sheets and columns, and the validation of a workbook.

A bureau's ledger arrives as a spreadsheet typed by many hands. The rule is that a file lands
whole or not at all, so validation looks at every cell and every cross-reference first and
reports all problems together, each with its sheet, row, column, value and reason; only a clean
book is handed on to be written.

Reasons are codes with parameters, not sentences: the apps word them in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from typing import Any, NamedTuple, Protocol

from anju.core.datum import Datum, kept
from anju.core.divisions import covers
from anju.core.identity import is_masked
from anju.core.ledger_cells import (
    CellRefused,
    Choice,
    Integer,
    Number,
    Parser,
    Text,
    as_text,
    build_year,
    community_code,
    datum,
    division_code,
    floor_number,
    id_number,
    typed_column,
    yes_no,
)
from anju.core.registry import (
    MANAGEMENT_MODE_WORDS,
    PROPERTY_NATURE_WORDS,
    ManagementMode,
    PropertyNature,
)

COMMUNITY_SHEET = "小区"
BUILDING_SHEET = "楼栋"
DWELLING_SHEET = "房屋"
SHEETS = (COMMUNITY_SHEET, BUILDING_SHEET, DWELLING_SHEET)

HEADER_ROW = 1


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in the book. ``row`` is the spreadsheet's own row number (header = 1)."""

    sheet: str
    row: int
    column: str
    value: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    parse: Parser
    required: bool = False


_AREA = Number(Decimal("0.01"), Decimal("100000000"))
_MONEY = Number(Decimal("0"), Decimal("100000000000"))

COMMUNITY_COLUMNS = (
    Column("小区编号", "code", community_code),
    Column("小区名称", "name", Text(100), required=True),
    Column("区县", "district", Text(50), required=True),
    Column("街道(乡镇)", "street", Text(50), required=True),
    Column("社区", "committee", Text(50)),
    Column("行政区划代码", "division_code", division_code),
    Column("详细地址", "address", Text(200)),
    Column("建成年份", "build_year", build_year, required=True),
    Column("楼栋数", "building_count", Integer(1, 10000), required=True),
    Column("户数", "household_count", Integer(1, 1000000), required=True),
    Column("建筑面积(平方米)", "floor_area", _AREA, required=True),
    Column("产权性质", "property_nature", Choice(PROPERTY_NATURE_WORDS), required=True),
    Column("最高层数", "max_floors", Integer(1, 200)),
    Column("有无电梯", "has_elevator", yes_no),
    Column("物业管理方式", "management_mode", Choice(MANAGEMENT_MODE_WORDS)),
    Column("是否成立业主委员会", "has_owners_committee", yes_no),
    Column("专项维修资金首期归集额(元)", "fund_initial", _MONEY),
    Column("专项维修资金余额(元)", "fund_balance", _MONEY),
    Column("是否纳入棚户区改造计划", "in_shantytown_plan", yes_no),
    Column("是否以居民自建房为主", "mostly_self_built", yes_no),
    Column("是否城中村", "is_urban_village", yes_no),
    Column("房屋结构是否安全", "structure_safe", yes_no),
    Column("居民改造意愿(%)", "willingness_pct", Number(Decimal(0), Decimal(100), percent=True)),
    Column("经度", "longitude", Number(Decimal(73), Decimal(136), places=6)),
    Column("纬度", "latitude", Number(Decimal(3), Decimal(54), places=6)),
    # empty: CGCS2000, as Anju keeps them; GCJ-02 is converted as the book is read
    Column("坐标系", "datum", datum),
)

BUILDING_COLUMNS = (
    Column("小区编号", "community_code", community_code, required=True),
    Column("楼栋号", "number", Text(20), required=True),
    Column("层数", "floors", Integer(1, 200), required=True),
    Column("单元数", "unit_count", Integer(1, 100)),
    Column("有无电梯", "has_elevator", yes_no),
    Column("建成年份", "build_year", build_year),
)

DWELLING_COLUMNS = (
    Column("小区编号", "community_code", community_code, required=True),
    Column("楼栋号", "building_number", Text(20), required=True),
    Column("单元", "unit", Text(20), required=True),
    Column("楼层", "floor", floor_number, required=True),
    Column("房号", "room", Text(20), required=True),
    Column(
        "专有部分面积(平方米)",
        "exclusive_area",
        Number(Decimal("0.01"), Decimal(100000)),
        required=True,
    ),
    Column("业主姓名", "owner_name", Text(50)),
    Column("业主证件号", "owner_id_number", id_number),
)

COLUMNS: Mapping[str, tuple[Column, ...]] = {
    COMMUNITY_SHEET: COMMUNITY_COLUMNS,
    BUILDING_SHEET: BUILDING_COLUMNS,
    DWELLING_SHEET: DWELLING_COLUMNS,
}


class CommunityRow(NamedTuple):
    """小区: one row of the ledger's first sheet, typed and resolved to its divisions.

    Ledger rows are named tuples rather than frozen dataclasses: as immutable, and several
    times cheaper to build, which counts when a national ledger has 220,000 of them. Their
    fields are ``row`` and then the sheet's columns in template order (see COLUMNS).
    """

    row: int
    code: str | None
    name: str
    district: str
    street: str
    committee: str | None
    division_code: str | None
    address: str | None
    build_year: int
    building_count: int
    household_count: int
    floor_area: Decimal
    property_nature: PropertyNature
    max_floors: int | None
    has_elevator: bool | None
    management_mode: ManagementMode | None
    has_owners_committee: bool | None
    fund_initial: Decimal | None
    fund_balance: Decimal | None
    in_shantytown_plan: bool | None
    mostly_self_built: bool | None
    is_urban_village: bool | None
    structure_safe: bool | None
    willingness_pct: Decimal | None
    longitude: Decimal | None
    latitude: Decimal | None
    datum: Datum | None = None  # as the row gave it; the coordinates are CGCS2000 already
    district_code: str = ""
    street_code: str = ""
    committee_code: str | None = None


class BuildingRow(NamedTuple):
    """楼栋."""

    row: int
    community_code: str
    number: str
    floors: int
    unit_count: int | None
    has_elevator: bool | None
    build_year: int | None


class DwellingRow(NamedTuple):
    """房屋: a dwelling and, where known, its owner. A masked ID number means 'keep the one on file'."""

    row: int
    community_code: str
    building_number: str
    unit: str
    floor: int
    room: str
    exclusive_area: Decimal
    owner_name: str | None
    owner_id_number: str | None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.community_code, self.building_number, self.unit, self.room)


@dataclass(frozen=True, slots=True)
class LedgerBook:
    """A validated book. ``columns`` names, per sheet, the fields the file had columns for:
    writing it changes only those, so a ledger with fewer columns never blanks the others."""

    communities: tuple[CommunityRow, ...]
    buildings: tuple[BuildingRow, ...]
    dwellings: tuple[DwellingRow, ...]
    columns: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: {
            sheet: frozenset(c.field for c in COLUMNS[sheet]) for sheet in SHEETS
        }
    )


@dataclass(frozen=True, slots=True)
class LedgerResult:
    book: LedgerBook | None
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues


class LedgerContext(Protocol):
    """What validation needs to know about the registry the book will land in."""

    def district_codes(self, name: str) -> tuple[str, ...]:
        """The districts or counties of that name: only those of the deployment's own city when
        it has one of that name, else every one in the country (鼓楼区 is in four cities)."""
        ...

    def division_label(self, code: str) -> str:
        """A division named so that a person tells it from its namesakes: 南京市鼓楼区."""
        ...

    def street_code(self, district_code: str, name: str) -> str | None: ...

    def committee_code(self, street_code: str, name: str) -> str | None: ...

    def division_exists(self, code: str) -> bool: ...

    def in_jurisdiction(self, code: str) -> bool: ...

    def community_division(self, code: str) -> str | None:
        """The division code of a community already registered under ``code``."""
        ...

    def building_floors(self, community_code: str, number: str) -> int | None: ...

    def owner_id_mask(self, key: tuple[str, str, str, str]) -> str | None:
        """The masked ID number on file for a dwelling, to accept a masked cell as 'unchanged'."""
        ...


@dataclass
class MemoryLedgerContext:
    """A registry held in dictionaries: what the apps preload, and what tests build by hand."""

    districts: dict[str, str] = field(default_factory=dict)
    # names that several districts bear, with their codes, and how each is shown
    namesakes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    streets: dict[tuple[str, str], str] = field(default_factory=dict)
    committees: dict[tuple[str, str], str] = field(default_factory=dict)
    scopes: tuple[str, ...] | None = None
    communities: dict[str, str] = field(default_factory=dict)
    buildings: dict[tuple[str, str], int] = field(default_factory=dict)
    owner_masks: dict[tuple[str, str, str, str], str] = field(default_factory=dict)

    def district_codes(self, name: str) -> tuple[str, ...]:
        if name in self.namesakes:
            return self.namesakes[name]
        return (self.districts[name],) if name in self.districts else ()

    def division_label(self, code: str) -> str:
        return self.labels.get(code, code)

    def street_code(self, district_code: str, name: str) -> str | None:
        return self.streets.get((district_code, name))

    def committee_code(self, street_code: str, name: str) -> str | None:
        return self.committees.get((street_code, name))

    def division_exists(self, code: str) -> bool:
        return (
            code in self.districts.values()
            or code in self.streets.values()
            or code in self.committees.values()
        )

    def in_jurisdiction(self, code: str) -> bool:
        return self.scopes is None or any(covers(scope, code) for scope in self.scopes)

    def community_division(self, code: str) -> str | None:
        return self.communities.get(code)

    def building_floors(self, community_code: str, number: str) -> int | None:
        return self.buildings.get((community_code, number))

    def owner_id_mask(self, key: tuple[str, str, str, str]) -> str | None:
        return self.owner_masks.get(key)


# ---------------------------------------------------------------------------------------------

_HEADER_TRANSLATION = str.maketrans({"（": "(", "）": ")", "\u3000": None, " ": None, "*": None})


def normalize_header(value: object) -> str:
    """Headers match after dropping spaces (half- and full-width) and the required-mark '*',
    with full-width brackets read as half-width ones."""
    return as_text(value).translate(_HEADER_TRANSLATION).replace("\t", "")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    return "" if value is None else as_text(value)


def _read_sheet(
    sheet: str,
    rows: Sequence[Sequence[Any]],
    columns: tuple[Column, ...],
    issues: list[Issue],
    present: dict[str, frozenset[str]],
    header_row: int = HEADER_ROW,
) -> tuple[list[tuple[Any, ...]], set[int]]:
    """Type every cell of one sheet. Returns, for each non-blank row, its row number and then
    its values in ``columns`` order (None where the sheet lacks the column or the cell is bad),
    and the numbers of the rows with a bad cell. Later checks still look at those rows' good
    cells, so that one pass reports every problem of the file."""
    if len(rows) < header_row:
        issues.append(Issue(sheet, header_row, "", "", "empty_sheet"))
        return [], set()
    positions: dict[str, int] = {}
    for index, cell in enumerate(rows[header_row - 1]):
        header = normalize_header(cell) if not _is_blank(cell) else ""
        if not header:
            continue
        if header in positions:
            issues.append(Issue(sheet, header_row, header, header, "duplicate_column"))
        positions[header] = index
    plan: list[tuple[Column, int]] = []
    for column in columns:
        index = positions.get(normalize_header(column.header), -1)
        if index < 0:
            if column.required:
                issues.append(Issue(sheet, header_row, column.header, "", "missing_column"))
            continue
        plan.append((column, index))
    if any(issue.sheet == sheet and issue.code == "missing_column" for issue in issues):
        return [], set()
    present[sheet] = frozenset(column.field for column, _ in plan)

    numbers: list[int] = []
    kept: list[Sequence[Any]] = []
    reach = max((index for _, index in plan), default=0) + 1
    for row_number in range(header_row + 1, len(rows) + 1):
        cells = rows[row_number - 1]
        width = len(cells)
        blanks = cells.count("") + cells.count(None)
        if blanks == width or (blanks * 2 > width and all(_is_blank(cell) for cell in cells)):
            continue
        numbers.append(row_number)
        kept.append(cells if width >= reach else [*cells, *[None] * (reach - width)])

    # Column by column, and each column at once where it can be (anju.core.ledger_cells),
    # which matters at national scale. Every row is at least ``reach`` wide (rows of several
    # sheets may differ past it).
    grid = list(zip(*kept)) if kept else [() for _ in range(reach)]  # noqa: B905
    bad_rows: set[int] = set()
    parsed: list[list[Any]] = []
    for column, index in plan:
        typed = typed_column(column.parse, column.required, grid[index])
        if typed is not None:
            parsed.append(typed)
            continue
        problems: list[tuple[int, Any, CellRefused]] = []
        parsed.append(list(map(_cell_reader(column, problems), grid[index], range(len(kept)))))
        for position, value, error in problems:
            bad_rows.add(position)
            issues.append(
                Issue(
                    sheet, numbers[position], column.header, _show(value), error.code, error.params
                )
            )
    by_field = {column.field: values for (column, _), values in zip(plan, parsed, strict=True)}
    ordered = [by_field.get(column.field, repeat(None)) for column in columns]
    rows_typed = zip(numbers, *ordered)  # noqa: B905 -- absent columns repeat None endlessly
    return list(rows_typed), {numbers[position] for position in bad_rows}


_REQUIRED = CellRefused("required")


def _cell_reader(
    column: Column, problems: list[tuple[int, Any, CellRefused]]
) -> Callable[[Any, int], Any]:
    """A function typing one cell of ``column``; it files problems instead of raising."""
    parse, required = column.parse, column.required

    def read(value: Any, position: int) -> Any:
        if value.__class__ is str:
            value = value.strip()
            if not value:
                value = None
        if value is None:
            if required:
                problems.append((position, "", _REQUIRED))
            return None
        try:
            return parse(value)
        except CellRefused as error:
            problems.append((position, value, error))
            return None

    return read


_CODE, _NAME, _DISTRICT, _STREET, _COMMITTEE, _DIVISION = (
    CommunityRow._fields.index(name)
    for name in ("code", "name", "district", "street", "committee", "division_code")
)
Place = tuple[str, str, str | None]


class _Unplaced(NamedTuple):
    column: str
    value: str
    code: str
    params: Mapping[str, object] = {}


def _place(values: tuple[Any, ...], context: LedgerContext) -> Place | _Unplaced:
    """Resolve a row's 区县/街道/社区/行政区划代码 to division codes: (district, street, committee),
    or (column, value, issue code) when they do not resolve or lie outside the jurisdiction."""
    district_name, street_name = values[_DISTRICT], values[_STREET]
    committee_name, given = values[_COMMITTEE], values[_DIVISION]
    candidates = context.district_codes(district_name)
    named = [c for c in candidates if given is not None and covers(c, given)]
    if len(named) == 1 or len(candidates) == 1:
        district = (named or list(candidates))[0]
    elif not candidates:
        return _Unplaced("区县", district_name, "unknown_district")
    else:
        listed = "、".join(f"{context.division_label(c)}（{c[:6]}）" for c in candidates)
        return _Unplaced("区县", district_name, "ambiguous_district", {"candidates": listed})
    street = context.street_code(district, street_name)
    if street is None:
        return _Unplaced("街道(乡镇)", street_name, "unknown_street")
    committee: str | None = None
    if committee_name:
        committee = context.committee_code(street, committee_name)
        if committee is None:
            return _Unplaced("社区", committee_name, "unknown_committee")
    if given is not None:
        fits = given == (committee or street) or (
            committee is None and covers(street, given) and context.division_exists(given)
        )
        if not fits:
            return _Unplaced("行政区划代码", given, "division_code_mismatch")
        committee = committee or (given if given != street else None)
    if not context.in_jurisdiction(committee or street):
        return _Unplaced("区县", district_name, "outside_jurisdiction")
    return (district, street, committee)


def _division_of_code(code: str) -> str | None:
    """The division a community code names by its first twelve digits, as every code Anju
    gives does: a code under another district is that district's to give, registered or not."""
    head = code[:12]
    return head if len(head) == 12 and head.isdecimal() else None


def _resolve_communities(
    records: list[tuple[Any, ...]], context: LedgerContext, issues: list[Issue]
) -> list[CommunityRow]:
    """Typed community rows with their division codes; communities share places, so each
    distinct place is resolved once."""
    places: dict[tuple[Any, ...], Place | _Unplaced] = {}
    resolved: list[CommunityRow] = []
    for values in records:
        key = (values[_DISTRICT], values[_STREET], values[_COMMITTEE], values[_DIVISION])
        place = places.get(key)
        if place is None:
            place = places[key] = _place(values, context)
        if isinstance(place, _Unplaced):
            issues.append(
                Issue(
                    COMMUNITY_SHEET, values[0], place.column, place.value, place.code, place.params
                )
            )
            continue
        code = values[_CODE]
        if code is not None:
            claimed = context.community_division(code) or _division_of_code(code)
            if claimed is not None and not context.in_jurisdiction(claimed):
                issues.append(
                    Issue(COMMUNITY_SHEET, values[0], "小区编号", code, "outside_jurisdiction")
                )
                continue
        resolved.append(CommunityRow._make((*values, *place)))
    return resolved


def _in_cgcs2000(row: CommunityRow) -> CommunityRow:
    """The row with its coordinates as Anju keeps them (core.datum)."""
    if row.datum is None or row.longitude is None or row.latitude is None:
        return row
    longitude, latitude = kept(row.longitude, row.latitude, row.datum)
    return row._replace(longitude=longitude, latitude=latitude)


def _consistent(rows: list[CommunityRow], issues: list[Issue]) -> list[CommunityRow]:
    """The rows that repeat no earlier row's code or place and name, and whose maintenance
    fund figures make sense; the others become issues."""
    codes = [row.code for row in rows if row.code is not None]
    places = {(row.district_code, row.street_code, row.name) for row in rows}
    if (
        len(set(codes)) == len(codes)
        and len(places) == len(rows)
        and not any(row.fund_initial is None and row.fund_balance is not None for row in rows)
    ):
        return rows
    kept: list[CommunityRow] = []
    seen_codes: dict[str, int] = {}
    seen_places: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row.code is not None:
            first = seen_codes.setdefault(row.code, row.row)
            if first != row.row:
                issues.append(_duplicate(COMMUNITY_SHEET, row.row, "小区编号", row.code, first))
                continue
        first = seen_places.setdefault((row.district_code, row.street_code, row.name), row.row)
        if first != row.row:
            issues.append(_duplicate(COMMUNITY_SHEET, row.row, "小区名称", row.name, first))
            continue
        if row.fund_initial is None and row.fund_balance is not None:
            column = "专项维修资金首期归集额(元)"
            issues.append(
                Issue(COMMUNITY_SHEET, row.row, column, "", "fund_balance_without_initial")
            )
            continue
        kept.append(row)
    return kept


def _duplicate(sheet: str, row: int, column: str, value: str, first: int) -> Issue:
    return Issue(sheet, row, column, value, "duplicate_in_sheet", {"first_row": first})


def validate_ledger(
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    context: LedgerContext,
    header_rows: Mapping[str, int] | None = None,
) -> LedgerResult:
    """Check a whole workbook against the template and the registry it will land in.

    ``sheets`` maps a sheet name to its rows of raw cell values, the header first or, for a
    sheet named in ``header_rows``, on that row (the rows above are not read). The 楼栋 and
    房屋 sheets are optional; the 小区 sheet may be absent only when one of them is present.
    """
    issues: list[Issue] = []
    columns: dict[str, frozenset[str]] = {}
    at = header_rows or {}
    present = {name: rows for name, rows in sheets.items() if name in SHEETS}
    if not present:
        issues.append(Issue(COMMUNITY_SHEET, 0, "", "", "missing_sheet"))
        return LedgerResult(None, tuple(issues))

    communities: list[CommunityRow] = []
    if COMMUNITY_SHEET in present:
        records, bad = _read_sheet(
            COMMUNITY_SHEET,
            present[COMMUNITY_SHEET],
            COMMUNITY_COLUMNS,
            issues,
            columns,
            at.get(COMMUNITY_SHEET, HEADER_ROW),
        )
        placed = [values for values in records if values[_DISTRICT] and values[_STREET]]
        resolved = _resolve_communities(placed, context, issues)
        codes_in_book = {row.code for row in resolved if row.code is not None}
        checked = _consistent([row for row in resolved if row.name is not None], issues)
        communities = [_in_cgcs2000(row) for row in checked if row.row not in bad]
    else:
        codes_in_book = set()

    def community_known(code: str, sheet: str, row: int) -> bool:
        if code in codes_in_book:
            return True
        registered = context.community_division(code)
        if registered is None:
            issues.append(Issue(sheet, row, "小区编号", code, "unknown_community"))
            return False
        if not context.in_jurisdiction(registered):
            issues.append(Issue(sheet, row, "小区编号", code, "outside_jurisdiction"))
            return False
        return True

    buildings: list[BuildingRow] = []
    floors_in_book: dict[tuple[str, str], int] = {}
    if BUILDING_SHEET in present:
        seen_buildings: dict[tuple[str, str], int] = {}
        records, bad = _read_sheet(
            BUILDING_SHEET,
            present[BUILDING_SHEET],
            BUILDING_COLUMNS,
            issues,
            columns,
            at.get(BUILDING_SHEET, HEADER_ROW),
        )
        for record in records:
            building = BuildingRow._make(record)
            if building.community_code is None or building.number is None:
                continue
            if not community_known(building.community_code, BUILDING_SHEET, building.row):
                continue
            key = (building.community_code, building.number)
            first = seen_buildings.setdefault(key, building.row)
            if first != building.row:
                issues.append(
                    _duplicate(BUILDING_SHEET, building.row, "楼栋号", building.number, first)
                )
                continue
            if building.floors is not None:
                floors_in_book[key] = building.floors
            if building.row not in bad:
                buildings.append(building)

    dwellings: list[DwellingRow] = []
    if DWELLING_SHEET in present:
        seen_dwellings: dict[tuple[str, str, str, str], int] = {}
        records, bad = _read_sheet(
            DWELLING_SHEET,
            present[DWELLING_SHEET],
            DWELLING_COLUMNS,
            issues,
            columns,
            at.get(DWELLING_SHEET, HEADER_ROW),
        )
        for record in records:
            dwelling = DwellingRow._make(record)
            sheet, row = DWELLING_SHEET, dwelling.row
            if dwelling.community_code is None or dwelling.building_number is None:
                continue
            if not community_known(dwelling.community_code, sheet, row):
                continue
            building_key = (dwelling.community_code, dwelling.building_number)
            floors = floors_in_book.get(building_key)
            if floors is None:
                floors = context.building_floors(*building_key)
            if floors is None:
                issues.append(
                    Issue(sheet, row, "楼栋号", dwelling.building_number, "unknown_building")
                )
                continue
            if dwelling.floor is not None and dwelling.floor > floors:
                issues.append(
                    Issue(
                        sheet,
                        row,
                        "楼层",
                        str(dwelling.floor),
                        "floor_above_building",
                        {"floors": floors},
                    )
                )
                continue
            first = seen_dwellings.setdefault(dwelling.key, row)
            if first != row and None not in dwelling.key:
                issues.append(_duplicate(sheet, row, "房号", dwelling.room, first))
                continue
            masked = dwelling.owner_id_number
            if masked and is_masked(masked) and context.owner_id_mask(dwelling.key) != masked:
                issues.append(Issue(sheet, row, "业主证件号", masked, "masked_id_unknown"))
                continue
            if row not in bad:
                dwellings.append(dwelling)

    if issues:
        issues.sort(key=lambda issue: (SHEETS.index(issue.sheet), issue.row))
        return LedgerResult(None, tuple(issues))
    return LedgerResult(
        LedgerBook(tuple(communities), tuple(buildings), tuple(dwellings), columns), ()
    )


# ---------------------------------------------------------------------------------------------
# Writing: the inverse of reading, so that an exported book re-imports to the same registry.

_WORDS: dict[type, Mapping[Any, str]] = {
    Datum: {Datum.CGCS2000: "CGCS2000", Datum.GCJ02: "GCJ-02"},
    PropertyNature: {v: k for k, v in PROPERTY_NATURE_WORDS.items()},
    ManagementMode: {v: k for k, v in MANAGEMENT_MODE_WORDS.items()},
}
SHEET_OF_ROW: Mapping[type, str] = {
    CommunityRow: COMMUNITY_SHEET,
    BuildingRow: BUILDING_SHEET,
    DwellingRow: DWELLING_SHEET,
}


def headers(sheet: str) -> list[str]:
    return [column.header for column in COLUMNS[sheet]]


def _cell(value: Any) -> Any:
    words = _WORDS.get(type(value))
    if words is not None:
        return words[value]
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def render_row(row: CommunityRow | BuildingRow | DwellingRow) -> list[Any]:
    """The cells of one row in its sheet's column order."""
    return [_cell(getattr(row, column.field)) for column in COLUMNS[SHEET_OF_ROW[type(row)]]]
