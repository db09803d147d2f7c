from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.access import Role as CoreRole


class Role(models.TextChoices):
    CITY_BUREAU = CoreRole.CITY_BUREAU, _("City housing bureau")
    CITY_DEPARTMENT = CoreRole.CITY_DEPARTMENT, _("City department")
    DISTRICT = CoreRole.DISTRICT, _("District / county")
    STREET = CoreRole.STREET, _("Street office / township")
    COMMITTEE = CoreRole.COMMITTEE, _("Residents' committee")
    AUDITOR = CoreRole.AUDITOR, _("Auditor")
    OWNER = CoreRole.OWNER, _("Owner")
    EXPERT = CoreRole.EXPERT, _("Expert")
    UTILITY = CoreRole.UTILITY, _("Utility")


class User(AbstractUser):
    """A person who signs in. What they may see is decided by their memberships, not by flags."""

    # None while the password is one its holder did not choose (issued by the bureau, or reset
    # by another): it is then changed at the next sign-in, as an expired one is.
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def audit_key(self) -> str:
        return self.username


class Membership(models.Model):
    """A user's role in one division: the pair that scopes everything they see and change."""

    user = models.ForeignKey(
        User, models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    division = models.ForeignKey(
        "divisions.Division", models.PROTECT, related_name="memberships", verbose_name=_("division")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "division", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.division}"


class PasswordUse(models.Model):
    """A password a user has had, kept as its hash, so that a new one is not an old one again
    (A→B→A) within the policy's history."""

    user = models.ForeignKey(User, models.CASCADE, related_name="password_uses")
    password = models.CharField(max_length=128)
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["user", "-set_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.set_at:%Y-%m-%d}"


class SignInAttempts(models.Model):
    """Failed passwords for one user name from one client, under a keyed digest of the two.
    The lock they lead to holds that pair only: a stranger cannot lock an official out from
    their own desk, and a name that does not exist is counted and locked just the same, so the
    answers tell no one which accounts exist."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_failed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.failures} · {self.locked_until or '-'}"
