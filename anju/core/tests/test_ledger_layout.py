"""A ledger as a bureau keeps it is read as its author meant: title rows, 序号, 合计 and 小计
rows, blank rows, their own header wordings and units, with row numbers left as they are."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from anju.core.ledger import COMMUNITY_SHEET, MemoryLedgerContext, validate_ledger
from anju.core.ledger_layout import as_record, lay_out

DISTRICT, STREET = "410902000000", "410902001000"
CONTEXT = MemoryLedgerContext(
    districts={"华龙区": DISTRICT}, streets={(DISTRICT, "胜利街道"): STREET}
)
HEADERS = [
    "序号",
    "项目名称",
    "所在区县",
    "所在街道",
    "建成年代",
    "栋数",
    "总户数",
    "建筑面积（万平方米）",
    "产权性质",
    "专项维修资金首期归集额(万元)",
    "备注",
]


def _bureau_sheet(*rows: list[Any]) -> list[list[Any]]:
    return [
        ["华龙区2026年老旧小区改造台账", *[None] * 10],
        ["填报单位：华龙区住建局", *[None] * 10],
        HEADERS,
        *rows,
    ]


def _row(n: int, name: str, area: Any, fund: Any = None) -> list[Any]:
    return [n, name, "华龙区", "胜利街道", 1992, 4, 120, area, "房改房", fund, "拟改造"]


def test_a_bureau_s_own_sheet_is_read_as_its_author_meant() -> None:
    sheet = _bureau_sheet(
        _row(1, "油田一村", 1.2345, 12.5),
        [None] * 11,
        _row(2, "胜利小区", "0.86", None),
        ["小计", None, None, None, None, 8, 240, 2.0945, None, None, None],
        [" 合 计", None, None, None, None, 8, 240, 2.0945, None, None, None],
    )
    laid = lay_out({"华龙区": sheet})

    (layout,) = laid.layouts
    assert (layout.source, layout.sheet, layout.header_row) == ("华龙区", COMMUNITY_SHEET, 3)
    assert {c.written: (c.header, c.factor) for c in layout.columns} == {
        "项目名称": ("小区名称", Decimal(1)),
        "所在区县": ("区县", Decimal(1)),
        "所在街道": ("街道(乡镇)", Decimal(1)),
        "建成年代": ("建成年份", Decimal(1)),
        "栋数": ("楼栋数", Decimal(1)),
        "总户数": ("户数", Decimal(1)),
        "建筑面积（万平方米）": ("建筑面积(平方米)", Decimal(10000)),
        "产权性质": ("产权性质", Decimal(1)),
        "专项维修资金首期归集额(万元)": ("专项维修资金首期归集额(元)", Decimal(10000)),
    }
    assert (layout.unknown, layout.totals, layout.blanks) == (("序号", "备注"), (7, 8), (5,))

    result = validate_ledger(laid.sheets, CONTEXT, laid.header_rows)
    assert result.issues == ()
    assert result.book is not None
    assert [(c.row, c.name, c.floor_area, c.fund_initial) for c in result.book.communities] == [
        (4, "油田一村", Decimal("12345"), Decimal("125000")),
        (6, "胜利小区", Decimal("8600"), None),
    ]
    assert as_record(layout)["columns"][6] == ["建筑面积（万平方米）", "建筑面积(平方米)", "10000"]
    assert as_record(layout)["plain"] is False


def test_a_problem_is_reported_on_the_row_its_author_sees() -> None:
    laid = lay_out({"华龙区": _bureau_sheet(_row(1, "油田一村", "很大"))})

    result = validate_ledger(laid.sheets, CONTEXT, laid.header_rows)

    assert [(i.row, i.column, i.value, i.code) for i in result.issues] == [
        (4, "建筑面积(平方米)", "很大", "not_number")
    ]


def test_the_template_itself_is_read_unchanged() -> None:
    from anju.core.ledger import headers

    sheet: list[list[Any]] = [list(headers(COMMUNITY_SHEET)), ["A", *[None] * 24]]
    laid = lay_out({COMMUNITY_SHEET: sheet})

    assert laid.header_rows == {COMMUNITY_SHEET: 1}
    assert laid.sheets[COMMUNITY_SHEET][1] == sheet[1]
    assert laid.layouts[0].unknown == ()
    assert all(c.header == c.written for c in laid.layouts[0].columns)
    assert as_record(laid.layouts[0])["plain"] is True


def test_a_city_s_own_wording_is_read_once_it_is_added() -> None:
    sheet = _bureau_sheet(_row(1, "油田一村", 1))
    sheet[2] = ["序号", "院落名", *HEADERS[2:]]
    assert "院落名" in lay_out({"华龙区": sheet}).layouts[0].unknown

    layout = lay_out({"华龙区": sheet}, extra={"小区名称": ["院落名"]}).layouts[0]
    assert ("院落名", "小区名称") in {(c.written, c.header) for c in layout.columns}


@given(
    area=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(9000), places=4),
    as_text=st.booleans(),
)
def test_ten_thousand_square_metres_convert_exactly(area: Decimal, as_text: bool) -> None:
    cell: Any = str(area) if as_text else float(area)
    laid = lay_out({"华龙区": _bureau_sheet(_row(1, "油田一村", cell))})

    result = validate_ledger(laid.sheets, CONTEXT, laid.header_rows)

    assert result.book is not None, result.issues
    assert result.book.communities[0].floor_area == area * 10000


def test_a_wording_means_what_it_means_on_its_own_sheet() -> None:
    sheet = _bureau_sheet(_row(1, "油田一村", 1))
    sheet[2] = [*HEADERS, "层数"]
    layout = lay_out({"华龙区": sheet}).layouts[0]

    assert ("层数", "最高层数") in {(c.written, c.header) for c in layout.columns}


def test_one_sheet_per_district_is_read_as_one_and_problems_stay_on_their_own_sheets() -> None:
    first = _bureau_sheet(_row(1, "油田一村", 1), _row(2, "胜利小区", 1))
    # the second district's sheet orders its columns its own way and has no title
    order = [1, 0, 3, 2, *range(4, 11)]
    second: list[list[Any]] = [[HEADERS[i] for i in order]]
    for cells in (_row(1, "东关小区", 2), _row(2, "胜利小区", "很大"), _row(3, "油田一村", 1)):
        second.append([cells[i] for i in order])
    summary: list[list[Any]] = [
        ["区县", "小区个数", "户数", "楼栋数", "建筑面积"],
        ["华龙区", 4, 480, 16, 4],
    ]

    laid = lay_out({"汇总": summary, "一区": first, "二区": second})

    assert laid.left_out == ("汇总",)
    assert [(layout.source, layout.header_row) for layout in laid.layouts] == [
        ("一区", 3),
        ("二区", 1),
    ]
    result = validate_ledger(laid.sheets, CONTEXT, laid.header_rows)
    placed = [laid.placed(issue) for issue in result.issues]
    assert {(i.sheet, i.row, i.column, i.code) for i in placed} == {
        ("二区", 3, "建筑面积(平方米)", "not_number"),
        ("二区", 3, "小区名称", "duplicate_in_book"),
        ("二区", 4, "小区名称", "duplicate_in_book"),
    }
    assert [
        (i.row, i.params["first_sheet"], i.params["first_row"])
        for i in placed
        if i.code == "duplicate_in_book"
    ] == [(3, "一区", 5), (4, "一区", 4)]

    fixed = lay_out({"一区": first, "二区": [second[0], second[1]]})
    book = validate_ledger(fixed.sheets, CONTEXT, fixed.header_rows).book
    assert book is not None
    assert [(c.name, c.floor_area) for c in book.communities] == [
        ("油田一村", Decimal(10000)),
        ("胜利小区", Decimal(10000)),
        ("东关小区", Decimal(20000)),
    ]


def test_a_header_on_two_rows_with_merged_cells_is_read_as_one() -> None:
    upper = [
        "序号",
        "项目名称",
        "所在区县",
        "所在街道",
        "基本情况",
        None,
        None,
        "建成年代",
        "产权性质",
    ]
    lower = [None, None, None, None, "栋数", "总户数", "建筑面积（万平方米）", None, None]
    sheet: list[list[Any]] = [
        ["华龙区老旧小区台账", *[None] * 8],
        upper,
        lower,
        [1, "油田一村", "华龙区", "胜利街道", 4, 120, 1.5, "1992年", "房改房"],
    ]

    laid = lay_out({"华龙区": sheet})

    (layout,) = laid.layouts
    assert (layout.header_from, layout.header_row) == (2, 3)
    assert layout.unknown == ("序号",)
    book = validate_ledger(laid.sheets, CONTEXT, laid.header_rows).book
    assert book is not None
    (community,) = book.communities
    assert (community.row, community.build_year, community.floor_area) == (
        4,
        1992,
        Decimal(15000),
    )
    assert as_record(layout)["header_from"] == 2
