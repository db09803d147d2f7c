from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.models import User
from anju.core.conditions import Condition as CoreCondition
from anju.core.content_list import Proposal as CoreProposal
from anju.registry.models import Community
from anju.web.facilities import Facility


class Condition(models.TextChoices):
    GOOD = CoreCondition.GOOD, _("Good")
    POOR = CoreCondition.POOR, _("Worn or inadequate")
    MISSING = CoreCondition.MISSING, _("Missing")
    NOT_APPLICABLE = CoreCondition.NOT_APPLICABLE, _("Not applicable")


class Category(models.TextChoices):
    BASIC = "basic", _("Basic")
    IMPROVEMENT = "improvement", _("Improvement")
    ENHANCEMENT = "enhancement", _("Enhancement")


class Per(models.TextChoices):
    AREA = "area", _("per m² of floor area")
    HOUSEHOLD = "household", _("per household")
    BUILDING = "building", _("per building")
    UNIT = "unit", _("per stairway unit")
    LUMP_SUM = "lump_sum", _("lump sum")


class Proposal(models.TextChoices):
    INCLUDED = CoreProposal.INCLUDED, _("Needed")
    OFFERED = CoreProposal.OFFERED, _("Where conditions allow")
    UNASSESSED = CoreProposal.UNASSESSED, _("Not yet assessed")
    ADDED = CoreProposal.ADDED, _("Added by staff")


class FacilityCondition(models.Model):
    """One line of a community's condition assessment (现状评价)."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="conditions", verbose_name=_("community")
    )
    facility = models.CharField(_("facility"), max_length=32, choices=Facility.choices)
    condition = models.CharField(_("condition"), max_length=16, choices=Condition.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("facility condition")
        verbose_name_plural = _("facility conditions")
        constraints = [
            models.UniqueConstraint(fields=["community", "facility"], name="condition_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.get_facility_display()}"


class ContentList(models.Model):
    """A community's content list under one pack, as staff have settled it."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="content_lists", verbose_name=_("community")
    )
    pack = models.CharField(_("policy pack"), max_length=32)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        verbose_name = _("content list")
        verbose_name_plural = _("content lists")
        constraints = [
            models.UniqueConstraint(fields=["community", "pack"], name="content_list_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.pack}"


class ContentLine(models.Model):
    content_list = models.ForeignKey(
        ContentList, models.CASCADE, related_name="lines", verbose_name=_("content list")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.CharField(_("item"), max_length=40, blank=True)
    name = models.CharField(_("content"), max_length=100)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    facility = models.CharField(_("facility"), max_length=32, choices=Facility.choices, blank=True)
    per = models.CharField(_("priced"), max_length=16, choices=Per.choices)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit_cost = models.DecimalField(_("unit price (yuan)"), max_digits=12, decimal_places=2)
    selected = models.BooleanField(_("in the plan"), default=False)
    proposal = models.CharField(_("proposed as"), max_length=16, choices=Proposal.choices)
    reason = models.CharField(_("basis"), max_length=200, blank=True)
    citation = models.CharField(_("citation"), max_length=60, blank=True)
    source = models.CharField(_("source clause"), max_length=60, blank=True)
    changes_structure = models.BooleanField(_("changes the main structure"), default=False)
    changes_land_ownership = models.BooleanField(_("changes land ownership"), default=False)

    class Meta:
        ordering = ["content_list", "position"]
        verbose_name = _("content line")
        verbose_name_plural = _("content lines")

    def __str__(self) -> str:
        return self.name
