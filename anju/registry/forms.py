from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anju.registry.models import Community
from anju.registry.selectors import COMMUNITY_FIELDS

LEDGER_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods")


class CommunityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Community
        fields = COMMUNITY_FIELDS


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("Ledger workbook (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(LEDGER_SUFFIXES):
            raise ValidationError(_("Upload an Excel workbook (.xlsx, .xls) or an .ods file."))
        if upload.size > settings.LEDGER_UPLOAD_MAX_BYTES:
            raise ValidationError(_("The file is larger than the upload limit."))
        return upload
