"""Money from budget to project to payment: every yuan traceable, none spent twice.

A budget is held by a division; it funds projects inside that division only, never more than it
holds, and never more for a project than the project's funding plan asks of its channel. A
grant is paid out as the project reaches the pack's milestones. Each write locks the rows it
checks, so two clerks cannot overspend a budget between them.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet, Sum

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.disbursement import Milestone, payable
from anju.core.divisions import covers
from anju.core.money import yuan_text
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage
from anju.divisions.models import Division
from anju.finance.models import Budget, FundingPlan, Grant, Payment
from anju.finance.services import FundingRefused
from anju.projects.models import Project

OVER_BUDGET = "over_budget"
OUTSIDE_DIVISION = "outside_division"
NO_FUNDING_PLAN = "no_funding_plan"
OVER_PLAN = "over_plan"
NOT_RELEASED = "not_released"
NO_SCHEDULE = "no_schedule"


def milestones(pack: Pack) -> list[Milestone]:
    rule = pack.model.money.disbursement
    if rule is None:
        raise FundingRefused(NO_SCHEDULE)
    return [Milestone(Stage(m.stage), Fraction(m.share_pct) / 100) for m in rule.milestones]


def _total(rows: QuerySet[Any], field: str = "amount") -> int:
    return int(rows.aggregate(total=Sum(field))["total"] or 0)


@transaction.atomic
def budget_create(
    *, actor: Actor, name: str, channel: str, year: int, division: Division, amount: int
) -> Budget:
    budget = Budget.objects.create(
        name=name,
        channel=channel,
        year=year,
        division=division,
        amount=amount,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="budget.create",
        target=budget,
        after={
            "name": name,
            "channel": channel,
            "year": year,
            "division": division.code,
            "amount": yuan_text(amount),
        },
    )
    return budget


@transaction.atomic
def grant_create(*, actor: Actor, budget: Budget, project: Project, amount: int) -> Grant:
    """Set ``amount`` of ``budget`` aside for ``project``, within what both allow."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    community = project.community
    if not covers(budget.division_id, community.division_id):
        raise FundingRefused(OUTSIDE_DIVISION, budget=budget.name, community=community.name)
    left = budget.amount - budget.granted
    if amount > left:
        raise FundingRefused(
            OVER_BUDGET, budget=budget.name, left=yuan_text(left), asked=yuan_text(amount)
        )
    plan = FundingPlan.objects.select_for_update().filter(project=project).first()
    if plan is None:
        raise FundingRefused(NO_FUNDING_PLAN, community=community.name)
    planned = _total(plan.lines.filter(allocations__channel=budget.channel), "allocations__amount")
    granted = _total(Grant.objects.filter(project=project, budget__channel=budget.channel))
    if granted + amount > planned:
        raise FundingRefused(
            OVER_PLAN,
            community=community.name,
            planned=yuan_text(planned),
            granted=yuan_text(granted),
            asked=yuan_text(amount),
        )
    grant, created = Grant.objects.get_or_create(
        budget=budget, project=project, defaults={"amount": amount, "created_by": actor.user}
    )
    if not created:
        grant.amount += amount
        grant.save(update_fields=["amount"])
    Budget.objects.filter(pk=budget.pk).update(granted=F("granted") + amount)
    audit_record(
        actor=actor,
        action="grant.create",
        target=budget,
        after={"community": community.code, "amount": yuan_text(amount)},
    )
    return grant


@transaction.atomic
def payment_record(
    *,
    actor: Actor,
    grant: Grant,
    amount: int,
    paid_on: dt.date,
    voucher: str,
    pack: Pack,
) -> Payment:
    """Record money paid out of ``grant``: no more than the milestones reached have released."""
    grant = Grant.objects.select_for_update().select_related("project__community").get(pk=grant.pk)
    stage = Stage(grant.project.stage)
    left = payable(grant.amount, milestones(pack), stage, _total(grant.payments.all()))
    if amount > left:
        raise FundingRefused(
            NOT_RELEASED,
            community=grant.project.community.name,
            stage=grant.project.get_stage_display(),
            left=yuan_text(left),
            asked=yuan_text(amount),
        )
    payment = Payment.objects.create(
        grant=grant,
        stage=stage,
        amount=amount,
        paid_on=paid_on,
        voucher=voucher,
        created_by=actor.user,
    )
    Budget.objects.filter(pk=grant.budget_id).update(paid=F("paid") + amount)
    audit_record(
        actor=actor,
        action="payment.record",
        target=grant,
        after={
            "community": grant.project.community.code,
            "amount": yuan_text(amount),
            "paid_on": paid_on.isoformat(),
            "voucher": voucher,
            "stage": stage,
        },
    )
    return payment
