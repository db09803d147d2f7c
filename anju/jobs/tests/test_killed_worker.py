"""A worker killed while writing a report (kill -9: no chance to tidy up) leaves the report as it
was, and the worker that starts next on the machine writes it whole."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator

import pytest

from anju.testing import DEMO_CITY, Deployment, demo_deployment

TASK = "anju.supervision.services.reports.write_report"


@pytest.fixture
def anju(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with demo_deployment(tmp_path_factory.mktemp("bureau"), *DEMO_CITY) as deployment:
        yield deployment


def report(anju: Deployment) -> tuple[str, str, str, str]:
    [row] = anju.sql("SELECT status, docx, pdf, xlsx FROM supervision_report")
    return row


def task(anju: Deployment) -> tuple[str, int]:
    [(status, workers)] = anju.sql(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
        f"WHERE task_path = '{TASK}'"
    )
    return status, len(workers if isinstance(workers, list) else json.loads(workers))


def wait_for(condition: object, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_report_whose_worker_was_killed_is_written_whole_by_the_next_worker(
    anju: Deployment,
) -> None:
    anju.run("reports", "--area", "410900000000", "--period", "2026-10", "--today", "2026-11-05")
    assert report(anju) == ("queued", "", "", "")

    worker = anju.start("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1")
    wait_for(lambda: report(anju)[0] == "writing" or worker.poll() is not None)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()

    assert report(anju) == ("writing", "", "", "")
    assert task(anju) == ("RUNNING", 1)
    assert not list((anju.var / "media").glob("reports/*"))

    again = anju.run("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert TASK in again.stderr
    status, docx, pdf, xlsx = report(anju)
    assert status == "written"
    assert all((anju.var / "media" / name).stat().st_size > 1000 for name in (docx, pdf, xlsx))
    assert task(anju) == ("SUCCESSFUL", 2)
