"""A report as headed sections of sentences, tables and charts, worded once: the Word writer,
the printed page (PDF) and the workbook all render this same outline, so the three files say
the same thing in the same words."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from anju.core.alerts import AlertKind
from anju.core.report_periods import Period, PeriodKind, date_words, period_words
from anju.supervision.reports import ReportData
from anju.supervision.wording import KIND_NAMES, rank_text
from anju.web.outcomes import REPORTED_UNIT, outcome_name


@dataclass(frozen=True, slots=True)
class Table:
    sheet: str  # its worksheet's name in the workbook
    headers: list[str]
    rows: list[list[str | int | float]]


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    caption: str
    unit: str
    names: list[str]
    series: list[tuple[str, list[float]]]
    counts: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "names": self.names,
            "series": [{"name": name, "values": values} for name, values in self.series],
        }


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    issuer: str
    written: str
    sections: list[Section]


def report_title(area_name: str, period: Period) -> str:
    titles = {
        PeriodKind.MONTH: _("{area}: bulletin on the renovation of old communities, {period}"),
        PeriodKind.QUARTER: _(
            "{area}: quarterly bulletin on the renovation of old communities, {period}"
        ),
        PeriodKind.YEAR: _("{area}: annual summary of the renovation of old communities, {period}"),
    }
    return titles[period.kind].format(area=area_name, period=period_words(period))


def _score(score: Fraction | None) -> str:
    return "—" if score is None else f"{float(score):.2f}"


def _standing(data: ReportData) -> Section:
    t = data.totals
    return Section(
        _("1. Where the program stands"),
        [
            _(
                "By {day}: {registered} projects registered, {building} started building, "
                "{accepted} passed completion acceptance, {closed} closed."
            ).format(
                day=date_words(data.as_of),
                registered=t.registered,
                building=t.building,
                accepted=t.accepted,
                closed=t.closed,
            ),
            _(
                "From {start} to {end}: {started} projects started building, {accepted} passed "
                "completion acceptance and {closed} were closed in the ledger."
            ).format(
                start=date_words(data.period.start),
                end=date_words(data.as_of),
                started=data.started,
                accepted=data.accepted,
                closed=data.closed,
            ),
        ],
    )


def _number(value: Decimal) -> int | float:
    """A whole figure as a whole number (22 lifts, not 22.0)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _outcomes(data: ReportData) -> Section:
    """The outcomes the ministry counts, in the period and from January, in its units."""
    if not any(ytd for _i, _p, ytd in data.outcomes):
        return Section(
            _("2. What the works left behind"),
            [_("No outcome has been counted this year yet.")],
        )
    return Section(
        _("2. What the works left behind"),
        [
            _(
                "Counted when the works passed the joint completion acceptance, from {start} "
                "to {end} and from the start of the year."
            ).format(start=date_words(data.period.start), end=date_words(data.as_of))
        ],
        Table(
            _("Outcomes"),
            [_("Indicator"), _("Unit"), _("In the period"), _("Year to date")],
            [
                [outcome_name(i), str(REPORTED_UNIT[i]), _number(period), _number(ytd)]
                for i, period, ytd in data.outcomes
            ],
        ),
    )


def _ranking(data: ReportData) -> Section:
    several = len(data.months) > 1
    headers = [_("Rank"), _("District")]
    if several:
        headers += [m.label for m in data.months]
    headers.append(_("Mean score") if several else _("Score"))
    rows: list[list[str | int | float]] = [
        [
            rank_text(row.ranked.rank, row.among),
            row.district.name,
            *([_score(s) for s in row.monthly] if several else []),
            _score(row.ranked.score),
        ]
        for row in data.ranking
    ]
    scored = [row for row in data.ranking if row.ranked.score is not None]
    return Section(
        _("3. The districts ranked by the assessment"),
        [
            _(
                "Each month's score weighs progress against the plan, money paid, works free of "
                "open defects, residents' satisfaction and publicity sent, by the policy pack; "
                "a district with no renovation work in a month is not scored for it."
            )
        ],
        Table(_("Ranking"), headers, rows),
        Chart(
            "scores",
            _("Assessment score by district"),
            _("points"),
            [row.district.name for row in scored],
            [(headers[-1], [round(float(row.ranked.score or 0), 2) for row in scored])],
        )
        if scored
        else None,
    )


def _alerts(data: ReportData) -> Section:
    by_district = data.alerts_by_district()
    by_kind = data.alerts_by_kind()
    # a column for each kind found somewhere, so that an A4 page holds the table; the rest named
    kinds = [kind for kind in AlertKind if by_kind[kind]]
    none = [str(KIND_NAMES[kind]) for kind in AlertKind if not by_kind[kind]]
    if not by_district:
        return Section(_("4. Alerts by district"), [_("No alert.")])
    said = [_("Alerts as they stood on {day}.").format(day=date_words(data.as_of))]
    if none:
        said.append(_("No alert of these kinds: {kinds}.").format(kinds="、".join(none)))
    return Section(
        _("4. Alerts by district"),
        said,
        Table(
            _("Alerts"),
            [_("District"), *(str(KIND_NAMES[k]) for k in kinds)],
            [[name, *(counts.get(k, 0) for k in kinds)] for name, counts in by_district.items()],
        ),
        Chart(
            "alerts",
            _("Alerts by kind"),
            _("alerts"),
            [str(KIND_NAMES[k]) for k in kinds],
            [(_("Alerts"), [float(by_kind[k]) for k in kinds])],
            counts=True,
        ),
    )


def _interviews(data: ReportData) -> Section:
    laggards = data.laggards()
    if not laggards:
        return Section(_("5. To be called in for an interview"), [_("No district to call in.")])
    return Section(
        _("5. To be called in for an interview"),
        [
            _("{district}: {count} alerts ({kinds}).").format(
                district=name,
                count=laggard.alerts,
                kinds="、".join(f"{KIND_NAMES[k]} {n}" for k, n in sorted(laggard.by_kind.items())),
            )
            for name, laggard in laggards
        ],
    )


def report_document(data: ReportData) -> ReportDocument:
    """Every figure stands at one day, the period's last (or today while it runs), said once
    in each sentence that counts; the issuer and the day it was written close the document,
    as a government document's signature does."""
    return ReportDocument(
        report_title(data.area.name, data.period),
        data.area.name,
        date_words(data.written_on),
        [_standing(data), _outcomes(data), _ranking(data), _alerts(data), _interviews(data)],
    )
