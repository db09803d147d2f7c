from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anju.core.opinions import opinion_key


def test_copies_retyped_with_other_spacing_width_and_punctuation_are_one_opinion() -> None:
    assert opinion_key("反对加装电梯！影响一楼采光。") == opinion_key(" 反对加装电梯 影响一楼采光 ")
    assert opinion_key("ＡＢＣ反对，") == opinion_key("abc 反对.")
    assert opinion_key("反对加装电梯") != opinion_key("同意加装电梯")
    assert opinion_key("一楼采光") != opinion_key("二楼采光")


@given(st.text())
def test_the_key_of_a_key_is_itself_and_padding_never_changes_it(text: str) -> None:
    key = opinion_key(text)
    assert opinion_key(key) == key
    assert opinion_key(f"  {text}！！ ") == key
