"""Uploaded documents are recognised by content as well as by name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anju.core.documents import MAX_BYTES, DocumentProblem, document_kind
from anju.core.identity import mask_name


def test_known_kinds_pass_by_name_and_first_bytes() -> None:
    assert document_kind("方案.PDF", b"%PDF-1.7", 100) == "pdf"
    assert document_kind("照片.jpeg", b"\xff\xd8\xff\xe0", 100) == "jpg"
    assert document_kind("清单.xlsx", b"PK\x03\x04", 100) == "xlsx"


def test_refusals_say_why() -> None:
    assert document_kind("a.pdf", b"", 0) is DocumentProblem.EMPTY
    assert document_kind("a.pdf", b"%PDF-", MAX_BYTES + 1) is DocumentProblem.TOO_LARGE
    assert document_kind("a.html", b"<html>", 10) is DocumentProblem.NOT_ALLOWED
    assert document_kind("noextension", b"%PDF-", 10) is DocumentProblem.NOT_ALLOWED
    assert document_kind("a.pdf", b"MZ\x90\x00", 10) is DocumentProblem.NOT_WHAT_IT_SAYS


@given(
    st.text(max_size=20), st.binary(max_size=8), st.integers(min_value=-1, max_value=MAX_BYTES * 2)
)
def test_a_kind_is_given_only_with_its_signature(name: str, head: bytes, size: int) -> None:
    kind = document_kind(name, head, size)
    if not isinstance(kind, DocumentProblem):
        assert 0 < size <= MAX_BYTES and name.lower().rsplit(".", 1)[-1] in {
            "pdf",
            "png",
            "jpg",
            "jpeg",
            "docx",
            "xlsx",
        }


def test_a_public_name_keeps_only_its_first_character() -> None:
    assert mask_name("王建国") == "王**"
    assert mask_name("李") == "李*"
    assert mask_name("  ") == ""
