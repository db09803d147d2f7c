"""The monthly statistical report an area sends upward (core.monthly_report), read once for
the page and the workbook so they cannot disagree: the plan and progress table, the outcomes
table and the project list, by district for a city and by city for a province, with the
statistician's checks over the year so far."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anju.accounts.jurisdiction import Area
from anju.core.divisions import Level
from anju.core.monthly_report import (
    Figure,
    Finding,
    Month,
    MonthlyReport,
    Problem,
    ProjectFacts,
    Span,
    Tally,
    behind,
    city_of,
    findings,
    key,
    monthly_report,
)
from anju.core.outcomes import Indicator, reported
from anju.core.policy_pack import Pack
from anju.core.report_package import Return
from anju.core.report_periods import Period, PeriodKind, period_words
from anju.divisions.models import Division
from anju.supervision.models import ReturnReceived
from anju.supervision.selectors.monthly import Uncounted, project_facts, received
from anju.web.outcomes import REPORTED_UNIT, outcome_name

TEN_THOUSAND = Decimal(10_000)
MILLION = Decimal(1_000_000)  # fen in 万元


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its heading, its unit, and how its value is read off a tally.
    ``name`` is the figure behind it, which its cells trace to; a rate has none."""

    heading: str | Promise
    unit: str | Promise
    name: str | None
    read: Callable[[Tally], Decimal | None]


def _scaled(name: str, scale: Decimal, places: str) -> Callable[[Tally], Decimal | None]:
    return lambda tally: (tally[name] / scale).quantize(Decimal(places), ROUND_HALF_UP)


def _plain(name: str) -> Callable[[Tally], Decimal | None]:
    return lambda tally: tally[name]


def _rate(of: Figure) -> Callable[[Tally], Decimal | None]:
    def read(tally: Tally) -> Decimal | None:
        rate = tally.start_rate(of)
        if rate is None:
            return None
        return (Decimal(rate.numerator) * 100 / Decimal(rate.denominator)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    return read


def _counted(figure: Figure, span: Span | None = None) -> Column:
    return Column(
        _HEADINGS[(figure, span)], _UNITS[figure], key(figure, span), _plain(key(figure, span))
    )


_HEADINGS: dict[tuple[Figure, Span | None], Promise] = {
    (Figure.PLAN_PROJECTS, None): _("Projects planned"),
    (Figure.PLAN_COMMUNITIES, None): _("Communities planned"),
    (Figure.PLAN_BUILDINGS, None): _("Buildings planned"),
    (Figure.PLAN_HOUSEHOLDS, None): _("Households planned"),
    (Figure.STARTED_PROJECTS, Span.YEAR): _("Projects started, year to date"),
    (Figure.STARTED_COMMUNITIES, Span.YEAR): _("Communities started, year to date"),
    (Figure.STARTED_COMMUNITIES, Span.MONTH): _("Communities started in the month"),
    (Figure.STARTED_HOUSEHOLDS, Span.YEAR): _("Households started, year to date"),
    (Figure.STARTED_HOUSEHOLDS, Span.MONTH): _("Households started in the month"),
    (Figure.COMPLETED_COMMUNITIES, Span.YEAR): _("Communities completed, year to date"),
    (Figure.COMPLETED_COMMUNITIES, Span.MONTH): _("Communities completed in the month"),
    (Figure.COMPLETED_HOUSEHOLDS, Span.YEAR): _("Households completed, year to date"),
}
_UNITS: dict[Figure, Promise] = {
    Figure.PLAN_PROJECTS: pgettext_lazy("unit", "projects"),
    Figure.PLAN_COMMUNITIES: pgettext_lazy("unit", "communities"),
    Figure.PLAN_BUILDINGS: pgettext_lazy("unit", "buildings"),
    Figure.PLAN_HOUSEHOLDS: pgettext_lazy("unit", "households"),
    Figure.STARTED_PROJECTS: pgettext_lazy("unit", "projects"),
    Figure.STARTED_COMMUNITIES: pgettext_lazy("unit", "communities"),
    Figure.STARTED_HOUSEHOLDS: pgettext_lazy("unit", "households"),
    Figure.COMPLETED_COMMUNITIES: pgettext_lazy("unit", "communities"),
    Figure.COMPLETED_HOUSEHOLDS: pgettext_lazy("unit", "households"),
}


def progress_columns() -> list[Column]:
    """Table 1, the plan and its progress."""
    area, invest, invested = key(Figure.PLAN_AREA), key(Figure.PLAN_INVESTMENT), Figure.INVESTED
    return [
        _counted(Figure.PLAN_PROJECTS),
        _counted(Figure.PLAN_COMMUNITIES),
        _counted(Figure.PLAN_BUILDINGS),
        _counted(Figure.PLAN_HOUSEHOLDS),
        Column(
            _("Floor area planned"),
            pgettext_lazy("unit", "10,000 m²"),
            area,
            _scaled(area, TEN_THOUSAND, "0.01"),
        ),
        Column(
            _("Investment planned"),
            pgettext_lazy("unit", "10,000 yuan"),
            invest,
            _scaled(invest, MILLION, "0.01"),
        ),
        _counted(Figure.STARTED_PROJECTS, Span.YEAR),
        _counted(Figure.STARTED_COMMUNITIES, Span.YEAR),
        _counted(Figure.STARTED_COMMUNITIES, Span.MONTH),
        _counted(Figure.STARTED_HOUSEHOLDS, Span.YEAR),
        _counted(Figure.STARTED_HOUSEHOLDS, Span.MONTH),
        Column(_("Start rate by communities"), "%", None, _rate(Figure.PLAN_COMMUNITIES)),
        Column(_("Start rate by households"), "%", None, _rate(Figure.PLAN_HOUSEHOLDS)),
        _counted(Figure.COMPLETED_COMMUNITIES, Span.YEAR),
        _counted(Figure.COMPLETED_COMMUNITIES, Span.MONTH),
        _counted(Figure.COMPLETED_HOUSEHOLDS, Span.YEAR),
        *(
            Column(
                heading,
                pgettext_lazy("unit", "10,000 yuan"),
                key(invested, span),
                _scaled(key(invested, span), MILLION, "0.01"),
            )
            for heading, span in (
                (_("Investment made, year to date"), Span.YEAR),
                (_("Investment made in the month"), Span.MONTH),
            )
        ),
    ]


def _outcome(indicator: Indicator, span: Span) -> Callable[[Tally], Decimal | None]:
    """Without trailing zeros: 2 lifts, not 2.00."""
    return lambda tally: Decimal(
        format(reported(indicator, tally[key(indicator, span)]).normalize(), "f")
    )


def outcome_columns() -> list[Column]:
    """Table 2, what the works left behind: each indicator year to date and in the month."""
    return [
        Column(
            f"{outcome_name(indicator)}（{label}）",
            REPORTED_UNIT[indicator],
            key(indicator, span),
            _outcome(indicator, span),
        )
        for indicator in Indicator
        for label, span in ((_("year to date"), Span.YEAR), (_("in the month"), Span.MONTH))
    ]


@dataclass(frozen=True, slots=True)
class MonthlyData:
    area: Division
    month: Month
    report: MonthlyReport
    names: dict[str, str]  # the groups' names by code
    findings: list[Finding]
    uncounted: list[Uncounted]
    fed: frozenset[Indicator]  # the indicators an item of the pack counts toward
    received: list[tuple[ReturnReceived, Return]]  # the areas below whose returns are summed

    def areas(self) -> list[tuple[str, str]]:
        """The columns of a table as a statistical return lays them out: the total, then each
        area (code, name); the total's code is empty."""
        return [("", str(_("Total"))), *((c, self.names.get(c, c)) for c in self.report.groups)]

    def table(
        self, columns: Sequence[Column]
    ) -> list[tuple[Column, list[tuple[str, Decimal | None]]]]:
        """One row per figure (指标), its values under ``areas``, each with its area's code."""
        tallies = [("", self.report.whole), *self.report.groups.items()]
        return [(c, [(code, c.read(tally)) for code, tally in tallies]) for c in columns]

    def behind(self, name: str, group: str) -> list[ProjectFacts]:
        return behind(self.report, name, group)


def grouping(area: Division) -> Callable[[ProjectFacts], str]:
    """By district within a city; by city within a province or the nation."""
    if area.level <= Level.PROVINCE:
        return lambda project: city_of(project.district)
    return lambda project: project.district


def monthly_data(area: Division, pack: Pack, month: Month) -> MonthlyData:
    """The month of ``area``: its own projects, and those of the returns its areas below sent
    for the month. Whoever asks has been found to see ``area``."""
    year = project_facts(Area(area.code), pack, month.year)
    returns = received(area.code, month)
    facts = year.facts + [facts for _kept, sent in returns for facts, _g, _t in sent.report.rows]
    group = grouping(area)
    reports = [
        monthly_report(facts, Month(month.year, number), group)
        for number in range(1, month.month + 1)
    ]
    report = reports[-1]
    return MonthlyData(
        area=area,
        month=month,
        report=report,
        names=dict(
            Division.objects.filter(code__in=list(report.groups)).values_list("code", "name")
        ),
        findings=findings(reports),
        uncounted=year.uncounted,
        fed=frozenset(i.outcome.indicator for i in pack.content.items if i.outcome is not None),
        received=returns,
    )


PROBLEM_TEXT: dict[Problem, Promise] = {
    Problem.COUNTED_OUTSIDE: _("counted in a period its date is not in"),
    Problem.NOT_THE_SUM: _("not the sum of its parts"),
    Problem.DECREASED: _("lower than the month before, though it counts from January"),
    Problem.MONTH_NOT_GROWTH: _("not the growth of the year-to-date figure over the month before"),
    Problem.COMPLETED_BEFORE_START: _("completed before it started"),
    Problem.SHARE_NOT_FOLLOWING: _("its share of the figures does not follow from its facts"),
    Problem.OUTSIDE_THE_AREA: _("it lies outside the area that sent the return"),
}


def finding_text(finding: Finding, names: dict[str, str]) -> str:
    """A finding as a statistician writes it back: the month, where, the figure, what is
    wrong."""
    headings = {c.name: str(c.heading) for c in (*progress_columns(), *outcome_columns())}
    where = names.get(finding.where, finding.where) if finding.where else str(_("Total"))
    figure = headings.get(finding.name, finding.name)
    month = period_words(Period(PeriodKind.MONTH, finding.month.year, finding.month.month))
    return f"{month} · {where} · {figure}：{PROBLEM_TEXT[finding.problem]}"
