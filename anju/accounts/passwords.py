"""The password rule Django's validators leave out: characters of several kinds (GB/T 22239-2019
8.1.4.1 a), beside the length, common-password and similarity checks in the settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
