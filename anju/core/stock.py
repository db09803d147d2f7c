"""The inventory of stock resources (存量资源) as a bureau keeps it in a workbook: one row for each
idle room, building, shop, plot or 存房, read like the ledger, every bad cell named with its row
and column, nothing kept unless the whole sheet reads.

What a resource may be used for is written as the facilities it could house (养老、托育、停车),
the words of the condition assessment, so that a resource meets the communities lacking them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anju.core.conditions import FACILITY_WORDS, Facility
from anju.core.datum import Datum, kept
from anju.core.ledger import Issue
from anju.core.ledger_cells import (
    CellRefused,
    Choice,
    Number,
    Text,
    as_text,
    community_code,
    datum,
    division_code,
)

SHEET = "存量资源"


class Kind(enum.StrEnum):
    ROOM = "room"
    BUILDING = "building"
    SHOP = "shop"
    PLOT = "plot"
    STORED_HOUSING = "stored_housing"


class State(enum.StrEnum):
    READY = "ready"
    REPAIR = "repair"
    REBUILD = "rebuild"


# as the template's drop-downs offer them; the words after them are read too
KIND_NAMES = {
    Kind.ROOM: "闲置用房",
    Kind.BUILDING: "闲置楼栋",
    Kind.SHOP: "底商用房",
    Kind.PLOT: "闲置空地",
    Kind.STORED_HOUSING: "存房",
}
STATE_NAMES = {State.READY: "可直接使用", State.REPAIR: "需修缮", State.REBUILD: "需新建或改扩建"}
KIND_WORDS = {
    "闲置房屋": Kind.ROOM,
    "房屋": Kind.ROOM,
    "闲置用房": Kind.ROOM,
    "闲置楼栋": Kind.BUILDING,
    "闲置建筑": Kind.BUILDING,
    "楼栋": Kind.BUILDING,
    "建筑": Kind.BUILDING,
    "底商用房": Kind.SHOP,
    "住宅楼底商业用房": Kind.SHOP,
    "商铺": Kind.SHOP,
    "底商": Kind.SHOP,
    "闲置空地": Kind.PLOT,
    "空地": Kind.PLOT,
    "荒地": Kind.PLOT,
    "待改造用地": Kind.PLOT,
    "闲置地": Kind.PLOT,
    "闲置用地": Kind.PLOT,
    "场地": Kind.PLOT,
    "存房": Kind.STORED_HOUSING,
}
STATE_WORDS = {
    "可直接使用": State.READY,
    "完好": State.READY,
    "需修缮": State.REPAIR,
    "需维修": State.REPAIR,
    "需新建": State.REBUILD,
    "需改扩建": State.REBUILD,
    "需新建或改扩建": State.REBUILD,
}
# the facilities a room, a building or a plot can house (no pipe or roof is)
HOUSED = (
    Facility.ELDERLY_CARE,
    Facility.CHILD_CARE,
    Facility.MEAL_ASSISTANCE,
    Facility.HOUSEKEEPING,
    Facility.COMMUNITY_SERVICES,
    Facility.HEALTH,
    Facility.SPORTS_CULTURE,
    Facility.PROPERTY_ROOMS,
    Facility.POLICE_ROOM,
    Facility.EXPRESS_LOCKERS,
    Facility.PARKING,
    Facility.EV_CHARGING,
    Facility.MARKET,
)
USE_WORDS: dict[str, Facility] = {FACILITY_WORDS[f]: f for f in HOUSED} | {
    "养老服务": Facility.ELDERLY_CARE,
    "托育": Facility.CHILD_CARE,
    "托幼": Facility.CHILD_CARE,
    "家政": Facility.HOUSEKEEPING,
    "社区服务": Facility.COMMUNITY_SERVICES,
    "卫生": Facility.HEALTH,
    "文体": Facility.SPORTS_CULTURE,
    "充电": Facility.EV_CHARGING,
    "快递": Facility.EXPRESS_LOCKERS,
    "菜市场": Facility.MARKET,
    "便利店": Facility.MARKET,
}
USES_APART = re.compile(r"[、,，;；/\s]+")
MOST_ROWS = 20_000  # a province's inventory; a bureau's holds hundreds


@dataclass(frozen=True, slots=True)
class ResourceRow:
    row: int
    code: str
    name: str
    kind: Kind
    owner: str
    area_m2: Decimal
    uses: tuple[Facility, ...]
    state: State
    division_code: str
    address: str
    longitude: Decimal
    latitude: Decimal
    documents: str


def uses(value: Any) -> tuple[Facility, ...]:
    words = [w for w in USES_APART.split(as_text(value)) if w]
    found = [USE_WORDS.get(w) for w in words]
    if not words or None in found:
        raise CellRefused("not_choice", choices="、".join(FACILITY_WORDS[f] for f in HOUSED))
    return tuple(dict.fromkeys(f for f in found if f is not None))


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    parse: Any
    required: bool = True


COLUMNS = (
    Column("资源编号", community_code),
    Column("名称", Text(100)),
    Column("类型", Choice(KIND_WORDS)),
    Column("产权单位", Text(100)),
    Column("面积（平方米）", Number(Decimal("0.01"), Decimal(10_000_000))),
    Column("可用于", uses),
    Column("现状", Choice(STATE_WORDS)),
    Column("行政区划代码", division_code),
    Column("地址", Text(200), required=False),
    Column("经度", Number(Decimal(73), Decimal(136), places=6)),
    Column("纬度", Number(Decimal(3), Decimal(54), places=6)),
    Column("坐标系", datum, required=False),
    Column("权属及批准文件", Text(200), required=False),
)
# headers as bureaus write them, brackets and units in either width
HEADER_WORDS = {
    "编号": "资源编号",
    "资源名称": "名称",
    "面积": "面积（平方米）",
    "面积(平方米)": "面积（平方米）",
    "面积(㎡)": "面积（平方米）",
    "面积（㎡）": "面积（平方米）",
    "用途": "可用于",
    "可用途": "可用于",
    "状态": "现状",
    "权属单位": "产权单位",
    "文件": "权属及批准文件",
}


def _header(cell: Any) -> str:
    text = "".join(as_text(cell).split()) if cell is not None else ""
    return HEADER_WORDS.get(text, text)


def read_resources(rows: Sequence[Sequence[Any]]) -> tuple[list[ResourceRow], list[Issue]]:
    """The inventory's resources, or every problem found: the header is the first row naming
    资源编号 among the first 20. A row left blank is passed over."""
    issues: list[Issue] = []
    header_at = next(
        (i for i, row in enumerate(rows[:20]) if "资源编号" in {_header(c) for c in row}), None
    )
    if header_at is None:
        return [], [Issue(SHEET, 0, "资源编号", "", "missing_column")]
    header = [_header(c) for c in rows[header_at]]
    at: dict[str, int] = {}
    for column in COLUMNS:
        if column.header in header:
            at[column.header] = header.index(column.header)
        elif column.required:
            issues.append(Issue(SHEET, header_at + 1, column.header, "", "missing_column"))
    if issues:
        return [], issues
    found: list[ResourceRow] = []
    first: dict[str, int] = {}
    read = 0
    for index, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = {h: row[i] if i < len(row) else None for h, i in at.items()}
        if all(v is None or as_text(v) == "" for v in cells.values()):
            continue
        read += 1
        if read > MOST_ROWS:
            return [], [Issue(SHEET, index, "", "", "too_many_rows", {"most": MOST_ROWS})]
        values: dict[str, Any] = {}
        bad = False
        for column in COLUMNS:
            value = cells.get(column.header)
            if value is None or as_text(value) == "":
                if column.required:
                    issues.append(Issue(SHEET, index, column.header, "", "required"))
                    bad = True
                values[column.header] = None
                continue
            try:
                values[column.header] = column.parse(value)
            except CellRefused as refused:
                issues.append(
                    Issue(SHEET, index, column.header, as_text(value), refused.code, refused.params)
                )
                bad = True
        code = values["资源编号"]
        if code is not None and code in first:
            issues.append(
                Issue(
                    SHEET, index, "资源编号", code, "duplicate_in_sheet", {"first_row": first[code]}
                )
            )
            continue
        if code is not None:
            first[code] = index
        if bad:
            continue
        longitude, latitude = kept(
            values["经度"], values["纬度"], values["坐标系"] or Datum.CGCS2000
        )
        found.append(
            ResourceRow(
                index,
                code,
                values["名称"],
                values["类型"],
                values["产权单位"],
                values["面积（平方米）"],
                values["可用于"],
                values["现状"],
                values["行政区划代码"],
                values["地址"] or "",
                longitude,
                latitude,
                values["权属及批准文件"] or "",
            )
        )
    return ([] if issues else found), issues
