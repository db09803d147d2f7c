"""What supervision flags, and who is called in for it.

Each alert is one community's problem of one kind, naming the unit that must answer for it. The
rules that need arithmetic live here: how far along the works should be on a straight line from
start to due date, and which districts are called in for an interview (约谈, chongqing-2021
§6.(4): 项目建设进度缓慢、质量安全问题突出) — those with slow or overdue works or open quality and
safety defects, ranked by how many.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction


class AlertKind(enum.StrEnum):
    CONSTRUCTION_OVERDUE = "construction_overdue"
    SLOW_PROGRESS = "slow_progress"
    APPROVALS_LATE = "approvals_late"
    CENTRAL_SUBSIDY_YEAR = "central_subsidy_year"
    OBJECTION_UNANSWERED = "objection_unanswered"
    FUND_BELOW_LINE = "fund_below_line"
    DEFECT_OPEN = "defect_open"
    TARGET_DEADLINE = "target_deadline"  # a year's task not completed by the pack's date
    NOT_IN_PLAN = "not_in_plan"  # a qualifying community in no plan up to the pack's year
    PROCUREMENT = "procurement"  # a lot let without the tender or the publicity the rule asks
    OBSERVATION_OPEN = "observation_open"  # a residents' monitor's report not yet answered


# 项目建设进度缓慢、质量安全问题突出
INTERVIEW_KINDS = frozenset(
    {
        AlertKind.CONSTRUCTION_OVERDUE,
        AlertKind.SLOW_PROGRESS,
        AlertKind.CENTRAL_SUBSIDY_YEAR,
        AlertKind.DEFECT_OPEN,
    }
)


# the order alerts are read in: those that call a district in for an interview first
SEVERITY: tuple[AlertKind, ...] = tuple(sorted(AlertKind, key=lambda k: k not in INTERVIEW_KINDS))


def expected_percent(started: dt.date, due: dt.date, today: dt.date) -> Fraction:
    """Percent done by ``today`` on a straight line from start to due date, 0 to 100."""
    if today <= started:
        return Fraction(0)
    if due <= started or today >= due:
        return Fraction(100)
    return Fraction(100 * (today - started).days, (due - started).days)


def behind_schedule(
    started: dt.date, due: dt.date, percent: int, today: dt.date, points: int
) -> bool:
    """More than ``points`` behind the straight line; works already due are overdue instead."""
    return today < due and percent + points < expected_percent(started, due, today)


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    community: str  # code
    district: str  # division code of the district that answers for it
    unit: str  # the unit named as responsible
    since: dt.date | None
    detail: str


@dataclass(frozen=True, slots=True)
class Laggard:
    district: str
    alerts: int
    by_kind: dict[AlertKind, int]


def interview_list(alerts: Iterable[Alert]) -> list[Laggard]:
    """Districts with slow or overdue works or open quality and safety defects, most alerts
    first, then by code."""
    counts: dict[str, dict[AlertKind, int]] = {}
    for alert in alerts:
        kinds = counts.setdefault(alert.district, {})
        kinds[alert.kind] = kinds.get(alert.kind, 0) + 1
    return laggards(counts)


def laggards(counts: Mapping[str, Mapping[AlertKind, int]]) -> list[Laggard]:
    """``interview_list`` from each district's alerts counted by kind."""
    found = []
    for district, kinds in counts.items():
        called = {kind: n for kind, n in kinds.items() if kind in INTERVIEW_KINDS and n}
        if called:
            found.append(Laggard(district, sum(called.values()), called))
    return sorted(found, key=lambda laggard: (-laggard.alerts, laggard.district))
