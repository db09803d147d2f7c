"""A solved plan as data: the JSON `anju plan` prints and a scenario keeps, and the text a
director reads. One shape for both, so the page, the file and the command never disagree."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from anju.core.plan_forecast import Forecast
from anju.core.plan_solver import PlanResult
from anju.core.plans import tally_by_year_and_district
from anju.core.priority import Facts, Score
from anju.planning.registry_candidates import RegistryCandidates
from anju.planning.wording import binding_text, fact_text, shortfall_text


def score_json(
    code: str, rated: Score, labels: Mapping[str, str], facts: Facts | None = None
) -> dict[str, object]:
    """A community's score as the sum of its parts, each with the criterion's own words and
    the fact its rating came from."""
    return {
        "community_code": code,
        "score": number(rated.total),
        "parts": [
            {
                "criterion": part.criterion,
                "text": labels.get(part.criterion, part.criterion),
                "fact": fact_text(part.criterion, facts) if facts is not None else "",
                "weight": part.weight,
                "rating": number(part.rating),
                "points": number(part.points),
            }
            for part in rated.parts
            if part.weight
        ],
        "missing": list(rated.missing),
    }


def number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def plan_json(result: PlanResult) -> dict[str, object]:
    feasible = result.status != "infeasible"
    greedy = result.greedy
    return {
        "status": result.status,
        "objective": number(result.objective) if feasible else None,
        "bound": number(result.bound),
        "gap": number(result.gap),
        "selected": [
            {
                "community_code": c.code,
                "year": year,
                "district": c.district,
                "cost_yuan": f"{Decimal(c.cost) / 100:.2f}",
                "score": number(c.score),
            }
            for c, year in result.starts()
        ]
        if feasible
        else [],
        "greedy": {
            "objective": number(greedy.figures.objective) if greedy else None,
            "rules_broken": len(greedy.breaches) if greedy else None,
        },
        "binding": [
            {"rule": b.rule, "subject": b.subject, "text": binding_text(b)} for b in result.binding
        ],
        "shortfalls": [
            {
                "rule": s.breach.rule,
                "subject": s.breach.subject,
                "required": number(s.breach.required),
                "achieved": number(s.breach.achieved),
                "text": shortfall_text(s),
            }
            for s in result.shortfalls
        ],
        "seconds": round(result.seconds, 3),
    }


def plan_text(result: PlanResult) -> str:
    if result.status == "infeasible":
        lines = [_("No plan meets every requirement within the budgets:")]
        lines += [f"- {shortfall_text(s)}" for s in result.shortfalls]
        return "\n".join(lines)
    figures = result.figures
    headline = (
        _("Optimal plan: priority value {objective}, at most {gap} below the proven bound {bound}.")
        if result.status == "optimal"
        else _(
            "Best plan found in time: priority value {objective}, at most {gap} below the "
            "proven bound {bound}."
        )
    )
    lines = [
        headline.format(
            objective=f"{float(result.objective):,.2f}",
            gap=f"{float(result.gap or 0):.3%}",
            bound=f"{float(result.bound or 0):,.2f}",
        )
    ]
    greedy = result.greedy
    if greedy is not None and greedy.breaches:
        lines.append(
            _(
                "Filling the budget from the top of the ranking gives {greedy}, but breaks "
                "{count} of the requirements."
            ).format(greedy=f"{float(greedy.figures.objective):,.2f}", count=len(greedy.breaches))
        )
    elif greedy is not None:
        value = float(greedy.figures.objective)
        loss = 1 - value / float(result.objective) if result.objective else 0.0
        lines.append(
            _(
                "Filling the budget from the top of the ranking gives {greedy} ({loss} less)."
            ).format(greedy=f"{value:,.2f}", loss=f"{loss:.1%}")
        )
    for year, count in figures.communities.items():
        lines.append(
            _("{year}: {count} communities, {area} m², {households} households.").format(
                year=year,
                count=count,
                area=f"{figures.area_m2[year]:,.0f}",
                households=f"{figures.households[year]:,}",
            )
        )
    lines += [f"- {binding_text(b)}" for b in result.binding]
    return "\n".join(lines)


def registry_json(drawn: RegistryCandidates) -> dict[str, object]:
    """Each candidate's score explained, and every community left out with why."""
    return {
        "scores": [
            score_json(code, rated, drawn.labels, drawn.facts.get(code))
            for code, rated in drawn.scores.items()
        ],
        "left_out": [
            {"community_code": code, "reason": why} for code, why in drawn.left_out.items()
        ],
    }


def year_district_json(result: PlanResult) -> list[dict[str, object]]:
    """The plan year by year and district by district, money in yuan as exact strings."""
    return [
        {
            "year": year,
            "district": district,
            "communities": row.communities,
            "households": row.households,
            "area_m2": str(row.area_m2),
            "cost_yuan": f"{Decimal(row.cost) / 100:.2f}",
        }
        for (year, district), row in tally_by_year_and_district(
            result.units, result.assignment
        ).items()
    ]


def forecast_json(forecast: Forecast) -> dict[str, object]:
    return {
        "built_before": forecast.built_before,
        "stock": forecast.stock,
        "year": forecast.year,
        "horizon": list(forecast.horizon),
    }
