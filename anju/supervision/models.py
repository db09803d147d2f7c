"""The closing of a project in the renovation ledger (销号, puyang-2020 §5.(3)): done, with the
evidence that says so."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.report_periods import parse_period, period_words
from anju.projects.models import Project
from anju.supervision.signing import fingerprint


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


class ReportQuerySet(DivisionQuerySet["Report"]):
    division_path = "area__code"


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

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "area", "pack"]
        constraints = [
            models.UniqueConstraint(fields=["area", "pack", "period"], name="one_report_a_period")
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.area_id} {self.period}"

    @property
    def period_words(self) -> str:
        return period_words(parse_period(self.period))


class AreaStanding(models.Model):
    """Where one area's program stood under one pack when last read (监管数据): its projects
    counted by plan year, stage and closing, its alerts by kind and, for a district, the
    month's assessment figures (core.standing), with each alert in StandingAlert. The
    supervision pages sum these instead of reading every project of a province; the rows are
    read again from the records on a timer, when a page finds them old, and on request. They
    are a reading of the records, not a record: nothing is kept here that the records lack."""

    pack = models.CharField(_("policy pack"), max_length=64)
    area = models.ForeignKey(
        "divisions.Division", models.CASCADE, related_name="+", verbose_name=_("area")
    )
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("read at"))
    data = models.TextField()  # core.standing.standing_to_json
    refresh_asked_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pack", "area"], name="one_standing_an_area")
        ]
        verbose_name = _("area standing")
        verbose_name_plural = _("area standings")

    def __str__(self) -> str:
        return f"{self.area_id} {self.pack} {self.computed_at}"


class StandingAlert(models.Model):
    """One alert of an area as its standing was last read, numbered in the order the alerts
    page lists them (district, kind, community) and among its kind, so that a page of them is a
    range of numbers, whichever page it is."""

    standing = models.ForeignKey(AreaStanding, models.CASCADE, related_name="alert_rows")
    position = models.PositiveIntegerField()  # 0, 1, 2 … among the standing's alerts
    kind_position = models.PositiveIntegerField()  # 0, 1, 2 … among those of its kind
    kind = models.CharField(_("kind"), max_length=32)  # core.alerts.AlertKind
    community = models.ForeignKey(
        "registry.Community", models.CASCADE, related_name="+", verbose_name=_("community")
    )
    district = models.ForeignKey(
        "divisions.Division", models.CASCADE, related_name="+", verbose_name=_("district")
    )
    unit = models.CharField(_("responsible unit"), max_length=200)
    since = models.DateField(_("since"), null=True)
    detail = models.CharField(_("detail"), max_length=500)

    class Meta:
        ordering = ["standing", "position"]
        indexes = [
            models.Index(fields=["standing", "position"], name="standing_alert_order"),
            models.Index(fields=["standing", "kind", "kind_position"], name="standing_alert_kind"),
            # the longest standing first, or the latest; an alert without a date last either way
            models.Index("since", "id", name="standing_alert_since"),
            # and the latest first: anju.web.sort_indexes, in the migrations
        ]
        verbose_name = _("standing alert")
        verbose_name_plural = _("standing alerts")

    def __str__(self) -> str:
        return f"{self.kind} {self.community_id}"


class TrustedSender(models.Model):
    """The public key an area below signs its returns with, registered once by this bureau:
    a return from that area is summed only if it verifies against this key."""

    area = models.OneToOneField(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("area")
    )
    key = models.CharField(_("public key"), max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("registered"), auto_now=True)

    class Meta:
        verbose_name = _("trusted sender")
        verbose_name_plural = _("trusted senders")

    def __str__(self) -> str:
        return str(self.area_id)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


class ReturnQuerySet(DivisionQuerySet["ReturnSent"]):
    division_path = "area__code"


class ReturnSent(models.Model):
    """A monthly return this deployment signed and sent upward (core.report_package)."""

    area = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("area")
    )
    month = models.CharField(_("month"), max_length=7)  # 2026-11
    pack = models.CharField(_("policy pack"), max_length=64)
    digest = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    written_at = models.DateTimeField(_("written"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    objects = ReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "pk"]
        indexes = [models.Index(fields=["area", "month"], name="return_sent_month")]
        verbose_name = _("return sent")
        verbose_name_plural = _("returns sent")

    def __str__(self) -> str:
        return f"{self.area_id} {self.month}"


class ReceivedQuerySet(DivisionQuerySet["ReturnReceived"]):
    division_path = "area__code"


class ReturnReceived(models.Model):
    """A monthly return an area below sent this bureau, verified against its registered key;
    kept as it was signed, the latest of each area and month replacing the one before."""

    area = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    month = models.CharField(_("month"), max_length=7)
    pack = models.CharField(_("policy pack"), max_length=64)
    pack_version = models.CharField(_("edition"), max_length=64)
    digest = models.CharField(_("fingerprint (SHA-256)"), max_length=64, unique=True)
    written_at = models.DateTimeField(_("written"))
    body = models.TextField()  # core.report_package.canonical of the signed body
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = ReceivedQuerySet.as_manager()

    class Meta:
        ordering = ["month", "area"]
        constraints = [
            models.UniqueConstraint(fields=["area", "month"], name="one_return_an_area_a_month")
        ]
        verbose_name = _("return received")
        verbose_name_plural = _("returns received")

    def __str__(self) -> str:
        return f"{self.area_id} {self.month}"
