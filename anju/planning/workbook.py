"""The plan as the workbook a bureau submits upward (年度改造计划表): a cover sheet with the
plan's figures and its proof, a summary by district and year, and one sheet per year listing
the communities that start in it, with their totals.

It is written from a plan's JSON (the shape `anju plan` prints and a scenario keeps), so the
command line and the web export the same file; what the registry knows of each community
(street, year built, buildings, households, area) is added where the registry has it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _

from anju.registry.models import Community
from anju.workbooks import new_workbook

WAN = Decimal(10_000)


@dataclass(frozen=True)
class PlanHeading:
    title: str
    pack: str
    budgets: Mapping[int, Decimal]
    """Yuan per year."""


def _registry(codes: list[str]) -> dict[str, Community]:
    found = Community.objects.filter(code__in=codes).select_related("district", "street")
    return {c.code: c for c in found}


def write_plan_workbook(
    target: IO[bytes] | str, heading: PlanHeading, report: Mapping[str, Any]
) -> None:
    book = new_workbook(target, in_memory=True)
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    money = book.add_format({"num_format": "#,##0.00"})
    money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
    area = book.add_format({"num_format": "#,##0"})
    area_bold = book.add_format({"num_format": "#,##0", "bold": True})
    integer_bold = book.add_format({"bold": True})
    selected = list(report.get("selected", []))
    communities = _registry([row["community_code"] for row in selected])

    cover = book.add_worksheet(_("Plan"))
    cover.set_column(0, 0, 28)
    cover.set_column(1, 1, 60)
    cover.write(0, 0, heading.title, title)
    status = {
        "optimal": _("Optimal plan"),
        "feasible": _("Best plan found in time"),
        "infeasible": _("No plan meets every requirement within the budgets"),
    }[report["status"]]
    facts: list[tuple[str, Any]] = [
        (_("Policy pack"), heading.pack),
        (_("Plan status"), status),
        (_("Priority value"), report.get("objective")),
        (_("Proven bound"), report.get("bound")),
        (_("Gap to the bound"), report.get("gap")),
        (_("Greedy rank-and-fill plan"), (report.get("greedy") or {}).get("objective")),
        (_("Communities"), len(selected)),
    ]
    row = 2
    for label, value in facts:
        cover.write(row, 0, label, bold)
        if value is not None:
            cover.write(row, 1, value)
        row += 1
    for item in report.get("binding", []) + report.get("shortfalls", []):
        cover.write(row, 1, item["text"])
        row += 1
    forecast = report.get("forecast")
    if forecast:
        cover.write(row, 0, _("Forecast"), bold)
        cover.write(
            row,
            1,
            _("The candidates built before {built_before} all started by {year}.").format(
                built_before=forecast["built_before"], year=forecast["year"] or "—"
            ),
        )

    years = sorted(heading.budgets)
    by_district: dict[str, dict[int, list[Decimal]]] = defaultdict(
        lambda: {y: [Decimal(0), Decimal(0)] for y in years}
    )
    for entry in selected:
        cell = by_district[entry["district"]][entry["year"]]
        cell[0] += 1
        cell[1] += Decimal(entry["cost_yuan"]) / WAN
    summary = book.add_worksheet(_("By district"))
    summary.set_column(0, 0, 16)
    summary.write(0, 0, _("District"), bold)
    for i, year in enumerate(years):
        summary.write(0, 1 + 2 * i, _("{year}: communities").format(year=year), bold)
        summary.write(0, 2 + 2 * i, _("{year}: 万元").format(year=year), bold)
    summary.set_column(1, 2 * len(years), 14)
    row = 1
    for district, cells in sorted(by_district.items()):
        summary.write(row, 0, district)
        for i, year in enumerate(years):
            summary.write_number(row, 1 + 2 * i, int(cells[year][0]))
            summary.write_number(row, 2 + 2 * i, float(cells[year][1]), money)
        row += 1
    summary.write(row, 0, _("Total"), bold)
    for i, year in enumerate(years):
        summary.write_number(
            row, 1 + 2 * i, sum(int(c[year][0]) for c in by_district.values()), integer_bold
        )
        summary.write_number(
            row, 2 + 2 * i, float(sum(c[year][1] for c in by_district.values())), money_bold
        )
    row += 1
    summary.write(row, 0, _("Budget (万元)"), bold)
    for i, year in enumerate(years):
        summary.write_number(row, 2 + 2 * i, float(heading.budgets[year] / WAN), money)

    headers = [
        _("No."),
        _("District"),
        _("Street"),
        _("Community"),
        _("Community code"),
        _("Year built"),
        _("Buildings"),
        _("Households"),
        _("Floor area (m²)"),
        _("Investment (万元)"),
        _("Priority score"),
    ]
    for year in years:
        sheet = book.add_worksheet(_("{year} plan").format(year=year))
        sheet.write(
            0,
            0,
            _("{title}: communities starting in {year}").format(title=heading.title, year=year),
            title,
        )
        sheet.write_row(2, 0, headers, bold)
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 4, 16)
        sheet.set_column(5, 10, 12)
        row = 3
        buildings = households = 0
        floor_area = invested = Decimal(0)
        for number, entry in enumerate((e for e in selected if e["year"] == year), start=1):
            found = communities.get(entry["community_code"])
            cost = Decimal(entry["cost_yuan"]) / WAN
            sheet.write_number(row, 0, number)
            sheet.write(row, 1, entry["district"])
            sheet.write(row, 4, entry["community_code"])
            if found is not None:
                sheet.write(row, 2, found.street.name if found.street else "")
                sheet.write(row, 3, found.name)
                sheet.write_number(row, 5, found.build_year)
                sheet.write_number(row, 6, found.building_count)
                sheet.write_number(row, 7, found.household_count)
                sheet.write_number(row, 8, float(found.floor_area), area)
                buildings += found.building_count
                households += found.household_count
                floor_area += found.floor_area
            sheet.write_number(row, 9, float(cost), money)
            if entry.get("score") is not None:
                sheet.write_number(row, 10, entry["score"], money)
            invested += cost
            row += 1
        sheet.write(row, 0, _("Total"), bold)
        sheet.write_number(row, 3, row - 3, integer_bold)
        sheet.write_number(row, 6, buildings, integer_bold)
        sheet.write_number(row, 7, households, integer_bold)
        sheet.write_number(row, 8, float(floor_area), area_bold)
        sheet.write_number(row, 9, float(invested), money_bold)
        sheet.write(row + 1, 0, _("Budget (万元)"), bold)
        sheet.write_number(row + 1, 9, float(heading.budgets[year] / WAN), money)
    book.close()
