"""The outcome indicators (core.outcomes) by their names and units in the user's language: the
project page records them, the monthly report, the dashboard and the bulletin state them."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anju.core.outcomes import Indicator


class Outcome(models.TextChoices):
    PIPELINES = Indicator.PIPELINES, _("Old pipelines renewed")
    LIFTS = Indicator.LIFTS, _("Lifts installed")
    ENERGY_RETROFIT = Indicator.ENERGY_RETROFIT, _("Energy-saving retrofit of buildings")
    PARKING = Indicator.PARKING, _("Parking spaces added")
    CAR_CHARGING = Indicator.CAR_CHARGING, _("Charging points for cars added")
    EBIKE_CHARGING = Indicator.EBIKE_CHARGING, _("Charging points for e-bikes added")
    ELDERLY_CARE = Indicator.ELDERLY_CARE, _("Elderly-care facilities added")
    CHILDCARE = Indicator.CHILDCARE, _("Childcare facilities added")
    SPORTS_SPACE = Indicator.SPORTS_SPACE, _("Sports and leisure space added")


# the unit a quantity is recorded in, and the one the report states it in
RECORDED_UNIT: dict[Indicator, Promise] = {
    Indicator.PIPELINES: pgettext_lazy("unit", "m"),
    Indicator.LIFTS: pgettext_lazy("unit", "lifts"),
    Indicator.ENERGY_RETROFIT: pgettext_lazy("unit", "m²"),
    Indicator.PARKING: pgettext_lazy("unit", "spaces"),
    Indicator.CAR_CHARGING: pgettext_lazy("unit", "points"),
    Indicator.EBIKE_CHARGING: pgettext_lazy("unit", "points"),
    Indicator.ELDERLY_CARE: pgettext_lazy("unit", "facilities"),
    Indicator.CHILDCARE: pgettext_lazy("unit", "facilities"),
    Indicator.SPORTS_SPACE: pgettext_lazy("unit", "m²"),
}
REPORTED_UNIT: dict[Indicator, Promise] = {
    **RECORDED_UNIT,
    Indicator.PIPELINES: pgettext_lazy("unit", "km"),
}


def outcome_name(indicator: str) -> str:
    return str(Outcome(indicator).label)
