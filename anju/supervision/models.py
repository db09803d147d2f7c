"""The closing of a project in the renovation ledger (销号, puyang-2020 §5.(3)): done, with the
evidence that says so."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.projects.models import Project


class SupervisionError(ValueError):
    """Why a closing or a report cannot be written, in the user's language."""


class Closure(models.Model):
    project = models.OneToOneField(
        Project, models.PROTECT, related_name="closure", verbose_name=_("project")
    )
    closed_on = models.DateField(_("closed on"))
    evidence = models.CharField(_("evidence"), max_length=200)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger closure")
        verbose_name_plural = _("ledger closures")

    def __str__(self) -> str:
        return f"{self.project} {self.closed_on}"


class PublicityReport(models.Model):
    """A piece of publicity a district sends up (宣传信息; at least one a month, wuhan-2021
    §4.(4))."""

    district = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("district")
    )
    sent_on = models.DateField(_("sent on"))
    title = models.CharField(_("title"), max_length=200)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["district", "-sent_on", "pk"]
        verbose_name = _("publicity report")
        verbose_name_plural = _("publicity reports")

    def __str__(self) -> str:
        return self.title


class TaskReport(models.Model):
    """A unit's report on one task of the pack (工作方案、半年小结、年度总结 …)."""

    pack = models.CharField(_("policy pack"), max_length=64)
    task = models.CharField(_("task"), max_length=200)
    unit = models.CharField(_("unit"), max_length=100)
    reported_on = models.DateField(_("reported on"))
    summary = models.CharField(_("summary"), max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["pack", "task", "unit", "reported_on", "pk"]
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")

    def __str__(self) -> str:
        return f"{self.unit} {self.task} {self.reported_on}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be written")
    WRITING = "writing", _("Being written")
    WRITTEN = "written", _("Written")
    FAILED = "failed", _("Failed")


class Report(models.Model):
    """A bulletin or summary of one area for one period (通报、季度通报、年度总结), written by the
    worker as a Word document, a PDF and the workbook of its data. Written again on request,
    it replaces its files only once all three are written."""

    area = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("area")
    )
    pack = models.CharField(_("policy pack"), max_length=64)
    period = models.CharField(_("period"), max_length=8)  # 2026-10, 2026-Q3, 2026
    kind = models.CharField(_("kind"), max_length=8)  # core.report_periods.PeriodKind
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )  # None: written on schedule
    requested_at = models.DateTimeField(_("requested"))
    written_at = models.DateTimeField(_("written"), null=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    docx = models.FileField(upload_to="reports/", blank=True)
    pdf = models.FileField(upload_to="reports/", blank=True)
    xlsx = models.FileField(upload_to="reports/", blank=True)

    class Meta:
        ordering = ["-period", "area", "pack"]
        constraints = [
            models.UniqueConstraint(fields=["area", "pack", "period"], name="one_report_a_period")
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.area_id} {self.period}"
