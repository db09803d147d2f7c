"""How a project's work was let: its lots, each from announcement to award, with the price and the
people named to run it. Money is whole fen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.access import Capability
from anju.core.procurement import Kind, Method
from anju.procurement.wording import KIND_LABELS, METHOD_LABELS
from anju.projects.models import Project


class Form(models.TextChoices):
    """How much one lot takes in: the usual split (design, works and supervision let apart), or
    one contractor for design and works (EPC), or one consultant for every service."""

    SEPARATE = "separate", _("A lot of its own kind")
    EPC = "epc", _("Design and build (EPC, 工程总承包)")
    CONSULTING = "consulting", _("Whole-process engineering consulting (全过程工程咨询)")


class LotQuerySet(DivisionQuerySet["Lot"]):
    division_path = "project__community__division__code"


class Lot(models.Model):
    project = models.ForeignKey(
        Project, models.CASCADE, related_name="lots", verbose_name=_("project")
    )
    name = models.CharField(_("lot"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=10, choices=[(k.value, KIND_LABELS[k]) for k in Kind]
    )
    form = models.CharField(_("let as"), max_length=12, choices=Form.choices, default=Form.SEPARATE)
    estimate = models.BigIntegerField(_("estimate (fen)"))
    method = models.CharField(
        _("method"),
        max_length=32,
        choices=[(m.value, METHOD_LABELS[m]) for m in Method],
        blank=True,
    )
    announced_on = models.DateField(_("announced"), null=True, blank=True)
    opened_on = models.DateField(_("bids opened"), null=True, blank=True)
    publicity_from = models.DateField(_("candidates published from"), null=True, blank=True)
    publicity_until = models.DateField(_("candidates published until"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded"), null=True, blank=True)
    winner = models.CharField(_("winner"), max_length=100, blank=True)
    winner_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    price = models.BigIntegerField(_("contract price (fen)"), null=True, blank=True)
    named_lead = models.CharField(
        _("named lead (project manager, chief supervisor)"), max_length=50, blank=True
    )
    # Recording the award publishes it to residents (/w/), so this is when they were told.
    published_at = models.DateTimeField(_("award published"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = LotQuerySet.as_manager()

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="lot_named_once"),
            models.CheckConstraint(condition=models.Q(estimate__gte=0), name="lot_estimate"),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0), name="lot_price"
            ),
            models.CheckConstraint(
                condition=models.Q(publicity_until__isnull=True)
                | models.Q(publicity_from__isnull=True)
                | models.Q(publicity_until__gte=models.F("publicity_from")),
                name="lot_publicity_ends_after_it_begins",
            ),
            models.CheckConstraint(  # an award names whom, for how much, and how it was let
                condition=models.Q(awarded_on__isnull=True)
                | (~models.Q(winner="") & models.Q(price__isnull=False) & ~models.Q(method="")),
                name="lot_award_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.name}"

    def audit_key(self) -> str:
        # by number, not name: a name may be renamed, and is longer than the log's key holds
        return f"{self.project.community.code}/{self.pk}"


class Monitor(models.Model):
    """A resident named to watch the works for their neighbours (居民监督员: 鼓励有技术专长的小区
    居民参与改造工程监督, wuhan-2021 §2.(2)3), who reports from a phone with a code of their own
    and no account."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="monitors", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=30)
    skill = models.CharField(_("technical background"), max_length=60, blank=True)
    # A keyed digest, so a stolen database opens no one's reports; the sealed code is for printing.
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    code_cipher = models.TextField(editable=False)
    active = models.BooleanField(_("active"), default=True)
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("residents' monitor")
        verbose_name_plural = _("residents' monitors")

    def __str__(self) -> str:
        return f"{self.project} {self.name}"

    def audit_key(self) -> str:
        return f"{self.project.community.code}/{self.pk}"


class AnswerCode(models.Model):
    """The key by which the winner of a lot answers the monitors' observations on its project,
    without an account."""

    lot = models.OneToOneField(
        Lot, models.CASCADE, related_name="answer_code", verbose_name=_("lot")
    )
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    code_cipher = models.TextField(editable=False)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer code")
        verbose_name_plural = _("answer codes")

    def __str__(self) -> str:
        return str(self.lot)

    def audit_key(self) -> str:
        return self.lot.audit_key()


class ObservationQuerySet(DivisionQuerySet["Observation"]):
    division_path = "project__community__division__code"


class Observation(models.Model):
    """What a monitor saw on site, with photos, and the contractor's answer."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="observations", verbose_name=_("project")
    )
    monitor = models.ForeignKey(
        Monitor, models.PROTECT, related_name="observations", verbose_name=_("monitor")
    )
    text = models.CharField(_("what was seen"), max_length=500)
    seen_at = models.DateTimeField(_("reported"), auto_now_add=True)
    answer = models.CharField(_("answer"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        Lot, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("answered by")
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-seen_at", "-pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [  # the open ones, for the alerts
            models.Index(
                fields=["project"],
                condition=models.Q(answered_at__isnull=True),
                name="observation_open",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True, answer="")
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="observation_answer_with_its_time",
            )
        ]

    def __str__(self) -> str:
        return self.text[:30]


class ObservationPhoto(models.Model):
    observation = models.ForeignKey(
        Observation, models.CASCADE, related_name="photos", verbose_name=_("observation")
    )
    image = models.ImageField(_("photo"), upload_to="observations/%Y/%m/")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.image.name)


class DebarmentQuerySet(DivisionQuerySet["Debarment"]):
    read_with = Capability.PROCUREMENT_MANAGE


class Debarment(models.Model):
    """An entry of the list of untrustworthy parties (失信名单) a bureau imports as published, so
    that an award to one of them is seen when it is recorded."""

    division = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("division")
    )
    name = models.CharField(_("name"), max_length=100)
    key = models.CharField(max_length=100, editable=False, db_index=True)  # the name compared
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    source = models.CharField(_("published by"), max_length=200)
    listed_on = models.DateField(_("listed on"))
    until = models.DateField(_("listed until"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    objects = DebarmentQuerySet.as_manager()

    class Meta:
        ordering = ["division", "name", "pk"]
        verbose_name = _("untrustworthy party")
        verbose_name_plural = _("untrustworthy parties")

    def __str__(self) -> str:
        return self.name


class Variation(models.Model):
    """A change (变更) to a lot's contract after the award, and its approval where it was
    given."""

    lot = models.ForeignKey(Lot, models.CASCADE, related_name="variations", verbose_name=_("lot"))
    amount = models.BigIntegerField(_("change to the price (fen)"))
    reason = models.CharField(_("reason"), max_length=300)
    agreed_on = models.DateField(_("agreed on"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval = models.CharField(_("approval document"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["lot", "agreed_on", "pk"]
        verbose_name = _("variation")
        verbose_name_plural = _("variations")

    def __str__(self) -> str:
        return f"{self.lot} {self.reason[:20]}"

    def audit_key(self) -> str:
        return self.lot.audit_key()
