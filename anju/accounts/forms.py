from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying so when the account is locked rather than that the
    password is wrong, since a right password would not open it either."""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            until = getattr(self.request, "anju_locked_until", None)
            if until is None:
                raise
            raise ValidationError(
                _(
                    "This account is locked after repeated failed log-ins; "
                    "try again after %(time)s."
                ),
                code="locked",
                params={"time": timezone.localtime(until).strftime("%H:%M")},
            ) from None


class PasswordRenewForm(PasswordChangeForm):
    """A change of password is a new password, not the same one typed again."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        new = cleaned.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error(
                "new_password1",
                ValidationError(
                    _("The new password must differ from the current one."), code="password_same"
                ),
            )
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
