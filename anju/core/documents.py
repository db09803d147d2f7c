"""Which uploaded files Anju keeps: documents people post and sign (PDF, Word, Excel, photos),
recognised by their first bytes as well as their name, and never larger than a scan needs.
A file is stored and served back as data, never opened or run on the server."""

from __future__ import annotations

import enum

MAX_BYTES = 20 * 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}
ALIASES = {"jpeg": "jpg"}
HEAD_BYTES = 8


class DocumentProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_ALLOWED = "not_allowed"
    NOT_WHAT_IT_SAYS = "not_what_it_says"


def document_kind(name: str, head: bytes, size: int) -> str | DocumentProblem:
    """The file's kind (``pdf``, ``docx`` …) or the problem that refuses it."""
    if size <= 0:
        return DocumentProblem.EMPTY
    if size > MAX_BYTES:
        return DocumentProblem.TOO_LARGE
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = ALIASES.get(extension, extension)
    if kind not in SIGNATURES:
        return DocumentProblem.NOT_ALLOWED
    if not head.startswith(SIGNATURES[kind]):
        return DocumentProblem.NOT_WHAT_IT_SAYS
    return kind
