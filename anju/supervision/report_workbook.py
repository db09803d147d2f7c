"""The data behind a report as a workbook: its tables as they are printed, the assessment's
figures month by month, every alert it counted and the ledger it read, so a reader can check
each figure of the bulletin from the rows it came from."""

from __future__ import annotations

from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import Area
from anju.core.money import yuan
from anju.core.policy_pack import Pack
from anju.supervision.report_document import ReportDocument
from anju.supervision.reports import ReportData
from anju.supervision.selectors.ledger import add_ledger_sheet, ledger_projects
from anju.supervision.wording import KIND_NAMES, rank_text
from anju.workbooks import new_workbook


def _sheet(
    book: xlsxwriter.Workbook, name: str, headers: list[str]
) -> xlsxwriter.worksheet.Worksheet:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, headers, book.add_format({"bold": True}))
    sheet.set_column(0, len(headers) - 1, 14)
    sheet.freeze_panes(1, 0)
    return sheet


def _assessment_sheet(book: xlsxwriter.Workbook, data: ReportData, pack: Pack) -> None:
    indicators = pack.model.assessment.indicators
    sheet = _sheet(
        book,
        _("Assessment figures"),
        [
            _("Month"),
            _("District"),
            _("Planned this year"),
            _("Started"),
            _("Granted (yuan)"),
            _("Paid (yuan)"),
            _("Building"),
            _("With open defects"),
            _("Satisfaction"),
            _("Publicity sent"),
            *(i.text for i in indicators),
            _("Score"),
            _("Rank"),
        ],
    )
    number = 0
    for month in data.months:
        for row in month.assessed.rows:
            f = row.figures
            number += 1
            sheet.write_row(
                number,
                0,
                [
                    month.label,
                    row.district.name,
                    f.planned,
                    f.started,
                    yuan(f.granted),
                    yuan(f.paid),
                    f.building,
                    f.with_open_defects,
                    "" if f.satisfaction is None else float(f.satisfaction),
                    f.publicity_reports,
                    *("" if (s := row.scores.get(i.key)) is None else float(s) for i in indicators),
                    "" if row.ranked.score is None else float(row.ranked.score),
                    rank_text(row.ranked.rank, row.among),
                ],
            )


def _alerts_sheet(book: xlsxwriter.Workbook, data: ReportData) -> None:
    sheet = _sheet(
        book,
        _("Alert list"),
        [
            _("District"),
            _("Community code"),
            _("Kind"),
            _("Responsible unit"),
            _("Since"),
            _("Detail"),
        ],
    )
    for number, alert in enumerate(data.alerts, start=1):
        sheet.write_row(
            number,
            0,
            [
                data.district_name(alert.district),
                alert.community,
                str(KIND_NAMES[alert.kind]),
                alert.unit,
                alert.since.isoformat() if alert.since else "",
                alert.detail,
            ],
        )


def write_report_workbook(
    target: IO[bytes] | str, report: ReportDocument, data: ReportData, pack: Pack
) -> None:
    book = new_workbook(target, in_memory=True)
    for section in report.sections:
        if section.table is not None:
            sheet = _sheet(book, section.table.sheet, section.table.headers)
            for number, row in enumerate(section.table.rows, start=1):
                sheet.write_row(number, 0, row)
    _assessment_sheet(book, data, pack)
    _alerts_sheet(book, data)
    add_ledger_sheet(book, ledger_projects(Area(data.area.code)))
    book.close()
