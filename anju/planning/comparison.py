"""Two solved scenarios side by side: what each starts year by year and district by district,
and which communities one plans and the other does not, or plans in another year."""

from __future__ import annotations

from dataclasses import dataclass

from anju.planning.models import Scenario
from anju.planning.presentation import Totals, YearRow, district_totals, year_totals


@dataclass
class Side:
    a: Totals
    b: Totals


@dataclass
class Moved:
    code: str
    name: str
    year_a: int | None
    year_b: int | None


@dataclass
class Comparison:
    years: list[tuple[int, YearRow | None, YearRow | None]]
    districts: list[tuple[str, Side]]
    moved: list[Moved]
    objective: tuple[float | None, float | None]
    forecast: tuple[int | None, int | None]


def _over_years(by_year: dict[int, Totals]) -> Totals:
    total = Totals()
    for row in by_year.values():
        total.communities += row.communities
        total.households += row.households
        total.area_m2 += row.area_m2
        total.cost_yuan += row.cost_yuan
    return total


def compare(a: Scenario, b: Scenario) -> Comparison:
    rows_a = {r.year: r for r in year_totals(a)}
    rows_b = {r.year: r for r in year_totals(b)}
    years = [(y, rows_a.get(y), rows_b.get(y)) for y in sorted(rows_a.keys() | rows_b.keys())]
    districts_a, districts_b = district_totals(a), district_totals(b)
    districts = [
        (
            d,
            Side(_over_years(districts_a.get(d, {})), _over_years(districts_b.get(d, {}))),
        )
        for d in sorted(districts_a.keys() | districts_b.keys())
    ]
    result_a, result_b = a.result or {}, b.result or {}
    starts_a = {r["community_code"]: r["year"] for r in result_a.get("selected", [])}
    starts_b = {r["community_code"]: r["year"] for r in result_b.get("selected", [])}
    names = result_a.get("names", {}) | result_b.get("names", {})
    moved = [
        Moved(code, names.get(code, ""), starts_a.get(code), starts_b.get(code))
        for code in sorted(starts_a.keys() | starts_b.keys())
        if starts_a.get(code) != starts_b.get(code)
    ]
    return Comparison(
        years,
        districts,
        moved,
        (result_a.get("objective"), result_b.get("objective")),
        (
            (result_a.get("forecast") or {}).get("year"),
            (result_b.get("forecast") or {}).get("year"),
        ),
    )
