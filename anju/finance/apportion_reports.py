"""An apportionment as ``anju apportion`` prints it and as the household share sheet a
residents' committee posts: amounts in yuan to two decimals that add up to the total."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _

from anju.core.apportion import Apportionment, Dwelling, Rule
from anju.core.household_shares import Bills
from anju.core.money import yuan, yuan_text
from anju.workbooks import new_workbook


def apportion_json(result: Apportionment) -> dict[str, Any]:
    report: dict[str, Any] = {
        "total": yuan_text(result.total),
        "rule": str(result.rule),
        "shares": [
            {"dwelling_id": s.dwelling_id, "amount": yuan_text(s.amount)} for s in result.shares
        ],
    }
    if result.covered_by is not None:
        report["covered"] = {"channel": result.covered_by, "amount": yuan_text(result.covered)}
    return report


def write_apportion_workbook(
    target: IO[bytes] | str,
    title: str,
    result: Apportionment,
    dwellings: Mapping[str, Dwelling],
    labels: Mapping[str, str] | None = None,
) -> None:
    """One row per household with its area, floor, weight and amount, and the totals."""
    book = new_workbook(target, in_memory=True)
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
    area = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet(_("Household shares"))
    sheet.write(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    rule = {Rule.AREA: _("by exclusive area"), Rule.FLOOR: _("by floor coefficient × area")}
    sheet.write(1, 0, _("Shared {rule}").format(rule=rule[result.rule]))
    headers = [
        _("Dwelling"),
        _("Exclusive area (m²)"),
        _("Floor"),
        _("Weight"),
        _("Share before reductions (yuan)"),
        _("Reduced by (yuan; below zero where it carries others' reductions)"),
        _("Paid by the household (yuan)"),
    ]
    sheet.write_row(3, 0, headers, bold)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(headers) - 1, 16)
    row = 4
    for share in result.shares:
        dwelling = dwellings[share.dwelling_id]
        sheet.write(row, 0, (labels or {}).get(share.dwelling_id, share.dwelling_id))
        sheet.write_number(row, 1, float(dwelling.exclusive_area), area)
        sheet.write_number(row, 2, dwelling.floor)
        sheet.write_number(row, 3, float(share.weight), area)
        sheet.write_number(row, 4, float(yuan(share.gross)), money)
        sheet.write_number(row, 5, float(yuan(share.waived)), money)
        sheet.write_number(row, 6, float(yuan(share.amount)), money)
        row += 1
    sheet.write(row, 0, _("Total"), bold)
    sheet.write_number(row, 4, float(yuan(result.total)), money_bold)
    sheet.write_number(row, 5, float(yuan(result.total - result.paid_by_households)), money_bold)
    sheet.write_number(row, 6, float(yuan(result.paid_by_households)), money_bold)
    if result.covered_by is not None:
        sheet.write(row + 1, 0, _("Reductions paid by {channel}").format(channel=result.covered_by))
        sheet.write_number(row + 1, 5, float(yuan(result.covered)), money)
    book.close()


def bills_json(bills: Bills, labels: Mapping[str, str]) -> dict[str, Any]:
    """A project's household shares: ``total`` is the households' part of the funding plan,
    the amounts what each pays; with reductions paid by a channel, ``covered`` is that part."""
    report: dict[str, Any] = {
        "total": yuan_text(bills.total),
        "common": yuan_text(bills.common_total),
        "by_floor": yuan_text(bills.by_floor_total),
        "shares": [
            {
                "dwelling_id": labels.get(b.dwelling_id, b.dwelling_id),
                "amount": yuan_text(b.total),
                "common": yuan_text(b.common),
                "by_floor": yuan_text(b.by_floor),
            }
            for b in bills.bills
        ],
    }
    covered = sum(b.covered for b in bills.bills)
    if covered:
        report["covered"] = yuan_text(covered)
    return report


def write_bills_workbook(
    target: IO[bytes] | str, community: object, bills: Bills, labels: Mapping[str, str]
) -> None:
    """The household share sheet of a project (居民出资分户明细)."""
    book = new_workbook(target, in_memory=True)
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
    sheet = book.add_worksheet(_("Household shares"))
    sheet.write(
        0,
        0,
        _("{community}: household shares of the residents' part").format(community=community),
        book.add_format({"bold": True, "font_size": 14}),
    )
    headers = [
        _("Dwelling"),
        _("Common work, by area (yuan)"),
        _("Elevator, by floor (yuan)"),
        _("Paid by a channel for hardship (yuan)"),
        _("Paid by the household (yuan)"),
    ]
    sheet.write_row(2, 0, headers, bold)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, len(headers) - 1, 18)
    row = 3
    for bill in sorted(bills.bills, key=lambda b: labels.get(b.dwelling_id, b.dwelling_id)):
        sheet.write(row, 0, labels.get(bill.dwelling_id, bill.dwelling_id))
        for column, fen in enumerate((bill.common, bill.by_floor, bill.covered, bill.total), 1):
            sheet.write_number(row, column, float(yuan(fen)), money)
        row += 1
    sheet.write(row, 0, _("Total"), bold)
    totals = (
        sum(b.common for b in bills.bills),
        sum(b.by_floor for b in bills.bills),
        sum(b.covered for b in bills.bills),
        sum(b.total for b in bills.bills),
    )
    for column, fen in enumerate(totals, 1):
        sheet.write_number(row, column, float(yuan(fen)), money_bold)
    book.close()
