"""The monthly figures a city reports upward (分级实施、逐级汇总): the year's plan, what started
and what was completed from January to the month (1—N月) and in the month, the start rate by
communities and by households, the investment made, and the outcomes counted.

Every figure is a sum of the projects' own shares, so each can be traced to the projects behind
it and a group's figure is always its projects' sum. A project is counted once however many
communities it renovates (a bundle is one project of several communities); its communities and
households are counted with it.

The figures and their definitions follow the national statistical survey of the programme as
its published figures show them; the survey is not among Anju's source documents, so the
definitions here are Anju's reference practice (参考做法):
- planned: the projects whose annual plan is the year's;
- started, completed: by the date construction started or was completed;
- the start rate: the year's planned communities (households) that had started by the month's
  end, over all the year's planned communities (households);
- investment made: the growth of the spending the progress reports state, in the period;
- outcomes: counted in the month of the joint completion acceptance that records them.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from anju.core.outcomes import Indicator
from anju.core.report_periods import PeriodKind, parse_period

ZERO = Decimal(0)


class Span(enum.StrEnum):
    YEAR = "year"  # 1—N月
    MONTH = "month"  # the month alone


class Figure(enum.StrEnum):
    PLAN_PROJECTS = "plan.projects"
    PLAN_COMMUNITIES = "plan.communities"
    PLAN_BUILDINGS = "plan.buildings"
    PLAN_HOUSEHOLDS = "plan.households"
    PLAN_AREA = "plan.area"  # m²
    PLAN_INVESTMENT = "plan.investment"  # fen
    STARTED_PROJECTS = "started.projects"
    STARTED_COMMUNITIES = "started.communities"
    STARTED_HOUSEHOLDS = "started.households"
    PLAN_STARTED_COMMUNITIES = "plan_started.communities"
    PLAN_STARTED_HOUSEHOLDS = "plan_started.households"
    COMPLETED_PROJECTS = "completed.projects"
    COMPLETED_COMMUNITIES = "completed.communities"
    COMPLETED_HOUSEHOLDS = "completed.households"
    INVESTED = "invested"  # fen


# the year's plan and the planned communities started by the month's end are stocks: one
# value, not a year's and a month's
STOCKS = frozenset(
    {
        Figure.PLAN_PROJECTS,
        Figure.PLAN_COMMUNITIES,
        Figure.PLAN_BUILDINGS,
        Figure.PLAN_HOUSEHOLDS,
        Figure.PLAN_AREA,
        Figure.PLAN_INVESTMENT,
        Figure.PLAN_STARTED_COMMUNITIES,
        Figure.PLAN_STARTED_HOUSEHOLDS,
    }
)
FLOWS = tuple(f for f in Figure if f not in STOCKS)


@functools.cache
def key(figure: Figure | Indicator, span: Span | None = None) -> str:
    """The name a value goes by in a tally and a package: ``plan.projects``,
    ``started.communities.month``, ``outcome.lifts.year``."""
    name = f"outcome.{figure}" if isinstance(figure, Indicator) else str(figure)
    return name if span is None else f"{name}.{span}"


@functools.cache
def keys() -> tuple[str, ...]:
    """Every value of a month's tally, in the order the tables list them."""
    found: list[str] = []
    for figure in Figure:
        if figure in STOCKS:
            found.append(key(figure))
        else:
            found += [key(figure, span) for span in Span]
    for indicator in Indicator:
        found += [key(indicator, span) for span in Span]
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Counted:
    """An outcome recorded at a project's joint completion acceptance."""

    indicator: Indicator
    quantity: Decimal
    on: dt.date


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """What the figures read of one project: the row a report package carries for it."""

    code: str  # its community's code
    name: str
    district: str  # the district's division code
    communities: int  # its own and those bundled into it
    buildings: int
    households: int
    area: Decimal  # m² of floor area
    plan_year: int | None
    started_on: dt.date | None
    completed_on: dt.date | None
    planned: int  # fen: the funding plan's total
    spent: tuple[tuple[dt.date, int], ...] = ()  # (as of, fen spent so far), by date
    outcomes: tuple[Counted, ...] = ()

    def spent_by(self, day: dt.date) -> int:
        """What the latest progress report up to ``day`` says was spent."""
        found = 0
        for on, fen in self.spent:
            if on > day:
                break
            found = fen
        return found


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def window(self, span: Span) -> tuple[dt.date, dt.date]:
        return (dt.date(self.year, 1, 1) if span is Span.YEAR else self.first, self.last)

    @property
    def before(self) -> Month:
        return Month(self.year, self.month - 1) if self.month > 1 else Month(self.year - 1, 12)

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11``; ValueError for anything else (a quarter, a year, a 13th month)."""
        period = parse_period(text)
        if period.kind is not PeriodKind.MONTH:
            raise ValueError(f"{text!r} is not a month")
        return cls(period.year, period.number)


@dataclass(frozen=True, slots=True)
class Tally:
    """Values by key (see ``keys``), a missing key being zero."""

    values: Mapping[str, Decimal] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Decimal:
        return self.values.get(name, ZERO)

    def __add__(self, other: Tally) -> Tally:
        summed = dict(self.values)
        for name, value in other.values.items():
            summed[name] = summed.get(name, ZERO) + value
        return Tally(summed)

    def start_rate(self, of: Figure) -> Fraction | None:
        """Planned communities (or households) started over those planned; None when none
        are planned."""
        started, planned = {
            Figure.PLAN_COMMUNITIES: (Figure.PLAN_STARTED_COMMUNITIES, Figure.PLAN_COMMUNITIES),
            Figure.PLAN_HOUSEHOLDS: (Figure.PLAN_STARTED_HOUSEHOLDS, Figure.PLAN_HOUSEHOLDS),
        }[of]
        whole = self[key(planned)]
        return Fraction(self[key(started)]) / Fraction(whole) if whole else None


def _within(day: dt.date | None, window: tuple[dt.date, dt.date]) -> bool:
    return day is not None and window[0] <= day <= window[1]


_STARTED = {
    "projects": Figure.STARTED_PROJECTS,
    "communities": Figure.STARTED_COMMUNITIES,
    "households": Figure.STARTED_HOUSEHOLDS,
}
_COMPLETED = {
    "projects": Figure.COMPLETED_PROJECTS,
    "communities": Figure.COMPLETED_COMMUNITIES,
    "households": Figure.COMPLETED_HOUSEHOLDS,
}


def share(facts: ProjectFacts, month: Month) -> Tally:
    """One project's part of each figure of ``month``."""
    values: dict[str, Decimal] = {}

    def put(name: str, value: Decimal | int) -> None:
        if value:
            values[name] = values.get(name, ZERO) + Decimal(value)

    sizes = {"projects": 1, "communities": facts.communities, "households": facts.households}
    last = month.last
    if facts.plan_year == month.year:
        for size, figure in (
            ("projects", Figure.PLAN_PROJECTS),
            ("communities", Figure.PLAN_COMMUNITIES),
            ("households", Figure.PLAN_HOUSEHOLDS),
        ):
            put(key(figure), sizes[size])
        put(key(Figure.PLAN_BUILDINGS), facts.buildings)
        put(key(Figure.PLAN_AREA), facts.area)
        put(key(Figure.PLAN_INVESTMENT), facts.planned)
        if facts.started_on is not None and facts.started_on <= last:
            put(key(Figure.PLAN_STARTED_COMMUNITIES), facts.communities)
            put(key(Figure.PLAN_STARTED_HOUSEHOLDS), facts.households)
    spent = facts.spent_by(last)
    for span, window in (
        (Span.YEAR, (dt.date(month.year, 1, 1), last)),
        (Span.MONTH, (month.first, last)),
    ):
        for day, figures in ((facts.started_on, _STARTED), (facts.completed_on, _COMPLETED)):
            if _within(day, window):
                for size, count in sizes.items():
                    put(key(figures[size], span), count)
        put(key(Figure.INVESTED, span), spent - facts.spent_by(window[0] - dt.timedelta(days=1)))
        for counted in facts.outcomes:
            if _within(counted.on, window):
                put(key(counted.indicator, span), counted.quantity)
    return Tally(values)


def total(tallies: Iterable[Tally]) -> Tally:
    summed: dict[str, Decimal] = {}
    for tally in tallies:
        for name, value in tally.values.items():
            summed[name] = summed.get(name, ZERO) + value
    return Tally(summed)


def _grouped(rows: Iterable[tuple[ProjectFacts, str, Tally]]) -> dict[str, Tally]:
    """The rows' shares summed by group, the groups in order."""
    by_group: dict[str, list[Tally]] = {}
    for _facts, name, tally in rows:
        by_group.setdefault(name, []).append(tally)
    return {name: total(tallies) for name, tallies in sorted(by_group.items())}


def city_of(district: str) -> str:
    """The city of a district's code, six digits or twelve (GB/T 2260: its first four)."""
    return district[:4].ljust(len(district), "0")


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """A month's report of an area: each project with its share and its group (a district for
    a city's report, a city for a province's), each group's figures and the whole's."""

    month: Month
    rows: tuple[tuple[ProjectFacts, str, Tally], ...]
    groups: Mapping[str, Tally]
    whole: Tally


def monthly_report(
    facts: Iterable[ProjectFacts], month: Month, group: Callable[[ProjectFacts], str]
) -> MonthlyReport:
    rows = tuple((project, group(project), share(project, month)) for project in facts)
    groups = _grouped(rows)
    return MonthlyReport(month, rows, groups, total(groups.values()))


def behind(report: MonthlyReport, name: str, group: str = "") -> list[ProjectFacts]:
    """The projects a figure of ``report`` sums (of one group, or of the whole): those with a
    share in it."""
    return [
        project
        for project, in_group, tally in report.rows
        if tally[name] and (not group or in_group == group)
    ]


class Problem(enum.StrEnum):
    COUNTED_OUTSIDE = "counted_outside"  # counted in a period its date is not in
    NOT_THE_SUM = "not_the_sum"  # a group's figure is not its projects' sum, or the whole's
    DECREASED = "decreased"  # a cumulative figure fell from the month before
    MONTH_NOT_GROWTH = "month_not_growth"  # the month's figure is not the cumulative's growth
    COMPLETED_BEFORE_START = "completed_before_start"
    SHARE_NOT_FOLLOWING = "share_not_following"  # a return's share its project's facts deny
    OUTSIDE_THE_AREA = "outside_the_area"  # a return's project in another area than its sender


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a statistician would send back: which figure, where (a project's, a
    group's code, or empty for the whole), in which month, and why."""

    name: str
    where: str
    month: Month
    problem: Problem


def _flows() -> list[Figure | Indicator]:
    return [*FLOWS, *Indicator]


def findings(reports: Sequence[MonthlyReport]) -> list[Finding]:
    """The checks a statistician runs on the months reported before passing them up: every
    project counted as started or completed in a period has its date in that period; the
    projects add up to their group and the groups to the whole; and from month to month of a
    year, no cumulative figure decreases and the month's figure is the cumulative's growth.
    Reports as read back from a package are checked as they stand, not computed again."""
    found: list[Finding] = []
    previous: MonthlyReport | None = None
    for report in sorted(reports, key=lambda r: (r.month.year, r.month.month)):
        month = report.month
        windows = [(span, month.window(span)) for span in Span]
        for project, _, tally in report.rows:
            if (
                project.started_on is not None
                and project.completed_on is not None
                and project.completed_on < project.started_on
            ):
                found.append(
                    Finding("completed", project.code, month, Problem.COMPLETED_BEFORE_START)
                )
            for figure, day in (
                (Figure.STARTED_PROJECTS, project.started_on),
                (Figure.COMPLETED_PROJECTS, project.completed_on),
            ):
                for span, window in windows:
                    if bool(tally[key(figure, span)]) != _within(day, window):
                        found.append(
                            Finding(key(figure, span), project.code, month, Problem.COUNTED_OUTSIDE)
                        )
        sums = _grouped(report.rows)
        names = keys()
        for group in sorted(set(sums) | set(report.groups)):
            for name in names:
                if sums.get(group, Tally())[name] != report.groups.get(group, Tally())[name]:
                    found.append(Finding(name, group, month, Problem.NOT_THE_SUM))
        whole = total(report.groups.values())
        for name in names:
            if whole[name] != report.whole[name]:
                found.append(Finding(name, "", month, Problem.NOT_THE_SUM))
        before = previous if previous is not None and previous.month == month.before else None
        if month.month == 1 or before is not None:
            current = {**report.groups, "": report.whole}
            earlier = {**before.groups, "": before.whole} if before is not None else {}
            for group, tally in current.items():
                for flow in _flows():
                    year, alone = tally[key(flow, Span.YEAR)], tally[key(flow, Span.MONTH)]
                    last = earlier.get(group, Tally())[key(flow, Span.YEAR)]
                    if year < last:
                        found.append(Finding(key(flow, Span.YEAR), group, month, Problem.DECREASED))
                    if year - last != alone:
                        found.append(
                            Finding(key(flow, Span.MONTH), group, month, Problem.MONTH_NOT_GROWTH)
                        )
        previous = report
    return found
