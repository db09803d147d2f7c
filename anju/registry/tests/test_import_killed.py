"""An import killed while it writes (kill -9, once its communities and buildings are written and
while it writes the dwellings) leaves the registry as it was, and the same file imported again
lands whole."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from anju.core.demo_city import generate_city
from anju.testing import Deployment, demo_deployment

COMMUNITIES = 150


@pytest.fixture
def anju(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with demo_deployment(tmp_path_factory.mktemp("bureau")) as deployment:
        divisions = deployment.root / "divisions.csv"
        city = generate_city(COMMUNITIES, 2)
        divisions.write_text(
            "code,name\n" + "".join(f"{d.code},{d.name}\n" for d in city.divisions),
            encoding="utf-8",
        )
        deployment.run("import-divisions", str(divisions))
        yield deployment


def counts(anju: Deployment) -> tuple[int, ...]:
    tables = ("registry_community", "registry_building", "registry_dwelling", "registry_owner")
    return tuple(int(anju.sql(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in tables)


def import_killed_while(anju: Deployment, ledger: Path, stage: str) -> str:
    """Run the import on a terminal, as an operator would, and kill it once its progress shows
    ``stage``. Returns what it had printed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        anju.command("import-ledger", str(ledger)),
        env=anju.env,
        cwd=anju.root,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        start_new_session=True,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120
    try:
        while stage.encode() not in shown:
            assert process.poll() is None, f"the import ended first: {shown.decode()}"
            assert time.monotonic() < deadline
            if select.select([leader], [], [], 0.05)[0]:
                shown += os.read(leader, 4096)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        os.close(leader)
    assert process.returncode == -signal.SIGKILL
    return shown.decode(errors="replace")


def test_an_import_killed_while_writing_leaves_nothing_and_lands_whole_again(
    anju: Deployment,
) -> None:
    ledger = anju.root / "ledger.xlsx"
    anju.run("demo-data", "--communities", str(COMMUNITIES), "--seed", "2", "--ledger", str(ledger))

    # Each stage's bar is drawn once the stage is written: the buildings' bar means the
    # communities and buildings are in, and the dwellings and owners are being written.
    shown = import_killed_while(anju, ledger, "楼栋")

    assert "小区" in shown and "房屋" not in shown
    assert counts(anju) == (0, 0, 0, 0)

    said = anju.run("import-ledger", str(ledger)).stdout

    assert f"小区新增 {COMMUNITIES} 个" in said
    communities, buildings, dwellings, owners = counts(anju)
    assert communities == COMMUNITIES
    assert buildings > COMMUNITIES and dwellings > 10 * buildings and owners > 0
