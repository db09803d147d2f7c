"""The monthly report as the workbook a bureau sends (表1 plan and progress, 表2 outcomes,
表3 the projects), written from the same reading as the page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _

from anju.core.money import yuan
from anju.core.monthly_report import Figure, Span, key
from anju.core.report_periods import Period, PeriodKind, period_words
from anju.supervision.monthly import Column, MonthlyData, outcome_columns, progress_columns
from anju.workbooks import new_workbook


def _table(
    book: xlsxwriter.Workbook,
    name: str,
    title: str,
    data: MonthlyData,
    columns: Sequence[Column],
) -> None:
    """A statistical return's layout: one row per indicator with its unit, the total and then
    each area across."""
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    sheet.write(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    sheet.write_row(2, 0, [_("Indicator"), _("Unit"), *(n for _c, n in data.areas())], bold)
    for number, (column, values) in enumerate(data.table(columns), start=3):
        sheet.write_string(number, 0, str(column.heading))
        sheet.write_string(number, 1, str(column.unit))
        for place, (_code, value) in enumerate(values, start=2):
            if value is None:
                sheet.write_string(number, place, "—")
            else:
                sheet.write_number(number, place, float(value))
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(data.areas()) + 1, 12)
    sheet.freeze_panes(3, 2)


def write_monthly_workbook(data: MonthlyData, target: IO[bytes]) -> None:
    book = new_workbook(target, in_memory=True)
    words = period_words(Period(PeriodKind.MONTH, data.month.year, data.month.month))
    heading = f"{data.area.name} {words}"
    progress, outcomes = progress_columns(), outcome_columns()
    _table(
        book,
        _("Table 1 Plan and progress"),
        f"{heading} {_('Plan and progress')}",
        data,
        progress,
    )
    _table(
        book,
        _("Table 2 Outcomes"),
        f"{heading} {_('Outcomes')}",
        data,
        outcomes,
    )
    sheet = book.add_worksheet(_("Table 3 Projects"))
    headers = [
        _("Community code"),
        _("Project"),
        _("Area"),
        _("Communities"),
        _("Buildings"),
        _("Households"),
        _("Floor area (m²)"),
        _("Annual plan year"),
        _("Construction started"),
        _("Construction completed"),
        _("Investment planned (yuan)"),
        _("Investment made, year to date (yuan)"),
    ]
    sheet.write_row(0, 0, headers, book.add_format({"bold": True}))
    invested = key(Figure.INVESTED, Span.YEAR)
    for number, (project, group, tally) in enumerate(data.report.rows, start=1):
        sheet.write_row(
            number,
            0,
            [
                project.code,
                project.name,
                data.names.get(group, group),
                project.communities,
                project.buildings,
                project.households,
                float(project.area),
                project.plan_year or "",
                project.started_on.isoformat() if project.started_on else "",
                project.completed_on.isoformat() if project.completed_on else "",
                float(yuan(project.planned)),
                float(yuan(int(tally[invested]))),
            ],
        )
    sheet.set_column(0, len(headers) - 1, 14)
    sheet.freeze_panes(1, 2)
    book.close()
