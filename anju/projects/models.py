from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.lifecycle import Requirement
from anju.core.outcomes import QUANTITY_DIGITS, QUANTITY_PLACES
from anju.core.project_stages import ORDER, Stage
from anju.registry.models import Community
from anju.web.outcomes import Outcome


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


# the stages in the programme's order (core.project_stages.ORDER), for sorting: their keys'
# order is the alphabet's
STAGE_RANK = Case(
    *(When(stage=stage.value, then=Value(rank)) for rank, stage in enumerate(ORDER)),
    output_field=models.IntegerField(),
)


class OwnerModel(models.TextChoices):
    """Who carries the project as its owner (项目业主, wuhan-2021 §2.(3)3)."""

    GOVERNMENT = "government", _("The district government's own department")
    EPC = "epc", _("Engineering-procurement-construction (EPC)")
    AGENCY = "agency", _("Built by an agent company (代建)")
    BOT = "bot", _("Build-operate-transfer (BOT)")
    STATE_PLATFORM = "state_platform", _("State-owned platform company")


class ManagementModel(models.TextChoices):
    """How the community is kept after renovation (chongqing-2021 §2.(3))."""

    PROFESSIONAL = "professional", _("Professional property service company")
    SERVICE_CENTRE = "service_centre", _("Community property service centre")
    SELF_MANAGEMENT = "self_management", _("Residents' self-management")


class ProjectQuerySet(DivisionQuerySet["Project"]):
    division_path = "community__division__code"


class Project(models.Model):
    """The renovation of one community, from the reserve list to its evaluation."""

    community = models.OneToOneField(
        Community, models.PROTECT, related_name="project", verbose_name=_("community")
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=ProjectStage.choices, default=ProjectStage.RESERVE
    )
    plan_year = models.PositiveSmallIntegerField(_("annual plan year"), null=True, blank=True)
    owner_model = models.CharField(
        _("project owner model"), max_length=16, choices=OwnerModel.choices, blank=True
    )
    structural_change = models.BooleanField(_("changes the main structure"), default=False)
    land_ownership_change = models.BooleanField(_("changes land ownership"), default=False)
    by_commitment = models.BooleanField(
        _("builder chose the commitment system (告知承诺制)"), default=False
    )
    builder = models.CharField(_("builder (project owner)"), max_length=100, blank=True)
    contractor = models.CharField(_("contractor"), max_length=100, blank=True)
    supervisor = models.CharField(_("supervisor"), max_length=100, blank=True)
    started_on = models.DateField(_("construction started"), null=True, blank=True)
    due_on = models.DateField(_("completion due"), null=True, blank=True)
    completed_on = models.DateField(_("construction completed"), null=True, blank=True)
    management_model = models.CharField(
        _("management model"), max_length=16, choices=ManagementModel.choices, blank=True
    )
    manager = models.CharField(_("managed by"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # the ledger's sorting headers read a page off these, either way, not a sort of every
        # project; a project in no plan yet comes last either way
        indexes = [
            models.Index(STAGE_RANK, "id", name="project_stage_order"),
            models.Index("plan_year", "id", name="project_year_order"),
            # and newest first: anju.web.sort_indexes, in the migrations
        ]

    def __str__(self) -> str:
        return str(self.community)

    def audit_key(self) -> str:
        return self.community.code


class BundleMember(models.Model):
    """A scattered building block packed into a neighbouring community's project, planned and
    built as one (打包编制方案，组团实施, puyang-2020 §3.(1)4)."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="bundle", verbose_name=_("project")
    )
    community = models.OneToOneField(
        Community, models.PROTECT, related_name="bundled_into", verbose_name=_("community")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["project", "community__code"]
        verbose_name = _("bundled community")
        verbose_name_plural = _("bundled communities")

    def __str__(self) -> str:
        return f"{self.project} + {self.community}"


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
    HANDOVER_AGREEMENT = Requirement.HANDOVER_AGREEMENT, _("Handover agreement signed")
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


class Approval(models.Model):
    """An approval granted (立项、用地、规划、施工图审查、施工许可 …), by its key in the pack."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="approvals", verbose_name=_("project")
    )
    step = models.CharField(_("approval"), max_length=32)
    granted_on = models.DateField(_("granted on"))
    reference = models.CharField(_("document number"), max_length=100, blank=True)
    joint_review = models.BooleanField(_("after a joint review"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["project", "granted_on", "pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(fields=["project", "step"], name="approval_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.step}"


class ProgressReport(models.Model):
    """Where the works stand on a day: how far along, and the money spent so far."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="progress", verbose_name=_("project")
    )
    on = models.DateField(_("as of"))
    percent = models.PositiveSmallIntegerField(_("percent done"))
    spent_yuan = models.DecimalField(_("spent so far (yuan)"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        ordering = ["project", "on", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(spent_yuan__gte=0), name="progress_spent_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.on} {self.percent}%"


class ProgressPhoto(models.Model):
    report = models.ForeignKey(
        ProgressReport, models.CASCADE, related_name="photos", verbose_name=_("progress report")
    )
    image = models.ImageField(_("photo"), upload_to="progress/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")

    def __str__(self) -> str:
        return self.caption


class InspectionKind(models.TextChoices):
    QUALITY = "quality", _("Quality inspection")
    SAFETY = "safety", _("Safety inspection")
    ACCEPTANCE = "acceptance", _("Joint completion acceptance")


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def acceptances_passed(self) -> InspectionQuerySet:
        """Joint completion acceptances that passed: what handover and the ledger wait for."""
        return self.filter(kind=InspectionKind.ACCEPTANCE, passed=True)


class Inspection(models.Model):
    """A quality or safety inspection during the works, or the joint completion acceptance
    (联合竣工验收) with the departments, utilities and residents' representatives."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="inspections", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    on = models.DateField(_("held on"))
    by = models.CharField(_("inspected by"), max_length=200)
    residents = models.CharField(_("residents' representatives"), max_length=200, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    satisfaction = models.DecimalField(
        _("residents' satisfaction"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("findings"), max_length=500, blank=True)
    # whether the people named at the award were there (标后履约核查); None: not recorded
    manager_on_site = models.BooleanField(_("the contractor's project manager on site"), null=True)
    supervisor_on_site = models.BooleanField(_("the chief supervisor on site"), null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "on", "pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.project} {self.kind} {self.on}"


class Defect(models.Model):
    """A problem an inspection found, open until it is fixed (整改到位后方可验收)."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="defects", verbose_name=_("project")
    )
    inspection = models.ForeignKey(
        Inspection, models.CASCADE, related_name="defects", verbose_name=_("found by")
    )
    description = models.CharField(_("defect"), max_length=300)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("defect")
        verbose_name_plural = _("defects")

    def __str__(self) -> str:
        return self.description


class OutcomeCount(models.Model):
    """What one item of the works left behind (metres of pipe, lifts, parking spaces …), as
    counted when the joint completion acceptance passed: the figure the reports upward sum,
    recorded once and never typed again (core.outcomes)."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="outcomes", verbose_name=_("project")
    )
    key = models.CharField(_("item"), max_length=40)  # the content item's key in the pack
    indicator = models.CharField(_("indicator"), max_length=24, choices=Outcome.choices)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=QUANTITY_DIGITS + QUANTITY_PLACES,
        decimal_places=QUANTITY_PLACES,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["project", "key"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="outcome_once_per_item"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="outcome_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.key} {self.quantity}"


class UtilityNetwork(models.TextChoices):
    WATER = "water", _("Water supply")
    DRAINAGE = "drainage", _("Drainage")
    POWER = "power", _("Power")
    GAS = "gas", _("Gas")
    HEAT = "heat", _("Heating")
    TELECOM = "telecom", _("Telecom")
    COMMUNITY = "community", _("The community's own renovation")


class UtilityWork(models.Model):
    """A utility's own plan to renovate its pipelines in the community, or the community
    works themselves, with the ground each opens and when, so digging twice shows up before
    it happens (chongqing-2021 §3.(2)2)."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="utility_works", verbose_name=_("community")
    )
    network = models.CharField(_("network"), max_length=16, choices=UtilityNetwork.choices)
    utility = models.CharField(_("utility"), max_length=100)
    ground = models.JSONField(_("ground opened"))
    starts_on = models.DateField(_("digging starts"))
    ends_on = models.DateField(_("digging ends"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["community", "starts_on", "pk"]
        verbose_name = _("utility works")
        verbose_name_plural = _("utility works")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="utility_work_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.utility}"
