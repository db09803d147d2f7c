"""The trace of every yuan, as the workbook an auditor asks for: one row per payment (or per
grant not yet paid, or budget not yet granted), from source to project to disbursement."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from anju.core.money import yuan
from anju.finance.models import channel_name
from anju.finance.money.selectors import TraceRow
from anju.projects.models import ProjectStage
from anju.workbooks import new_workbook


def write_trace_workbook(target: IO[bytes] | str, rows: Iterable[TraceRow]) -> None:
    book = new_workbook(target, in_memory=True)
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet(_("Money trace"))
    headers = [
        _("Year"),
        _("Budget"),
        _("Funding channel"),
        _("Held by"),
        _("Budget (yuan)"),
        _("Community code"),
        _("Community"),
        _("District"),
        _("Set aside (yuan)"),
        _("Paid on"),
        _("Milestone"),
        _("Voucher number"),
        _("Paid (yuan)"),
    ]
    sheet.write_row(0, 0, headers, bold)
    sheet.set_column(0, len(headers) - 1, 16)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        budget, grant, payment = row.budget, row.grant, row.payment
        cells: list[object] = [
            budget.year,
            budget.name,
            channel_name(budget.channel),
            budget.division.name,
            _number(yuan(budget.amount)),
        ]
        if grant is not None:
            community = grant.project.community
            cells += [
                community.code,
                community.name,
                community.district.name,
                _number(yuan(grant.amount)),
            ]
        else:
            cells += ["", "", "", ""]
        if payment is not None:
            cells += [
                payment.paid_on.isoformat(),
                str(ProjectStage(payment.stage).label),
                payment.voucher,
                _number(yuan(payment.amount)),
            ]
        for column, value in enumerate(cells):
            if isinstance(value, float):
                sheet.write_number(number, column, value, money)
            else:
                sheet.write(number, column, value)
    book.close()


def _number(value: Decimal) -> float:
    return float(value)
