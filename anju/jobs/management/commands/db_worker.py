from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker

from anju.jobs.services import abandoned_requeue, this_worker


class Command(db_worker.Command):
    help = _(
        "Run the tasks Anju queues (plan solves, reports, supervision figures); on starting, "
        "queue again whatever a killed worker of this machine left half done."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=this_worker())

    def handle(self, *args: Any, **options: Any) -> None:
        for result in abandoned_requeue(options["worker_id"]):
            self.stderr.write(
                _("Task %(task)s (%(id)s) was left by a killed worker: %(what)s.")
                % {
                    "task": result.task_path,
                    "id": result.id,
                    "what": _("queued again")
                    if result.status == TaskResultStatus.READY
                    else _("failed"),
                }
            )
        super().handle(*args, **options)
