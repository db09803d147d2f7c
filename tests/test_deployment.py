"""The production set-up shipped in deploy/ (docs/deployment.md) holds together: with its
environment Anju passes Django's deployment checks without a warning, and every `anju` command
its units run exists."""

from __future__ import annotations

import re
from pathlib import Path

from anju.testing import deployment_at

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def shipped_environment() -> dict[str, str]:
    lines = (DEPLOY / "anju.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_the_shipped_environment_passes_the_deployment_checks(tmp_path: Path) -> None:
    with deployment_at(tmp_path / "bureau") as anju:
        shipped = shipped_environment()
        assert shipped["ANJU_HTTPS"] == shipped["ANJU_BEHIND_PROXY"] == "1"
        keep = {"ANJU_DATABASE_URL", "ANJU_VAR_DIR"}  # this test's own database and folder
        anju.env |= {k: v for k, v in shipped.items() if k not in keep}
        anju.env["ANJU_STATIC_ROOT"] = str(tmp_path / "static")
        anju.env["ANJU_BACKUP_DIR"] = str(tmp_path / "backups")

        done = anju.run("check", "--deploy", "--fail-level", "WARNING", ok=False)

        assert done.returncode == 0, done.stderr


def test_every_command_the_units_run_exists(tmp_path: Path) -> None:
    commands = {
        match.group(1)
        for unit in (DEPLOY / "systemd").glob("*.service")
        for match in re.finditer(r"/bin/anju ([\w-]+)", unit.read_text(encoding="utf-8"))
    }
    assert commands >= {"db_worker", "reports", "refresh-supervision", "backup"}
    with deployment_at(tmp_path / "bureau") as anju:
        for command in sorted(commands):
            anju.run("help", command)
