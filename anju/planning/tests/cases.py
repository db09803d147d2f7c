"""A few communities of the test city made eligible and assessed, the rest unwilling; and the
starts of a plan as the JSON gives them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from anju.assessment.services import conditions_save
from anju.core.ledger import LedgerBook
from anju.registry.models import Community
from anju.testing import SYSTEM

POOR_ALL = {"water_supply": "poor", "drainage": "missing", "power": "poor"}
POOR_ONE = {"water_supply": "poor", "drainage": "good"}
WILLING = {
    "willingness_pct": Decimal(90),
    "in_shantytown_plan": False,
    "mostly_self_built": False,
    "is_urban_village": False,
    "structure_safe": True,
}


def set_up(city: LedgerBook, chosen: dict[str, tuple[int, dict[str, str]]]) -> None:
    """Every community unwilling but the chosen ones: (build year, facility → condition)."""
    Community.objects.update(willingness_pct=Decimal(10))
    for code, (year, conditions) in chosen.items():
        Community.objects.filter(code=code).update(build_year=year, **WILLING)
        conditions_save(
            actor=SYSTEM,
            community=Community.objects.get(code=code),
            values={facility: (state, "") for facility, state in conditions.items()},
        )


def codes(city: LedgerBook, n: int, district: str | None = None) -> list[str]:
    found = Community.objects.order_by("code")
    if district:
        found = found.filter(district_id=district)
    return list(found.values_list("code", flat=True)[:n])


def starts(result: dict[str, Any]) -> list[tuple[str, int]]:
    return [(row["community_code"], row["year"]) for row in result["selected"]]
