"""Every file a user uploads is checked here, by the rule in ``anju.core.documents``: its kind
by name and first bytes, its size by what its use needs; a refusal names the file and says why
in the user's language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
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


@dataclass(frozen=True, slots=True)
class Checked:
    """An upload that may be kept: its kind, its SHA-256 and the name people see it by."""

    kind: str
    sha256: str
    shown_name: str


def upload_checked(upload: UploadedFile, accepts: Accepts, name_length: int = 120) -> Checked:
    """Check an upload and rename it for storage by its content (digest and kind): the name it
    came with, however long (a Chinese title of 84 characters is 252 bytes, past what a file
    system takes with a date in front), is kept only to be shown, cut to ``name_length``
    characters with its extension kept. Raises UploadRefused."""
    kind = upload_kind(upload, accepts)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    shown = shown_name(upload.name or "", name_length)
    upload.name = f"{digest.hexdigest()[:32]}.{kind}"
    return Checked(kind, digest.hexdigest(), shown)


def shown_name(name: str, length: int) -> str:
    """A file name cut to ``length`` characters, keeping its extension."""
    name = name.replace("/", "_").replace("\\", "_").strip() or "-"
    if len(name) <= length:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) >= length // 2:
        return name[:length]
    return stem[: length - len(extension) - 2] + "…." + extension


def served(stored: FieldFile, attachment: str = "") -> FileResponse:
    """A stored file (a site photo, a scan, a notice's document) to someone the view has already
    let in: never from a public folder; sent as ``attachment`` where named, so a browser never
    renders an uploaded file as a page; a file gone from the disk is not found rather than a
    server error. The browser is told not to guess its kind (SECURE_CONTENT_TYPE_NOSNIFF)."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if attachment:
        return FileResponse(handle, as_attachment=True, filename=attachment)
    return FileResponse(handle)
