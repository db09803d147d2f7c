"""The password rules Django's validators leave out: characters of several kinds, and none of
the holder's last passwords again (GB/T 22239-2019 8.1.4.1 a), beside the length,
common-password and similarity checks in the settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anju.core.signin import character_classes


class ClassesValidator:
    def validate(self, password: str, user: Any = None) -> None:
        needed = settings.SIGNIN_POLICY.min_classes
        if character_classes(password) < needed:
            raise ValidationError(
                _(
                    "The password must mix at least %(needed)d of: lower-case letters, "
                    "upper-case letters, digits and symbols."
                ),
                code="password_too_plain",
                params={"needed": needed},
            )

    def get_help_text(self) -> str:
        return _(
            "Mix at least %(needed)d of: lower-case letters, upper-case letters, digits and "
            "symbols."
        ) % {"needed": settings.SIGNIN_POLICY.min_classes}


class HistoryValidator:
    """A new password is neither the current one nor any of the policy's last ones, so that
    a forced change cannot go A→B→A."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        count = settings.SIGNIN_POLICY.history
        hashes = [user.password, *user.password_uses.values_list("password", flat=True)[:count]]
        if any(h and check_password(password, h) for h in hashes):
            raise ValidationError(
                _("The new password must differ from the current one and the last %(count)d."),
                code="password_reused",
                params={"count": count},
            )

    def get_help_text(self) -> str:
        return _("Not the current password, nor any of the last %(count)d.") % {
            "count": settings.SIGNIN_POLICY.history
        }
