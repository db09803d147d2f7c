"""The `anju` console script is the project's manage.py, and ANJU_DATABASE_URL picks its database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ANJU = Path(sys.executable).with_name("anju")


def _run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ANJU_", "DJANGO_"))}
    return subprocess.run(
        [str(ANJU), *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_a_database_url_anju_uses_sqlite_under_var(tmp_path: Path) -> None:
    result = _run("migrate", "--verbosity", "0", cwd=tmp_path, env={})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "anju.sqlite3").stat().st_size > 0


def test_anju_database_url_picks_the_database(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "registry.db"
    target.parent.mkdir()
    result = _run(
        "migrate",
        "--verbosity",
        "0",
        cwd=tmp_path,
        env={"ANJU_DATABASE_URL": f"sqlite:///{target}"},
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 0
    assert not (tmp_path / "var" / "anju.sqlite3").exists()

    ledger = tmp_path / "demo.xlsx"
    result = _run(
        "demo-data",
        "--communities",
        "3",
        "--seed",
        "1",
        "--ledger",
        str(ledger),
        cwd=tmp_path,
        env={},
    )
    assert result.returncode == 0, result.stderr
    assert "小区 3 个" in result.stdout
    result = _run(
        "import-ledger", str(ledger), cwd=tmp_path, env={"ANJU_DATABASE_URL": f"sqlite:///{target}"}
    )
    assert result.returncode == 1
    assert "行政区划中没有这个区县" in result.stderr


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_anju_database_url_names() -> None:
    url = os.environ.get("ANJU_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_the_demo_builds_its_polls_funding_projects_and_publicity(tmp_path: Path) -> None:
    database = {"ANJU_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    assert _run("migrate", "--verbosity", "0", cwd=tmp_path, env=database).returncode == 0
    result = _run(
        "demo-data", "--communities", "20", "--seed", "2026", "--users", cwd=tmp_path, env=database
    )
    assert result.returncode == 0, result.stderr
    assert "演示资金筹措方案 2 个" in result.stdout
    assert "演示项目 2 个已按程序推进" in result.stdout
