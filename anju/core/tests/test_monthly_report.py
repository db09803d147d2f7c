import dataclasses
import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from anju.core.monthly_report import (
    Counted,
    Figure,
    Finding,
    Month,
    MonthlyReport,
    Problem,
    ProjectFacts,
    Span,
    Tally,
    behind,
    findings,
    key,
    monthly_report,
)
from anju.core.outcomes import Indicator, reported


def facts(code: str, **changes: object) -> ProjectFacts:
    base = ProjectFacts(
        code=code,
        name=code,
        district="500103",
        communities=1,
        buildings=4,
        households=100,
        area=Decimal("6000.00"),
        plan_year=2026,
        started_on=None,
        completed_on=None,
        planned=0,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def by_district(project: ProjectFacts) -> str:
    return project.district


MAY = Month(2026, 5)


def test_a_month_reported_as_worked_by_hand() -> None:
    bundle = facts(
        "A",
        communities=3,
        households=250,
        buildings=9,
        started_on=dt.date(2026, 3, 2),
        planned=500_000_00,
        spent=(  # reports on the last day of a period and on the first of the next
            (dt.date(2025, 12, 31), 10_000_00),
            (dt.date(2026, 1, 1), 15_000_00),
            (dt.date(2026, 4, 30), 60_000_00),
            (dt.date(2026, 5, 1), 70_000_00),
            (dt.date(2026, 5, 20), 90_000_00),
        ),
        outcomes=(Counted(Indicator.LIFTS, Decimal(2), dt.date(2026, 5, 8)),),
    )
    may_start = facts("B", district="500104", started_on=dt.date(2026, 5, 31), planned=80_000_00)
    not_started = facts("C", district="500104", households=40, planned=20_000_00)
    last_years = facts(
        "D",
        plan_year=2025,
        started_on=dt.date(2025, 9, 1),
        completed_on=dt.date(2026, 5, 1),
        outcomes=(Counted(Indicator.PIPELINES, Decimal("1250.5"), dt.date(2026, 4, 2)),),
    )
    report = monthly_report([bundle, may_start, not_started, last_years], MAY, by_district)
    whole = report.whole

    assert whole[key(Figure.PLAN_PROJECTS)] == 3  # A, B, C: D was planned in 2025
    assert whole[key(Figure.PLAN_COMMUNITIES)] == 5  # the bundle counts its three
    assert whole[key(Figure.PLAN_HOUSEHOLDS)] == 390
    assert whole[key(Figure.PLAN_INVESTMENT)] == 600_000_00
    assert whole[key(Figure.STARTED_PROJECTS, Span.YEAR)] == 2  # A in March, B in May
    assert whole[key(Figure.STARTED_COMMUNITIES, Span.YEAR)] == 4
    assert whole[key(Figure.STARTED_COMMUNITIES, Span.MONTH)] == 1  # B alone
    assert whole[key(Figure.STARTED_HOUSEHOLDS, Span.MONTH)] == 100
    assert whole[key(Figure.COMPLETED_PROJECTS, Span.MONTH)] == 1  # D
    assert whole.start_rate(Figure.PLAN_COMMUNITIES) == Fraction(4, 5)
    assert whole.start_rate(Figure.PLAN_HOUSEHOLDS) == Fraction(350, 390)
    # spent by the end of May 90,000 less 10,000 at the year's start; 30,000 in May
    assert whole[key(Figure.INVESTED, Span.YEAR)] == 80_000_00
    assert whole[key(Figure.INVESTED, Span.MONTH)] == 30_000_00
    assert whole[key(Indicator.LIFTS, Span.MONTH)] == 2
    assert whole[key(Indicator.PIPELINES, Span.YEAR)] == Decimal("1250.5")
    assert whole[key(Indicator.PIPELINES, Span.MONTH)] == 0
    assert reported(Indicator.PIPELINES, Decimal("1250.5")) == Decimal("1.251")
    assert report.groups["500104"][key(Figure.PLAN_PROJECTS)] == 2
    started = key(Figure.STARTED_PROJECTS, Span.YEAR)
    assert [p.code for p in behind(report, started)] == ["A", "B"]
    assert [p.code for p in behind(report, started, "500104")] == ["B"]
    assert findings([report]) == []


def test_no_plan_has_no_start_rate() -> None:
    assert Tally().start_rate(Figure.PLAN_COMMUNITIES) is None


days = st.dates(dt.date(2025, 6, 1), dt.date(2027, 2, 28))


@st.composite
def projects(draw: st.DrawFn, code: str) -> ProjectFacts:
    started = draw(st.none() | days)
    completed = (
        None if started is None else draw(st.none() | st.dates(started, dt.date(2027, 6, 1)))
    )
    reports = sorted(draw(st.lists(st.tuples(days, st.integers(0, 10**9)), max_size=4)))
    spent, highest = [], 0
    for on, fen in reports:  # spending only grows
        highest = max(highest, fen)
        spent.append((on, highest))
    return facts(
        code,
        district=draw(st.sampled_from(["500103", "500104", "510104"])),
        communities=draw(st.integers(1, 4)),
        households=draw(st.integers(1, 3000)),
        plan_year=draw(st.none() | st.integers(2025, 2027)),
        started_on=started,
        completed_on=completed,
        planned=draw(st.integers(0, 10**10)),
        spent=tuple(spent),
        outcomes=tuple(
            Counted(indicator, Decimal(draw(st.integers(1, 10**6))) / 100, on)
            for indicator, on in draw(
                st.lists(st.tuples(st.sampled_from(list(Indicator)), days), max_size=3)
            )
        ),
    )


many = st.integers(0, 12).flatmap(lambda n: st.tuples(*(projects(f"P{i}") for i in range(n))))


def year_of_reports(found: tuple[ProjectFacts, ...]) -> list[MonthlyReport]:
    return [monthly_report(found, Month(2026, m), by_district) for m in range(1, 13)]


@settings(max_examples=60, deadline=None)
@given(many)
def test_a_year_of_reports_passes_the_statisticians_checks(found: tuple[ProjectFacts, ...]) -> None:
    reports = year_of_reports(found)
    assert findings(reports) == []
    for report in reports:
        end = report.month.last
        # the oracle: counted directly from the dates, not through the shares
        started = sum(
            p.communities
            for p in found
            if p.started_on is not None and dt.date(2026, 1, 1) <= p.started_on <= end
        )
        planned_started = sum(
            p.households
            for p in found
            if p.plan_year == 2026 and p.started_on is not None and p.started_on <= end
        )
        assert report.whole[key(Figure.STARTED_COMMUNITIES, Span.YEAR)] == started
        assert report.whole[key(Figure.PLAN_STARTED_HOUSEHOLDS)] == planned_started


@settings(max_examples=30, deadline=None)
@given(many.filter(bool), st.data())
def test_a_report_altered_is_sent_back(
    found: tuple[ProjectFacts, ...], data: st.DataObject
) -> None:
    reports = year_of_reports(found)
    index = data.draw(st.integers(0, 11))
    report = reports[index]
    name = key(Figure.STARTED_COMMUNITIES, Span.YEAR)
    group = data.draw(st.sampled_from(sorted(report.groups)))
    altered = dict(report.groups)
    altered[group] = altered[group] + Tally({name: Decimal(1)})
    reports[index] = dataclasses.replace(report, groups=altered)
    assert found_at(findings(reports), group, Problem.NOT_THE_SUM)

    # a project said to have started on another day than the one it was counted for
    this_year = [p for p in found if p.started_on is not None and p.started_on.year == 2026]
    if this_year:
        started = this_year[0]
        assert started.started_on is not None
        moved = dataclasses.replace(started, started_on=started.started_on.replace(year=2027))
        reports = [
            dataclasses.replace(
                r, rows=tuple((moved if p is started else p, g, t) for p, g, t in r.rows)
            )
            for r in year_of_reports(found)
        ]
        assert found_at(findings(reports), started.code, Problem.COUNTED_OUTSIDE)


def found_at(found: list[Finding], where: str, problem: Problem) -> bool:
    return any(f.where == where and f.problem is problem for f in found)


def test_spending_stated_lower_than_the_month_before_is_sent_back() -> None:
    shrank = facts(
        "A",
        spent=((dt.date(2026, 2, 10), 50_000_00), (dt.date(2026, 3, 10), 40_000_00)),
    )
    reports = [monthly_report([shrank], Month(2026, m), by_district) for m in (1, 2, 3)]
    found = findings(reports)
    assert [(f.name, f.where, f.month.month, f.problem) for f in found] == [
        (key(Figure.INVESTED, Span.YEAR), "500103", 3, Problem.DECREASED),
        (key(Figure.INVESTED, Span.YEAR), "", 3, Problem.DECREASED),
    ]
