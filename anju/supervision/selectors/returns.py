"""The monthly returns a bureau owes upward by the pack's reporting calendar: the month ended
last, due by the pack's day of the month after, not yet sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from anju.accounts.jurisdiction import ALL, bureau_divisions, scopes
from anju.core.access import Capability
from anju.core.divisions import Level
from anju.core.monthly_report import Month
from anju.core.policy_pack import Pack
from anju.core.report_package import month_text
from anju.core.report_periods import PeriodKind, last_ended
from anju.divisions.models import Division
from anju.supervision.models import ReturnSent


@dataclass(frozen=True, slots=True)
class Owed:
    area: Division
    month: Month
    due_on: dt.date
    cite: str

    def late(self, today: dt.date) -> bool:
        return today > self.due_on


def returns_owed(user: Any, pack: Pack, today: dt.date) -> list[Owed]:
    """For each city or province the user's bureau keeps, last month's return if it is not
    sent. The operator, who keeps everything, is no bureau and owes none."""
    statistics = pack.model.supervision.statistics
    if statistics is None or scopes(user, Capability.REGISTRY_EDIT) is ALL:
        return []
    ended = last_ended(PeriodKind.MONTH, today)
    month = Month(ended.year, ended.number)
    areas = [
        area
        for area in bureau_divisions(user, Capability.REGISTRY_EDIT)
        if area.level <= Level.CITY
    ]
    sent = set(
        ReturnSent.objects.filter(area__in=areas, month=month_text(month)).values_list(
            "area_id", flat=True
        )
    )
    return [
        Owed(area, month, statistics.due_on(month.year, month.month), statistics.cite)
        for area in areas
        if area.code not in sent
    ]
