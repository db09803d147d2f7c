"""A plan over the registry at city scale: `anju plan --policy` end to end on a demo city.

Builds a demo city of N communities in a fresh SQLite database with `anju demo-data` (which
also assesses them and runs a few polls), then times drawing the candidates under the national
pack — eligibility per year, content-list estimates, priority scores from the registry, the
assessment and the polls — and solving five-year plans whose yearly budget is a given share of
what all candidates would cost: 20 % (every candidate affordable over the five years, so the
plan is all about order and packing) and 12 % (three in five can start).

    .venv/bin/python bench/registry_plan_bench.py [--communities 10000] [--budget-share 0.2 0.12]

Prints the communities, the candidates, the queries and time the draw took, and per budget
the solve's status, time and gap. The temporary database is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communities", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--budget-share", type=float, nargs="+", default=[0.2, 0.12])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="anju-bench-"))
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    os.environ["ANJU_VAR_DIR"] = str(folder)
    os.environ["ANJU_DATABASE_URL"] = f"sqlite:///{folder / 'city.sqlite3'}"
    anju = [sys.executable, "-m", "anju.cli"]
    subprocess.run([*anju, "migrate", "--noinput", "-v", "0"], check=True)
    subprocess.run(
        [
            *anju,
            "demo-data",
            "--communities",
            str(args.communities),
            "--seed",
            str(args.seed),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.core.plan_solver import solve
    from anju.core.plans import ALL_SOURCES, PlanProblem
    from anju.planning.registry_candidates import registry_candidates
    from anju.policy.library import get_pack

    years = list(range(2026, 2031))
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        drawn = registry_candidates(get_pack("national-2020"), years, None)
    drawing = time.perf_counter() - started
    total = sum(c.cost for c in drawn.candidates)
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        f"Drew {len(drawn.candidates):,} candidates from {args.communities:,} communities in "
        f"{drawing:.1f} s with {len(queries.captured_queries):,} queries."
    )
    print("| yearly budget | solve | status | gap | started |")
    print("|---|---|---|---|---|")
    for part in args.budget_share:
        budget = int(total * part)
        problem = PlanProblem(drawn.candidates, years, {(y, ALL_SOURCES): budget for y in years})
        started = time.perf_counter()
        result = solve(problem)
        solving = time.perf_counter() - started
        print(
            f"| {part:.0%} of all candidates' cost | {solving:.1f} s | {result.status} "
            f"| {float(result.gap or 0):.2e} | {len(result.selected()):,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
