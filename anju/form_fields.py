"""Dates a page takes, bounded to the program's years: a date typed as year 1 or 9999 is
refused on the form naming the field, and never reaches a model, a time-zone conversion or
the database (a poll opening in year 1 once ended in a server error)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anju.core.documents import MB, PHOTOS
from anju.core.years import FIRST_DATE, LAST_DATE

PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}  # Pillow's names for PHOTOS

OUTSIDE = format_lazy(
    _("Enter a date between {first} and {last}."),
    first=FIRST_DATE.isoformat(),
    last=LAST_DATE.isoformat(),
)


class DateField(forms.DateField):
    """A day within the program's years, picked from the browser's calendar, which reads a day
    written only as 2026-09-03 (Chinese formats write 2026/09/03, and the calendar then shows
    none)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
        super().__init__(**kwargs)
        self.validators += [
            MinValueValidator(FIRST_DATE, OUTSIDE),
            MaxValueValidator(LAST_DATE, OUTSIDE),
        ]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class DateTimeField(forms.DateTimeField):
    """A moment within the program's years, checked before it is made time-zone aware."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateTimeInput())
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        moment = super().to_python(value)  # aware in the current zone, nothing converted yet
        if moment is not None and not FIRST_DATE <= moment.date() <= LAST_DATE:
            raise forms.ValidationError(OUTSIDE, code="outside")
        return moment


class PhotoField(forms.ImageField):
    """A photo taken on a phone: refused by its size before Pillow reads it, then by what its
    content is (a JPEG, PNG or WebP), and stored under the format its content has, never the
    name it came with."""

    def to_python(self, data: Any) -> Any:
        if data is not None and (getattr(data, "size", 0) or 0) > PHOTOS.max_bytes:
            raise forms.ValidationError(
                gettext("A photo may be at most %(mb)d MB.") % {"mb": PHOTOS.max_bytes // MB},
                code="too_large",
            )
        photo = super().to_python(data)
        if photo is None:
            return None
        image = getattr(photo, "image", None)
        if image is None or PHOTO_FORMATS.get(image.format) not in PHOTOS.kinds:
            raise forms.ValidationError(_("A photo is a JPEG, PNG or WebP."), code="kind")
        photo.name = f"photo.{PHOTO_FORMATS[image.format]}"
        return photo
