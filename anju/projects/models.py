from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.lifecycle import Requirement
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


class Step(models.TextChoices):
    """The steps a clerk records; the other requirements are read from the votes, notices,
    sign-offs, evaluations and funding plans the other parts of Anju keep."""

    TRAINING = Requirement.TRAINING, _("Training held")
    PUBLICITY = Requirement.PUBLICITY, _("Door-to-door publicity done")
    CONSULTATION = Requirement.CONSULTATION, _("Owners consulted on paper")
    CONCEPT_PLAN = Requirement.CONCEPT_PLAN, _("Concept plan drawn up")
    APPROVALS = Requirement.APPROVALS, _("Approvals completed")
    CONTRACTOR = Requirement.CONTRACTOR, _("Contractor chosen")
    COMPLETED = Requirement.COMPLETED, _("Construction completed")
    MANAGEMENT_ARRANGED = (
        Requirement.MANAGEMENT_ARRANGED,
        _("Long-term property management arranged"),
    )
    HANDOVER_AGREEMENT = Requirement.HANDOVER_AGREEMENT, _("Handover agreement signed")
    DEFECTS_FIXED = Requirement.DEFECTS_FIXED, _("Defects found fixed")
    ACCEPTANCE_PASSED = Requirement.ACCEPTANCE_PASSED, _("Joint completion acceptance passed")
    HANDOVER_INSPECTED = Requirement.HANDOVER_INSPECTED, _("Handover inspection done")


class Record(models.Model):
    """A step of the procedure done and written down: a training held, the publicity, the
    approvals, the contractor chosen, the management arrangement signed … Each is the fact a
    gate of the pack asks for, with the date and who recorded it."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="records", verbose_name=_("project")
    )
    requirement = models.CharField(_("step"), max_length=32, choices=Step.choices)
    done_on = models.DateField(_("done on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["project", "done_on", "pk"]
        verbose_name = _("procedure record")
        verbose_name_plural = _("procedure records")

    def __str__(self) -> str:
        return f"{self.project} {self.requirement}"
