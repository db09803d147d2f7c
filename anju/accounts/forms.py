from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying so when too many failures wait out their lock rather than
    that the password is wrong, since a right password would not open it either. It says the
    same of a name that exists and one that does not."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            until = getattr(self.request, "anju_locked_until", None)
            if until is None:
                raise
            raise ValidationError(
                _(
                    "Too many failed log-ins for this user name from this device; "
                    "try again after %(time)s."
                ),
                code="locked",
                params={"time": timezone.localtime(until).strftime("%H:%M")},
            ) from None


class PasswordRenewForm(PasswordChangeForm):
    """The holder's change of password: the rules of new passwords (history included) are the
    validators'; a wrong current password is counted with the sign-in failures by the view."""


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
