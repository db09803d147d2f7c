from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anju.core.datum import Datum, kept
from anju.core.documents import LEDGERS
from anju.core.ledger import headers, normalize_header
from anju.core.ledger_layout import NOT_ASKED
from anju.core.policy_pack import Pack
from anju.core.years import FIRST_PLAN_YEAR, LAST_PLAN_YEAR
from anju.policy.library import get_pack, pack_choices
from anju.registry.eligibility import plan_year
from anju.registry.models import Community
from anju.registry.selectors import COMMUNITY_FIELDS
from anju.uploads import UploadRefused, upload_kind

DATUM_LABELS = {
    Datum.CGCS2000: _("CGCS2000 or WGS-84 (GPS, 天地图)"),
    Datum.GCJ02: _("GCJ-02 (高德, 腾讯 and most map pickers)"),
}


class CommunityForm(forms.ModelForm):  # type: ignore[type-arg]
    """A community's particulars; its coordinates in the datum they were copied in, kept in
    CGCS2000 (core.datum)."""

    datum = forms.ChoiceField(
        label=_("Coordinates given in"),
        choices=list(DATUM_LABELS.items()),
        initial=Datum.CGCS2000,
        required=False,
    )

    class Meta:
        model = Community
        fields = COMMUNITY_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = [f for f in self.fields if f != "datum"]  # asked just before the longitude
        at = names.index("longitude") if "longitude" in names else len(names)
        self.order_fields([*names[:at], "datum", *names[at:]])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lng, lat = cleaned.get("longitude"), cleaned.get("latitude")
        if cleaned.get("datum") == Datum.GCJ02 and lng is not None and lat is not None:
            cleaned["longitude"], cleaned["latitude"] = kept(lng, lat, Datum.GCJ02)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The particulars to save: those changed, and the coordinates whenever converted."""
        names = {name for name in self.changed_data if name != "datum"}
        if self.cleaned_data.get("datum") == Datum.GCJ02:
            names |= {"longitude", "latitude"}
        return {name: self.cleaned_data[name] for name in names}


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("Ledger workbook (.xlsx, .xls, .et, .ods or .csv)"))
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        try:
            upload_kind(upload, replace(LEDGERS, max_bytes=settings.LEDGER_UPLOAD_MAX_BYTES))
        except UploadRefused as refusal:
            raise ValidationError(refusal.message) from None
        return upload


class LedgerWordingsForm(forms.Form):
    """For each column an import did not read, which column of the template it is, if any:
    told once, remembered for the official's division."""

    def __init__(self, understood: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns: list[tuple[str, str, str]] = []  # field, template sheet, written
        for sheet in understood:
            taken = {header for _, header, _ in sheet["columns"]}
            choices = [("", _("— not read —"))] + [
                (header, header) for header in headers(sheet["sheet"]) if header not in taken
            ]
            for written in sheet["unknown"]:
                if normalize_header(written) in NOT_ASKED:
                    continue
                name = f"column_{len(self.columns)}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Column “{written}” of sheet “{source}”").format(
                        written=written, source=sheet["source"]
                    ),
                    choices=choices,
                    required=False,
                )
                self.columns.append((name, sheet["sheet"], written))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: dict[tuple[str, str], str] = {}
        for name, sheet, written in self.columns:
            header = cleaned.get(name)
            if not header:
                continue
            if (sheet, header) in seen:
                raise ValidationError(
                    _("“{first}” and “{second}” cannot both be read as {header}.").format(
                        first=seen[sheet, header], second=written, header=header
                    )
                )
            seen[sheet, header] = written
        if not seen:
            raise ValidationError(_("Choose what at least one column is."))
        return cleaned

    def told(self) -> list[tuple[str, str, str]]:
        return [
            (sheet, written, self.cleaned_data[name])
            for name, sheet, written in self.columns
            if self.cleaned_data.get(name)
        ]


class PolicyChoiceForm(forms.Form):
    """Which pack and plan year eligibility is judged by; this city's pack and this year unless
    the user picks others."""

    policy = forms.ChoiceField(label=_("Policy pack"), required=False)
    year = forms.IntegerField(
        label=_("Plan year"), required=False, min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get("policy"):
            self.data = {**dict(self.data.items()), "policy": settings.POLICY_PACK}
        policy = self.fields["policy"]
        assert isinstance(policy, forms.ChoiceField)
        policy.choices = pack_choices()
        policy.initial = settings.POLICY_PACK
        self.fields["year"].widget.attrs["placeholder"] = plan_year()

    def pack_and_year(self) -> tuple[Pack, int]:
        chosen = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return get_pack(chosen.get("policy") or None), chosen.get("year") or plan_year()
