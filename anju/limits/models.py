"""How often a client, or anyone, has done one thing in a window of time."""

from __future__ import annotations

from django.db import models


class RequestCount(models.Model):
    """Requests counted under one key (a client's address, a notice, a code) in the fixed
    window ending at ``window_end``. Kept in the database, so every worker and every server
    counts together; a day after its window a row is removed."""

    key = models.CharField(max_length=200)
    window_end = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_end"], name="request_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} · {self.count}"
