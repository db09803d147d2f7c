"""What the optimiser found, said in words a director can act on.

The core reports shortfalls and binding rules as structured figures; this is the one place
they become sentences, in the user's language, with money in 万元 as budgets are read.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from anju.core.content_list import wan
from anju.core.plan_solver import Binding, Shortfall
from anju.core.plans import ALL_SOURCES
from anju.core.priority import Facts


def wan_text(fen: int | Fraction) -> str:
    return f"{wan(Decimal(int(fen)) / 100):,.2f}"


def percent(share: Fraction) -> str:
    return f"{float(share) * 100:.1f}%"


def number(value: Fraction) -> str:
    return f"{float(value):,.0f}" if value.denominator != 1 else f"{int(value):,}"


def source_name(source: str) -> str:
    return _("all sources") if source == ALL_SOURCES else source


def shortfall_text(shortfall: Shortfall) -> str:
    breach = shortfall.breach
    extra = (
        _("the cheapest candidates left out would close it for about {extra} 万元 more.").format(
            extra=wan_text(shortfall.extra_cost)
        )
        if shortfall.extra_cost is not None
        else _("there are not enough candidates to close it whatever the money.")
    )
    facts = {
        "required": number(breach.required),
        "achieved": number(breach.achieved),
        "budget": wan_text(shortfall.budget),
        "candidates": shortfall.candidates,
        "extra": extra,
    }
    if breach.rule == "target_communities":
        return _(
            "The target of {required} communities starting in {year} cannot be met: with the "
            "{budget} 万元 budgeted for {year} and {candidates} candidates, at most {achieved} "
            "can start; {extra}"
        ).format(year=breach.subject, **facts)
    if breach.rule == "target_area":
        return _(
            "The target of {required} m² starting in {year} cannot be met: with the {budget} 万元 "
            "budgeted for {year} and {candidates} candidates, at most {achieved} m² can start; "
            "{extra}"
        ).format(year=breach.subject, **facts)
    if breach.rule == "deadline":
        built_before, by_year = breach.subject.split("@")
        return _(
            "{required} communities built before {built_before} must have started by the end of "
            "{by_year}, but with the {budget} 万元 budgeted up to then at most {achieved} can; "
            "{extra}"
        ).format(built_before=built_before, by_year=by_year, **facts)
    if breach.rule == "share_min":
        return _(
            "District {district} must receive at least {required} of the plan's money, but no "
            "plan within the budgets gives it more than {achieved}."
        ).format(
            district=breach.subject,
            required=percent(breach.required),
            achieved=percent(breach.achieved),
        )
    if breach.rule == "share_max":
        return _(
            "District {district} may receive at most {required} of the plan's money, but every "
            "plan that meets the other requirements gives it {achieved}."
        ).format(
            district=breach.subject,
            required=percent(breach.required),
            achieved=percent(breach.achieved),
        )
    if breach.rule == "fixed":
        return _(
            "{project} is fixed to start in {year}, but it cannot start then together with the "
            "other requirements within that year's budget."
        ).format(project=breach.subject.removeprefix("group:"), year=number(breach.required))
    return _("{rule} of {subject} is not met: {achieved} of {required}.").format(
        rule=breach.rule, subject=breach.subject, **facts
    )


def binding_text(binding: Binding) -> str:
    if binding.rule == "budget":
        year, source = binding.subject.split(":", 1)
        sentence = (
            _(
                "The {year} budget from {source} binds: {used} of {limit} 万元 is committed and no "
                "candidate that could start then fits in the rest; each further 1 million yuan would add about "
                "{price} priority points."
            )
            if binding.shadow_price
            else _(
                "The {year} budget from {source} binds: {used} of {limit} 万元 is committed and no "
                "candidate that could start then fits in the rest."
            )
        )
        return sentence.format(
            year=year,
            source=source_name(source),
            used=wan_text(binding.used),
            limit=wan_text(binding.limit),
            price=f"{(binding.shadow_price or 0) * 100:.2f}",
        )
    if binding.rule == "target_communities":
        return _("The {year} target of {limit} communities is met exactly.").format(
            year=binding.subject, limit=number(binding.limit)
        )
    if binding.rule == "target_area":
        return _("The {year} target of {limit} m² is met with little to spare.").format(
            year=binding.subject, limit=number(binding.limit)
        )
    if binding.rule == "deadline":
        built_before, by_year = binding.subject.split("@")
        return _(
            "The deadline for communities built before {built_before} is met exactly by {by_year}."
        ).format(built_before=built_before, by_year=by_year)
    if binding.rule in ("share_min", "share_max"):
        return _("District {district}'s share of the money is at its limit of {limit}.").format(
            district=binding.subject, limit=percent(binding.limit)
        )
    return f"{binding.rule} {binding.subject}"


def fact_text(criterion: str, facts: Facts) -> str:
    """The fact a criterion's rating came from, as a director would check it."""
    if criterion == "age" and facts.built_year is not None:
        return _("built in {year}").format(year=facts.built_year)
    if criterion == "risk" and facts.risk is not None:
        return _("{share} of the assessed facilities poor or missing").format(
            share=percent(facts.risk)
        )
    if criterion == "households" and facts.households is not None:
        return _("{n} households").format(n=f"{facts.households:,}")
    if criterion == "willingness" and facts.willingness is not None:
        return _("{share} of residents willing").format(share=percent(facts.willingness))
    if criterion == "participation" and facts.participation is not None:
        return _("{share} took part in the latest closed poll").format(
            share=percent(facts.participation)
        )
    if criterion == "market" and facts.market is not None:
        return _("a market partner takes part") if facts.market else _("no market partner")
    if criterion == "readiness" and facts.ready is not None:
        return _("the renovation vote passed") if facts.ready else _("the renovation vote failed")
    return _("not known yet")
