from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from anju.core.ledger import COLUMNS, Column
from anju.core.ledger_cells import CellRefused, typed_column

ALL_COLUMNS = [column for columns in COLUMNS.values() for column in columns]

# cells as python-calamine and CSV files give them: text (padded, blank, words of the
# template's choices, numbers written out), numbers, booleans, dates and empty cells
WORDS = ["是", "否", "有", "无", "Y", "n", "房改房", "商品房", "物业服务企业", "无物业", "  是 "]
texts = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["", " ", "1991", "1991年5月", "90年代", "0", "-3", "12.5", "1,234.5", "50%"]),
    st.from_regex(r"[0-9A-Za-z\-]{1,34}", fullmatch=True),
    st.text(max_size=120),
)
numbers = st.one_of(
    st.integers(-10, 2_000_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-10, 200).map(float.__floor__).map(float),
    st.decimals(-1, 100_000, places=2).map(float),
    st.sampled_from([0.0, -0.0, 1991.0, 1991.05, 0.125, 73.123456, 35.1234567]),
)
cells = st.one_of(
    texts, numbers, st.booleans(), st.none(), st.dates(), st.datetimes(), st.just(date(1991, 5, 1))
)
# a column mostly of one shape, as a ledger's columns are, with some cells of other shapes
columns = st.tuples(st.one_of(texts, numbers), st.integers(0, 60), st.lists(cells, max_size=4)).map(
    lambda kind: [kind[0]] * kind[1] + kind[2]
) | st.lists(st.one_of(st.sampled_from(WORDS), st.just(""), numbers, st.none()), max_size=40)


def one_by_one(column: Column, values: list[Any]) -> list[Any] | None:
    """What typing cell by cell gives, or None where it names a problem."""
    typed: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = value.strip() or None
        if value is None:
            if column.required:
                return None
            typed.append(None)
            continue
        try:
            typed.append(column.parse(value))
        except CellRefused:
            return None
    return typed


def shown(values: list[Any] | None) -> list[tuple[type, str]] | None:
    return None if values is None else [(type(value), repr(value)) for value in values]


@pytest.mark.parametrize("column", ALL_COLUMNS, ids=lambda column: column.header)
@settings(max_examples=60, deadline=None)
@given(values=columns)
@example(values=[1.0, -0.0, 1.0, 1.0, 1.0])
@example(values=[float("nan")] * 3 + [1.0] * 9)
@example(values=["是"] * 10 + ["yes"])
@example(values=[True, 1.0, 1] * 4)
@example(values=["", None, "  "] * 4)
@example(values=[datetime(1991, 5, 1), date(1991, 5, 1)] * 5)
def test_a_column_typed_at_once_is_typed_as_its_cells_one_by_one(
    column: Column, values: list[Any]
) -> None:
    at_once = typed_column(column.parse, column.required, values)
    if at_once is not None:
        assert shown(at_once) == shown(one_by_one(column, values))


def test_a_clean_ledger_column_is_typed_at_once() -> None:
    clean: dict[str, list[Any]] = {
        "小区编号": ["410902001001001", "410902001001002"] * 10,
        "小区名称": ["东湖花园", "建业小区 "] * 10,
        "建成年份": [1974.0, 1991.0] * 10,
        "建筑面积(平方米)": [6212.7, 880.25] * 10,
        "产权性质": ["房改房", "商品房"] * 10,
        "有无电梯": ["是", "否"] * 10,
        "专项维修资金首期归集额(元)": [310635.0, ""] * 10,
        "经度": [115.25776, 115.3] * 10,
    }
    by_header = {column.header: column for column in COLUMNS["小区"]}
    for header, values in clean.items():
        column = by_header[header]
        typed = typed_column(column.parse, column.required, values)
        assert typed is not None, header
        assert shown(typed) == shown(one_by_one(column, values))
    area = by_header["建筑面积(平方米)"]
    assert typed_column(area.parse, True, [6212.7, 880.255]) is None
    assert typed_column(area.parse, True, [6212.7, ""]) is None
    assert typed_column(area.parse, False, [6212.7, ""]) == [Decimal("6212.7"), None]


@pytest.mark.parametrize("values", [[0.0, -0.0] * 6, [1, 1.0, True] * 4, [-0.0, 0.0] * 6])
def test_equal_values_that_are_different_cells_are_not_typed_as_one(values: list[Any]) -> None:
    typed = typed_column(repr, False, values)
    assert typed is None or typed == [repr(value) for value in values]
