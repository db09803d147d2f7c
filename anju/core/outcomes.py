"""What the works leave behind, counted as the programme reports it upward: metres of pipeline
renewed, lifts installed, square metres of energy retrofit, parking spaces and charging points
added, elderly-care and childcare facilities, sports and leisure space.

The indicators follow the figures the national statistical survey of the programme
(全国城镇老旧小区改造统计调查制度) and the ministry's releases count; the survey is not among
Anju's source documents, so which item feeds which indicator is Anju's reference practice
(参考做法), written into each pack where a city may change it.

A line's outcome is recorded once, when its works pass the joint completion acceptance. Where
the line is priced in the indicator's own unit (a lift per stairway unit, energy retrofit per
square metre), the line's quantity is that count until the acceptance says otherwise.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal


class Indicator(enum.StrEnum):
    PIPELINES = "pipelines"  # metres; reported in kilometres
    LIFTS = "lifts"
    ENERGY_RETROFIT = "energy_retrofit"  # m² of floor area
    PARKING = "parking"  # spaces
    CAR_CHARGING = "car_charging"  # charging points for cars
    EBIKE_CHARGING = "ebike_charging"  # charging points for e-bikes
    ELDERLY_CARE = "elderly_care"  # facilities
    CHILDCARE = "childcare"  # facilities
    SPORTS_SPACE = "sports_space"  # m²


# how a pack's reading names each, as the ministry's releases do
INDICATOR_WORDS: dict[Indicator, str] = {
    Indicator.PIPELINES: "改造老旧管线（米）",
    Indicator.LIFTS: "加装电梯（部）",
    Indicator.ENERGY_RETROFIT: "建筑节能改造（平方米）",
    Indicator.PARKING: "增设停车位（个）",
    Indicator.CAR_CHARGING: "增设汽车充电桩（个）",
    Indicator.EBIKE_CHARGING: "增设电动自行车充电桩（个）",
    Indicator.ELDERLY_CARE: "增设养老服务设施（个）",
    Indicator.CHILDCARE: "增设托育服务设施（个）",
    Indicator.SPORTS_SPACE: "增设体育健身和休闲场地（平方米）",
}

# the pricing unit (policy_pack.Per) a line's quantity already counts the indicator in
COUNTED_BY: dict[Indicator, str] = {
    Indicator.LIFTS: "unit",
    Indicator.ENERGY_RETROFIT: "area",
}

# recorded in metres, reported in kilometres as the ministry does
REPORTED_SCALE: dict[Indicator, Decimal] = {Indicator.PIPELINES: Decimal(1000)}

# the most a quantity may hold: what a form and a package accept
QUANTITY_DIGITS = 12
QUANTITY_PLACES = 2


def counts_from_quantity(indicator: Indicator, per: str) -> bool:
    """Whether a line priced ``per`` this already counts the indicator."""
    return COUNTED_BY.get(indicator) == per


def reported(indicator: Indicator, quantity: Decimal) -> Decimal:
    """A quantity as the report states it: kilometres of pipe to three places rounded half up
    (四舍五入), the others as recorded."""
    scale = REPORTED_SCALE.get(indicator)
    if scale is None:
        return quantity
    return (quantity / scale).quantize(Decimal("0.001"), ROUND_HALF_UP)
