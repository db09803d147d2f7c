"""Work a killed worker left half done is done again, whole. The queue marks a task running
when a worker takes it and never hears from that worker again if it is killed (out of memory,
a power cut, kill -9), so each worker is named by its machine and process, and a worker that
starts puts back in the queue every task a dead worker of its machine was running. Each task
writes its result in one step at its end (a plan's result, a report's three files), so running
it again from the start leaves nothing of the first try."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# A task that has killed its worker this often is not tried again: it is marked failed.
MAX_ATTEMPTS = 3
WORKER_COMMAND = b"db_worker"


def this_host() -> str:
    return socket.gethostname()[:48]


def this_worker() -> str:
    return f"{this_host()}:{os.getpid()}"


def worker_alive(worker_id: str, me: str) -> bool:
    """Whether the worker of that id may still be running, asked by worker ``me`` as it starts.
    Only a worker of this machine can be known dead. A task under ``me``'s own id is a dead
    one's that had this process number before a restart; a process of that number that is not
    a worker (the number given again) is not it; zombies read as dead."""
    if worker_id == me:
        return False
    name, _, pid = worker_id.rpartition(":")
    if name != me.rpartition(":")[0] or not pid.isdecimal():
        return True
    if Path("/proc/self").exists():
        try:
            return WORKER_COMMAND in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abandoned_requeue(me: str) -> list[DBTaskResult[Any, Any]]:
    """Queue again, or fail after MAX_ATTEMPTS, the tasks dead workers of this machine left;
    run by worker ``me`` before it takes any task."""
    found = []
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update().order_by("started_at")
        for result in running:
            if not result.worker_ids or worker_alive(result.worker_ids[-1], me):
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.set_failed(
                    RuntimeError(f"its worker was killed {len(result.worker_ids)} times")
                )
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
            found.append(result)
    return found
