"""Which uploaded files Anju keeps: documents people post and sign, ledgers, site photos —
recognised by their first bytes as well as their name, and never larger than their use needs.
Every upload goes through ``document_kind``; a file is stored and served back as data, never
opened by anything but its own reader, never run on the server."""

from __future__ import annotations

import enum
from dataclasses import dataclass

MB = 1024 * 1024
MAX_BYTES = 20 * MB
ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "webp": (b"RIFF",),  # and "WEBP" at byte 8
    "docx": ZIP,
    "xlsx": ZIP,
    "xlsm": ZIP,
    "ods": ZIP,
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # the OLE compound file of Excel 97-2003
    "csv": (b"",),  # text: told from a binary file by having no zero byte in its head
}
# WPS's own spreadsheet (.et) is the compound file Excel 97-2003 writes
ALIASES = {"jpeg": "jpg", "et": "xls"}
HEAD_BYTES = 12


@dataclass(frozen=True, slots=True)
class Accepts:
    """What one kind of upload may be: its kinds and its largest size."""

    kinds: frozenset[str]
    max_bytes: int


DOCUMENTS = Accepts(frozenset({"pdf", "docx", "xlsx", "jpg", "png"}), MAX_BYTES)
SCANS = Accepts(frozenset({"pdf", "jpg", "png"}), MAX_BYTES)
PHOTOS = Accepts(frozenset({"jpg", "png", "webp"}), 5 * MB)
LEDGERS = Accepts(frozenset({"xlsx", "xlsm", "xls", "ods", "csv"}), 200 * MB)
# a list of lots or of untrustworthy parties: a few thousand rows, read while the official waits
LISTS = Accepts(frozenset({"csv"}), 2 * MB)


class DocumentProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_ALLOWED = "not_allowed"
    NOT_WHAT_IT_SAYS = "not_what_it_says"


def _looks_like(kind: str, head: bytes) -> bool:
    if not head.startswith(SIGNATURES[kind]):
        return False
    if kind == "csv":
        return b"\x00" not in head
    return kind != "webp" or head[8:12] == b"WEBP"


def document_kind(
    name: str, head: bytes, size: int, accepts: Accepts = DOCUMENTS
) -> str | DocumentProblem:
    """The file's kind (``pdf``, ``docx`` …) or the problem that refuses it."""
    if size <= 0:
        return DocumentProblem.EMPTY
    if size > accepts.max_bytes:
        return DocumentProblem.TOO_LARGE
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ALIASES.get(extension, extension)
    if kind not in accepts.kinds or kind not in SIGNATURES:
        return DocumentProblem.NOT_ALLOWED
    if not _looks_like(kind, head):
        return DocumentProblem.NOT_WHAT_IT_SAYS
    return kind
