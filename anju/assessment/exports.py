"""The content list as a workbook officials file with a project's papers: lines, estimate in
万元 by category, and the approval path with its citations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from django.utils.translation import gettext as _

from anju.assessment.models import Category, Per, Proposal
from anju.core.content_list import Line, approval_path, estimate, wan
from anju.core.policy_pack import CATEGORIES, Pack
from anju.policy.library import citation_words
from anju.registry.models import Community
from anju.web.facilities import Facility
from anju.workbooks import new_workbook


def write_content_list(
    target: IO[bytes] | str, community: Community, pack: Pack, lines: Sequence[Line]
) -> None:
    book = new_workbook(target, in_memory=True)
    sheet = book.add_worksheet(_("Content list"))
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, [f"{community.name}（{community.code}）", pack.model.title], bold)
    headers = [
        _("Category"),
        _("Content"),
        _("Facility"),
        _("Priced"),
        _("Quantity"),
        _("Unit price (yuan)"),
        _("Estimate (10,000 yuan)"),
        _("In the plan"),
        _("Proposed as"),
        _("Basis"),
        _("Citation"),
        _("Source clause"),
    ]
    sheet.write_row(2, 0, headers, bold)
    row = 3
    for line in lines:
        cost = line.cost_yuan
        sheet.write_row(
            row,
            0,
            [
                str(Category(line.category).label),
                line.name,
                str(Facility(line.facility).label) if line.facility else "",
                str(Per(line.per).label),
            ],
        )
        if line.quantity is not None:
            sheet.write_number(row, 4, float(line.quantity), money)
        sheet.write_number(row, 5, float(line.unit_cost_yuan), money)
        if cost is not None:
            sheet.write_number(row, 6, float(wan(cost)), money)
        sheet.write_row(
            row,
            7,
            [
                _("yes") if line.selected else _("no"),
                str(Proposal(line.proposal).label),
                line.reason.text if line.reason else "",
                citation_words(line.reason.citation) if line.reason else "",
                line.source,
            ],
        )
        row += 1
    result = estimate(lines)
    row += 1
    sheet.write(row, 0, _("Estimate (10,000 yuan)"), bold)
    for category in CATEGORIES:
        row += 1
        sheet.write(row, 0, str(Category(category).label))
        sheet.write_number(row, 6, float(wan(result.by_category[category])), money)
    row += 1
    sheet.write(row, 0, _("Total"), bold)
    sheet.write_number(row, 6, float(wan(result.total_yuan)), money)
    if result.unpriced:
        row += 1
        sheet.write(row, 0, _("Not priced, quantity unknown: %s") % "、".join(result.unpriced))
    row += 2
    sheet.write(row, 0, _("Approval path"), bold)
    for reason in approval_path(pack, lines).reasons:
        row += 1
        sheet.write_row(row, 0, [reason.text, citation_words(reason.citation)])
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 8, 14)
    sheet.set_column(9, 9, 40)
    sheet.set_column(10, 10, 22)
    book.close()
