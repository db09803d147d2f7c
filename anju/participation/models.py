"""Residents' say: statutory votes, consultations and satisfaction surveys, one model for all.

A poll is drafted, then published: publishing freezes its roll (the dwellings entitled to answer,
with the exclusive area and owner on record that day) and issues a one-time code per dwelling.
Answers are accepted between ``opens_at`` and ``closes_at`` and never after; the database keeps
at most one valid response per dwelling, whatever the number of concurrent submissions.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
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


class PollQuerySet(DivisionQuerySet["Poll"]):
    division_path = "community__division__code"


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

    @property
    def is_pending(self) -> bool:
        """Published, not yet open."""
        return not self.is_draft and timezone.now() < self.opens_at


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
    # The code sealed only until its slip is printed once; then no one can read it again.
    code_cipher = models.TextField(blank=True, editable=False)
    slip_printed_at = models.DateTimeField(_("slip printed"), null=True, blank=True)

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


class NoticeSubject(models.TextChoices):
    PLAN = "plan", _("Renovation plan")
    DECISION = "decision", _("Owners' decision")
    OTHER = "other", _("Other matter")


class NoticeQuerySet(DivisionQuerySet["Notice"]):
    division_path = "community__division__code"

    def posted(self) -> NoticeQuerySet:
        return self.filter(posted_at__isnull=False)


class Notice(models.Model):
    """公示: a plan or decision posted for a set period. Once posted, its period can be
    extended but never shortened, and its text and documents no longer change."""

    community = models.ForeignKey(
        "registry.Community", models.PROTECT, related_name="notices", verbose_name=_("community")
    )
    subject = models.CharField(_("subject"), max_length=10, choices=NoticeSubject.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    poll = models.ForeignKey(
        Poll,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("vote or consultation it announces"),
    )
    days = models.PositiveSmallIntegerField(_("period (days)"))
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    ends_at = models.DateTimeField(_("period ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gte=1), name="notice_days_positive"),
            models.CheckConstraint(
                condition=models.Q(posted_at__isnull=True, ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("posted_at")),
                name="notice_ends_after_posting",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_running(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.posted_at is not None and self.ends_at is not None and moment < self.ends_at

    def has_ended(self, now: datetime | None = None) -> bool:
        return self.ends_at is not None and (now or timezone.now()) >= self.ends_at


def _document_path(instance: NoticeDocument, filename: str) -> str:
    return f"notices/{instance.notice_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class NoticeDocument(models.Model):
    notice = models.ForeignKey(Notice, models.CASCADE, related_name="documents")
    name = models.CharField(_("document"), max_length=120)
    file = models.FileField(upload_to=_document_path, max_length=300)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["notice", "id"]

    def __str__(self) -> str:
        return self.name


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    OBJECTION = "objection", _("Objection")


class NoticeComment(models.Model):
    """An opinion or objection on a posted notice, from an owner or any member of the public.
    The contact stays sealed; pages show only the masked name."""

    notice = models.ForeignKey(Notice, models.CASCADE, related_name="comments")
    kind = models.CharField(_("kind"), max_length=10, choices=CommentKind.choices)
    name = models.CharField(_("name"), max_length=30, blank=True)
    contact_cipher = models.TextField(blank=True, editable=False)
    contact_masked = models.CharField(_("contact"), max_length=20, blank=True, editable=False)
    text = models.TextField(_("opinion"))
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Answered together with this comment, whose words it repeats: the reason it shares its
    # answer, kept on each copy so that every one still reads as a resident's own.
    answered_with = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="copies"
    )

    class Meta:
        ordering = ["notice", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [  # the desk reads the opinions still waiting, the oldest first
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(answered_at__isnull=True),
                name="comment_waiting_oldest_first",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True, answer="")
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="comment_answer_with_its_time",
            )
        ]

    def __str__(self) -> str:
        return self.text[:30]


class PlanSignOff(models.Model):
    """业主委员会或居民自治组织代表签字确认 of the posted plan (Puyang §3.(1)3): recorded by staff
    from the signed paper, with what was signed, so a later change to the plan shows."""

    community = models.ForeignKey(
        "registry.Community", models.PROTECT, related_name="sign_offs", verbose_name=_("community")
    )
    notice = models.ForeignKey(
        Notice, models.PROTECT, related_name="sign_offs", verbose_name=_("posted plan")
    )
    signed_on = models.DateField(_("signed on"))
    body = models.CharField(_("signed by (body)"), max_length=60)
    signatories = models.TextField(_("signatories, one per line"))
    scan = models.FileField(_("scan of the signed plan"), upload_to="sign-offs/", max_length=300)
    scan_sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("owners' sign-off")
        verbose_name_plural = _("owners' sign-offs")

    def __str__(self) -> str:
        return f"{self.community} {self.signed_on}"
