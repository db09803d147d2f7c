from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.project_stages import Stage
from anju.registry.models import Community


class ProjectStage(models.TextChoices):
    RESERVE = Stage.RESERVE, _("Reserve")
    GENERATION = Stage.GENERATION, _("Project generation")
    APPROVAL = Stage.APPROVAL, _("Approval")
    PLANNED = Stage.PLANNED, _("In the annual plan")
    CONSTRUCTION = Stage.CONSTRUCTION, _("Construction")
    ACCEPTANCE = Stage.ACCEPTANCE, _("Completion acceptance")
    HANDOVER = Stage.HANDOVER, _("Handover")
    MANAGEMENT = Stage.MANAGEMENT, _("Long-term management")
    EVALUATION = Stage.EVALUATION, _("Evaluation")


class Project(models.Model):
    """The renovation of one community, from the reserve list to its evaluation."""

    community = models.OneToOneField(
        Community, models.PROTECT, related_name="project", verbose_name=_("community")
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=ProjectStage.choices, default=ProjectStage.RESERVE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(self.community)


class StageChange(models.Model):
    """One step of a project's timeline, with who took it and why."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="changes", verbose_name=_("project")
    )
    from_stage = models.CharField(_("from"), max_length=16, choices=ProjectStage.choices)
    to_stage = models.CharField(_("to"), max_length=16, choices=ProjectStage.choices)
    reason = models.CharField(_("reason"), max_length=200)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.project} {self.from_stage} → {self.to_stage}"
