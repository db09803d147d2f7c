"""Money in the demo city: a closed elevator vote that passed, funding plans drawn for the first
communities with a hardship reduction, and a maintenance fund top-up under way."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from anju.audit.context import Actor
from anju.core.disbursement import payable
from anju.core.project_stages import Stage
from anju.core.votes import Choice
from anju.finance.models import FundingPlan, Grant
from anju.finance.money.services import budget_create, grant_create, milestones, payment_record
from anju.finance.selectors import fund_check, plan_allocations
from anju.finance.services import (
    FundingRefused,
    elevators_fit_votes,
    funding_plan_draw,
    reductions_save,
    share_codes_issue,
    top_up_open,
)
from anju.participation.models import Channel, Poll, PollKind
from anju.participation.services import poll_create, poll_publish, response_submit
from anju.policy.library import get_pack
from anju.projects.models import ProjectStage
from anju.registry.models import Building, Community, Dwelling

HOUSEHOLDS = {"basic": Fraction(1, 10), "improvement": Fraction(3, 10)}


def _elevator_vote(actor: Actor, community: Community) -> None:
    """A passed vote on the first stairway unit that no poll is about yet."""
    asked = set(
        Poll.objects.filter(community=community, matter="elevator").values_list(
            "building_id", "unit"
        )
    )
    free = (
        Dwelling.objects.filter(building__community=community)
        .values_list("building_id", "unit")
        .distinct()
        .order_by("building_id", "unit")
    )
    choice = next((pair for pair in free if pair not in asked), None)
    if choice is None:
        return
    building = Building.objects.get(pk=choice[0])
    unit = choice[1]
    now = timezone.now().replace(second=0, microsecond=0)
    poll = poll_create(
        actor=actor,
        community=community,
        kind=PollKind.VOTE,
        matter="elevator",
        title=f"{community.name}{building.number}{unit}单元加装电梯业主表决",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=16),
        building=building,
        unit=unit,
    )
    poll = poll_publish(actor=actor, poll=poll, now=poll.opens_at - timedelta(days=1))
    electors = list(poll.electors.order_by("pk"))
    for i, elector in enumerate(electors):
        if i % 10 == 9 or elector.responses.exists():
            continue  # one household in ten does not take part
        response_submit(
            actor=actor,
            elector=elector,
            choice=Choice.AGREE,
            channel=Channel.CODE,
            now=poll.opens_at + timedelta(hours=1),
        )


def demo_finance(actor: Actor) -> int:
    """Funding plans for the first two communities of the first district; returns how many."""
    if FundingPlan.objects.exists():
        return 0
    pack = get_pack()
    communities = list(Community.objects.order_by("code")[:2])
    if not communities:
        return 0
    _elevator_vote(actor, communities[0])
    made = 0
    for community in communities:
        try:
            plan = funding_plan_draw(
                actor=actor,
                community=community,
                pack=pack,
                households=HOUSEHOLDS,
                government="local_budget",
            )
        except FundingRefused:
            continue
        made += 1
        if community == communities[0]:
            with contextlib.suppress(FundingRefused):
                plan = elevators_fit_votes(actor=actor, plan=plan, pack=pack)
        share_codes_issue(actor=actor, plan=plan)
        poor = Dwelling.objects.filter(building__community=community).order_by("pk")[3:4]
        reductions_save(
            actor=actor, plan=plan, reductions={d.pk: (Decimal(100), "低保户") for d in poor}
        )
    _money(actor)
    flagged = [
        c
        for c in Community.objects.order_by("code")[:20]
        if (check := fund_check(c, pack)) is not None and check.flagged
    ]
    if flagged:
        top_up_open(actor=actor, community=flagged[0], pack=pack)
    return made


BUDGETS = {"central_subsidy": "中央财政补助资金", "local_budget": "区级财政资金"}
WAN = 10_000 * 100  # 万元 in fen


def _money(actor: Actor) -> None:
    """The district's budgets for the year and money set aside for each funded project."""
    plans = list(FundingPlan.objects.select_related("project__community__district"))
    if not plans:
        return
    district = plans[0].project.community.district
    year = timezone.now().year
    needs = {
        (plan.pk, channel): sum(a.amount for a in plan_allocations(plan) if a.channel == channel)
        for plan in plans
        for channel in BUDGETS
    }
    budgets = {
        channel: budget_create(
            actor=actor,
            name=f"{year}年{district.name}{label}",
            channel=channel,
            year=year,
            division=district,
            # twice what the funded projects ask, in whole 万元, so later grants fit too
            amount=max(1, -(-2 * sum(n for (_p, c), n in needs.items() if c == channel) // WAN))
            * WAN,
        )
        for channel, label in BUDGETS.items()
    }
    for plan in plans:
        for channel, budget in budgets.items():
            if need := needs[(plan.pk, channel)]:
                grant_create(actor=actor, budget=budget, project=plan.project, amount=need)


def demo_payments(actor: Actor) -> int:
    """The first instalment of every grant to a project that has started building; returns
    how many payments were made."""
    pack = get_pack()
    made = 0
    for grant in Grant.objects.filter(project__stage=ProjectStage.CONSTRUCTION, payments=None):
        first = payable(grant.amount, milestones(pack), Stage.CONSTRUCTION, 0)
        if first:
            payment_record(
                actor=actor,
                grant=grant,
                amount=first,
                paid_on=timezone.localdate(),
                voucher=f"演示-{grant.pk:04d}",
                pack=pack,
            )
            made += 1
    return made
