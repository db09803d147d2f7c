"""Condition assessment (现状评价): the facilities a community is checked for, and their state.

chongqing-2021 §2.(2) asks that a community's infrastructure and public services be assessed
before its content list is drawn up; hangjin-2021 §3.(1) asks the project library to record
"改造内容现状". The facilities are the union of what the seeds' content categories name, so that
every item of every pack has a facility whose condition decides whether the item is needed.
"""

from __future__ import annotations

import enum


class Facility(enum.StrEnum):
    WATER_SUPPLY = "water_supply"
    DRAINAGE = "drainage"
    POWER = "power"
    GAS = "gas"
    HEATING = "heating"
    TELECOM = "telecom"
    OVERHEAD_LINES = "overhead_lines"
    ROADS = "roads"
    FIRE_SAFETY = "fire_safety"
    SECURITY = "security"
    WASTE_SORTING = "waste_sorting"
    BUILDING_COMMON_PARTS = "building_common_parts"
    ENERGY_EFFICIENCY = "energy_efficiency"
    ILLEGAL_STRUCTURES = "illegal_structures"
    GREENING = "greening"
    LIGHTING = "lighting"
    BARRIER_FREE = "barrier_free"
    AGE_FRIENDLY = "age_friendly"
    ELEVATORS = "elevators"
    PARKING = "parking"
    EV_CHARGING = "ev_charging"
    PROPERTY_ROOMS = "property_rooms"
    SPORTS_CULTURE = "sports_culture"
    EXPRESS_LOCKERS = "express_lockers"
    POLICE_ROOM = "police_room"
    COMMUNITY_SERVICES = "community_services"
    HEALTH = "health"
    ELDERLY_CARE = "elderly_care"
    CHILD_CARE = "child_care"
    MEAL_ASSISTANCE = "meal_assistance"
    HOUSEKEEPING = "housekeeping"
    MARKET = "market"


class Condition(enum.StrEnum):
    """A facility's state. 'poor' is also how an unwanted thing that is present is recorded
    (illegal structures standing, overhead lines in a tangle)."""

    GOOD = "good"
    POOR = "poor"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


NEEDS_WORK = frozenset({Condition.POOR, Condition.MISSING})
