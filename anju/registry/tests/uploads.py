"""A ledger sent on the import page as an official would: refused at once when the file is not
a workbook of the ledger's size and kind, otherwise queued; the queued import is then run as
the worker runs it, and its page read."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anju.registry.models import LedgerImport
from anju.registry.services import ledger_import_run


def sent(client: Client, name: str, content: bytes) -> tuple[str, str]:
    """("refused", the page) for a file refused at once; otherwise the import's state once the
    worker's part has run, and its page."""
    answer = client.post("/registry/ledger/import/", {"file": SimpleUploadedFile(name, content)})
    if answer.status_code != 302:
        assert answer.status_code == 400, answer.status_code
        return "refused", answer.content.decode()
    job = LedgerImport.objects.get(pk=int(answer["Location"].rstrip("/").rsplit("/", 1)[1]))
    ledger_import_run(job.pk)
    page = client.get(answer["Location"])
    assert page.status_code == 200
    job.refresh_from_db()
    return job.state, page.content.decode()
