"""A whole Anju in one file and back: the database, the documents and photos people uploaded and
the archived ledgers, with a manifest that lets a restore check all of it before it touches
anything. SQLite is copied by its own online backup, PostgreSQL by pg_dump inside one snapshot,
so the rows counted are the rows written. The keys are never in the archive — a copy kept off
site must not open the ID numbers it holds — only a fingerprint naming the data key a restore
needs. A restore is all or nothing: the database in one transaction, the folders swapped whole."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import anju
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.registry.personal import keyed_digest

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = {"sqlite": "database.sqlite3", "postgresql": "database.sql"}
CHUNK = 1024 * 1024


class BackupRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Manifest:
    anju: str
    made_at: str
    database: str
    key: str
    migrations: dict[str, list[str]]
    rows: dict[str, int]
    files: dict[str, str] = field(default_factory=dict)  # name in the archive → SHA-256
    format: int = FORMAT


def folders() -> dict[str, Path]:
    """The folders of uploaded and archived files, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "ledgers": Path(settings.LEDGER_ARCHIVE_DIR)}


def key_fingerprint() -> str:
    """Which data key sealed the ID numbers, without anything that would open them."""
    return keyed_digest("anju backup key fingerprint")[:16]


def backup_write(target: Path, *, actor: Actor) -> Manifest:
    """Write the archive at ``target``; a partial file is never left under that name."""
    vendor = _vendor()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".anju-backup-") as work:
        database = Path(work) / DATABASE[vendor]
        rows = _sqlite_copy(database) if vendor == "sqlite" else _postgres_dump(database)
        manifest = Manifest(
            anju=anju.__version__,
            made_at=timezone.localtime().isoformat(timespec="seconds"),
            database=vendor,
            key=key_fingerprint(),
            migrations=_applied(),
            rows=rows,
        )
        partial = Path(work) / "archive.partial"
        with tarfile.open(partial, "w:gz") as tar:
            _add(tar, DATABASE[vendor], database, manifest)
            for name, folder in folders().items():
                for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
                    if path.is_file() and not path.is_symlink():
                        _add(tar, f"{name}/{path.relative_to(folder).as_posix()}", path, manifest)
            text = json.dumps(asdict(manifest), ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(text), int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(text))
        partial.replace(target)
    audit_record(
        actor=actor,
        action="backup.write",
        target="backup",
        target_id=target.name,
        after={"rows": sum(rows.values()), "files": len(manifest.files) - 1},
    )
    return manifest


def backup_restore(source: Path, *, actor: Actor) -> Manifest:
    """Replace this Anju's database and files with the archive's, then bring its schema up to
    this release. Every check runs on the unpacked archive before anything here is changed."""
    vendor = _vendor()
    staging = {
        name: folder.parent / f".{folder.name}.restoring" for name, folder in folders().items()
    }
    with tempfile.TemporaryDirectory(prefix=".anju-restore-", dir=_work_dir()) as work:
        try:
            manifest = _unpack(source, Path(work), staging)
            _check(manifest, vendor)
            database = Path(work) / DATABASE[vendor]
            if vendor == "sqlite":
                _sqlite_load(database, manifest.rows)
            else:
                _postgres_load(database, manifest.rows)
        except BaseException:
            for path in staging.values():
                shutil.rmtree(path, ignore_errors=True)
            raise
    for name, folder in folders().items():
        _swap(staging[name], folder)
    call_command("migrate", interactive=False, verbosity=0)
    audit_record(
        actor=actor,
        action="backup.restore",
        target="backup",
        target_id=source.name,
        after={
            "made_at": manifest.made_at,
            "anju": manifest.anju,
            "rows": sum(manifest.rows.values()),
        },
    )
    return manifest


def _vendor() -> str:
    if connection.vendor not in DATABASE:
        raise BackupRefused(
            _("Anju backs up SQLite and PostgreSQL only, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _work_dir() -> Path:
    """Unpacked beside the files it replaces, so a large archive is not staged in a small /tmp."""
    folder = Path(settings.MEDIA_ROOT).parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder


TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
}


def _tables(cursor: Any, vendor: str) -> list[str]:
    """Every table the database holds, not only those this release's models name: an archive of
    an older or newer schema is counted whole all the same."""
    cursor.execute(TABLES[vendor])
    return sorted(row[0] for row in cursor.fetchall())


def _applied() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _sqlite_copy(path: Path) -> dict[str, int]:
    import sqlite3

    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return _count(cursor, _tables(cursor, "sqlite"))
    finally:
        copy.close()


def _sqlite_load(path: Path, rows: dict[str, int]) -> None:
    import sqlite3

    archived = sqlite3.connect(path)
    try:
        found = _count(archived.cursor(), list(rows))
        _same_rows(found, rows)
        connection.close()
        connection.ensure_connection()
        archived.backup(connection.connection)
    finally:
        archived.close()


def _postgres_tool(name: str) -> str:
    folder = os.environ.get("ANJU_PG_BIN_DIR")
    tool = str(Path(folder) / name) if folder else shutil.which(name)
    if not tool or not Path(tool).exists():
        raise BackupRefused(
            _(
                "%(tool)s was not found: install PostgreSQL's client programs or set ANJU_PG_BIN_DIR."
            )
            % {"tool": name}
        )
    return tool


def _postgres_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def _postgres_dump(path: Path) -> dict[str, int]:
    """pg_dump reads the snapshot the counts are taken in, so both see the same rows."""
    tool = _postgres_tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                tool,
                "--format=plain",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={path}",
            ],
        )
        return _count(cursor, _tables(cursor, "postgresql"))


def _postgres_load(path: Path, rows: dict[str, int]) -> None:
    """One psql transaction: the schema emptied, the dump read, every table's count checked; a
    failure anywhere leaves the database as it was."""
    tool = _postgres_tool("psql")
    prelude = path.with_name("prelude.sql")
    prelude.write_text(
        "SET lock_timeout = '15s';\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n"
    )
    checks = path.with_name("checks.sql")
    checks.write_text(
        "DO $$ BEGIN\n"
        + "".join(
            f'IF (SELECT COUNT(*) FROM public."{table}") <> {count} THEN '
            f"RAISE EXCEPTION 'table {table} does not hold the {count} rows of the backup'; END IF;\n"
            for table, count in rows.items()
        )
        + "END $$;\n"
    )
    connection.close()
    _run(
        [
            tool,
            "-X",
            "-q",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            "-f",
            str(prelude),
            "-f",
            str(path),
            "-f",
            str(checks),
        ]
    )


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=_postgres_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupRefused(
            _("%(tool)s failed, and nothing was changed: %(error)s")
            % {"tool": Path(command[0]).name, "error": done.stderr.strip()[-2000:]}
        )


def _same_rows(found: dict[str, int], rows: dict[str, int]) -> None:
    for table, count in rows.items():
        if found.get(table) != count:
            raise BackupRefused(
                _(
                    "The backup is damaged: table %(table)s holds %(found)s rows, its manifest says %(count)s."
                )
                % {"table": table, "found": found.get(table), "count": count}
            )


def _check(manifest: Manifest, vendor: str) -> None:
    if manifest.database != vendor:
        raise BackupRefused(
            _("This is a %(archived)s backup; this Anju runs on %(vendor)s.")
            % {"archived": manifest.database, "vendor": vendor}
        )
    if manifest.key != key_fingerprint():
        raise BackupRefused(
            _(
                "The ID numbers in this backup were sealed with another data key (fingerprint "
                "%(key)s); set ANJU_DATA_KEY to that key before restoring."
            )
            % {"key": manifest.key}
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    newer = sorted(
        f"{app}.{name}"
        for app, names in manifest.migrations.items()
        for name in names
        if (app, name) not in known
    )
    if newer:
        raise BackupRefused(
            _(
                "This backup was made by a newer Anju (%(version)s): this release does not know %(migrations)s."
            )
            % {"version": manifest.anju, "migrations": ", ".join(newer[:5])}
        )


def _unpack(source: Path, work: Path, staging: dict[str, Path]) -> Manifest:
    """Every member unpacked and its SHA-256 checked against the manifest, none missing, none
    extra, none outside its folder."""
    try:
        tar = tarfile.open(source, "r:gz")  # noqa: SIM115 -- closed by the with below
    except (OSError, tarfile.TarError):
        raise BackupRefused(_("%(name)s is not an Anju backup.") % {"name": source.name}) from None
    with tar:
        try:
            member = tar.getmember(MANIFEST)
            raw = tar.extractfile(member)
            assert raw is not None
            manifest = Manifest(**json.loads(raw.read()))
        except (OSError, EOFError, tarfile.ReadError, zlib.error):
            raise _unreadable(source) from None
        except (KeyError, ValueError, TypeError, AssertionError, tarfile.TarError):
            raise BackupRefused(
                _("%(name)s has no readable manifest.") % {"name": source.name}
            ) from None
        if manifest.format != FORMAT:
            raise BackupRefused(
                _("%(name)s is in a backup format this release does not read.")
                % {"name": source.name}
            )
        for path in staging.values():
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        seen = {MANIFEST}
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                destination = _destination(member, work, staging)
                expected = manifest.files.get(member.name)
                if destination is None or expected is None or not member.isfile():
                    raise BackupRefused(
                        _("%(name)s holds %(member)s, which its manifest does not list.")
                        % {"name": source.name, "member": member.name}
                    )
                reader = tar.extractfile(member)
                assert reader is not None
                if _copy_hashed(reader, destination) != expected:
                    raise BackupRefused(
                        _("The backup is damaged: %(member)s is not what was written.")
                        % {"member": member.name}
                    )
                seen.add(member.name)
        except (OSError, EOFError, tarfile.TarError, zlib.error):
            raise _unreadable(source) from None
    missing = sorted(set(manifest.files) - seen)
    if missing:
        raise BackupRefused(
            _("The backup is damaged: %(member)s is missing.") % {"member": missing[0]}
        )
    return manifest


def _unreadable(source: Path) -> BackupRefused:
    return BackupRefused(
        _("The backup is damaged: %(name)s cannot be read to its end.") % {"name": source.name}
    )


def _copy_hashed(reader: IO[bytes], destination: Path) -> str:
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with destination.open("wb") as out:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _destination(member: tarfile.TarInfo, work: Path, staging: dict[str, Path]) -> Path | None:
    parts = member.name.split("/")
    if any(part in {"", ".", ".."} for part in parts) or member.name.startswith("/"):
        return None
    if len(parts) == 1:
        return work / parts[0] if parts[0] in DATABASE.values() else None
    folder = staging.get(parts[0])
    return folder.joinpath(*parts[1:]) if folder is not None else None


def _swap(staged: Path, folder: Path) -> None:
    replaced = folder.parent / f".{folder.name}.replaced"
    shutil.rmtree(replaced, ignore_errors=True)
    if folder.exists():
        folder.replace(replaced)
    staged.replace(folder)
    shutil.rmtree(replaced, ignore_errors=True)


def _add(tar: tarfile.TarFile, name: str, path: Path, manifest: Manifest) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    manifest.files[name] = hashing.digest.hexdigest()


class _Hashing:
    """A reader that hashes what tar copies, so a file is read once however large."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk
