"""Reading the audit log (GB/T 22239-2019 8.1.4.3 安全审计). The log holds a deployment's entries
without their divisions, so only those who hold the audit capability over a whole city or
more read it; they read it here and change nothing, as nobody can."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from anju.audit.models import AuditEntry


def entries(filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    found = AuditEntry.objects.all()
    if filters.get("since"):
        found = found.filter(at__gte=_start_of(filters["since"]))
    if filters.get("until"):
        found = found.filter(at__lt=_start_of(filters["until"] + timedelta(days=1)))
    if filters.get("who"):
        found = found.filter(actor_label=filters["who"])
    if filters.get("kind"):
        found = found.filter(kind=filters["kind"])
    if filters.get("action"):
        found = found.filter(action__startswith=filters["action"])
    if filters.get("object"):
        found = found.filter(target_id=filters["object"])
    return found


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
