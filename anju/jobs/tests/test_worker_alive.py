"""Which worker a starting worker may call dead: only one of its own machine, by its process."""

from __future__ import annotations

import os
import subprocess
import sys

from anju.jobs.services import this_host, worker_alive

ME = f"{this_host()}:999999"


def test_a_task_under_the_starting_worker_s_own_id_was_a_dead_one_s() -> None:
    assert not worker_alive(ME, ME)


def test_a_worker_of_another_machine_is_never_called_dead() -> None:
    assert worker_alive("elsewhere:1", ME)
    assert worker_alive("a-name-given-by-hand", ME)


def test_a_process_that_is_gone_or_is_not_a_worker_is_dead() -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not worker_alive(f"{this_host()}:{gone.stdout.strip()}", ME)
    assert not worker_alive(f"{this_host()}:{os.getpid()}", ME)  # pytest, not a worker


def test_a_running_worker_is_alive() -> None:
    worker = subprocess.Popen(
        [sys.executable, "-c", "import time; print('up', flush=True); time.sleep(30)", "db_worker"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout is not None and worker.stdout.readline() == "up\n"
        assert worker_alive(f"{this_host()}:{worker.pid}", ME)
    finally:
        worker.kill()
        worker.wait()
    assert not worker_alive(f"{this_host()}:{worker.pid}", ME)
