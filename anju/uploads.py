"""Every file a user uploads is checked here, by the rule in ``anju.core.documents``: its kind
by name and first bytes, its size by what its use needs; a refusal names the file and says why
in the user's language."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from anju.core.documents import HEAD_BYTES, MB, Accepts, DocumentProblem, document_kind

LABELS = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "xlsm": "Excel (.xlsm)",
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "jpg": "JPG",
    "png": "PNG",
    "webp": "WebP",
}


class UploadRefused(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def upload_kind(upload: UploadedFile, accepts: Accepts) -> str:
    """The upload's kind, or UploadRefused saying which file and why."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return upload_kind_of(upload.name or "", head, upload.size or 0, accepts)


def upload_kind_of(name: str, head: bytes, size: int, accepts: Accepts) -> str:
    """The kind of a file with this name, first bytes and size, or UploadRefused: the one
    rule for a file sent through a page and a file named on the command line."""
    kind = document_kind(name, head, size, accepts)
    if not isinstance(kind, DocumentProblem):
        return kind
    kinds = "、".join(LABELS[k] for k in LABELS if k in accepts.kinds)
    reasons = {
        DocumentProblem.EMPTY: _("the file is empty"),
        DocumentProblem.TOO_LARGE: _("the file is larger than %(mb)d MB")
        % {"mb": accepts.max_bytes // MB},
        DocumentProblem.NOT_ALLOWED: _("only %(kinds)s are accepted") % {"kinds": kinds},
        DocumentProblem.NOT_WHAT_IT_SAYS: _("the content is not what its name says"),
    }
    raise UploadRefused(
        _("“%(name)s” was refused: %(reason)s.") % {"name": name, "reason": reasons[kind]}
    )


def bounded_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refused by its size before any is read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UploadRefused(
                _("“%(name)s” was refused: %(reason)s.")
                % {
                    "name": path.name,
                    "reason": _("the file is larger than %(mb)d MB") % {"mb": max_bytes // MB},
                }
            )
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)[:max_bytes]
    except OSError as error:
        raise UploadRefused(
            _("“%(name)s” cannot be opened: %(reason)s.")
            % {"name": path.name, "reason": error.strerror or error}
        ) from None


def upload_checked(upload: UploadedFile, accepts: Accepts) -> tuple[str, str]:
    """(kind, sha256) of an upload that is kept, or UploadRefused."""
    kind = upload_kind(upload, accepts)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind, digest.hexdigest()
