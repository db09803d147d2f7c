"""A plan problem read from the two sheets a bureau already keeps: candidates and budgets.

Candidates: ``community_code, district, cost, score`` (cost in yuan), and optionally
``area_m2, households, built_year, group, fixed_year``; a column ``cost_<source>`` splits the
cost by funding source (``cost_central``, ``cost_local`` …). Budgets: ``year, amount`` in yuan,
and optionally ``source``. Every bad cell is reported with its file, row and column, and
nothing is planned until all are fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.utils.translation import gettext as _

from anju.core.plans import (
    ALL_SOURCES,
    Candidate,
    DistrictShare,
    PlanProblem,
    StockDeadline,
    YearTarget,
)
from anju.csv_input import CsvInputError, area_value, rows, whole_number, yuan_to_fen
from anju.planning.wording import source_name

CANDIDATE_COLUMNS = ("community_code", "district", "cost", "score")
BUDGET_COLUMNS = ("year", "amount")
COST_PREFIX = "cost_"


def score_value(text: str) -> Fraction:
    value = Decimal(text)
    if not value.is_finite() or value < 0:
        raise ValueError(_("is not a score of zero or more."))
    return Fraction(value)


def read_candidates(path: Path, problems: list[str]) -> list[Candidate]:
    candidates: list[Candidate] = []
    for row in rows(path, CANDIDATE_COLUMNS, problems):
        split = {
            column[len(COST_PREFIX) :]: row.read(column, yuan_to_fen, required=False)
            for column in row.cells
            if column.startswith(COST_PREFIX) and row.text(column)
        }
        costs = {source: fen for source, fen in split.items() if fen is not None}
        total = row.read("cost", yuan_to_fen)
        if total is not None and costs and sum(costs.values()) != total:
            problems.append(
                _("{file}, row {row}: the cost by source does not add up to the cost.").format(
                    file=path.name, row=row.number
                )
            )
        code = row.text("community_code")
        district = row.text("district")
        score = row.read("score", score_value)
        area = row.read("area_m2", area_value, required=False)
        households = row.read("households", whole_number, required=False)
        built = row.read("built_year", whole_number, required=False)
        fixed = row.read("fixed_year", whole_number, required=False)
        for column, value in (("community_code", code), ("district", district)):
            if not value:
                row.read(column, str)
        if not (code and district and total is not None and score is not None):
            continue
        candidates.append(
            Candidate(
                code=code,
                district=district,
                costs=costs or {ALL_SOURCES: total},
                score=score,
                area_m2=area or Decimal(0),
                households=households or 0,
                built_year=built,
                group=row.text("group") or None,
                fixed_year=fixed,
            )
        )
    return candidates


def read_budgets(path: Path, problems: list[str]) -> dict[tuple[int, str], int]:
    budgets: dict[tuple[int, str], int] = {}
    for row in rows(path, BUDGET_COLUMNS, problems):
        year = row.read("year", whole_number)
        amount = row.read("amount", yuan_to_fen)
        source = row.text("source") or ALL_SOURCES
        if year is None or amount is None:
            continue
        if (year, source) in budgets:
            problems.append(
                _("{file}, row {row}: the budget of {year} from {source} is given twice.").format(
                    file=path.name, row=row.number, year=year, source=source
                )
            )
        budgets[year, source] = amount
    return budgets


def read_problem(
    candidates_from: Path | Sequence[Candidate],
    budget_path: Path,
    years: Sequence[int],
    targets: Sequence[YearTarget] = (),
    deadlines: Sequence[StockDeadline] = (),
    shares: Sequence[DistrictShare] = (),
) -> PlanProblem:
    """Both files read whole, every problem in them reported at once, or the problem to solve.
    The candidates come from a file or, already drawn from the registry, as they are."""
    problems: list[str] = []
    candidates = (
        read_candidates(candidates_from, problems)
        if isinstance(candidates_from, Path)
        else list(candidates_from)
    )
    budgets = read_budgets(budget_path, problems)
    funded = {source for _year, source in budgets}
    unfunded = sorted({s for c in candidates for s in c.costs} - funded)
    if candidates and budgets and unfunded:
        problems.append(
            _("No budget names the funding sources {sources} that candidates draw on.").format(
                sources="、".join(source_name(s) for s in unfunded)
            )
        )
    if problems:
        raise CsvInputError(problems)
    horizon = list(years)
    return PlanProblem(
        candidates=candidates,
        years=horizon,
        budgets={key: amount for key, amount in budgets.items() if key[0] in horizon},
        targets=[t for t in targets if t.year in horizon],
        deadlines=list(deadlines),
        shares=list(shares),
    )
