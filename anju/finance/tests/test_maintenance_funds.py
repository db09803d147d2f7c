"""The 30 % line flags exactly the communities it should, and a top-up is tracked to its close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.core.ledger import LedgerBook
from anju.finance.models import FundTopUp, TopUpShare
from anju.finance.selectors import flagged_funds
from anju.finance.services import NOT_FLAGGED, FundingRefused, top_up_open, top_up_paid
from anju.policy.library import get_pack
from anju.registry.models import Community, Dwelling
from anju.testing import SYSTEM

PACK = get_pack("national-2020")

# (initial, balance) in yuan → flagged?
FUNDS: list[tuple[str | None, str | None, bool]] = [
    ("100000.00", "30000.00", False),  # exactly 30 %: not 不足
    ("100000.00", "29999.99", True),
    ("100000.01", "30000.00", True),  # 30 % of it is 30,000.003
    (None, None, True),
    ("0", "0", True),
    ("100000.00", None, False),  # cannot be judged
    (None, "5000.00", False),
    ("80000.00", "90000.00", False),
    ("333.33", "99.99", True),  # 30 % of it is 99.999
]


@pytest.fixture
def funds(city: LedgerBook) -> dict[str, bool]:
    codes = list(Community.objects.order_by("code").values_list("code", flat=True))
    expected = {}
    for code, (initial, balance, flagged) in zip(codes, FUNDS, strict=False):
        Community.objects.filter(code=code).update(
            fund_initial=None if initial is None else Decimal(initial),
            fund_balance=None if balance is None else Decimal(balance),
        )
        expected[code] = flagged
    for code in codes[len(FUNDS) :]:
        Community.objects.filter(code=code).update(
            fund_initial=Decimal(1000), fund_balance=Decimal(300)
        )
        expected[code] = False
    return expected


def test_the_line_flags_exactly_the_funds_under_it_or_missing(
    funds: dict[str, bool], city_user: User
) -> None:
    flagged = {f.community.code for f in flagged_funds(user=city_user, pack=PACK)}
    assert flagged == {code for code, is_flagged in funds.items() if is_flagged}


def test_a_district_sees_only_its_own_flags(funds: dict[str, bool], hualong_user: User) -> None:
    flagged = flagged_funds(user=hualong_user, pack=PACK)
    assert flagged and all(f.community.district_id == "410902000000" for f in flagged)


def test_a_top_up_shares_the_need_by_area_and_closes_when_all_have_paid(
    funds: dict[str, bool],
) -> None:
    code = next(c for c, flagged in funds.items() if flagged)
    community = Community.objects.get(code=code)
    top_up = top_up_open(actor=SYSTEM, community=community, pack=PACK)
    shares = list(TopUpShare.objects.filter(top_up=top_up))
    assert sum(s.amount for s in shares) == top_up.amount > 0
    assert len(shares) == Dwelling.objects.filter(building__community=community).count()
    with pytest.raises(FundingRefused):
        top_up_open(actor=SYSTEM, community=community, pack=PACK)
    day = dt.date(2026, 11, 20)
    first = [shares[0].dwelling_id]
    assert top_up_paid(actor=SYSTEM, top_up=top_up, dwelling_ids=first, paid_on=day) == 1
    top_up.refresh_from_db()
    assert top_up.closed_at is None
    rest = [s.dwelling_id for s in shares[1:]]
    top_up_paid(actor=SYSTEM, top_up=top_up, dwelling_ids=rest, paid_on=day)
    top_up.refresh_from_db()
    community.refresh_from_db()
    assert top_up.closed_at is not None
    assert community.fund_balance is not None and community.fund_initial is not None
    assert community.fund_balance >= community.fund_initial * Decimal("0.3")
    assert not FundTopUp.objects.filter(community=community, closed_at__isnull=True).exists()


def test_a_fund_above_the_line_is_not_topped_up(funds: dict[str, bool]) -> None:
    code = next(c for c, flagged in funds.items() if not flagged)
    with pytest.raises(FundingRefused) as refused:
        top_up_open(actor=SYSTEM, community=Community.objects.get(code=code), pack=PACK)
    assert refused.value.reason == NOT_FLAGGED


def test_the_list_page_shows_the_flagged_communities(
    funds: dict[str, bool], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    page = logged_in("city").get("/finance/maintenance-funds/?policy=national-2020")
    text = page.content.decode()
    shown = {code for code in funds if f'data-flagged="{code}"' in text}
    assert shown == {code for code, flagged in funds.items() if flagged}


def test_the_list_sorts_by_its_headers_and_pages(
    funds: dict[str, bool], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    most = logged_in("city").get(
        "/finance/maintenance-funds/", {"policy": "national-2020", "sort": "-needed", "per": 20}
    )
    needed = [f.check.needed for f in most.context["page"]]
    assert needed == sorted(needed, reverse=True) and len(needed) == min(20, sum(funds.values()))
    assert 'aria-sort="descending"' in most.content.decode()
    assert most.context["count"] == sum(funds.values())
