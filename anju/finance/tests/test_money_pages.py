"""The money pages as a bureau uses them: budgets, grants, payments, the audit trace and the
reward/penalty adjustment, each within the user's own area."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import get_args

import openpyxl
from django.http import FileResponse
from django.test import Client

from anju.core.policy_pack import Channel as PackChannel
from anju.divisions.models import Division
from anju.finance.models import Budget, Channel, FundingPlan, Grant
from anju.finance.money import services as money
from anju.finance.selectors import plan_allocations
from anju.testing import HUALONG, QINGFENG, SYSTEM


def test_every_channel_a_pack_may_name_has_a_label() -> None:
    assert set(Channel.values) == set(get_args(PackChannel))


def _download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert isinstance(response, FileResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def _budget(division: str = HUALONG, amount: int = 10**10) -> Budget:
    return money.budget_create(
        actor=SYSTEM,
        name="2026年财政资金",
        channel="local_budget",
        year=2026,
        division=Division.objects.get(code=division),
        amount=amount,
    )


def test_a_district_records_a_grant_and_sees_it_traced(
    funded: FundingPlan, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    budget = _budget()
    client = logged_in("hualong")
    need = sum(a.amount for a in plan_allocations(funded) if a.channel == "local_budget")
    answer = client.post(
        f"/finance/money/budgets/{budget.pk}/",
        {
            "action": "grant",
            "community": funded.project.community.code,
            "amount": f"{need // 100},{need % 100:02d}".replace(",", "."),
        },
    )
    assert answer.status_code == 302
    grant = Grant.objects.get(budget=budget)
    assert grant.amount == need
    page = client.get("/finance/money/?year=2026").content.decode()
    assert "2026年财政资金" in page and "chart-districts" in page
    book = openpyxl.load_workbook(io.BytesIO(_download(client, "/finance/money/trace.xlsx")))
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5], round(r[8] * 100)) for r in rows] == [
        ("2026年财政资金", funded.project.community.code, need)
    ]


def test_a_grant_over_the_plan_is_refused_with_the_figures(
    funded: FundingPlan, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    budget = _budget()
    client = logged_in("hualong")
    answer = client.post(
        f"/finance/money/budgets/{budget.pk}/",
        {"action": "grant", "community": funded.project.community.code, "amount": "99999999"},
        follow=True,
    )
    assert not Grant.objects.exists()
    assert "资金筹措方案中该渠道" in answer.content.decode()


def test_another_district_neither_sees_nor_touches_the_budget(
    funded: FundingPlan, qingfeng_user: object, logged_in: Callable[[str], Client]
) -> None:
    budget = _budget()
    client = logged_in("qingfeng")
    assert client.get(f"/finance/money/budgets/{budget.pk}/").status_code == 404
    assert "2026年财政资金" not in client.get("/finance/money/").content.decode()
    book = openpyxl.load_workbook(io.BytesIO(_download(client, "/finance/money/trace.xlsx")))
    assert list(book.active.iter_rows(min_row=2, values_only=True)) == []
    own = _budget(QINGFENG)
    assert client.get(f"/finance/money/budgets/{own.pk}/").status_code == 200


def test_the_adjustment_shares_the_pool_and_records_district_budgets(
    funded: FundingPlan, city_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    districts = Division.objects.filter(parent_id="410900000000", level=3).order_by("code")
    scores = "\n".join(f"{d.name}: {90 - 5 * i}" for i, d in enumerate(districts))
    form = {
        "channel": "local_budget",
        "year": "2027",
        "pool": "10,000,000.01",
        "scores": scores,
        "action": "work_out",
    }
    page = client.post("/finance/money/adjustment/?policy=puyang-2020", form)
    assert page.status_code == 200 and "data-allocated" in page.content.decode()
    client.post("/finance/money/adjustment/?policy=puyang-2020", {**form, "action": "budgets"})
    made = Budget.objects.filter(year=2027)
    assert sum(b.amount for b in made) == 1_000_000_001
    assert made.count() >= 1


def test_a_score_line_that_does_not_read_is_named(
    city: object, city_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    page = client.post(
        "/finance/money/adjustment/?policy=puyang-2020",
        {"channel": "local_budget", "year": "2027", "pool": "100", "scores": "火星区: 90"},
    )
    assert "火星区" in page.content.decode()
    assert not Budget.objects.exists()


def test_the_money_page_shows_the_payment_schedule_as_a_reference_value(
    funded: FundingPlan, city_user: object, logged_in: Callable[[str], Client], settings: object
) -> None:
    # Puyang's document sets no milestones: the schedule is Anju's reference practice, and says so
    page = logged_in("city").get("/finance/money/").content.decode()
    schedule = page.split("data-schedule>")[1].split("</p>")[0]
    assert "施工30%" in schedule and "参考值" in schedule and "puyang-2020" not in schedule
    # Hangjin's own clause names the duty; the figures stay reference values
    settings.POLICY_PACK = "hangjin-2021"  # type: ignore[attr-defined]
    page = logged_in("city").get("/finance/money/").content.decode()
    schedule = page.split("data-schedule>")[1].split("</p>")[0]
    assert "杭政发〔2021〕124号 五（二）" in schedule and "参考值" in schedule
