"""The funding plan page for staff, and a household's own share for its owner, with a code."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.test import Client

from anju.core.ballot_codes import grouped
from anju.finance.models import FundingPlan, ShareCode
from anju.finance.selectors import plan_bills, share_codes
from anju.finance.services import elevators_fit_votes, share_codes_issue
from anju.finance.tests.conftest import NATIONAL, passed_elevator_vote
from anju.policy.library import get_pack
from anju.registry.models import Building
from anju.testing import SYSTEM


def _ready(plan: FundingPlan) -> FundingPlan:
    community = plan.project.community
    building = Building.objects.filter(community=community).order_by("pk").first()
    assert building is not None
    passed_elevator_vote(community, building, "1")
    plan = elevators_fit_votes(actor=SYSTEM, plan=plan, pack=get_pack(NATIONAL))
    share_codes_issue(actor=SYSTEM, plan=plan)
    return plan


def test_an_owner_sees_their_own_share_and_no_one_elses(funded: FundingPlan) -> None:
    plan = _ready(funded)
    bills = plan_bills(plan, get_pack(NATIONAL))
    codes = list(share_codes(plan))
    (mine, code), (other, _other_code) = codes[-1], codes[0]
    page = Client().get(f"/s/{code}/").content.decode()
    my_bill = bills.of(str(mine.pk))
    other_bill = bills.of(str(other.pk))
    assert my_bill is not None and other_bill is not None
    assert f"{Decimal(my_bill.total) / 100:,.2f}" in page
    assert f"{mine.building.number}" in page and mine.room in page
    assert other.room not in page or other.room == mine.room
    amounts = set(re.findall(r"\d[\d,]*\.\d\d", page))
    others = {
        f"{Decimal(b.total) / 100:,.2f}" for b in bills.bills if b.dwelling_id != str(mine.pk)
    }
    assert not (amounts & others - {f"{Decimal(my_bill.total) / 100:,.2f}", "0.00"})


def test_a_code_typed_from_paper_is_forgiven_and_a_wrong_one_is_not(funded: FundingPlan) -> None:
    plan = _ready(funded)
    _dwelling, code = next(iter(share_codes(plan)))
    typed = grouped(code).lower().replace("-", " - ")
    answer = Client().post("/s/", {"code": typed})
    assert answer.status_code == 302 and answer["Location"] == f"/s/{code}/"
    wrong = Client().post("/s/", {"code": "ABCDE-FGHJK"})
    assert wrong.status_code == 404


def test_codes_are_kept_as_digests_and_issued_once_per_household(funded: FundingPlan) -> None:
    plan = _ready(funded)
    count = ShareCode.objects.filter(plan=plan).count()
    assert count > 0
    assert share_codes_issue(actor=SYSTEM, plan=plan) == 0
    _dwelling, code = next(iter(share_codes(plan)))
    assert not ShareCode.objects.filter(code_digest__contains=code).exists()


def test_staff_see_the_plan_and_print_the_notices(
    funded: FundingPlan, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    plan = _ready(funded)
    client = logged_in("hualong")
    code = plan.project.community.code
    page = client.get(f"/finance/communities/{code}/funding/")
    assert page.status_code == 200
    assert "data-reconciled" in page.content.decode()
    # the floor coefficients are Anju's reference values, and the page says so beside the bills
    floors = page.content.decode().split("data-floor-rule")[1].split("</p>")[0]
    assert "2层0.4" in floors and "参考值" in floors
    notices = client.get(f"/finance/communities/{code}/funding/notices/").content.decode()
    assert notices.count("data-code") == ShareCode.objects.filter(plan=plan).count()


def test_staff_of_another_district_cannot_see_it(
    funded: FundingPlan, qingfeng_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("qingfeng")
    code = funded.project.community.code
    assert client.get(f"/finance/communities/{code}/funding/").status_code == 404
    assert client.get(f"/finance/communities/{code}/funding/notices/").status_code == 404


def test_an_appraisal_shows_payback_npv_and_irr(
    funded: FundingPlan, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    code = funded.project.community.code
    form = {
        "operator": "安居停车运营公司",
        "concession_years": "8",
        "discount_pct": "6",
        "asset-TOTAL_FORMS": "2",
        "asset-INITIAL_FORMS": "0",
        "asset-0-kind": "parking",
        "asset-0-name": "立体停车库",
        "asset-0-investment": "1,000,000",
        "asset-0-yearly_income": "300000",
        "asset-0-yearly_cost": "50000",
        "asset-1-kind": "other",
        "asset-1-name": "",
    }
    saved = client.post(f"/finance/communities/{code}/appraisal/", form)
    assert saved.status_code == 302
    page = client.get(f"/finance/communities/{code}/appraisal/").content.decode()
    # 100 万 in, 25 万 a year for 8 years: pays back in year 4, NPV at 6 % 55.24 万, IRR 18.6 %.
    assert re.search(r"data-payback>\s*4<", page)
    assert "552,448.45" in page
    assert "18.6%" in page
