"""The expert library (专家咨询库, chongqing-2021 §3.(2)3), the draws of design reviewers made
from it, and the graded reviews they give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.access import Capability
from anju.core.expert_draw import Conflict
from anju.projects.models import Project


class ConflictKind(models.TextChoices):
    """Why an expert is left out of a project's draw, in words."""

    DESIGNER = Conflict.DESIGNER, _("works for the designer")
    CONTRACTOR = Conflict.CONTRACTOR, _("works for the contractor")
    REVIEWED_BEFORE = Conflict.REVIEWED_BEFORE, _("reviewed this project before")


class Specialty(models.TextChoices):
    PLANNING = "planning", _("Urban planning")
    ARCHITECTURE = "architecture", _("Architecture")
    STRUCTURE = "structure", _("Structural engineering")
    WATER = "water", _("Water supply and drainage")
    ELECTRICAL = "electrical", _("Electrical engineering")
    HEATING = "heating", _("Heating and ventilation")
    GAS = "gas", _("Gas engineering")
    FIRE = "fire", _("Fire safety")
    LANDSCAPE = "landscape", _("Landscape")
    ELEVATOR = "elevator", _("Elevators")
    COST = "cost", _("Cost engineering")


class ExpertQuerySet(DivisionQuerySet["Expert"]):
    read_with = Capability.EXPERTS_MANAGE


class Expert(models.Model):
    name = models.CharField(_("name"), max_length=60)
    employer = models.CharField(_("employer"), max_length=100)
    specialties = models.JSONField(_("specialties"), default=list)
    division = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="+", verbose_name=_("library of")
    )
    active = models.BooleanField(_("in the library"), default=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["division", "name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name


class ReviewDraw(models.Model):
    """One draw of reviewers for a project's design review, with everything needed to draw it
    again: the library as it stood, the needs, the parties and the seed."""

    project = models.ForeignKey(
        Project, models.PROTECT, related_name="review_draws", verbose_name=_("project")
    )
    needs = models.JSONField(_("reviewers per specialty"))
    designer = models.CharField(_("designer"), max_length=100)
    contractor = models.CharField(_("contractor"), max_length=100, blank=True)
    seed = models.BigIntegerField(_("seed"))
    library = models.JSONField(_("library as drawn from"))
    reviewed_before = models.JSONField(_("experts who reviewed the project before"), default=list)
    chosen = models.JSONField(_("chosen"))
    excluded = models.JSONField(_("left out for a conflict"), default=dict)
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["project", "-drawn_at"]
        verbose_name = _("review draw")
        verbose_name_plural = _("review draws")

    def __str__(self) -> str:
        return f"{self.project} {self.drawn_at:%Y-%m-%d}"


class Verdict(models.TextChoices):
    """The grade a reviewer gives a design (设计分级评审)."""

    PASS = "pass", _("Passed")
    PASS_WITH_CHANGES = "changes", _("Passed once changed as advised")
    FAIL = "fail", _("Not passed")


class Review(models.Model):
    """One drawn reviewer's graded opinion of the design."""

    draw = models.ForeignKey(
        ReviewDraw, models.CASCADE, related_name="reviews", verbose_name=_("review draw")
    )
    expert = models.ForeignKey(Expert, models.PROTECT, related_name="+", verbose_name=_("expert"))
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)
    opinion = models.CharField(_("opinion"), max_length=1000)
    reviewed_on = models.DateField(_("reviewed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["draw", "pk"]
        verbose_name = _("design review")
        verbose_name_plural = _("design reviews")
        constraints = [
            models.UniqueConstraint(fields=["draw", "expert"], name="review_once_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.draw} {self.expert}"
