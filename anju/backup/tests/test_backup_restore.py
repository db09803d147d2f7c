"""Backup and restore as a bureau's operators run them: `anju backup` on a working Anju, `anju
restore` of that archive after the day has changed its records and files, and onto a new machine
that holds only the keys; on SQLite and, in the PostgreSQL run, on PostgreSQL. An archive that is
not whole, or not sealed with this Anju's data key, is refused and nothing here changes."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from anju import __version__ as anju_version
from anju.testing import DEMO_CITY, Deployment, demo_deployment, deployment_at

IGNORED = ("audit", "sessions", "django_tasks_database")


def records(anju: Deployment) -> list[dict[str, Any]]:
    """Every row of every table but the log, which a restore adds its own entry to."""
    dumped = anju.run("dumpdata", *(a for app in IGNORED for a in ("--exclude", app))).stdout
    rows: list[dict[str, Any]] = json.loads(dumped)
    assert len(rows) > 1000
    return rows


def files(anju: Deployment) -> dict[str, str]:
    return {
        path.relative_to(anju.var).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("media", "ledgers")
        for path in sorted((anju.var / folder).rglob("*"))
        if path.is_file()
    }


def audited(anju: Deployment, action: str) -> int:
    return int(anju.sql(f"SELECT COUNT(*) FROM audit_auditentry WHERE action = '{action}'")[0][0])


@pytest.fixture(scope="module")
def anju(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with demo_deployment(tmp_path_factory.mktemp("bureau"), *DEMO_CITY, "--users") as deployment:
        assert files(deployment), "the demo posts a signed document"
        yield deployment


@pytest.fixture(scope="module")
def archive(anju: Deployment) -> Path:
    path = anju.root / "backups" / "nightly.tar.gz"
    said = anju.run("backup", str(path)).stdout
    assert str(path) in said
    return path


def test_a_restore_brings_back_every_record_and_file_the_backup_held(
    anju: Deployment, archive: Path
) -> None:
    before, held = records(anju), files(anju)
    anju.run("import-divisions", str(_divisions(anju.root)))
    next((anju.var / "media" / "sign-offs").iterdir()).unlink()
    (anju.var / "media" / "written-after.pdf").write_bytes(b"%PDF-1.4 later")
    assert records(anju) != before

    said = anju.run("restore", "--yes", str(archive)).stdout

    assert f"（安居 {anju_version}）" in said
    assert records(anju) == before
    assert files(anju) == held
    assert audited(anju, "backup.restore") == 1


def test_a_new_machine_with_the_keys_restores_the_archive_whole(
    anju: Deployment, archive: Path, tmp_path: Path
) -> None:
    with deployment_at(tmp_path / "new-machine") as fresh:
        fresh.var.mkdir()
        shutil.copy(anju.var / "data_key.secret", fresh.var / "data_key.secret")
        fresh.run("restore", "--yes", str(archive))
        assert records(fresh) == records(anju)
        assert files(fresh) == files(anju)
        # ID numbers open with the key the archive named: the owners' ledger exports whole.
        fresh.run("export-ledger", str(tmp_path / "ledger.xlsx"), "--with-personal-data")


def test_a_restore_without_typing_yes_changes_nothing(anju: Deployment, archive: Path) -> None:
    before = records(anju)
    done = anju.run("restore", str(archive), ok=False)
    assert done.returncode != 0
    assert records(anju) == before


def _tampered(archive: Path, target: Path) -> Path:
    """The archive with one uploaded file changed and its manifest left as it was."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            reader = source.extractfile(member)
            assert reader is not None
            data = reader.read()
            if member.name.startswith("media/"):
                data = data.replace(b"%PDF", b"%PDX", 1)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("cut short", "备份已损坏"),
        ("a file changed", "与写入时不同"),
        ("not an archive", "不是安居的备份"),
        ("another data key", "另一个数据密钥"),
    ],
)
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_changes(
    anju: Deployment, archive: Path, tmp_path: Path, damage: str, said: str
) -> None:
    before, held = records(anju), files(anju)
    env = anju.env
    source = tmp_path / "archive.tar.gz"
    if damage == "cut short":
        data = archive.read_bytes()
        source.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "a file changed":
        _tampered(archive, source)
    elif damage == "not an archive":
        source.write_text("小区编号,小区名称\n")
    else:
        shutil.copy(archive, source)
        anju.env = env | {"ANJU_DATA_KEY": "another-key-" + "x" * 40}
    try:
        done = anju.run("restore", "--yes", str(source), ok=False)
    finally:
        anju.env = env

    assert done.returncode != 0
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert records(anju) == before
    assert files(anju) == held
    assert not list(anju.var.glob(".*restoring"))


def _divisions(root: Path) -> Path:
    path = root / "divisions.csv"
    path.write_text("code,name\n410999000000,新设示范区\n", encoding="utf-8")
    return path
