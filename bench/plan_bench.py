"""Plan optimiser benchmark: synthetic candidates at city (10,000) and national (220,000)
scale over five years, solved by `anju.core.plan_solver.solve` as `anju plan` runs it.

Each instance: candidates in ten districts (national: 300), 3,000–80,000 m² each at
250–600 yuan/m², priority scores 20.00–95.00, built 1975–2009; every year's budget 12 % of
what all candidates would cost (so 60 % can start in five years); district D000 held to
between half and twice its even share of the money (5 %–20 % in a city); half of the pre-2000 stock started by the end of the third year.
Each scale runs in its own process so its peak memory is its own.

    .venv/bin/python bench/plan_bench.py [--candidates 10000 220000] [--gap 1e-4]

Prints, per scale: wall time, peak memory, objective, proven bound, gap, and the greedy
rank-and-fill plan's objective and loss against the optimum.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from fractions import Fraction


def instance(n: int, seed: int) -> object:
    from anju.core.plans import (
        ALL_SOURCES,
        Candidate,
        DistrictShare,
        PlanProblem,
        StockDeadline,
    )

    rng = random.Random(seed)
    districts = 10 if n <= 20_000 else 300
    candidates = []
    for i in range(n):
        area = rng.randint(3_000, 80_000)
        candidates.append(
            Candidate(
                code=f"C{i:06d}",
                district=f"D{rng.randrange(districts):03d}",
                costs={ALL_SOURCES: area * rng.randint(250, 600) * 100},
                score=Fraction(rng.randint(2_000, 9_500), 100),
                area_m2=Decimal(area),
                households=area // 80,
                built_year=rng.randint(1975, 2009),
            )
        )
    total = sum(c.cost for c in candidates)
    years = list(range(2021, 2026))
    return PlanProblem(
        candidates,
        years,
        {(y, ALL_SOURCES): total * 12 // 100 for y in years},
        deadlines=[StockDeadline(built_before=2000, by_year=2023, share=Fraction(1, 2))],
        shares=[DistrictShare("D000", Fraction(1, 2 * districts), Fraction(2, districts))],
    )


def run_one(n: int, seed: int, gap: float) -> dict[str, float | str]:
    from anju.core.plan_solver import SolveOptions, solve

    problem = instance(n, seed)
    started = time.perf_counter()
    result = solve(problem, SolveOptions(relative_gap=gap))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    assert result.greedy is not None and result.bound is not None
    greedy = result.greedy.figures.objective
    return {
        "candidates": n,
        "status": result.status,
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "objective": round(float(result.objective), 2),
        "bound": round(float(result.bound), 2),
        "gap": float(result.gap or 0),
        "greedy": round(float(greedy), 2),
        "greedy_loss": float(1 - greedy / result.objective),
        "greedy_rules_broken": len(result.greedy.breaches),
        "selected": len(result.selected()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--candidates", type=int, nargs="+", default=[10_000, 220_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gap", type=float, default=1e-4)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.candidates[0], args.seed, args.gap)))
        return
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        "| candidates × years | status | wall time | peak memory | objective | bound | gap "
        "| greedy | greedy loss |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.candidates:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "--candidates",
                str(n),
                "--seed",
                str(args.seed),
                "--gap",
                str(args.gap),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {n:,} × 5 | {row['status']} | {row['seconds']:.1f} s | {row['peak_mb']:,} MB "
            f"| {row['objective']:,.2f} | {row['bound']:,.2f} | {row['gap']:.2e} "
            f"| {row['greedy']:,.2f} ({row['greedy_rules_broken']} rules broken) "
            f"| {row['greedy_loss']:.2%} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
