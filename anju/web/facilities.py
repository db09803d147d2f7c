"""The facilities a community is assessed for (core.conditions), by their names in the user's
language: the condition assessment, the content list and the stock-resource inventory all name
them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.conditions import Facility as CoreFacility


class Facility(models.TextChoices):
    WATER_SUPPLY = CoreFacility.WATER_SUPPLY, _("Water supply")
    DRAINAGE = CoreFacility.DRAINAGE, _("Drainage and sewerage")
    POWER = CoreFacility.POWER, _("Power supply")
    GAS = CoreFacility.GAS, _("Gas supply")
    HEATING = CoreFacility.HEATING, _("Heating")
    TELECOM = CoreFacility.TELECOM, _("Telecommunications")
    OVERHEAD_LINES = CoreFacility.OVERHEAD_LINES, _("Overhead lines")
    ROADS = CoreFacility.ROADS, _("Roads and paths")
    FIRE_SAFETY = CoreFacility.FIRE_SAFETY, _("Fire safety")
    SECURITY = CoreFacility.SECURITY, _("Security and surveillance")
    WASTE_SORTING = CoreFacility.WASTE_SORTING, _("Waste sorting")
    BUILDING_COMMON_PARTS = CoreFacility.BUILDING_COMMON_PARTS, _("Roofs, walls and stairwells")
    ENERGY_EFFICIENCY = CoreFacility.ENERGY_EFFICIENCY, _("Building energy efficiency")
    ILLEGAL_STRUCTURES = CoreFacility.ILLEGAL_STRUCTURES, _("Illegal structures")
    GREENING = CoreFacility.GREENING, _("Greening")
    LIGHTING = CoreFacility.LIGHTING, _("Lighting")
    BARRIER_FREE = CoreFacility.BARRIER_FREE, _("Barrier-free access")
    AGE_FRIENDLY = CoreFacility.AGE_FRIENDLY, _("Age-friendly facilities")
    ELEVATORS = CoreFacility.ELEVATORS, _("Elevators")
    PARKING = CoreFacility.PARKING, _("Parking")
    EV_CHARGING = CoreFacility.EV_CHARGING, _("EV charging")
    PROPERTY_ROOMS = CoreFacility.PROPERTY_ROOMS, _("Property management rooms")
    SPORTS_CULTURE = CoreFacility.SPORTS_CULTURE, _("Culture and sports facilities")
    EXPRESS_LOCKERS = CoreFacility.EXPRESS_LOCKERS, _("Parcel lockers and stations")
    POLICE_ROOM = CoreFacility.POLICE_ROOM, _("Police room")
    COMMUNITY_SERVICES = CoreFacility.COMMUNITY_SERVICES, _("Community service centre")
    HEALTH = CoreFacility.HEALTH, _("Health services")
    ELDERLY_CARE = CoreFacility.ELDERLY_CARE, _("Elderly care")
    CHILD_CARE = CoreFacility.CHILD_CARE, _("Child care")
    MEAL_ASSISTANCE = CoreFacility.MEAL_ASSISTANCE, _("Meal assistance")
    HOUSEKEEPING = CoreFacility.HOUSEKEEPING, _("Housekeeping services")
    MARKET = CoreFacility.MARKET, _("Market and shops")


def facility_words(keys: Iterable[str]) -> str:
    """Stored facility keys as a reader says them: 养老、托育托幼."""
    known = set(Facility.values)
    return "、".join(str(Facility(key).label) for key in keys if key in known)
