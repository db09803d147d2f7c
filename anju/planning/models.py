from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.access import Capability
from anju.divisions.models import Division


class ScenarioState(models.TextChoices):
    QUEUED = "queued", _("Waiting to be solved")
    RUNNING = "running", _("Being solved")
    DONE = "done", _("Solved")
    FAILED = "failed", _("Could not be solved")


class ScenarioQuerySet(DivisionQuerySet["Scenario"]):
    read_with = Capability.PLAN_MANAGE


class Scenario(models.Model):
    """A plan asked for — a pack, years, money per year, weights — and, once the worker has
    solved it, the plan. Scenarios are kept side by side so a bureau can ask "what if"."""

    name = models.CharField(_("name"), max_length=100)
    division = models.ForeignKey(
        Division, models.PROTECT, related_name="+", verbose_name=_("planned for")
    )
    pack = models.CharField(_("policy pack"), max_length=64)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    budgets = models.JSONField(_("budget per year (yuan)"))
    """Year → yuan as a decimal string, so no amount goes through a float."""
    weights = models.JSONField(_("weights"), default=dict, blank=True)
    """Criterion → weight where this scenario differs from the pack."""
    pack_targets = models.BooleanField(_("hold to the pack's targets"), default=True)
    shares = models.JSONField(_("district shares"), default=list, blank=True)
    """[district, minimum or None, maximum or None], shares as decimal strings."""
    fixed = models.JSONField(_("starts fixed by hand"), default=dict, blank=True)
    """Community code → start year."""
    groups = models.JSONField(_("groups that start together"), default=dict, blank=True)
    """Group name → community codes."""
    forecast_built_before = models.PositiveSmallIntegerField(
        _("forecast for the stock built before"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ScenarioState.choices, default=ScenarioState.QUEUED
    )
    step = models.CharField(_("step"), max_length=32, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan scenario")
        verbose_name_plural = _("plan scenarios")

    def __str__(self) -> str:
        return self.name


class AnnualPlanQuerySet(DivisionQuerySet["AnnualPlan"]):
    read_with = Capability.PLAN_MANAGE


class AnnualPlan(models.Model):
    """One version of a division's annual plan of record (年度改造计划). A change is a new
    version, never an edit, so every plan ever adopted can be shown as it was."""

    division = models.ForeignKey(
        Division, models.PROTECT, related_name="+", verbose_name=_("planned for")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    scenario = models.ForeignKey(
        Scenario, models.PROTECT, related_name="adoptions", verbose_name=_("from scenario")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adopted_at = models.DateTimeField(_("adopted"), auto_now_add=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["division", "year", "-version"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        constraints = [
            models.UniqueConstraint(
                fields=["division", "year", "version"], name="annual_plan_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.division} {self.year} v{self.version}"


class AnnualPlanEntry(models.Model):
    plan = models.ForeignKey(
        AnnualPlan, models.CASCADE, related_name="entries", verbose_name=_("annual plan")
    )
    community = models.ForeignKey(
        "registry.Community", models.PROTECT, related_name="+", verbose_name=_("community")
    )
    cost_yuan = models.DecimalField(_("investment (yuan)"), max_digits=16, decimal_places=2)
    score = models.DecimalField(_("priority score"), max_digits=9, decimal_places=4)

    class Meta:
        ordering = ["community__code"]
        verbose_name = _("annual plan entry")
        verbose_name_plural = _("annual plan entries")
        constraints = [
            models.UniqueConstraint(fields=["plan", "community"], name="annual_plan_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.community_id}"

    @property
    def cost_wan(self) -> Decimal:
        return self.cost_yuan / 10_000
