from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest
from django.utils import timezone

from anju.assessment.services import conditions_save
from anju.divisions.models import Division
from anju.finance.models import FundingPlan, Grant
from anju.finance.money import services as money
from anju.finance.selectors import plan_allocations
from anju.finance.services import funding_plan_draw
from anju.participation.models import Channel, Poll, PollKind
from anju.participation.services import poll_create, poll_publish, response_submit
from anju.policy.library import get_pack
from anju.registry.models import Building, Community
from anju.testing import HUALONG, SYSTEM

NATIONAL = "national-2020"
HOUSEHOLDS = {"basic": Fraction(1, 10), "improvement": Fraction(3, 10)}


def passed_elevator_vote(community: Community, building: Building, unit: str) -> Poll:
    """A closed elevator vote on one stairway unit, every owner agreeing."""
    now = timezone.now()
    poll = poll_create(
        actor=SYSTEM,
        community=community,
        kind=PollKind.VOTE,
        title="加装电梯",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
        matter="elevator",
        building=building,
        unit=unit,
    )
    poll = poll_publish(actor=SYSTEM, poll=poll, now=now - timedelta(hours=2))
    for elector in poll.electors.all():
        if not elector.responses.exists():
            response_submit(actor=SYSTEM, elector=elector, choice="agree", channel=Channel.CODE)
    Poll.objects.filter(pk=poll.pk).update(closes_at=now - timedelta(minutes=1))
    return poll


def draw_funded(community: Community) -> FundingPlan:
    """A community needing water, roads and elevators, its plan drawn with households paying a
    tenth of basic and three tenths of improvement work, public money the rest."""
    conditions_save(
        actor=SYSTEM,
        community=community,
        values={"water_supply": ("poor", ""), "roads": ("poor", ""), "elevators": ("missing", "")},
    )
    return funding_plan_draw(
        actor=SYSTEM,
        community=community,
        pack=get_pack(NATIONAL),
        households=HOUSEHOLDS,
        government="local_budget",
    )


def local_share(plan: FundingPlan) -> int:
    """What the plan asks of the local budget, in fen."""
    return sum(a.amount for a in plan_allocations(plan) if a.channel == "local_budget")


def granted(plan: FundingPlan) -> Grant:
    """The plan's local share set aside, whole, from a budget of Hualong holding just that."""
    need = local_share(plan)
    budget = money.budget_create(
        actor=SYSTEM,
        name="2026年华龙区财政资金",
        channel="local_budget",
        year=2026,
        division=Division.objects.get(code=HUALONG),
        amount=need,
    )
    return money.grant_create(actor=SYSTEM, budget=budget, project=plan.project, amount=need)


@pytest.fixture
def funded(hualong_community: Community) -> FundingPlan:
    return draw_funded(hualong_community)
