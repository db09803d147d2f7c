"""Upgrading: the demo city as every release stored it (its backup, on the database this suite
runs on) is restored into this release, which migrates it forwards; every row then reads through
this release's models and the owners' ID numbers still open. No migration a release shipped has
changed since."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from anju.core.identity import id_check_char
from anju.releases import (
    ARCHIVE_DATA_KEY,
    archive,
    migration_files,
    released,
    shipped_migrations,
)
from anju.testing import deployment_at

VENDOR = (
    "postgresql" if os.environ.get("ANJU_DATABASE_URL", "").startswith("postgres") else "sqlite"
)
RELEASES = released()


def test_there_is_a_release_to_upgrade_from() -> None:
    assert RELEASES


@pytest.mark.parametrize("version", RELEASES)
def test_the_city_a_release_stored_upgrades_to_this_release(version: str, tmp_path: Path) -> None:
    with deployment_at(tmp_path / "bureau") as anju:
        anju.env["ANJU_DATA_KEY"] = ARCHIVE_DATA_KEY

        said = anju.run("restore", "--yes", str(archive(version, VENDOR))).stdout

        assert f"安居 {version}" in said
        anju.run("migrate", "--check")
        rows = json.loads(anju.run("dumpdata", "--exclude", "sessions").stdout)
        assert sum(r["model"] == "registry.community" for r in rows) == 12
        assert any(r["model"] == "audit.auditentry" for r in rows)
        ledger = tmp_path / "ledger.xlsx"
        anju.run("export-ledger", str(ledger), "--with-personal-data")
        dwellings = openpyxl.load_workbook(ledger, read_only=True)["房屋"]
        header, *owners = list(dwellings.values)
        column = header.index("业主证件号")
        numbers = [str(row[column]) for row in owners if row[column]]
        assert numbers and all(n[17] == id_check_char(n[:17]) for n in numbers)


@pytest.mark.parametrize("version", RELEASES)
def test_no_migration_a_release_shipped_has_changed(version: str) -> None:
    now = migration_files()
    changed = sorted(p for p, digest in shipped_migrations(version).items() if now.get(p) != digest)
    assert not changed, f"{version} shipped these migrations; add a new one instead: {changed}"


def test_the_models_need_no_migration_that_is_not_written(tmp_path: Path) -> None:
    with deployment_at(tmp_path / "bureau") as anju:
        done = anju.run("makemigrations", "--check", "--dry-run", ok=False)
        assert done.returncode == 0, done.stdout
