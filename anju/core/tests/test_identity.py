from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.identity import (
    InvalidIdNumber,
    id_check_char,
    is_masked,
    mask_id_number,
    mask_phone,
    normalize_id_number,
)

TODAY = date(2026, 11, 24)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["110101", "410902", "500103", "152728", "420102"]))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    serial = draw(st.integers(0, 999))
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


def test_a_published_example_number_passes_and_its_check_digit_is_x() -> None:
    assert normalize_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"
    assert id_check_char("11010519491231002") == "X"


@given(id_numbers())
def test_every_number_with_its_check_character_is_accepted(number: str) -> None:
    assert normalize_id_number(number, today=TODAY) == number


@given(id_numbers(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_wrong_digit_is_rejected(number: str, position: int, shift: int) -> None:
    digit = (int(number[position]) + shift) % 10
    wrong = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(InvalidIdNumber):
        normalize_id_number(wrong, today=TODAY)


@given(id_numbers(), st.integers(0, 15))
def test_swapping_two_different_adjacent_digits_is_rejected(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    with pytest.raises(InvalidIdNumber):
        normalize_id_number(swapped, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("41090219830304461", "shape"),
        ("4109021983030446122", "shape"),
        ("A10902198303044612", "shape"),
        ("990902198303044612", "region"),
        ("410902198302304612", "birth_date"),
        ("410902203003044612", "birth_date"),
        ("410902198303044613", "check_digit"),
    ],
)
def test_bad_numbers_say_why(raw: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number(raw, today=TODAY)
    assert caught.value.code == code


def test_masks_keep_only_the_ends() -> None:
    assert mask_id_number("410902198303044612") == "410***********4612"
    assert mask_phone("138 1234 5678") == "138****5678"
    assert is_masked(mask_id_number("410902198303044612"))
    assert not is_masked("410902198303044612")
