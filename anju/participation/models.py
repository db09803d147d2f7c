"""Residents' say: statutory votes, consultations and satisfaction surveys, one model for all.

A poll is drafted, then published: publishing freezes its roll (the dwellings entitled to answer,
with the exclusive area and owner on record that day) and issues a one-time code per dwelling.
Answers are accepted between ``opens_at`` and ``closes_at`` and never after; the database keeps
at most one valid response per dwelling, whatever the number of concurrent submissions.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import restrict
from anju.accounts.models import User
from anju.core.access import Capability
from anju.core.surveys import QuestionKind as CoreQuestionKind
from anju.core.votes import Choice as CoreChoice
from anju.core.votes import Matter as CoreMatter


class PollKind(models.TextChoices):
    VOTE = "vote", _("Owners' statutory vote")
    NEEDS = "needs", _("Consultation on needs")
    CONTENT = "content", _("Consultation on the content list")
    SATISFACTION = "satisfaction", _("Satisfaction evaluation")


class Matter(models.TextChoices):
    RULES = CoreMatter.RULES, _("Rules of the owners' assembly")
    MANAGEMENT_RULES = CoreMatter.MANAGEMENT_RULES, _("Management rules")
    COMMITTEE = CoreMatter.COMMITTEE, _("Electing or replacing the owners' committee")
    PROPERTY_COMPANY = CoreMatter.PROPERTY_COMPANY, _("Hiring or dismissing the property company")
    USE_FUND = CoreMatter.USE_FUND, _("Using the maintenance fund")
    RAISE_FUND = CoreMatter.RAISE_FUND, _("Raising or replenishing the maintenance fund")
    RENOVATE = CoreMatter.RENOVATE, _("Rebuilding or renovating buildings and facilities")
    COMMON_PARTS = CoreMatter.COMMON_PARTS, _("Changing the use of common parts")
    OTHER = CoreMatter.OTHER, _("Other major matters")
    ELEVATOR = CoreMatter.ELEVATOR, _("Adding an elevator")


class Choice(models.TextChoices):
    AGREE = CoreChoice.AGREE, _("Agree")
    AGAINST = CoreChoice.AGAINST, _("Against")
    ABSTAIN = CoreChoice.ABSTAIN, _("Abstain")


class QuestionKind(models.TextChoices):
    CHOICE = CoreQuestionKind.CHOICE, _("One choice")
    MULTIPLE = CoreQuestionKind.MULTIPLE, _("Several choices")
    RATING = CoreQuestionKind.RATING, _("Rating")
    TEXT = CoreQuestionKind.TEXT, _("Written answer")


class Rating(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


class Channel(models.TextChoices):
    CODE = "code", _("Online with a ballot code")
    PAPER = "paper", _("Paper, entered by staff")


class PollQuerySet(models.QuerySet["Poll"]):
    def visible_to(self, user: User | AnonymousUser | None) -> PollQuerySet:
        return restrict(self, user, Capability.REGISTRY_VIEW, "community__division__code")

    def run_by(self, user: User | AnonymousUser | None) -> PollQuerySet:
        return restrict(self, user, Capability.PARTICIPATION_MANAGE, "community__division__code")


class Poll(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=PollKind.choices)
    community = models.ForeignKey(
        "registry.Community", models.PROTECT, related_name="polls", verbose_name=_("community")
    )
    building = models.ForeignKey(
        "registry.Building",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    unit = models.CharField(_("stairway unit"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what is asked, and why"), blank=True)
    matter = models.CharField(_("matter"), max_length=20, choices=Matter.choices, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    pack = models.CharField(_("policy pack"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="poll_closes_after"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="vote", matter__gt="")
                | (~models.Q(kind="vote") & models.Q(matter="")),
                name="poll_matter_only_for_votes",
            ),
            models.CheckConstraint(
                condition=models.Q(unit="") | models.Q(building__isnull=False),
                name="poll_unit_within_building",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vote(self) -> bool:
        return self.kind == PollKind.VOTE

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    def is_open(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return not self.is_draft and self.opens_at <= moment < self.closes_at

    def is_closed(self, now: datetime | None = None) -> bool:
        return not self.is_draft and (now or timezone.now()) >= self.closes_at


class Question(models.Model):
    poll = models.ForeignKey(Poll, models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="question_unique_position")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return f"q{self.position}"


class Elector(models.Model):
    """One dwelling on a published poll's roll, as the registry had it when the poll was
    published: later changes to the registry do not change a result already given."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="electors")
    dwelling = models.ForeignKey(
        "registry.Dwelling", models.PROTECT, related_name="+", verbose_name=_("dwelling")
    )
    label = models.CharField(_("dwelling"), max_length=80)
    owner_name = models.CharField(_("owner"), max_length=50, blank=True)
    owner_key = models.CharField(max_length=40)
    exclusive_area = models.DecimalField(_("exclusive area (m²)"), max_digits=10, decimal_places=2)
    unsold = models.BooleanField(_("unsold, held by the developer"), default=False)
    # NULL until the codes are issued; a keyed digest, so a stolen database votes for no one.
    code_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    code_cipher = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["poll", "id"]
        verbose_name = _("entitled dwelling")
        verbose_name_plural = _("roll")
        constraints = [
            models.UniqueConstraint(fields=["poll", "dwelling"], name="elector_unique_dwelling")
        ]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """A dwelling's ballot or questionnaire. Voided responses stay, for the audit trail."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="responses")
    elector = models.ForeignKey(Elector, models.PROTECT, related_name="responses")
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)

    class Meta:
        ordering = ["poll", "cast_at", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["elector"],
                condition=models.Q(voided_at__isnull=True),
                name="response_one_valid_per_dwelling",
            ),
            models.CheckConstraint(
                condition=models.Q(channel="code", entered_by__isnull=True)
                | models.Q(channel="paper", entered_by__isnull=False),
                name="response_paper_names_its_clerk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.elector} {self.choice}".strip()
