"""Uploaded files are recognised by content as well as by name, each use by its own kinds and
size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.documents import (
    DOCUMENTS,
    LEDGERS,
    MAX_BYTES,
    PHOTOS,
    SCANS,
    SIGNATURES,
    Accepts,
    DocumentProblem,
    document_kind,
)
from anju.core.identity import mask_name

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_known_kinds_pass_by_name_and_first_bytes() -> None:
    assert document_kind("方案.PDF", b"%PDF-1.7", 100) == "pdf"
    assert document_kind("照片.jpeg", b"\xff\xd8\xff\xe0", 100) == "jpg"
    assert document_kind("清单.xlsx", b"PK\x03\x04", 100) == "xlsx"


def test_ledgers_take_old_excel_and_opendocument_but_not_pdf() -> None:
    assert document_kind("台账.xls", OLE + b"\x00" * 4, 100, LEDGERS) == "xls"
    assert document_kind("台账.ods", b"PK\x03\x04", 100, LEDGERS) == "ods"
    assert (
        document_kind("台账.xls", b"PK\x03\x04", 100, LEDGERS) is DocumentProblem.NOT_WHAT_IT_SAYS
    )
    assert document_kind("台账.pdf", b"%PDF-", 100, LEDGERS) is DocumentProblem.NOT_ALLOWED


def test_a_webp_photo_needs_its_riff_and_webp_marks() -> None:
    assert document_kind("现场.webp", b"RIFF\x10\x00\x00\x00WEBP", 100, PHOTOS) == "webp"
    wave = b"RIFF\x10\x00\x00\x00WAVE"
    assert document_kind("现场.webp", wave, 100, PHOTOS) is DocumentProblem.NOT_WHAT_IT_SAYS


@pytest.mark.parametrize(
    ("accepts", "largest"), [(DOCUMENTS, MAX_BYTES), (PHOTOS, 5 * 1024 * 1024)]
)
def test_each_use_has_its_own_largest_size(accepts: Accepts, largest: int) -> None:
    assert document_kind("a.png", b"\x89PNG\r\n\x1a\n", largest, accepts) == "png"
    too_large = document_kind("a.png", b"\x89PNG\r\n\x1a\n", largest + 1, accepts)
    assert too_large is DocumentProblem.TOO_LARGE


def test_refusals_say_why() -> None:
    assert document_kind("a.pdf", b"", 0) is DocumentProblem.EMPTY
    assert document_kind("a.pdf", b"%PDF-", MAX_BYTES + 1) is DocumentProblem.TOO_LARGE
    assert document_kind("a.html", b"<html>", 10) is DocumentProblem.NOT_ALLOWED
    assert document_kind("noextension", b"%PDF-", 10) is DocumentProblem.NOT_ALLOWED
    assert document_kind("a.pdf", b"MZ\x90\x00", 10) is DocumentProblem.NOT_WHAT_IT_SAYS
    assert document_kind("a.docx", b"PK\x03\x04", 10, SCANS) is DocumentProblem.NOT_ALLOWED


@given(
    st.sampled_from([DOCUMENTS, SCANS, PHOTOS, LEDGERS]),
    st.text(max_size=20) | st.sampled_from(["a.pdf", "b.XLS", "c.webp", "d.jpeg", "e.ods"]),
    st.binary(max_size=12) | st.sampled_from([s[0] for s in SIGNATURES.values()]),
    st.integers(min_value=-1, max_value=LEDGERS.max_bytes * 2),
)
def test_a_kind_is_given_only_when_the_use_takes_it_and_the_bytes_show_it(
    accepts: Accepts, name: str, head: bytes, size: int
) -> None:
    kind = document_kind(name, head, size, accepts)
    if not isinstance(kind, DocumentProblem):
        assert 0 < size <= accepts.max_bytes
        assert kind in accepts.kinds and head.startswith(SIGNATURES[kind])


def test_a_public_name_keeps_only_its_first_character() -> None:
    assert mask_name("王建国") == "王**"
    assert mask_name("李") == "李*"
    assert mask_name("  ") == ""
