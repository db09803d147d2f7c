from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anju.core.datum import to_gcj02
from anju.core.demo_city import DemoCity, generate_city
from anju.core.ledger import (
    BUILDING_SHEET,
    COMMUNITY_SHEET,
    DWELLING_SHEET,
    CommunityRow,
    MemoryLedgerContext,
    headers,
    normalize_header,
    render_row,
    validate_ledger,
)
from anju.core.ledger_cells import EARLIEST_BUILD_YEAR, build_year
from anju.core.registry import ManagementMode, PropertyNature

DISTRICT, STREET, COMMITTEE = "410902000000", "410902001000", "410902001001"
OTHER_DISTRICT, OTHER_STREET = "410922000000", "410922001000"


def context(**overrides: Any) -> MemoryLedgerContext:
    values: dict[str, Any] = {
        "districts": {"华龙区": DISTRICT, "清丰县": OTHER_DISTRICT},
        "streets": {(DISTRICT, "胜利街道"): STREET, (OTHER_DISTRICT, "城关镇"): OTHER_STREET},
        "committees": {(STREET, "建设社区"): COMMITTEE},
    }
    values.update(overrides)
    return MemoryLedgerContext(**values)


def community_cells(**changes: Any) -> list[Any]:
    cells = {
        "小区编号": "410902001001001",
        "小区名称": "油田第三小区",
        "区县": "华龙区",
        "街道(乡镇)": "胜利街道",
        "社区": "建设社区",
        "行政区划代码": "410902001001",
        "详细地址": "胜利路12号",
        "建成年份": 1995.0,
        "楼栋数": 6,
        "户数": 180,
        "建筑面积(平方米)": 12345.67,
        "产权性质": "房改房",
        "最高层数": 6,
        "有无电梯": "否",
        "物业管理方式": "居民自治",
        "是否成立业主委员会": "否",
        "专项维修资金首期归集额(元)": "",
        "专项维修资金余额(元)": "",
        "是否纳入棚户区改造计划": "否",
        "是否以居民自建房为主": "否",
        "是否城中村": "否",
        "房屋结构是否安全": "是",
        "居民改造意愿(%)": "85%",
        "经度": 115.03,
        "纬度": 35.76,
        "坐标系": "",
    }
    cells.update(changes)
    return [cells[h] for h in headers(COMMUNITY_SHEET)]


def book(
    *community_rows: list[Any],
    buildings: list[list[Any]] | None = None,
    dwellings: list[list[Any]] | None = None,
) -> dict[str, list[list[Any]]]:
    sheets = {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), *community_rows]}
    if buildings is not None:
        sheets[BUILDING_SHEET] = [headers(BUILDING_SHEET), *buildings]
    if dwellings is not None:
        sheets[DWELLING_SHEET] = [headers(DWELLING_SHEET), *dwellings]
    return sheets


def test_a_clean_row_is_typed_and_resolved_to_its_divisions() -> None:
    result = validate_ledger(book(community_cells()), context())
    assert result.ok, result.issues
    assert result.book is not None
    (row,) = result.book.communities
    assert row.build_year == 1995
    assert row.floor_area == Decimal("12345.67")
    assert row.property_nature is PropertyNature.REFORM
    assert row.management_mode is ManagementMode.SELF_GOVERNED
    assert row.willingness_pct == Decimal(85)
    assert row.fund_initial is None
    assert (row.district_code, row.street_code, row.committee_code) == (DISTRICT, STREET, COMMITTEE)


def test_headers_match_despite_spaces_stars_and_full_width_brackets() -> None:
    assert normalize_header(" 建筑面积（平方米）* ") == "建筑面积(平方米)"
    assert normalize_header("街道\u3000(乡镇)") == "街道(乡镇)"
    messy = [
        normalize_header(h) if "(" not in h else h.replace("(", "（").replace(")", "）") + " "
        for h in headers(COMMUNITY_SHEET)
    ]
    result = validate_ledger({COMMUNITY_SHEET: [messy, community_cells()]}, context())
    assert result.ok, result.issues


def test_every_bad_cell_is_reported_at_once_with_row_column_value_and_reason() -> None:
    sheets = book(
        community_cells(**{"建成年份": "19x5", "产权性质": "别墅"}),
        community_cells(**{"小区编号": "B", "小区名称": "", "户数": -3}),
        community_cells(
            **{"小区编号": "C", "小区名称": "C", "居民改造意愿(%)": 130, "有无电梯": "也许"}
        ),
    )
    result = validate_ledger(sheets, context())
    assert result.book is None
    found = {(i.row, i.column, i.value, i.code) for i in result.issues}
    assert found == {
        (2, "建成年份", "19x5", "not_year"),
        (2, "产权性质", "别墅", "not_choice"),
        (3, "小区名称", "", "required"),
        (3, "户数", "-3", "out_of_range"),
        (4, "居民改造意愿(%)", "130", "out_of_range"),
        (4, "有无电梯", "也许", "not_yes_no"),
    }


def test_a_missing_required_column_is_named() -> None:
    header = [h for h in headers(COMMUNITY_SHEET) if h != "建成年份"]
    result = validate_ledger({COMMUNITY_SHEET: [header]}, context())
    assert [(i.column, i.code) for i in result.issues] == [("建成年份", "missing_column")]


def test_unknown_divisions_and_mismatched_codes_are_refused() -> None:
    result = validate_ledger(
        book(
            community_cells(**{"区县": "不存在区"}),
            community_cells(**{"小区编号": "B", "小区名称": "B", "街道(乡镇)": "城关镇"}),
            community_cells(**{"小区编号": "C", "小区名称": "C", "行政区划代码": "410922001001"}),
        ),
        context(),
    )
    assert [(i.row, i.code) for i in result.issues] == [
        (2, "unknown_district"),
        (3, "unknown_street"),
        (4, "division_code_mismatch"),
    ]


def test_rows_outside_the_users_jurisdiction_are_refused() -> None:
    ctx = context(scopes=(OTHER_DISTRICT,))
    result = validate_ledger(book(community_cells()), ctx)
    assert [(i.column, i.code) for i in result.issues] == [("区县", "outside_jurisdiction")]
    ctx = context(scopes=(DISTRICT,), communities={"X1": "410922001001"})
    result = validate_ledger(book(community_cells(**{"小区编号": "X1"})), ctx)
    assert [(i.column, i.code) for i in result.issues] == [("小区编号", "outside_jurisdiction")]


def test_duplicates_in_a_sheet_point_to_the_first_row() -> None:
    result = validate_ledger(book(community_cells(), community_cells()), context())
    (issue,) = result.issues
    assert (issue.row, issue.code, issue.params) == (3, "duplicate_in_sheet", {"first_row": 2})


def test_buildings_and_dwellings_must_refer_to_known_communities_and_floors() -> None:
    code = "410902001001001"
    good_id = "11010519491231002X"
    result = validate_ledger(
        book(
            community_cells(),
            buildings=[[code, "1号楼", 6, 2, "否", 1995], ["NOPE", "1号楼", 6, 2, "否", 1995]],
            dwellings=[
                [code, "1号楼", "1", 3, "301", 65.5, "王伟", good_id],
                [code, "1号楼", "1", 7, "701", 65.5, "", ""],
                [code, "2号楼", "1", 1, "101", 65.5, "", ""],
                [code, "1号楼", "1", 0, "001", 65.5, "", ""],
                [code, "1号楼", "1", 2, "201", 65.5, "李娜", "110105194912310021"],
                [code, "1号楼", "1", 2, "202", 65.5, "李娜", "110***********0021"],
            ],
        ),
        context(),
    )
    assert [(i.sheet, i.row, i.column, i.code) for i in result.issues] == [
        (BUILDING_SHEET, 3, "小区编号", "unknown_community"),
        (DWELLING_SHEET, 3, "楼层", "floor_above_building"),
        (DWELLING_SHEET, 4, "楼栋号", "unknown_building"),
        (DWELLING_SHEET, 5, "楼层", "floor_zero"),
        (DWELLING_SHEET, 6, "业主证件号", "bad_id_number"),
        (DWELLING_SHEET, 7, "业主证件号", "masked_id_unknown"),
    ]


def test_a_masked_id_is_accepted_when_it_matches_the_one_on_file() -> None:
    code = "410902001001001"
    ctx = context(
        communities={code: COMMITTEE},
        buildings={(code, "1号楼"): 6},
        owner_masks={(code, "1号楼", "1", "202"): "110***********002X"},
    )
    sheets = {
        DWELLING_SHEET: [
            headers(DWELLING_SHEET),
            [code, "1号楼", 1, 2, 202, 65.5, "李娜", "110***********002X"],
        ]
    }
    result = validate_ledger(sheets, ctx)
    assert result.ok, result.issues


def test_numeric_cells_for_text_columns_read_as_text() -> None:
    code = "410902001001001"
    ctx = context(communities={code: COMMITTEE}, buildings={(code, "3"): 6})
    sheets = {DWELLING_SHEET: [headers(DWELLING_SHEET), [code, 3.0, 1.0, 2.0, 201.0, 65.5, "", ""]]}
    result = validate_ledger(sheets, ctx)
    assert result.book is not None
    (dwelling,) = result.book.dwellings
    assert (dwelling.building_number, dwelling.unit, dwelling.room) == ("3", "1", "201")


def test_blank_rows_are_skipped_and_absent_optional_columns_are_noted() -> None:
    header = headers(COMMUNITY_SHEET)[:12]
    row = community_cells()[:12]
    result = validate_ledger({COMMUNITY_SHEET: [header, ["", None] + [""] * 10, row]}, context())
    assert result.book is not None
    assert "longitude" not in result.book.columns[COMMUNITY_SHEET]
    assert result.book.communities[0].row == 3


def _context_of(city: DemoCity) -> MemoryLedgerContext:
    """The registry a generated city's ledger would land in: its divisions, nothing else."""
    names = {d.code: d.name for d in city.divisions}
    rows = [c.community for c in city.communities]
    return MemoryLedgerContext(
        districts={names[c.district_code]: c.district_code for c in rows},
        streets={(c.district_code, names[c.street_code]): c.street_code for c in rows},
        committees={
            (c.street_code, names[c.committee_code or ""]): c.committee_code or "" for c in rows
        },
    )


def _as_read_back(row: list[Any]) -> list[Any]:
    """What a spreadsheet reader gives for a written row: numbers as floats, None as ''."""
    return ["" if v is None else float(v) if isinstance(v, int) else v for v in row]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(0, 10_000))
def test_rendered_rows_validate_back_to_the_same_values(count: int, seed: int) -> None:
    city = generate_city(count, seed)
    communities = [c.community for c in city.communities]
    buildings = [b for c in city.communities for b in c.buildings]
    dwellings = [d for c in city.communities for d in c.dwellings]
    ctx = _context_of(city)
    sheets = {
        COMMUNITY_SHEET: [
            headers(COMMUNITY_SHEET),
            *(_as_read_back(render_row(r)) for r in communities),
        ],
        BUILDING_SHEET: [
            headers(BUILDING_SHEET),
            *(_as_read_back(render_row(r)) for r in buildings),
        ],
        DWELLING_SHEET: [
            headers(DWELLING_SHEET),
            *(_as_read_back(render_row(r)) for r in dwellings),
        ],
    }
    result = validate_ledger(sheets, ctx)
    assert result.book is not None, result.issues[:5]
    strip = lambda rows: [{k: v for k, v in vars_of(r).items() if k != "row"} for r in rows]  # noqa: E731
    assert strip(result.book.communities) == strip(communities)
    assert strip(result.book.buildings) == strip(buildings)
    assert strip(result.book.dwellings) == strip(dwellings)


def vars_of(row: Any) -> dict[str, Any]:
    return dict(row._asdict())


def test_a_fund_balance_needs_an_initial_amount() -> None:
    result = validate_ledger(book(community_cells(**{"专项维修资金余额(元)": 100})), context())
    assert [i.code for i in result.issues] == ["fund_balance_without_initial"]


@pytest.mark.parametrize(
    ("cell", "code"), [(12.345, "too_many_decimals"), ("abc", "not_number"), (0, "out_of_range")]
)
def test_areas_are_positive_with_at_most_two_decimals(cell: Any, code: str) -> None:
    result = validate_ledger(book(community_cells(**{"建筑面积(平方米)": cell})), context())
    assert [i.code for i in result.issues] == [code]


def test_demo_city_is_deterministic() -> None:
    assert generate_city(30, 7) == generate_city(30, 7)
    assert generate_city(30, 7) != generate_city(30, 8)
    assert all(isinstance(c.community, CommunityRow) for c in generate_city(5, 1).communities)


def test_a_row_with_a_bad_cell_is_still_checked_against_the_registry() -> None:
    sheets = book(community_cells(**{"建成年份": "199五", "街道(乡镇)": "不存在街道"}))
    result = validate_ledger(sheets, context())
    assert {(i.column, i.code) for i in result.issues} == {
        ("建成年份", "not_year"),
        ("街道(乡镇)", "unknown_street"),
    }


NUMERIC_COLUMNS = ["建成年份", "楼栋数", "户数", "建筑面积(平方米)", "最高层数", "经度", "纬度"]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 7),
    st.sampled_from(NUMERIC_COLUMNS),
    st.sampled_from(["??", "-1", "1e999", "一"]),
)
def test_any_one_corrupted_cell_is_named_and_rejects_the_book(
    which: int, column: str, garbage: str
) -> None:
    city = generate_city(8, 11)
    communities = [c.community for c in city.communities]
    ctx = _context_of(city)
    rows = [_as_read_back(render_row(r)) for r in communities]
    rows[which][headers(COMMUNITY_SHEET).index(column)] = garbage
    result = validate_ledger({COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), *rows]}, ctx)
    assert result.book is None
    assert [(i.row, i.column, i.value) for i in result.issues] == [(which + 2, column, garbage)]


def test_a_book_with_no_ledger_sheet_an_empty_sheet_or_a_column_twice_is_named() -> None:
    assert [
        (i.sheet, i.row, i.code) for i in validate_ledger({"Sheet1": []}, context()).issues
    ] == [(COMMUNITY_SHEET, 0, "missing_sheet")]
    empty = validate_ledger({COMMUNITY_SHEET: []}, context())
    assert [(i.sheet, i.row, i.code) for i in empty.issues] == [(COMMUNITY_SHEET, 1, "empty_sheet")]
    twice = validate_ledger({COMMUNITY_SHEET: [[*headers(COMMUNITY_SHEET), "户数"]]}, context())
    assert [(i.column, i.value, i.code) for i in twice.issues] == [
        ("户数", "户数", "duplicate_column")
    ]


def test_a_malformed_community_or_division_code_and_an_unknown_committee_are_named() -> None:
    result = validate_ledger(
        book(
            community_cells(**{"小区编号": "41 09/02"}),
            community_cells(**{"小区编号": "B", "小区名称": "B", "行政区划代码": "4109x2"}),
            community_cells(**{"小区编号": "C", "小区名称": "C", "社区": "不存在社区"}),
        ),
        context(),
    )
    assert [(i.row, i.column, i.value, i.code) for i in result.issues] == [
        (2, "小区编号", "41 09/02", "bad_community_code"),
        (3, "行政区划代码", "4109x2", "bad_division_code"),
        (4, "社区", "不存在社区", "unknown_committee"),
    ]
    assert result.book is None


def test_a_name_longer_than_its_column_holds_is_named_with_the_limit() -> None:
    long_name = "油" * 101
    result = validate_ledger(book(community_cells(**{"小区名称": long_name})), context())
    assert [(i.row, i.column, i.code, i.params) for i in result.issues] == [
        (2, "小区名称", "too_long", {"max_length": 100})
    ]
    assert result.book is None
    exact = validate_ledger(book(community_cells(**{"小区名称": "油" * 100})), context())
    assert not exact.issues and exact.book is not None


_WRITTEN_YEARS = st.sampled_from(
    ["{y}", "{y}年", "{y} 年", "{y}年{m}月", "{y}年{m}月{d}日", "{y}.{m}", "{y}-{m}-{d}", "{y}/{m}"]
)


@given(
    year=st.integers(EARLIEST_BUILD_YEAR, date.today().year),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    written=_WRITTEN_YEARS,
)
def test_a_build_year_is_read_however_the_ledger_writes_it(
    year: int, month: int, day: int, written: str
) -> None:
    assert build_year(written.format(y=year, m=month, d=day)) == year
    assert build_year(date(year, month, day)) == year
    assert build_year(float(f"{year}.{month:02d}")) == year


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("90年代", "not_year"),
        ("1990年代", "not_year"),
        ("1990-1995", "not_year"),
        ("1991年13月", "not_year"),
        (f"{EARLIEST_BUILD_YEAR - 1}年", "out_of_range"),
        (f"{date.today().year + 1}", "out_of_range"),
    ],
)
def test_what_is_not_one_year_of_building_is_refused_not_guessed(value: str, code: str) -> None:
    with pytest.raises(Exception) as refused:  # noqa: PT011 -- the core's private _Bad
        build_year(value)
    assert getattr(refused.value, "code", None) == code


def test_coordinates_given_in_gcj_02_are_kept_in_cgcs2000_and_an_unknown_datum_is_named() -> None:
    true_point = (115.029215, 35.761829)
    shown = to_gcj02(*true_point)
    rows = [
        community_cells(经度=round(shown[0], 6), 纬度=round(shown[1], 6), 坐标系="GCJ-02"),
        community_cells(小区编号="410902001001002", 小区名称="油田第四小区", 坐标系="cgcs 2000"),
        community_cells(小区编号="410902001001003", 小区名称="油田第五小区", 坐标系="百度"),
    ]
    result = validate_ledger(book(*rows), context())
    [refused] = result.issues
    assert (refused.row, refused.column, refused.code) == (4, "坐标系", "not_choice")
    result = validate_ledger(book(*rows[:2]), context())
    assert result.book is not None
    converted, kept_as_given = result.book.communities
    assert abs(float(converted.longitude) - true_point[0]) <= 2e-6  # type: ignore[arg-type]
    assert abs(float(converted.latitude) - true_point[1]) <= 2e-6  # type: ignore[arg-type]
    assert (kept_as_given.longitude, kept_as_given.latitude) == (
        Decimal("115.03"),
        Decimal("35.76"),
    )
