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


# as the pack pages, the stock workbook and its template name them (the site's own labels are in
# its catalogue)
FACILITY_WORDS: dict[Facility, str] = {
    Facility.WATER_SUPPLY: "供水",
    Facility.DRAINAGE: "排水（污雨水）",
    Facility.POWER: "供电",
    Facility.GAS: "供气",
    Facility.HEATING: "供热",
    Facility.TELECOM: "通信",
    Facility.OVERHEAD_LINES: "架空线路",
    Facility.ROADS: "道路",
    Facility.FIRE_SAFETY: "消防",
    Facility.SECURITY: "安防",
    Facility.WASTE_SORTING: "生活垃圾分类",
    Facility.BUILDING_COMMON_PARTS: "屋面、外墙、楼道等公共部位",
    Facility.ENERGY_EFFICIENCY: "建筑节能",
    Facility.ILLEGAL_STRUCTURES: "违法建筑",
    Facility.GREENING: "绿化",
    Facility.LIGHTING: "照明",
    Facility.BARRIER_FREE: "无障碍设施",
    Facility.AGE_FRIENDLY: "适老设施",
    Facility.ELEVATORS: "电梯",
    Facility.PARKING: "停车",
    Facility.EV_CHARGING: "充电设施",
    Facility.PROPERTY_ROOMS: "物业用房",
    Facility.SPORTS_CULTURE: "文体设施",
    Facility.EXPRESS_LOCKERS: "快件箱与快递服务站",
    Facility.POLICE_ROOM: "警务室",
    Facility.COMMUNITY_SERVICES: "社区综合服务设施",
    Facility.HEALTH: "卫生服务",
    Facility.ELDERLY_CARE: "养老",
    Facility.CHILD_CARE: "托育托幼",
    Facility.MEAL_ASSISTANCE: "助餐",
    Facility.HOUSEKEEPING: "家政保洁",
    Facility.MARKET: "菜市场与便利店",
}


class Condition(enum.StrEnum):
    """A facility's state. 'poor' is also how an unwanted thing that is present is recorded
    (illegal structures standing, overhead lines in a tangle)."""

    GOOD = "good"
    POOR = "poor"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


NEEDS_WORK = frozenset({Condition.POOR, Condition.MISSING})
