"""Under CI the suite cannot go quietly green: a missing PostgreSQL or browser fails the run,
where on a developer's machine it skips what needs it and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )


def test_without_postgresql_ci_fails_and_a_developer_is_told_it_was_skipped(
    tmp_path: Path,
) -> None:
    nowhere = str(tmp_path)
    under_ci = _run(["scripts/with-postgres", "true"], ANJU_PG_ROOT=nowhere, CI="true")
    assert under_ci.returncode == 1 and "FAILED" in under_ci.stderr
    at_home = _run(["env", "-u", "CI", "scripts/with-postgres", "true"], ANJU_PG_ROOT=nowhere)
    assert at_home.returncode == 0 and "SKIPPED" in at_home.stderr


def test_without_the_browser_ci_fails_before_a_test_runs() -> None:
    run = _run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-q",
            "--co",
            "anju/core/tests/test_deadlines.py",
        ],
        CI="true",
        ANJU_CHROMIUM="/nonexistent/chromium",
    )
    assert run.returncode == 1
    assert (
        "CI runs the whole suite" in run.stdout + run.stderr
        and "Chromium" in run.stdout + run.stderr
    )
