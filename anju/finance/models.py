"""Who pays what: a project's funding plan, the households' reductions, and the maintenance
fund top-ups a community owes before it may draw on its fund. Money is whole fen throughout."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.access import Capability
from anju.projects.models import Project
from anju.registry.models import Community, Dwelling


class Channel(models.TextChoices):
    CENTRAL_SUBSIDY = "central_subsidy", _("Central subsidy and central budget investment")
    LOCAL_BUDGET = "local_budget", _("Provincial, city and district fiscal funds")
    SPECIAL_BONDS = "special_bonds", _("Special bonds")
    RESIDENTS = "residents", _("Residents' direct payment")
    MAINTENANCE_FUND = "maintenance_fund", _("Housing maintenance fund")
    PROVIDENT_FUND = "provident_fund", _("Housing provident fund withdrawal")
    PUBLIC_REVENUE = "public_revenue", _("Ceded public income of the community")
    UTILITIES = "utilities", _("Utilities (their own pipelines and facilities)")
    ORIGINAL_OWNER_UNIT = "original_owner_unit", _("Original property unit")
    SOCIAL_CAPITAL = "social_capital", _("Social capital")
    FINANCE = "finance", _("Financial institutions' credit")
    TAX_RELIEF = "tax_relief", _("Tax and fee relief")
    DONATION = "donation", _("Donations")


def channel_name(channel: str) -> str:
    return str(Channel(channel).label) if channel in Channel.values else channel


class FundingPlanQuerySet(DivisionQuerySet["FundingPlan"]):
    division_path = "project__community__division__code"


class FundingPlan(models.Model):
    """A project's funding plan under one pack: its content lines as they were priced when the
    plan was drawn, and which channel pays how much of each."""

    project = models.OneToOneField(
        Project, models.CASCADE, related_name="funding_plan", verbose_name=_("project")
    )
    pack = models.CharField(_("policy pack"), max_length=32)
    drawn_with = models.JSONField(
        _("drawn with"),
        default=dict,
        help_text=_("The households' share of each category and the public channel."),
    )
    covered_by = models.CharField(
        _("hardship reductions paid by"),
        max_length=32,
        choices=Channel.choices,
        blank=True,
        help_text=_("Empty: what is waived is shared among the other households."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = FundingPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding plan")
        verbose_name_plural = _("funding plans")

    def __str__(self) -> str:
        return str(self.project)


class FundingLine(models.Model):
    plan = models.ForeignKey(
        FundingPlan, models.CASCADE, related_name="lines", verbose_name=_("funding plan")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.CharField(_("item"), max_length=40)
    name = models.CharField(_("content"), max_length=100)
    category = models.CharField(_("category"), max_length=16)
    cost = models.BigIntegerField(_("cost (fen)"))
    per = models.CharField(_("priced"), max_length=16)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("funded line")
        verbose_name_plural = _("funded lines")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="funding_line_unique_key"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="funding_line_cost"),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    line = models.ForeignKey(
        FundingLine, models.CASCADE, related_name="allocations", verbose_name=_("line")
    )
    channel = models.CharField(_("funding channel"), max_length=32, choices=Channel.choices)
    amount = models.BigIntegerField(_("amount (fen)"))

    class Meta:
        ordering = ["line", "channel"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["line", "channel"], name="allocation_unique_channel"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.channel} {self.amount}"


class Reduction(models.Model):
    """A hardship reduction the owners agreed (困难群众减免, puyang-2020 §4.(3))."""

    plan = models.ForeignKey(
        FundingPlan, models.CASCADE, related_name="reductions", verbose_name=_("funding plan")
    )
    dwelling = models.ForeignKey(
        Dwelling, models.CASCADE, related_name="+", verbose_name=_("dwelling")
    )
    waived_pct = models.DecimalField(_("share let off (%)"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=100)

    class Meta:
        verbose_name = _("hardship reduction")
        verbose_name_plural = _("hardship reductions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "dwelling"], name="reduction_unique_dwelling"),
            models.CheckConstraint(
                condition=models.Q(waived_pct__gt=0, waived_pct__lte=100),
                name="reduction_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dwelling} {self.waived_pct}%"


class FundTopUp(models.Model):
    """A maintenance fund set up or topped up because the 30 % rule flagged the community: what
    it needs, each household's part and what has come in."""

    class Kind(models.TextChoices):
        ESTABLISH = "establish", _("Set up (补建)")
        TOP_UP = "top_up", _("Top up (续筹)")

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="fund_top_ups", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount = models.BigIntegerField(_("amount (fen)"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("maintenance fund top-up")
        verbose_name_plural = _("maintenance fund top-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["community"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_top_up_per_community",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.kind}"


class TopUpShare(models.Model):
    top_up = models.ForeignKey(
        FundTopUp, models.CASCADE, related_name="shares", verbose_name=_("top-up")
    )
    dwelling = models.ForeignKey(
        Dwelling, models.CASCADE, related_name="+", verbose_name=_("dwelling")
    )
    amount = models.BigIntegerField(_("amount (fen)"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        ordering = ["top_up", "dwelling"]
        verbose_name = _("household top-up")
        verbose_name_plural = _("household top-ups")
        constraints = [
            models.UniqueConstraint(fields=["top_up", "dwelling"], name="top_up_share_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dwelling} {self.amount}"


class ShareCode(models.Model):
    """A household's key to its own share (缴费查询码), printed on its notice: an owner sees
    what their dwelling pays and no one else's, without an account."""

    plan = models.ForeignKey(
        FundingPlan, models.CASCADE, related_name="share_codes", verbose_name=_("funding plan")
    )
    dwelling = models.ForeignKey(
        Dwelling, models.CASCADE, related_name="+", verbose_name=_("dwelling")
    )
    # A keyed digest, so a stolen database opens no one's share; the sealed code is for printing.
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    code_cipher = models.TextField(editable=False)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("share code")
        verbose_name_plural = _("share codes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "dwelling"], name="share_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.dwelling}"


class Appraisal(models.Model):
    """The balance of investment and return for social capital (投入与收益平衡测算,
    chongqing-2021 §4.(4)): the operating assets a company builds and runs under a concession."""

    project = models.OneToOneField(
        Project, models.CASCADE, related_name="appraisal", verbose_name=_("project")
    )
    operator = models.CharField(_("operator"), max_length=100)
    concession_years = models.PositiveSmallIntegerField(_("concession (years)"))
    discount_pct = models.DecimalField(_("discount rate (%)"), max_digits=5, decimal_places=2)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("investment appraisal")
        verbose_name_plural = _("investment appraisals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concession_years__gte=1, concession_years__lte=50),
                name="appraisal_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.operator}"


class OperatingAsset(models.Model):
    class Kind(models.TextChoices):
        PARKING = "parking", _("Parking")
        CHARGING = "charging", _("EV charging")
        SHOP = "shop", _("Shops and services")
        ADVERTISING = "advertising", _("Advertising")
        ELEVATOR = "elevator", _("Elevator operation")
        OTHER = "other", _("Other")

    appraisal = models.ForeignKey(
        Appraisal, models.CASCADE, related_name="assets", verbose_name=_("appraisal")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    investment = models.BigIntegerField(_("investment (fen)"))
    yearly_income = models.BigIntegerField(_("yearly income (fen)"))
    yearly_cost = models.BigIntegerField(_("yearly operating cost (fen)"))

    class Meta:
        ordering = ["appraisal", "pk"]
        verbose_name = _("operating asset")
        verbose_name_plural = _("operating assets")

    def __str__(self) -> str:
        return self.name


class BudgetQuerySet(DivisionQuerySet["Budget"]):
    def kept_by(self, user: Any) -> BudgetQuerySet:
        return self.reached_by(user, Capability.MONEY_MANAGE)


class Budget(models.Model):
    """Money a city or district holds for the program in a year from one channel (资金来源):
    the central subsidy passed down to a district, the city's own funds, a bond issue."""

    name = models.CharField(_("name"), max_length=120)
    channel = models.CharField(_("funding channel"), max_length=32, choices=Channel.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    division = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("held by")
    )
    amount = models.BigIntegerField(_("amount (fen)"))
    # what its grants and their payments add up to, kept by grant_create and payment_record in
    # the same transaction, so that the money pages of a province need not add them up again
    granted = models.BigIntegerField(_("granted (fen)"), default=0)
    paid = models.BigIntegerField(_("paid (fen)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "division", "channel", "pk"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    """Part of a budget set aside for one project (资金安排)."""

    budget = models.ForeignKey(
        Budget, models.PROTECT, related_name="grants", verbose_name=_("budget")
    )
    project = models.ForeignKey(
        Project, models.PROTECT, related_name="grants", verbose_name=_("project")
    )
    amount = models.BigIntegerField(_("amount (fen)"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["budget", "pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(fields=["budget", "project"], name="grant_unique_project"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="grant_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.budget} → {self.project}"


class Payment(models.Model):
    """Money paid out of a grant at a milestone the project has reached (拨付)."""

    grant = models.ForeignKey(
        Grant, models.PROTECT, related_name="payments", verbose_name=_("grant")
    )
    stage = models.CharField(_("milestone"), max_length=16)
    amount = models.BigIntegerField(_("amount (fen)"))
    paid_on = models.DateField(_("paid on"))
    voucher = models.CharField(_("voucher number"), max_length=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["grant", "paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.grant} {self.amount}"
