from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anju.core.file_bounds import (
    Bound,
    FileBounds,
    Member,
    archive_exceeded,
    cell_name,
    column_index,
    column_letters,
    declares_dtd,
    extent_exceeded,
)

BOUNDS = FileBounds(max_bytes=1000, max_members=3, max_expanded=1000, max_ratio=10, ratio_from=100)


def test_columns_are_named_as_spreadsheets_name_them() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702, 16383)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
        "XFD",
    ]
    assert cell_name(1_048_575, 16_383) == "XFD1048576"


@given(st.integers(0, 10_000_000))
def test_a_column_name_reads_back_as_its_index(index: int) -> None:
    assert column_index(column_letters(index)) == index


def test_an_archive_at_each_bound_passes_and_one_past_it_does_not() -> None:
    at = [Member("a", 10, 100), Member("b", 1, 99), Member("c", 1000, 801)]  # ratio 10 and 99
    assert archive_exceeded(at, BOUNDS) is None
    past = archive_exceeded([*at[:2], Member("c", 1000, 802)], BOUNDS)
    assert past is not None and (past.bound, past.where, past.found) == (Bound.EXPANDED, "c", 1001)
    ratio = archive_exceeded([Member("x.xml", 10, 101)], BOUNDS)
    assert ratio is not None and (ratio.bound, ratio.found, ratio.limit) == (Bound.RATIO, 10, 10)
    members = archive_exceeded([Member(str(i), 1, 1) for i in range(4)], BOUNDS)
    assert members is not None and (members.bound, members.where) == (Bound.MEMBERS, "3")


def test_a_small_member_may_expand_any_number_of_times() -> None:
    assert archive_exceeded([Member("styles.xml", 1, 99)], BOUNDS) is None


@given(rows=st.integers(1, 2_000_000), columns=st.integers(1, 20_000))
def test_a_sheet_passes_exactly_when_its_rows_columns_and_cells_are_within_bounds(
    rows: int, columns: int
) -> None:
    bounds = FileBounds(max_bytes=1, max_rows=1_048_576, max_columns=256, max_cells=30_000_000)
    exceeded = extent_exceeded("小区", rows, columns, bounds)
    within = rows <= 1_048_576 and columns <= 256 and rows * columns <= 30_000_000
    assert (exceeded is None) == within
    if exceeded is not None:
        assert exceeded.where == f"小区!{cell_name(rows - 1, columns - 1)}"


def test_a_document_type_is_found_in_utf8_and_utf16() -> None:
    assert declares_dtd(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
    assert declares_dtd('<?xml version="1.0"?><!DOCTYPE x><x/>'.encode("utf-16"))
    assert not declares_dtd(b'<?xml version="1.0"?><worksheet><c r="A1"/></worksheet>')
