"""The web ledger import at national scale: the upload's request against the import it queues.

An official uploading a 220,000-community ledger waits only for the file to be taken and
queued; the worker then reads, checks and writes it while the import's page shows each stage.
This times, in one run on one machine, the upload request (the page's POST, through Django's
test client, until its redirect to the import's page) and the worker's import of the same file,
and records what the page would show while the import runs (polled every half second from
another thread).

    .venv/bin/python bench/web_import_bench.py [--communities 220000]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import threading
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communities", type=int, default=220_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="anju-bench-"))
    os.environ["ANJU_DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("ANJU_VAR_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from anju.accounts.models import Role
    from anju.accounts.services import user_create
    from anju.audit.context import Actor
    from anju.core.demo_city import CITY_CODE, generate_city
    from anju.divisions.services import divisions_load
    from anju.registry.ledger_files import write_workbook
    from anju.registry.models import Community, ImportState, LedgerImport
    from anju.registry.selectors import ledger_import_progress
    from anju.registry.services import ledger_import_run

    setup_test_environment()
    print(f"Generating {args.communities:,} communities (seed {args.seed}) …", flush=True)
    city = generate_city(args.communities, args.seed, with_dwellings=False)
    path = work / "ledger.xlsx"
    write_workbook(path, (c.community for c in city.communities))
    size_mb = path.stat().st_size / 1e6

    call_command("migrate", verbosity=0)
    actor = Actor(user=None, origin="bench")
    divisions_load(actor=actor, rows=((d.code, d.name) for d in city.divisions))
    password = "Bench-import-2026"
    user_create(
        actor=actor,
        username="bureau",
        password=password,
        memberships=[(CITY_CODE, Role.CITY_BUREAU)],
        must_change=False,
    )
    client = Client()
    assert client.login(username="bureau", password=password)

    assert client.get("/registry/ledger/import/").status_code == 200  # the page, warmed up
    upload = SimpleUploadedFile("台账.xlsx", path.read_bytes())
    start = time.perf_counter()
    answer = client.post("/registry/ledger/import/", {"file": upload})
    request = time.perf_counter() - start
    assert answer.status_code == 302, answer.status_code
    job = LedgerImport.objects.get()
    assert job.state == ImportState.QUEUED and not Community.objects.exists()

    seen: list[tuple[float, str]] = []
    running = threading.Event()

    def watch() -> None:
        while not running.is_set():
            found = ledger_import_progress(job)
            shown = f"{found.stage} {found.done}/{found.total}" if found else "waiting"
            if not seen or seen[-1][1] != shown:
                seen.append((time.perf_counter() - begun, shown))
            time.sleep(0.5)

    begun = time.perf_counter()
    watcher = threading.Thread(target=watch)
    watcher.start()
    done = ledger_import_run(job.pk)
    imported = time.perf_counter() - begun
    running.set()
    watcher.join()
    assert done.state == ImportState.DONE, (done.state, done.message)
    assert Community.objects.count() == args.communities

    cpu = platform.processor() or platform.machine()
    print(f"machine        {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"file           {args.communities:,} communities, {size_mb:.1f} MB")
    print(f"upload request {request:7.2f} s  (the page's POST until its redirect)")
    print(f"worker import  {imported:7.2f} s")
    print(f"ratio          {imported / request:7.1f} x  the import takes, of the request")
    print("the page showed, by second:")
    for at, shown in seen:
        print(f"  {at:6.1f}  {shown}")


if __name__ == "__main__":
    main()
