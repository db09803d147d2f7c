import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.divisions import (
    InvalidDivisionCode,
    Level,
    code_range,
    covers,
    level_of,
    normalize_code,
    parent_code,
    prefix_of,
)


@st.composite
def codes(draw: st.DrawFn) -> str:
    level = draw(st.sampled_from(list(Level)))
    parts = [
        f"{draw(st.integers(11, 65)):02d}",
        f"{draw(st.integers(1, 99)):02d}",
        f"{draw(st.integers(1, 99)):02d}",
        f"{draw(st.integers(1, 999)):03d}",
        f"{draw(st.integers(1, 999)):03d}",
    ]
    return "".join(parts[:level]).ljust(12, "0")


def test_levels_are_read_from_the_trailing_zeros() -> None:
    assert level_of("410000000000") is Level.PROVINCE
    assert level_of("410900000000") is Level.CITY
    assert level_of("410902000000") is Level.DISTRICT
    assert level_of("410902001000") is Level.STREET
    assert level_of("410902001001") is Level.COMMITTEE


def test_six_and_nine_digit_codes_are_padded_and_others_refused() -> None:
    assert normalize_code(" 410902 ") == "410902000000"
    assert normalize_code("410902001") == "410902001000"
    for bad in ("41090", "4109020010011", "41090a", "000000"):
        with pytest.raises(InvalidDivisionCode):
            normalize_code(bad)


@given(codes())
def test_a_division_covers_itself_and_everything_beneath_its_parent_covers_it(code: str) -> None:
    assert covers(code, code)
    parent = parent_code(code)
    if parent is not None:
        assert level_of(parent) == Level(level_of(code) - 1)
        assert covers(parent, code)
        assert not covers(code, parent)


@given(codes(), codes())
def test_covering_is_exactly_the_prefix_rule(a: str, b: str) -> None:
    assert covers(a, b) == b.startswith(prefix_of(a))


def test_a_district_does_not_cover_its_neighbour() -> None:
    assert not covers("410902000000", "410922001001")
    assert covers("410900000000", "410922001001")


twelve_digits = st.text(alphabet="0123456789", min_size=12, max_size=12).filter(
    lambda c: c[:2] != "00"
)


@given(twelve_digits, twelve_digits)
def test_the_range_of_a_scope_holds_exactly_the_codes_it_covers(scope: str, code: str) -> None:
    low, high = code_range(scope)
    assert covers(scope, code) == (low <= code and (high is None or code < high))


@given(twelve_digits)
def test_a_scope_covers_the_codes_that_share_its_prefix_in_range(scope: str) -> None:
    low, high = code_range(scope)
    inside = prefix_of(scope).ljust(12, "9")
    assert low <= inside and (high is None or inside < high) and covers(scope, inside)
