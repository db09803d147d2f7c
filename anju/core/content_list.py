"""The content list (菜单式改造内容清单): from a community's condition assessment, the pack's items
it needs, priced, and the approval path the chosen work may take.

The proposal follows the pack's rule for each category, each city's own where its document
has one (Hangjin's 基础类应改尽改、完善类能改多改、提升类积极推进, hangjin-2021 §2.(2); Chongqing's
落实基础类、统筹安排完善类和提升类, chongqing-2021 §2.(2)) and Anju's reference practice elsewhere:
items either go on the list wherever needed or are offered for staff to take up. Staff then edit the list; the estimate and the
approval path are worked out from whatever list they keep.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from anju.core.conditions import NEEDS_WORK, Condition, Facility
from anju.core.eligibility import Reason
from anju.core.policy_pack import CATEGORIES, Category, Item, Pack, Per

TEN_THOUSAND = Decimal(10_000)
CENT = Decimal("0.01")


class Proposal(enum.StrEnum):
    INCLUDED = "included"  # needed, and the category's rule takes all that are needed
    OFFERED = "offered"  # needed, left for staff to take up where conditions allow
    UNASSESSED = "unassessed"  # the facility has not been assessed: neither needed nor not
    ADDED = "added"  # put on the list by staff


@dataclass(frozen=True, slots=True)
class Quantities:
    """What unit prices multiply: the community's size as the registry records it; None is
    'not recorded'."""

    area_m2: Decimal
    households: int
    buildings: int
    units: int | None

    def of(self, per: Per) -> Decimal | None:
        match per:
            case "area":
                return self.area_m2
            case "household":
                return Decimal(self.households)
            case "building":
                return Decimal(self.buildings)
            case "unit":
                return None if self.units is None else Decimal(self.units)
            case "lump_sum":
                return Decimal(1)


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    name: str
    category: Category
    facility: Facility | None
    per: Per
    quantity: Decimal | None
    unit_cost_yuan: Decimal
    selected: bool
    proposal: Proposal
    reason: Reason | None = None
    source: str = ""  # the clause the item itself comes from
    changes_structure: bool = False
    changes_land_ownership: bool = False

    @property
    def cost_yuan(self) -> Decimal | None:
        if self.quantity is None:
            return None
        return (self.quantity * self.unit_cost_yuan).quantize(CENT, ROUND_HALF_UP)


def _line(item: Item, quantities: Quantities, selected: bool, proposal: Proposal) -> Line:
    return Line(
        key=item.key,
        name=item.name,
        category=item.category,
        facility=item.facility,
        per=item.cost.per,
        quantity=quantities.of(item.cost.per),
        unit_cost_yuan=item.cost.yuan,
        selected=selected,
        proposal=proposal,
        reason=Reason(item.quote, item.cite),
        source=item.cite,
        changes_structure=item.changes_structure,
        changes_land_ownership=item.changes_land_ownership,
    )


def propose(
    pack: Pack, conditions: Mapping[Facility, Condition], quantities: Quantities
) -> list[Line]:
    """The pack's items this community needs, in pack order, plus those whose facility is not
    yet assessed (unselected, so that nothing is proposed on a guess)."""
    lines: list[Line] = []
    for item in pack.content.items:
        condition = conditions.get(item.facility)
        if condition is None:
            lines.append(_line(item, quantities, False, Proposal.UNASSESSED))
        elif condition in NEEDS_WORK:
            rule = getattr(pack.content.categories, item.category)
            include = rule.proposal == "include"
            line = _line(
                item, quantities, include, Proposal.INCLUDED if include else Proposal.OFFERED
            )
            lines.append(replace(line, reason=Reason(rule.text, rule.cite)))
    return lines


@dataclass(frozen=True, slots=True)
class Estimate:
    """The selected lines' cost, in yuan; ``unpriced`` are selected lines whose quantity the
    registry lacks, so the total is a floor until they are filled in."""

    by_category: dict[Category, Decimal]
    total_yuan: Decimal
    unpriced: tuple[str, ...]


def estimate(lines: Iterable[Line]) -> Estimate:
    by_category = dict.fromkeys(CATEGORIES, Decimal(0))
    unpriced: list[str] = []
    for line in lines:
        if not line.selected:
            continue
        cost = line.cost_yuan
        if cost is None:
            unpriced.append(line.name)
        else:
            by_category[line.category] += cost
    return Estimate(by_category, sum(by_category.values(), Decimal(0)), tuple(unpriced))


def wan(yuan: Decimal) -> Decimal:
    """Yuan as 万元 to two places, the unit officials read budgets in."""
    return (yuan / TEN_THOUSAND).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class ApprovalPath:
    """Which fast paths the selected work may take, and why."""

    commitment: bool
    no_land_procedures: bool
    reasons: tuple[Reason, ...]


def approval_path(pack: Pack, lines: Iterable[Line]) -> ApprovalPath:
    chosen = [line for line in lines if line.selected]
    rules = pack.model.low_risk
    structural = [line.name for line in chosen if line.changes_structure]
    land = [line.name for line in chosen if line.changes_land_ownership]
    reasons = [
        Reason(
            f"涉及建筑主体结构变动：{'、'.join(structural)}，不适用告知承诺制",
            rules.commitment.cite,
        )
        if structural
        else Reason(
            f"不涉及建筑主体结构变动，建设单位可选择告知承诺制：{rules.commitment.text}",
            rules.commitment.cite,
        ),
        Reason(
            f"涉及土地权属变化：{'、'.join(land)}，须办理用地手续", rules.no_land_procedures.cite
        )
        if land
        else Reason(
            f"不涉及土地权属变化，适用：{rules.no_land_procedures.text}",
            rules.no_land_procedures.cite,
        ),
    ]
    return ApprovalPath(not structural, not land, tuple(reasons))
