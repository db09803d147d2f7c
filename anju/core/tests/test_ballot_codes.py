"""Ballot codes survive being copied by hand and refuse what cannot be a code."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anju.core.ballot_codes import ALPHABET, LENGTH, grouped, new_code, normalise

codes = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH)


def test_new_codes_are_of_the_alphabet_and_differ() -> None:
    made = {new_code() for _ in range(1000)}
    assert len(made) == 1000
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in made)


def test_the_alphabet_has_no_look_alikes() -> None:
    assert not set("01OILUV") & set(ALPHABET)


@given(codes)
def test_a_code_typed_grouped_lower_case_or_full_width_is_the_same_code(code: str) -> None:
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code)
    for typed in (
        code,
        grouped(code),
        grouped(code).lower(),
        f" {code[:3]} {code[3:]} ",
        full_width,
    ):
        assert normalise(typed) == code


@given(st.text(max_size=14))
def test_what_normalises_is_always_a_well_formed_code(text: str) -> None:
    code = normalise(text)
    assert code is None or (len(code) == LENGTH and set(code) <= set(ALPHABET))


def test_a_wrong_length_or_a_look_alike_is_refused() -> None:
    assert normalise("ABCDE-FGHJ") is None
    assert normalise("ABCDE-FGHJKM") is None
    assert normalise("ABCDE-FGHJ0") is None
    assert normalise("") is None
