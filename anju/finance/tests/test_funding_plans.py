"""A project's funding plan drawn from its content list, edited only into plans that reconcile,
and shared among its households to the fen."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from anju.audit.models import AuditEntry
from anju.core.apportion import ApportionError
from anju.core.funding import Problem
from anju.core.household_shares import UNITS_MISMATCH
from anju.finance.models import Allocation, FundingPlan, Reduction
from anju.finance.selectors import elevator_units, plan_allocations, plan_bills
from anju.finance.services import (
    NOT_RECONCILED,
    FundingRefused,
    elevators_fit_votes,
    funding_plan_save,
    reductions_save,
)
from anju.finance.tests.conftest import NATIONAL, passed_elevator_vote
from anju.policy.library import get_pack
from anju.registry.models import Building, Dwelling
from anju.testing import SYSTEM

PACK = get_pack(NATIONAL)


def amounts(plan: FundingPlan) -> dict[tuple[str, str], int]:
    return {(a.key, a.channel): a.amount for a in plan_allocations(plan)}


def test_the_drawn_plan_pays_every_line_exactly(funded: FundingPlan) -> None:
    lines = {line.key: line.cost for line in funded.lines.all()}
    assert {"water_supply", "roads", "elevators"} <= set(lines)
    paid = amounts(funded)
    for key, cost in lines.items():
        assert sum(v for (k, _c), v in paid.items() if k == key) == cost
    assert paid[("water_supply", "utilities")] == lines["water_supply"]
    assert paid[("roads", "residents")] * 10 == pytest.approx(lines["roads"], abs=10)
    assert AuditEntry.objects.filter(action="funding_plan.draw").count() == 1


def test_an_edit_that_leaves_a_line_short_is_refused_and_nothing_changes(
    funded: FundingPlan,
) -> None:
    before = amounts(funded)
    changed = dict(before)
    changed[("roads", "local_budget")] -= 1
    changed[("elevators", "provident_fund")] = changed.pop(("elevators", "local_budget"))
    changed[("water_supply", "maintenance_fund")] = 0
    with pytest.raises(FundingRefused) as refused:
        funding_plan_save(actor=SYSTEM, plan=funded, amounts=changed, covered_by="", pack=PACK)
    assert refused.value.reason == NOT_RECONCILED
    assert [f.problem for f in refused.value.findings] == [Problem.SHORT]
    assert amounts(funded) == before


def test_a_reconciled_edit_is_kept_and_audited(funded: FundingPlan) -> None:
    changed = amounts(funded)
    elevator_public = changed.pop(("elevators", "local_budget"))
    changed[("elevators", "provident_fund")] = elevator_public // 2
    changed[("elevators", "central_subsidy")] = elevator_public - elevator_public // 2
    funding_plan_save(
        actor=SYSTEM, plan=funded, amounts=changed, covered_by="local_budget", pack=PACK
    )
    assert amounts(funded) == changed
    assert Allocation.objects.filter(line__plan=funded, channel="provident_fund").exists()
    entry = AuditEntry.objects.get(action="funding_plan.save")
    assert "provident_fund" in json.dumps(entry.after)


def test_elevators_priced_for_units_that_did_not_vote_are_not_shared_until_fitted(
    funded: FundingPlan,
) -> None:
    community = funded.project.community
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    assert elevator_units(community) == [f"{building.number}-1"]
    with pytest.raises(ApportionError) as refused:
        plan_bills(funded, PACK)
    assert refused.value.problem == UNITS_MISMATCH
    fitted = elevators_fit_votes(actor=SYSTEM, plan=funded, pack=PACK)
    elevator = fitted.lines.get(key="elevators")
    assert elevator.quantity == 1
    assert elevator.cost == 60_000_000
    assert fitted.drawn_with["government"] == "local_budget"


def test_households_pay_the_common_part_by_area_and_the_elevator_only_where_voted(
    funded: FundingPlan,
) -> None:
    community = funded.project.community
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    funded = elevators_fit_votes(actor=SYSTEM, plan=funded, pack=PACK)
    bills = plan_bills(funded, PACK)
    paid = amounts(funded)
    households = sum(v for (_k, c), v in paid.items() if c == "residents")
    assert bills.total == households
    assert sum(b.total for b in bills.bills) == households
    in_unit = {str(d.pk): d.floor for d in Dwelling.objects.filter(building=building, unit="1")}
    for bill in bills.bills:
        if bill.dwelling_id not in in_unit or in_unit[bill.dwelling_id] == 1:
            assert bill.by_floor == 0
        else:
            assert bill.by_floor > 0


def test_an_elevator_nobody_voted_for_cannot_be_shared(funded: FundingPlan) -> None:
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("apportion", "--project", funded.project.community.code, stdout=out)
    assert "stairway unit" in str(refused.value) or "单元" in str(refused.value)


def test_a_household_let_off_pays_nothing_and_the_others_carry_it(funded: FundingPlan) -> None:
    community = funded.project.community
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    funded = elevators_fit_votes(actor=SYSTEM, plan=funded, pack=PACK)
    poor = Dwelling.objects.filter(building=building, unit="1", floor=3).first()
    assert poor is not None
    reductions_save(actor=SYSTEM, plan=funded, reductions={poor.pk: (Decimal(100), "低保")})
    bills = plan_bills(funded, PACK)
    bill = bills.of(str(poor.pk))
    assert bill is not None and bill.total == 0
    assert sum(b.total for b in bills.bills) == bills.total
    assert Reduction.objects.filter(plan=funded).count() == 1


def test_the_command_prints_each_households_share_by_its_room(funded: FundingPlan) -> None:
    community = funded.project.community
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    elevators_fit_votes(actor=SYSTEM, plan=funded, pack=PACK)
    out = StringIO()
    call_command("apportion", "--project", community.code, "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert sum(Decimal(s["amount"]) for s in report["shares"]) == Decimal(report["total"])
    assert report["shares"][0]["dwelling_id"].startswith(f"{building.number}-")
    assert len(report["shares"]) == Dwelling.objects.filter(building__community=community).count()
