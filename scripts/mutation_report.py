"""Summarise `mutmut run` by module: mutants made, killed, survived, untested, and each
survivor with its change. Exits 1 if any mutant survives or goes untested: each is to be killed
by a test, or marked as equivalent where it stands and explained in MUTATION.md. `make mutation`
runs it after mutmut."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict

MUTMUT = [sys.executable, "-m", "mutmut"]


def _module(name: str) -> str:
    """``anju.core.votes.x_tally__mutmut_3`` → ``votes``."""
    return name.split(".")[2]


def main() -> int:
    listed = subprocess.run(
        [*MUTMUT, "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    open_ones: dict[str, list[str]] = defaultdict(list)
    for line in listed.splitlines():
        name, _sep, status = line.strip().rpartition(": ")
        if not name:
            continue
        module = _module(name)
        counts[module][status] += 1
        if status in ("survived", "no tests"):
            open_ones[module].append(name)
    print(f"{'module':<18}{'mutants':>8}{'killed':>8}{'survived':>9}{'no tests':>9}")
    for module in sorted(counts):
        c = counts[module]
        print(
            f"{module:<18}{sum(c.values()):>8}{c['killed']:>8}{c['survived']:>9}{c['no tests']:>9}"
        )
    for module in sorted(open_ones):
        print(f"\n## {module}")
        for name in open_ones[module]:
            shown = subprocess.run(
                [*MUTMUT, "show", name], capture_output=True, text=True, check=False
            ).stdout
            changed = [
                line
                for line in shown.splitlines()
                if line[:1] in "-+" and line[:3] not in ("---", "+++")
            ]
            print(f"{name}\n  " + "\n  ".join(changed))
    if open_ones:
        print(f"\nMutants live in {', '.join(sorted(open_ones))}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
