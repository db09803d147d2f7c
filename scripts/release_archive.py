"""Write this release's archive for the next releases to upgrade from (see anju/releases.py):
`python scripts/release_archive.py sqlite|postgresql`, the latter under scripts/with-postgres."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anju.settings")
django.setup()

from anju import __version__  # noqa: E402
from anju.releases import (  # noqa: E402
    ARCHIVE_DATA_KEY,
    RELEASES_DIR,
    archive,
    migration_files,
)
from anju.testing import DEMO_CITY, deployment_at  # noqa: E402


def main(vendor: str) -> None:
    target = archive(__version__, vendor)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as root, deployment_at(Path(root)) as anju:
        assert anju.database_url.startswith(vendor[:6]), f"run on {vendor}, not {anju.database_url}"
        anju.env["ANJU_DATA_KEY"] = ARCHIVE_DATA_KEY
        anju.run("migrate", "--noinput", "--verbosity", "0")
        anju.run("demo-data", *DEMO_CITY, "--users")
        print(anju.run("backup", str(target)).stdout.strip())
    shipped = RELEASES_DIR / __version__ / "migrations.json"
    shipped.write_text(json.dumps(migration_files(), indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
