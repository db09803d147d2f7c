"""What the rest of Anju asks of the division tables beyond the rows themselves."""

from __future__ import annotations

from django.conf import settings

from anju.divisions.models import HomeCity


def home_city() -> str:
    """The 12-digit code of the deployment's city: chosen at set-up, else ANJU_CITY, else ''."""
    chosen = HomeCity.objects.filter(pk=1).values_list("division_id", flat=True).first()
    return chosen or settings.ANJU_CITY
