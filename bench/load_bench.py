"""Owners voting while officials browse, at length: the load test of tests/test_load.py on a
larger city, more people at once and for longer (bench/load/run.py).

    scripts/with-postgres .venv/bin/python bench/load_bench.py [--communities 2000]
        [--users 60] [--seconds 120] [--workers 3] [--votes 20]

Loads a demo city of N communities with its dwellings and owners on the database
ANJU_DATABASE_URL names, publishes a renovation vote in the largest communities, serves it with
gunicorn and runs locust: three owners to one official, each owner taking a fresh code from a
notice, opening the ballot, choosing and confirming (a fifth of them confirming twice), each
official signed in through the form reading the community list, a district's communities, a
community, the supervision dashboard, the alerts and the ledger. Prints requests per second
held, latencies per page and overall, errors, and the count of the ballots in the database
against the votes the server took, as Markdown for BENCHMARKS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
django.setup()

from anju.testing import demo_deployment  # noqa: E402
from bench.load.run import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=2000)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--votes", type=int, default=20)
    args = parser.parse_args()
    city = ("--communities", str(args.communities), "--seed", "2026")
    with tempfile.TemporaryDirectory() as root, demo_deployment(Path(root), *city) as anju:
        result = load(
            anju,
            users=args.users,
            seconds=args.seconds,
            workers=args.workers,
            officials=max(2, args.users // 4),
            votes=args.votes,
        )
    vendor = anju.database_url.split(":", 1)[0]
    print(f"\n### Owners voting while officials browse — {dt.date.today()}\n")
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{vendor}. Command: `scripts/with-postgres .venv/bin/python bench/load_bench.py "
        f"--communities {args.communities} --users {args.users} --seconds {args.seconds} "
        f"--workers {args.workers} --votes {args.votes}`; gunicorn with {args.workers} workers, "
        f"locust in the same machine.\n"
    )
    print("| page | requests | failures | p50 ms | p95 ms | p99 ms | max ms | per second |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for page in [*result.pages, result.total]:
        print(
            f"| {page.name} | {page.requests} | {page.failures} | {page.p50_ms:.0f} | "
            f"{page.p95_ms:.0f} | {page.p99_ms:.0f} | {page.max_ms:.0f} | {page.per_second:.1f} |"
        )
    print(
        f"\nBallots: {result.codes} codes handed out, {result.taken} votes taken, "
        f"{result.refused} refused as the owner's other dwellings; "
        f"{len(result.answered)} dwellings newly answered, "
        f"{len(result.spoken_for)} spoken for by the votes taken; "
        f"lost {len(result.lost)}, doubled {len(result.doubled)}; "
        f"other errors: {result.failures or 'none'}."
    )


if __name__ == "__main__":
    main()
