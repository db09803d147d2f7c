"""The base of Anju's batch commands (an import, an export, a count, a backup): a file or the
database in, a file or a report out, no page served. Django runs its system checks before any
command, and checking the URLs imports every view of the site, which costs a batch command
more than the work it came for; `anju check` and the web server still run them."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class BatchCommand(BaseCommand):
    requires_system_checks: list[str] = []
