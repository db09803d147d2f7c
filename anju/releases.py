"""What each release of Anju leaves for the next to read: a backup of a demo city made by it, on
SQLite and on PostgreSQL, and the fingerprint of every migration it shipped. The suite restores
each release's backups into this release, which migrates them forwards, and refuses a change to
a migration a release has shipped (a deployment that applied it would never run the change).
`make release-archive` writes them for the version in pyproject.toml; run it when cutting a
release and commit what it writes under releases/."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import anju

RELEASES_DIR = Path(anju.__file__).resolve().parent.parent / "releases"
# The data key that seals the demo owners' made-up ID numbers in the release archives; never a
# deployment's key.
ARCHIVE_DATA_KEY = "anju-release-archives-demo-city-only-0000000000000000000000"
VENDORS = ("sqlite", "postgresql")


def migration_files() -> dict[str, str]:
    """Every migration shipped, by its path under anju/, with the SHA-256 of its text."""
    package = Path(anju.__file__).resolve().parent
    return {
        path.relative_to(package).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(package.glob("*/migrations/0*.py"))
    }


def released() -> list[str]:
    return sorted(
        (p.name for p in RELEASES_DIR.iterdir() if (p / "migrations.json").is_file()),
        key=lambda v: tuple(int(part) for part in v.split(".")),
    )


def archive(version: str, vendor: str) -> Path:
    return RELEASES_DIR / version / f"{vendor}.tar.gz"


def shipped_migrations(version: str) -> dict[str, str]:
    loaded: dict[str, str] = json.loads((RELEASES_DIR / version / "migrations.json").read_text())
    return loaded
