"""Ledger validation issues in the user's language: the core gives codes, this words them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.ledger import Issue
from anju.core.ledger_layout import WordingRefused

_MESSAGES = {
    "missing_sheet": gettext_lazy("The workbook has none of the sheets 小区, 楼栋 or 房屋."),
    "empty_sheet": gettext_lazy("The sheet is empty: it needs a header row."),
    "missing_column": gettext_lazy("Required column is missing from the header row."),
    "duplicate_column": gettext_lazy("This column appears twice in the header row."),
    "required": gettext_lazy("Required value is empty."),
    "too_long": gettext_lazy("Longer than {max_length} characters."),
    "bad_community_code": gettext_lazy(
        "A community code may only contain letters, digits and '-', at most 32 characters."
    ),
    "not_integer": gettext_lazy("Not a whole number."),
    "not_number": gettext_lazy("Not a number."),
    "not_year": gettext_lazy(
        "Not a year: write the year it was built, as 1991 or 1991年 (a decade is not enough)."
    ),
    "out_of_range": gettext_lazy("Must be between {minimum} and {maximum}."),
    "too_many_decimals": gettext_lazy("At most {places} decimal places."),
    "floor_zero": gettext_lazy(
        "There is no floor 0: use 1 for the ground floor and -1 for the first basement."
    ),
    "not_yes_no": gettext_lazy("Must be 是 or 否."),
    "not_choice": gettext_lazy("Must be one of: {choices}."),
    "bad_division_code": gettext_lazy("A division code has 6, 9 or 12 digits."),
    "bad_id_number": gettext_lazy("Not a valid resident ID number: {reason}."),
    "unknown_district": gettext_lazy("No such district or county in the division registry."),
    "ambiguous_district": gettext_lazy(
        "Several districts or counties bear this name: {candidates}. Give the community's "
        "行政区划代码 to say which."
    ),
    "unknown_street": gettext_lazy("No such street or township in this district."),
    "unknown_committee": gettext_lazy("No such residents' committee in this street."),
    "division_code_mismatch": gettext_lazy(
        "The division code does not match the district, street and committee named."
    ),
    "outside_jurisdiction": gettext_lazy(
        "Outside your jurisdiction: you may not change communities there."
    ),
    "outside_area": gettext_lazy("Outside your jurisdiction: you may not change records there."),
    "unknown_division": gettext_lazy("No division with this code in the division registry."),
    "too_many_rows": gettext_lazy("More than {most} rows: split the workbook in two."),
    "duplicate_in_sheet": gettext_lazy("Duplicate of row {first_row}."),
    "duplicate_in_book": gettext_lazy("Duplicate of row {first_row} of sheet “{first_sheet}”."),
    "fund_balance_without_initial": gettext_lazy(
        "A maintenance fund balance is given but no initial amount."
    ),
    "unknown_community": gettext_lazy(
        "No community with this code in the 小区 sheet or the registry."
    ),
    "unknown_building": gettext_lazy(
        "No such building in the 楼栋 sheet or the registry for this community."
    ),
    "floor_above_building": gettext_lazy("Above the building's top floor ({floors})."),
    "masked_id_unknown": gettext_lazy(
        "A masked ID number is only accepted unchanged for a dwelling whose owner's number is on record."
    ),
}

_ID_REASONS = {
    "shape": gettext_lazy("it must be 17 digits followed by a digit or X"),
    "region": gettext_lazy("the first two digits are not a province code"),
    "birth_date": gettext_lazy("digits 7 to 14 are not a valid date of birth"),
    "check_digit": gettext_lazy("the check digit does not match (GB 11643)"),
}


LEFT_OUT = gettext_lazy(
    "it is not a 小区, 楼栋 or 房屋 sheet (its headers do not name 小区名称, 楼栋号 or 房号), or a "
    "sheet bearing that name was read instead."
)
_WORDING_REFUSALS = {
    "not_a_column": gettext_lazy("“{header}” is not a column of this sheet."),
    "unknown_unit": gettext_lazy(
        "Anju does not know the unit “{unit}”: give this column in {expected} (or 万{expected}) "
        "in the file and send it again, rather than have it read wrong."
    ),
    "unit_mismatch": gettext_lazy("This column is in {unit}; the column chosen is in {expected}."),
    "too_long": gettext_lazy("The header is longer than 100 characters."),
}


def wording_refusal(refused: WordingRefused) -> str:
    """Why a column cannot be read as the one chosen, naming the column."""
    said = str(_WORDING_REFUSALS[refused.code]).format(**refused.params)
    written = refused.params.get("written")
    return f"“{written}”：{said}" if written else said


def describe(issue: Issue) -> str:
    params = dict(issue.params)
    if issue.code == "bad_id_number":
        params["reason"] = str(_ID_REASONS.get(str(params.get("reason")), params.get("reason")))
    template = _MESSAGES.get(issue.code)
    if template is None:
        return issue.code
    return str(template).format(**params)


def locate(issue: Issue) -> str:
    """Where the issue is, as a person would say it: sheet, row and column."""
    if issue.row == 0:
        return _("workbook")
    where = _("sheet “{sheet}”, row {row}").format(sheet=issue.sheet, row=issue.row)
    if issue.column:
        where += _(", column “{column}”").format(column=issue.column)
    return where


def understood_lines(understood: Sequence[Mapping[str, Any]]) -> list[str]:
    """How each sheet was read (core.ledger_layout.as_record), in a few lines for the terminal:
    what differs from the template only, since a template's own sheet needs no telling."""
    lines: list[str] = []
    for sheet in understood:
        renamed = [
            f"{written} → {header}" + (f" ×{factor}" if factor != "1" else "")
            for written, header, factor in sheet["columns"]
            if written != header or factor != "1"
        ]
        if sheet["plain"]:
            continue
        if sheet.get("left_out"):
            lines.append(
                _("Sheet “{source}” not read: {why}").format(source=sheet["source"], why=LEFT_OUT)
            )
            continue
        top = sheet.get("header_from", sheet["header_row"])
        if top != sheet["header_row"]:
            said = _("Sheet “{source}”, read as the {kind} sheet: headers on rows {top}–{row}")
        else:
            said = _("Sheet “{source}”, read as the {kind} sheet: headers on row {row}")
        lines.append(
            said.format(
                source=sheet["source"], kind=sheet["sheet"], top=top, row=sheet["header_row"]
            )
        )
        if renamed:
            lines.append("  " + "；".join(renamed))
        if sheet["unknown"]:
            lines.append("  " + _("Columns not read:") + " " + "、".join(sheet["unknown"]))
        if sheet["totals"]:
            rows = "、".join(str(row) for row in sheet["totals"])
            lines.append("  " + _("Rows passed over as totals:") + " " + rows)
    return lines
