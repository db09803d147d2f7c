from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    WRITE = "write", _("write")
    ACCESS = "access", _("sign-in or sign-out")
    READ = "read", _("read of personal data")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")

    def last_write(self) -> datetime | None:
        """When a record was last written, which whatever Anju keeps derived from the records
        compares its own reading time against. Every entry records a write; an entry that
        records only a reading (a login, a view of personal data) is left out here."""
        found = self.filter(kind=EntryKind.WRITE).aggregate(last=models.Max("at"))
        return found["last"]  # type: ignore[no-any-return]


class AuditEntry(models.Model):
    """审计日志: one row per write, with who, when, from where, and the values before and after;
    and one per sign-in, failed sign-in, sign-out and read of personal data.

    Append-only: the model refuses updates and deletes, so a bug cannot quietly rewrite history.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_label = models.CharField(_("acting user"), max_length=150)
    origin = models.CharField(_("origin"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=8, choices=EntryKind.choices, default=EntryKind.WRITE
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target = models.CharField(_("object type"), max_length=64)
    target_id = models.CharField(_("object"), max_length=64, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")
