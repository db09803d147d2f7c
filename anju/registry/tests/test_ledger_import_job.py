"""The web import as a background job: the request queues the file and returns at once, the
worker imports it in one transaction, and the import's page follows it — waiting, each stage as
it goes, then what was written — for the official who sent it and nobody else."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anju.accounts.models import Role, User
from anju.audit.models import AuditEntry
from anju.core.demo_city import generate_city
from anju.jobs.progress import ProgressFile
from anju.registry.ledger_files import write_workbook
from anju.registry.models import Community, ImportState, LedgerImport
from anju.testing import CITY, PASSWORD, WORKER, run_worker


def _ledger_with_a_new_name() -> bytes:
    """The fixture city's own ledger, in the template, with its first community renamed."""
    city = generate_city(18, 5)
    first = city.communities[0].community
    rows = [
        first._replace(name="更名小区"),
        *(c.community for c in city.communities[1:]),
        *(b for c in city.communities for b in c.buildings),
        *(d for c in city.communities for d in c.dwellings),
    ]
    out = io.BytesIO()
    write_workbook(out, rows)
    return out.getvalue()


def _signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@WORKER
def test_the_request_returns_at_once_and_the_worker_imports_while_the_page_follows(
    city: Any, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    client = _signed_in(make_user("bureau", CITY, Role.CITY_BUREAU))
    before = Community.objects.count()

    sent = client.post(
        "/registry/ledger/import/",
        {"file": SimpleUploadedFile("新台账.xlsx", _ledger_with_a_new_name())},
    )

    assert sent.status_code == 302
    job = LedgerImport.objects.get()
    assert job.state == ImportState.QUEUED
    assert not Community.objects.filter(name="更名小区").exists()
    waiting = client.get(sent["Location"]).content.decode()
    assert "等待" in waiting and 'http-equiv="refresh"' in waiting
    (sealed,) = (tmp_path / "imports").iterdir()
    assert b"PK" not in sealed.read_bytes()[:4]  # the file waits sealed, not as a workbook

    run_worker()

    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.finished_at is not None
    done = client.get(sent["Location"]).content.decode()
    assert "已导入" in done and 'http-equiv="refresh"' not in done
    assert "台账是这样读的" not in done  # the template needs no telling how it was read
    assert Community.objects.filter(name="更名小区").count() == 1
    assert Community.objects.count() == before
    assert (job.summary or {}).get("communities_updated") == 1
    entry = AuditEntry.objects.filter(action="ledger.import").latest("pk")
    assert entry.actor_label == "bureau" and "新台账.xlsx" in (entry.after or {}).get("source", "")
    assert not list((tmp_path / "imports").iterdir())  # nothing of the file is left waiting


def test_the_page_shows_the_stage_the_worker_is_at(
    city: Any, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path
    official = make_user("bureau", CITY, Role.CITY_BUREAU)
    job = LedgerImport.objects.create(
        name="台账.xlsx", size=1, requested_by=official, origin="web", state=ImportState.RUNNING
    )
    ProgressFile(tmp_path / f"{job.pk}.progress.json")("dwellings", 1500, 6000)

    page = _signed_in(official).get(f"/registry/ledger/imports/{job.pk}/").content.decode()

    assert "正在导入" in page and "1500 / 6000" in page and 'value="25"' in page


def test_an_import_is_seen_only_by_the_official_who_sent_it(
    city: Any, make_user: Callable[..., User]
) -> None:
    sender = make_user("bureau", CITY, Role.CITY_BUREAU)
    job = LedgerImport.objects.create(name="台账.xlsx", size=1, requested_by=sender, origin="web")
    colleague = _signed_in(make_user("colleague", CITY, Role.CITY_BUREAU))
    assert colleague.get(f"/registry/ledger/imports/{job.pk}/").status_code == 404
    assert _signed_in(sender).get(f"/registry/ledger/imports/{job.pk}/").status_code == 200
