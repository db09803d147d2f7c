"""Budget → project → payment: never more than the budget holds, the plan asks or the project's
progress has released; every step audited."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from anju.audit.models import AuditEntry
from anju.divisions.models import Division
from anju.finance.models import FundingPlan
from anju.finance.money import services as money
from anju.finance.selectors import plan_allocations
from anju.finance.services import BELOW_GRANTS, FundingRefused, funding_plan_draw
from anju.finance.tests.conftest import granted, local_share
from anju.policy.library import get_pack
from anju.projects.models import Project, ProjectStage
from anju.testing import HUALONG, QINGFENG, SYSTEM

PACK = get_pack("national-2020")
DAY = dt.date(2026, 11, 20)


def test_a_grant_is_held_within_the_budget_and_the_plan(funded: FundingPlan) -> None:
    need = local_share(funded)
    budget = money.budget_create(
        actor=SYSTEM,
        name="2026年华龙区财政资金",
        channel="local_budget",
        year=2026,
        division=Division.objects.get(code=HUALONG),
        amount=need * 2,
    )
    project = funded.project
    money.grant_create(actor=SYSTEM, budget=budget, project=project, amount=need - 1)
    with pytest.raises(FundingRefused) as refused:
        money.grant_create(actor=SYSTEM, budget=budget, project=project, amount=2)
    assert refused.value.reason == money.OVER_PLAN
    grant = money.grant_create(actor=SYSTEM, budget=budget, project=project, amount=1)
    assert grant.amount == need
    budget.refresh_from_db()
    assert budget.granted == need
    assert AuditEntry.objects.filter(action="grant.create").count() == 2


def test_a_budget_cannot_be_overspent_or_fund_another_district(funded: FundingPlan) -> None:
    small = money.budget_create(
        actor=SYSTEM,
        name="小额资金",
        channel="local_budget",
        year=2026,
        division=Division.objects.get(code=HUALONG),
        amount=100,
    )
    with pytest.raises(FundingRefused) as refused:
        money.grant_create(actor=SYSTEM, budget=small, project=funded.project, amount=101)
    assert refused.value.reason == money.OVER_BUDGET
    elsewhere = money.budget_create(
        actor=SYSTEM,
        name="清丰县财政资金",
        channel="local_budget",
        year=2026,
        division=Division.objects.get(code=QINGFENG),
        amount=10**9,
    )
    with pytest.raises(FundingRefused) as refused:
        money.grant_create(actor=SYSTEM, budget=elsewhere, project=funded.project, amount=1)
    assert refused.value.reason == money.OUTSIDE_DIVISION


def test_payments_follow_the_milestones_the_project_reaches(funded: FundingPlan) -> None:
    need = local_share(funded)
    grant = granted(funded)
    budget = grant.budget
    with pytest.raises(FundingRefused) as refused:
        money.payment_record(
            actor=SYSTEM, grant=grant, amount=1, paid_on=DAY, voucher="V1", pack=PACK
        )
    assert refused.value.reason == money.NOT_RELEASED
    community = funded.project.community
    Project.objects.filter(community=community).update(stage=ProjectStage.CONSTRUCTION)
    first = need * 3 // 10
    money.payment_record(
        actor=SYSTEM, grant=grant, amount=first, paid_on=DAY, voucher="V1", pack=PACK
    )
    with pytest.raises(FundingRefused):
        money.payment_record(
            actor=SYSTEM, grant=grant, amount=need - first, paid_on=DAY, voucher="V2", pack=PACK
        )
    Project.objects.filter(community=community).update(stage=ProjectStage.EVALUATION)
    money.payment_record(
        actor=SYSTEM, grant=grant, amount=need - first, paid_on=DAY, voucher="V2", pack=PACK
    )
    assert sum(p.amount for p in grant.payments.all()) == need
    budget.refresh_from_db()
    assert (budget.granted, budget.paid) == (need, need)  # kept as the grants and payments add up


def test_a_plan_cannot_be_redrawn_below_what_is_already_set_aside(funded: FundingPlan) -> None:
    granted(funded)
    before = sorted((a.key, a.channel, a.amount) for a in plan_allocations(funded))
    with pytest.raises(FundingRefused) as refused:
        funding_plan_draw(
            actor=SYSTEM,
            community=funded.project.community,
            pack=PACK,
            households={"basic": Fraction(1, 2), "improvement": Fraction(1, 2)},
            government="local_budget",
        )
    assert refused.value.reason == BELOW_GRANTS
    assert sorted((a.key, a.channel, a.amount) for a in plan_allocations(funded)) == before
