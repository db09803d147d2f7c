"""What a bureau's reports say (通报, puyang-2020 §5.(3); the quarterly bulletins and annual
summary, wuhan-2021 §4.(3)): where the program stands, what moved in the period, the districts
ranked by the assessment, the alerts by district and the districts to call in. Every figure is
read from Anju over the bureau's area, none typed in; the Word, PDF and workbook files are
written from this one reading, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import Area, within
from anju.core.alerts import Alert, AlertKind, Laggard, interview_list
from anju.core.district_assessment import Ranked, mean_totals, ranking
from anju.core.outcomes import Indicator, reported
from anju.core.policy_pack import Pack
from anju.core.report_periods import Period, PeriodKind, period_words
from anju.core.standing import LedgerTotals
from anju.divisions.models import Division
from anju.projects.models import Project
from anju.supervision.models import SupervisionError
from anju.supervision.selectors.alerts import alerts_for
from anju.supervision.selectors.district_assessment import Assessment, assessment
from anju.supervision.selectors.ledger import accepted_inspections, ledger_projects
from anju.supervision.selectors.monthly import outcomes_between


@dataclass(frozen=True, slots=True)
class MonthAssessment:
    year: int
    month: int
    assessed: Assessment

    @property
    def label(self) -> str:
        """A month as the bulletin's own title names one: 2026年10月."""
        return period_words(Period(PeriodKind.MONTH, self.year, self.month))


@dataclass(frozen=True, slots=True)
class PeriodRank:
    district: Division
    monthly: list[Fraction | None]  # one per assessed month, in order
    ranked: Ranked  # on the mean over those months, among its city's districts
    among: int


@dataclass(frozen=True, slots=True)
class ReportData:
    period: Period
    area: Division
    as_of: dt.date  # the period's last day, or today while it runs
    written_on: dt.date
    totals: LedgerTotals  # as the ledger stood at as_of
    started: int  # in the period
    accepted: int
    closed: int
    months: list[MonthAssessment]
    ranking: list[PeriodRank]
    alerts: list[Alert]  # as they stood at as_of
    district_names: dict[str, str]
    # what the works accepted left behind: in the period, and from January to as_of
    outcomes: list[tuple[Indicator, Decimal, Decimal]] = field(default_factory=list)

    def alerts_by_district(self) -> dict[str, Counter[AlertKind]]:
        found: dict[str, Counter[AlertKind]] = {}
        for alert in self.alerts:
            found.setdefault(self.district_name(alert.district), Counter())[alert.kind] += 1
        return dict(sorted(found.items()))

    def alerts_by_kind(self) -> Counter[AlertKind]:
        return Counter(alert.kind for alert in self.alerts)

    def laggards(self) -> list[tuple[str, Laggard]]:
        return [(self.district_name(lag.district), lag) for lag in interview_list(self.alerts)]

    def district_name(self, code: str) -> str:
        return self.district_names.get(code, code)


def _totals_by(projects: QuerySet[Project], day: dt.date) -> LedgerTotals:
    """The ledger as it stood at the end of ``day``, read from the dates its steps carry, so a
    report written in December says what November's last day held. A project that had started
    building by then counts as registered by then, whatever day its record was made."""
    return LedgerTotals(
        registered=projects.filter(Q(created_at__date__lte=day) | Q(started_on__lte=day)).count(),
        building=projects.filter(started_on__lte=day).count(),
        accepted=projects.filter(Exists(accepted_inspections().filter(on__lte=day))).count(),
        closed=projects.filter(closure__closed_on__lte=day).count(),
    )


def report_data(area: Division, pack: Pack, period: Period, today: dt.date) -> ReportData:
    if period.start > today:
        raise SupervisionError(
            _("{period} has not begun; there is nothing to report yet.").format(period=period)
        )
    viewer = Area(area.code)
    as_of = min(period.end, today)
    projects = ledger_projects(viewer)
    window = (period.start, as_of)
    months = [
        MonthAssessment(year, month, assessment(viewer, pack, year, month))
        for year, month in period.months
        if dt.date(year, month, 1) <= as_of
    ]
    districts = {row.district.code: row.district for m in months for row in m.assessed.rows}
    cities = {city for m in months for city in m.assessed.peers}
    period_ranking = [
        PeriodRank(
            districts[r.district],
            [m.assessed.peers.get(city, {}).get(r.district) for m in months],
            r,
            len(means),
        )
        for city in sorted(cities, key=str)
        for means in [mean_totals([m.assessed.peers.get(city, {}) for m in months])]
        for r in ranking(means)
        if r.district in districts
    ]
    return ReportData(
        period=period,
        area=area,
        as_of=as_of,
        written_on=today,
        totals=_totals_by(projects, as_of),
        started=projects.filter(started_on__range=window).count(),
        accepted=projects.filter(Exists(accepted_inspections().filter(on__range=window))).count(),
        closed=projects.filter(closure__closed_on__range=window).count(),
        months=months,
        ranking=period_ranking,
        alerts=alerts_for(viewer, pack, as_of),
        district_names=dict(
            Division.objects.filter(within("code", area.code)).values_list("code", "name")
        ),
        outcomes=_outcomes(viewer, pack, period.start, as_of),
    )


def _outcomes(
    viewer: Area, pack: Pack, start: dt.date, end: dt.date
) -> list[tuple[Indicator, Decimal, Decimal]]:
    within_period = outcomes_between(viewer, pack, start, end)
    this_year = outcomes_between(viewer, pack, dt.date(end.year, 1, 1), end)
    zero = Decimal(0)
    return [
        (i, reported(i, within_period.get(i, zero)), reported(i, this_year.get(i, zero)))
        for i in Indicator
    ]
