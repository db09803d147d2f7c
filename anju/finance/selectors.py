"""Reading funding plans and what each household bears, as the core rules see them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import F, Min, Q
from django.utils import timezone

from anju.core import funding
from anju.core.apportion import Dwelling as Weighed
from anju.core.apportion import Reduction as Waiver
from anju.core.deadlines import YearCheck, within_year
from anju.core.household_shares import Bills, household_bills, households_part
from anju.core.lifecycle import Requirement
from anju.core.maintenance_fund import FundCheck, check_fund
from anju.core.policy_pack import Pack
from anju.core.votes import Matter
from anju.finance.models import (
    Allocation,
    Channel,
    FundingPlan,
    FundTopUp,
    Grant,
    Reduction,
    ShareCode,
)
from anju.participation.models import Poll, PollKind
from anju.participation.selectors import vote_result
from anju.projects.models import Project
from anju.registry.models import Community, Dwelling
from anju.registry.personal import keyed_digest, unseal
from anju.registry.selectors import Viewer


def plan_cost_lines(plan: FundingPlan) -> list[funding.CostLine]:
    return [
        funding.CostLine(line.key, line.name, line.category, line.cost) for line in plan.lines.all()
    ]


def plan_allocations(plan: FundingPlan) -> list[funding.Allocation]:
    return [
        funding.Allocation(a.line.key, a.channel, a.amount)
        for a in Allocation.objects.filter(line__plan=plan).select_related("line")
    ]


def unit_key(building_number: str, unit: str) -> str:
    return f"{building_number}-{unit}"


def elevator_units(community: Community) -> list[str]:
    """The stairway units whose owners passed an elevator vote that has closed."""
    now = timezone.now()
    served = []
    polls = Poll.objects.filter(
        community=community,
        kind=PollKind.VOTE,
        matter=Matter.ELEVATOR,
        published_at__isnull=False,
        closes_at__lte=now,
    ).select_related("building")
    for poll in polls:
        if poll.building is not None and vote_result(poll).passed:
            served.append(unit_key(poll.building.number, poll.unit))
    return sorted(set(served))


def plan_bills(plan: FundingPlan, pack: Pack) -> Bills:
    """Every household's part of the plan: common work by area, floor-shared items by floor
    within the units that voted for them, with the agreed reductions."""
    community = plan.project.community
    rows = list(
        Dwelling.objects.filter(building__community=community)
        .select_related("building")
        .only("pk", "exclusive_area", "floor", "unit", "building__number")
    )
    dwellings = [Weighed(str(d.pk), d.exclusive_area, d.floor) for d in rows]
    units = {str(d.pk): unit_key(d.building.number, d.unit) for d in rows}
    by_floor = pack.model.cost_sharing.by_floor
    floor_items = by_floor.items if by_floor else ()
    coefficients = (
        {floor: Fraction(c) for floor, c in by_floor.coefficients.items()} if by_floor else {}
    )
    common, floor_part = households_part(plan_allocations(plan), floor_items)
    per_unit = [line.quantity for line in plan.lines.filter(key__in=floor_items, per="unit")]
    waivers = [
        Waiver(str(r.dwelling_id), Fraction(r.waived_pct) / 100, r.reason)
        for r in Reduction.objects.filter(plan=plan)
    ]
    return household_bills(
        common,
        floor_part,
        dwellings,
        units,
        elevator_units(community) if floor_part else [],
        coefficients,
        reductions=waivers,
        covered_by=plan.covered_by or None,
        priced_units=int(max(per_unit)) if per_unit else None,
    )


def fund_check(community: Community, pack: Pack) -> FundCheck | None:
    """The 30 % rule on the community's ledger figures; None if the pack has no such rule."""
    rule = pack.model.cost_sharing.maintenance_fund
    if rule is None:
        return None
    return check_fund(
        community.fund_initial,
        community.fund_balance,
        line=rule.top_up_below,
        floor_area=community.floor_area,
        yuan_per_m2=rule.establish_yuan_per_m2,
    )


def dwelling_labels(community: Community) -> dict[str, str]:
    """Each dwelling as residents name it, building-unit-room, by its id."""
    return {
        str(pk): f"{number}-{unit}-{room}"
        for pk, number, unit, room in Dwelling.objects.filter(
            building__community=community
        ).values_list("pk", "building__number", "unit", "room")
    }


def share_code_digest(code: str) -> str:
    return keyed_digest(f"share-code:{code}")


def share_by_code(code: str) -> ShareCode | None:
    """The household a share code belongs to; the code must already be normalised."""
    return (
        ShareCode.objects.select_related("plan__project__community", "dwelling__building")
        .filter(code_digest=share_code_digest(code))
        .first()
    )


def share_codes(plan: FundingPlan) -> Iterator[tuple[Dwelling, str]]:
    """Each dwelling with its code, for the printed notices."""
    for row in (
        ShareCode.objects.filter(plan=plan)
        .select_related("dwelling__building")
        .order_by("dwelling__building__number", "dwelling__unit", "dwelling__room")
    ):
        yield row.dwelling, unseal(row.code_cipher)


@dataclass(frozen=True, slots=True)
class FlaggedFund:
    community: Community
    check: FundCheck
    open_top_up: FundTopUp | None


def flagged_funds(*, user: Viewer, pack: Pack) -> list[FlaggedFund]:
    """The communities the user sees whose maintenance fund must be set up or topped up, by
    the core rule. The database narrows the field first with a slightly wider line, so the
    rule itself, exact in fen, has the last word."""
    rule = pack.model.cost_sharing.maintenance_fund
    if rule is None:
        return []
    wider = rule.top_up_below + Decimal("0.0001")
    candidates = (
        Community.objects.visible_to(user)
        .filter(
            Q(fund_initial__isnull=True)
            | Q(fund_initial=0)
            | Q(fund_balance__lt=F("fund_initial") * wider)
        )
        .select_related("district", "street")
        .order_by("district_id", "code")
    )
    open_top_ups = {
        t.community_id: t
        for t in FundTopUp.objects.filter(closed_at__isnull=True, community__in=candidates)
    }
    found = []
    for community in candidates:
        checked = fund_check(community, pack)
        if checked is not None and checked.flagged:
            found.append(FlaggedFund(community, checked, open_top_ups.get(community.pk)))
    return found


def funding_facts(project: Project, pack: Pack) -> dict[Requirement, bool]:
    """The funding plan gate: a plan whose every line is paid exactly, by channels the pack
    opens to it."""
    plan = FundingPlan.objects.filter(project=project).first() if project.pk else None
    if plan is None:
        return {Requirement.FUNDING_PLAN: False}
    lines = plan_cost_lines(plan)
    reconciled = bool(lines) and not funding.check(
        lines, plan_allocations(plan), funding.Channels.of(pack.model.funding)
    )
    return {Requirement.FUNDING_PLAN: reconciled}


def central_subsidy_check(project: Project, pack: Pack) -> YearCheck | None:
    """The start-and-finish-within-the-year rule for the earliest central-subsidy year, where
    the pack sets it."""
    year = central_subsidy_years([project.pk]).get(project.pk) if project.pk else None
    due = pack.due_in("central_subsidy_year", year) if year is not None else None
    if due is None:
        return None
    return within_year(due, project.started_on, project.completed_on, timezone.localdate())


def central_subsidy_years(projects: Any) -> dict[int, int]:
    """The first budget year of each project paid from a central-subsidy budget: the year it
    must start and finish in (hangjin-2021 §3.(4))."""
    return dict(
        Grant.objects.filter(budget__channel=Channel.CENTRAL_SUBSIDY, project__in=projects)
        .values("project")
        .annotate(year=Min("budget__year"))
        .values_list("project", "year")
    )
