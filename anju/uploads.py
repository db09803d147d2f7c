"""Every file a user uploads is checked here, by the rule in ``anju.core.documents``: its kind
by name and first bytes, its size by what its use needs; a refusal names the file and says why
in the user's language."""

from __future__ import annotations

import hashlib

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
    kind = document_kind(upload.name or "", head, upload.size or 0, accepts)
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
        _("“%(name)s” was refused: %(reason)s.") % {"name": upload.name, "reason": reasons[kind]}
    )


def upload_checked(upload: UploadedFile, accepts: Accepts) -> tuple[str, str]:
    """(kind, sha256) of an upload that is kept, or UploadRefused."""
    kind = upload_kind(upload, accepts)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind, digest.hexdigest()
