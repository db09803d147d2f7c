from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from anju.stock.workbook import INVENTORIES
from anju.uploads import UploadRefused, upload_kind


class InventoryForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Inventory workbook (.xlsx, .xls, .ods, .csv)"))

    def clean_file(self) -> object:
        """Refused by its kind and size before a byte of it is read."""
        upload = self.cleaned_data["file"]
        try:
            upload_kind(upload, INVENTORIES)
        except UploadRefused as refusal:
            raise ValidationError(refusal.message) from None
        return upload
