"""Ledger import benchmark: a national-size ledger (220,000 communities) imported with full
validation, against python-calamine's bare read of the same file.

DESIGN.md's target: the import (read + validation + writing every row in one transaction)
within 2× the time python-calamine alone takes to read the file, and an unchanged re-import
within 1.5×. Both are measured in the same
run on the same machine, so the ratio holds however noisy the machine is.

    .venv/bin/python bench/import_bench.py [--communities 220000] [--database sqlite|postgresql]

With --database postgresql the import goes to the server ANJU_DATABASE_URL names (for example
under scripts/with-postgres); by default to a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communities", type=int, default=220_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=3, help="bare reads before and after the import"
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="anju-bench-"))
    if args.database == "sqlite":
        os.environ["ANJU_DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    elif not os.environ.get("ANJU_DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "--database postgresql needs ANJU_DATABASE_URL=postgresql://… (see scripts/with-postgres)"
        )
    os.environ.setdefault("ANJU_VAR_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from python_calamine import CalamineWorkbook

    from anju.audit.context import Actor
    from anju.core.demo_city import generate_city
    from anju.core.ledger import COMMUNITY_SHEET
    from anju.divisions.services import divisions_load
    from anju.registry.ledger_files import write_workbook
    from anju.registry.models import Community
    from anju.registry.services import ledger_import_file

    print(f"Generating {args.communities:,} communities (seed {args.seed}) …", flush=True)
    city = generate_city(args.communities, args.seed, with_dwellings=False)
    path = work / "ledger.xlsx"
    write_workbook(path, (c.community for c in city.communities))
    size_mb = path.stat().st_size / 1e6

    call_command("migrate", verbosity=0)
    if Community.objects.exists():
        sys.exit("the benchmark database must be empty")
    actor = Actor(user=None, origin="bench")
    divisions_load(actor=actor, rows=((d.code, d.name) for d in city.divisions))

    def bare_read() -> float:
        start = time.perf_counter()
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name(COMMUNITY_SHEET).to_python()
        assert len(rows) == args.communities + 1
        return time.perf_counter() - start

    bare = [bare_read() for _ in range(args.repeat)]

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks[stage] = time.perf_counter()

    start = time.perf_counter()
    summary = ledger_import_file(actor=actor, source=path, name=path.name, progress=progress)
    total = time.perf_counter() - start
    read = marks["read"] - start
    validate = marks["validate"] - marks["read"]
    assert summary.communities_created == args.communities
    assert Community.objects.count() == args.communities

    start = time.perf_counter()
    again = ledger_import_file(actor=actor, source=path, name=path.name)
    reimport = time.perf_counter() - start
    assert again.communities_unchanged == args.communities

    bare += [bare_read() for _ in range(args.repeat)]  # after the import too, for fairness
    median = statistics.median(bare)
    cpu = platform.processor() or platform.machine()
    print(f"machine        {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"database       {django.db.connection.vendor}")
    print(f"file           {args.communities:,} communities, {size_mb:.1f} MB")
    runs = ", ".join(f"{b:.2f}" for b in bare)
    print(f"calamine read  {median:7.2f} s  (median of {len(bare)}, before and after: {runs})")
    print(
        f"anju import    {total:7.2f} s  = read {read:.2f} + validate {validate:.2f} + write {total - read - validate:.2f}"
    )
    print(f"ratio          {total / median:7.2f} x  (target: at most 2 x)")
    print(
        f"re-import      {reimport:7.2f} s  (all {args.communities:,} unchanged, nothing written)"
    )
    print(f"ratio          {reimport / median:7.2f} x  (target: at most 1.5 x)")


if __name__ == "__main__":
    main()
