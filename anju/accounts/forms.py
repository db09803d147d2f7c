from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.accounts.first_run import code_matches
from anju.accounts.models import User
from anju.accounts.people import STAFF_WORKBOOKS
from anju.uploads import UploadRefused, upload_kind


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


class StaffForm(forms.Form):
    """An official's account: who, at which post, where; the choices are the posts the user
    may grant, and the service checks the pair again."""

    username = forms.CharField(
        label=gettext_lazy("User name"),
        max_length=150,
        help_text=gettext_lazy("What they type to sign in: letters, digits and @ . + - _"),
    )
    display_name = forms.CharField(
        label=gettext_lazy("Name and office"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Shown to colleagues and in the log, like 张伟（华龙区住建局）"),
    )
    role = forms.ChoiceField(label=gettext_lazy("Post"))
    division = forms.ChoiceField(label=gettext_lazy("Division"))

    def __init__(
        self, *args: Any, roles: list[tuple[str, str]], places: list[tuple[str, str]], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        for name, choices in (("role", roles), ("division", places)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


class StaffWorkbookForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Staff workbook (.xlsx, .xls, .ods)"))

    def clean_file(self) -> object:
        """Refused by its kind and size before a byte of it is read."""
        upload = self.cleaned_data["file"]
        try:
            upload_kind(upload, STAFF_WORKBOOKS)
        except UploadRefused as refusal:
            raise ValidationError(refusal.message) from None
        return upload


class FirstRunForm(forms.Form):
    """The first page of a fresh install: the operator's set-up code, the city, and the city
    bureau's first account with a password its holder chooses here."""

    code = forms.CharField(
        label=gettext_lazy("Set-up code"),
        max_length=20,
        help_text=gettext_lazy("The server's operator prints it with: anju setup --code"),
    )
    city = forms.ChoiceField(label=gettext_lazy("City"))
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    display_name = forms.CharField(
        label=gettext_lazy("Name and office"), max_length=150, required=False
    )
    password1 = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=gettext_lazy("Password again"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, cities: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["city"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *cities]

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if not code_matches(code):
            raise ValidationError(_("That is not this server's set-up code."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first and data.get("username"):
            try:
                validate_password(first, User(username=data["username"]))
            except ValidationError as weak:
                self.add_error("password1", weak)
        return data
