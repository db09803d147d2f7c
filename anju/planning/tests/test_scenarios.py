"""Plan scenarios as officials use them: asked for on a page, solved by the worker, read,
copied with one change and compared; each official only within their own division."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import openpyxl
import pytest
from django.http import FileResponse
from django.test import Client
from django.utils import timezone

from anju.accounts.models import Role, User
from anju.audit.models import AuditEntry
from anju.core.ledger import LedgerBook
from anju.core.plans import DistrictShare
from anju.divisions.models import Division
from anju.planning.models import Scenario, ScenarioState
from anju.planning.presentation import ScenarioView
from anju.planning.services.scenarios import scenario_create, scenario_solve
from anju.planning.tests.cases import POOR_ALL, codes, set_up
from anju.projects.services.stages import area_accept
from anju.registry.models import Community
from anju.testing import CITY, HUALONG, QINGFENG, SYSTEM, WORKER, run_worker

pytestmark = pytest.mark.django_db


def budget_rows(amounts: dict[int, str]) -> dict[str, str]:
    """The budget table's rows as the page sends them, in 万元."""
    rows: dict[str, str] = {}
    for i, (year, wan) in enumerate(amounts.items()):
        rows |= {f"budget_year_{i}": str(year), f"budget_wan_{i}": wan}
    return rows


FORM = {
    "name": "基准方案",
    "division": CITY,
    "pack": "national-2020",
    "first_year": "2026",
    "last_year": "2027",
    "pack_targets": "on",
    "forecast_built_before": "2001",
} | budget_rows({2026: "100000", 2027: "100000"})


def solved(scenario: Scenario) -> dict[str, Any]:
    scenario.refresh_from_db()
    assert scenario.state == ScenarioState.DONE
    result = scenario.result
    assert isinstance(result, dict)
    return result


def ask(client: Client, django_capture_on_commit_callbacks: Any, **changes: str) -> Any:
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/planning/new/", FORM | changes)


@WORKER
def test_a_city_official_asks_for_a_plan_and_reads_it_once_the_worker_has_solved_it(
    eligible: list[str],
    city_user: User,
    logged_in: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = logged_in("city")
    response = ask(client, django_capture_on_commit_callbacks)
    scenario = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/planning/{scenario.pk}/"
    assert scenario.budgets == {"2026": "1000000000.00", "2027": "1000000000.00"}
    waiting = client.get(f"/planning/{scenario.pk}/").content.decode()
    assert 'http-equiv="refresh"' in waiting
    assert "从登记册中选取候选小区" in waiting

    run_worker()

    result = solved(scenario)
    assert {row["community_code"] for row in result["selected"]} == set(eligible)
    assert result["forecast"]["year"] == 2026
    page = client.get(f"/planning/{scenario.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "最优计划" in page
    assert "与已证明上界的差距" in page
    assert all(result["names"][code] in page for code in eligible)
    download = client.get(f"/planning/{scenario.pk}/plan.xlsx")
    assert isinstance(download, FileResponse)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))  # type: ignore[arg-type]
    assert book["计划"]["A1"].value == "濮阳市2026—2027年城镇老旧小区改造计划"
    listed = [row[4] for row in book["2026年度计划"].iter_rows(min_row=4, values_only=True)]
    assert sorted(listed[:-2]) == sorted(eligible)
    assert "2001 年前建成的 3 个候选小区" in page
    assert AuditEntry.objects.filter(action="plan.scenario.create", target_id=str(scenario.pk))


@WORKER
def test_a_copy_with_less_money_plans_later_and_the_comparison_shows_what_moved(
    eligible: list[str],
    city_user: User,
    logged_in: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = logged_in("city")
    ask(client, django_capture_on_commit_callbacks)
    first = Scenario.objects.get()
    copied = client.get(f"/planning/new/?from={first.pk}").content.decode()
    assert 'name="budget_year_0" value="2026"' in copied
    assert 'name="budget_wan_1" value="100000"' in copied
    ask(
        client,
        django_capture_on_commit_callbacks,
        name="压缩方案",
        **budget_rows({2026: "1", 2027: "100000"}),
    )
    second = Scenario.objects.exclude(pk=first.pk).get()
    run_worker()

    page = client.get(f"/planning/compare/?a={first.pk}&b={second.pk}").content.decode()

    assert [r["year"] for r in solved(second)["selected"]] == [2027, 2027, 2027]
    assert page.count("<td>2026</td><td>2027</td>") == 3
    assert "基准方案" in page and "压缩方案" in page


@WORKER
def test_a_district_official_plans_only_for_their_district_and_sees_no_one_elses(
    eligible: list[str],
    hualong_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    hualong = logged_in("hualong")
    form = hualong.get("/planning/new/").content.decode()
    assert f'value="{HUALONG}"' in form and f'value="{QINGFENG}"' not in form

    refused = ask(hualong, django_capture_on_commit_callbacks, division=QINGFENG)
    assert refused.status_code == 400 and not Scenario.objects.exists()

    ask(hualong, django_capture_on_commit_callbacks, division=HUALONG)
    scenario = Scenario.objects.get()
    run_worker()
    result = solved(scenario)
    planned = {row["community_code"] for row in result["selected"]}
    considered = planned | {row["community_code"] for row in result["left_out"]}
    assert considered and all(code.startswith(HUALONG[:6]) for code in considered)

    qingfeng = logged_in("qingfeng")
    assert qingfeng.get(f"/planning/{scenario.pk}/").status_code == 404
    assert qingfeng.get(f"/planning/{scenario.pk}/plan.xlsx").status_code == 404
    assert scenario.name not in qingfeng.get("/planning/").content.decode()


def test_those_who_do_not_draw_up_plans_get_no_planning_pages(
    city: LedgerBook, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    make_user("committee", HUALONG, Role.COMMITTEE)
    client = logged_in("committee")
    assert client.get("/planning/").status_code == 403
    assert client.get("/planning/new/").status_code == 403
    assert "/planning/" not in client.get("/registry/communities/").content.decode()


def test_budget_rows_that_do_not_add_up_are_named_and_nothing_is_queued(
    city_user: User, logged_in: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in("city")
    rows = budget_rows({2026: "100000", 2027: "0.0000001"}) | {
        "budget_year_2": "2026",
        "budget_wan_2": "5",
        "budget_year_3": "2031",
        "budget_wan_3": "5",
        "budget_year_4": "",
        "budget_wan_4": "7",
    }
    response = ask(client, django_capture_on_commit_callbacks, **rows)
    page = response.content.decode()
    assert response.status_code == 400
    for refusal in ("金额只能精确到分", "2026 重复", "2031 不在计划年度内", "请同时填写年度和预算"):
        assert refusal in page, refusal
    assert not Scenario.objects.exists()


def test_budgets_are_read_in_wan_yuan_and_every_year_needs_one(
    city_user: User, logged_in: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in("city")
    only_one = budget_rows({2026: "30000"}) | {"budget_year_1": "", "budget_wan_1": ""}
    missing = ask(client, django_capture_on_commit_callbacks, **only_one)
    assert missing.status_code == 400 and "缺少：2027" in missing.content.decode()
    ask(client, django_capture_on_commit_callbacks, **budget_rows({2027: "12000.5", 2026: "1"}))
    assert Scenario.objects.get().budgets == {"2026": "10000.00", "2027": "120005000.00"}


def test_a_stopped_worker_leaves_the_scenario_to_be_solved_again_whole(
    eligible: list[str], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    scenario = scenario_create(
        actor=SYSTEM,
        name="中断的方案",
        division=Division.objects.get(code=CITY),
        pack="national-2020",
        first_year=2026,
        last_year=2026,
        budgets={2026: Decimal(10**9)},
    )
    Scenario.objects.filter(pk=scenario.pk).update(state=ScenarioState.RUNNING, step="model")
    client = logged_in("city")
    page = client.get(f"/planning/{scenario.pk}/")
    assert page.context["view"].working and "重新求解" not in page.content.decode()
    Scenario.objects.filter(pk=scenario.pk).update(
        created_at=timezone.now() - timedelta(minutes=20)
    )
    assert "重新求解" in client.get(f"/planning/{scenario.pk}/").content.decode()

    client.post(f"/planning/{scenario.pk}/rerun/")
    scenario.refresh_from_db()
    assert (scenario.state, scenario.step, scenario.result) == (ScenarioState.QUEUED, "", None)
    scenario_solve(scenario.pk)
    scenario.refresh_from_db()
    assert scenario.state == ScenarioState.DONE
    solved = scenario.result
    scenario_solve(scenario.pk)
    scenario.refresh_from_db()
    assert scenario.result == solved


def test_a_scenario_that_cannot_be_solved_says_why_in_the_users_language(
    city: LedgerBook, city_user: User, logged_in: Callable[[str], Client]
) -> None:
    scenario = Scenario.objects.create(
        name="旧政策包",
        division=Division.objects.get(code=CITY),
        pack="withdrawn-2019",
        first_year=2026,
        last_year=2026,
        budgets={"2026": "1.00"},
    )
    scenario_solve(scenario.pk)
    scenario.refresh_from_db()
    assert scenario.state == ScenarioState.FAILED
    assert "withdrawn-2019" in scenario.error
    page = logged_in("city").get(f"/planning/{scenario.pk}/").content.decode()
    assert "withdrawn-2019" in page and "重新求解" in page


def _solve(**rules: Any) -> Scenario:
    scenario = scenario_create(
        actor=SYSTEM,
        name="带约束的方案",
        division=Division.objects.get(code=CITY),
        pack="national-2020",
        first_year=2026,
        last_year=2027,
        budgets={2026: Decimal(10**9), 2027: Decimal(10**9)},
        **rules,
    )
    scenario_solve(scenario.pk)
    scenario.refresh_from_db()
    return scenario


def test_a_start_fixed_by_hand_and_a_group_hold_in_the_solved_plan(eligible: list[str]) -> None:
    first, second, third = eligible
    scenario = _solve(fixed={second: 2027}, groups={"老城片区": [first, third]})

    years = {row["community_code"]: row["year"] for row in solved(scenario)["selected"]}

    assert years == {first: 2026, second: 2027, third: 2026}
    rules = ScenarioView(scenario).rules
    assert rules == [f"{second} 于 2027 年开工", f"老城片区须同时开工：{first}、{third}"]


def test_a_district_share_holds_the_money_of_one_district_to_its_cap(
    eligible: list[str], city: LedgerBook
) -> None:
    elsewhere = Community.objects.exclude(district_id=HUALONG).order_by("code").first()
    assert elsewhere is not None
    set_up(
        city,
        {**{code: (1990, POOR_ALL) for code in eligible}, elsewhere.code: (1990, POOR_ALL)},
    )
    assert {c.district_id for c in Community.objects.filter(code__in=eligible)} == {HUALONG}
    hualong = Community.objects.get(code=eligible[0]).district.name

    def spent(result: dict[str, Any]) -> tuple[Decimal, Decimal]:
        """(Hualong's money, all the money) of a plan."""
        rows = [(r["district"], Decimal(r["cost_yuan"])) for r in result["tally"]]
        return sum((m for d, m in rows if d == hualong), Decimal(0)), sum(m for _d, m in rows)

    free = spent(solved(_solve()))
    capped = spent(solved(_solve(shares=[DistrictShare(hualong, None, Fraction(1, 2))])))

    assert free[0] > free[1] / 2
    assert capped[0] <= capped[1] / 2 and capped[1] > 0


def test_a_fixed_or_grouped_community_that_is_not_a_candidate_fails_the_scenario_with_why(
    eligible: list[str], city: LedgerBook
) -> None:
    unwilling = codes(city, 4)[3]
    scenario = _solve(fixed={unwilling: 2026}, groups={"片区": [eligible[0], unwilling]})

    assert scenario.state == ScenarioState.FAILED
    assert f"{unwilling} 被指定在 2026 年开工，但不是候选小区" in scenario.error
    assert "居民改造意愿10" in scenario.error
    assert f"片区的 {unwilling}" in scenario.error


def test_rule_rows_that_do_not_read_are_named_and_nothing_is_queued(
    city_user: User, logged_in: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(
        logged_in("city"),
        django_capture_on_commit_callbacks,
        share_district_0="华龙区",
        share_low_0="40",
        share_high_0="10",
        share_low_1="5",
        share_district_2="不存在区",
        fixed_code_0="410902001001001",
        group_name_0="老城片区",
        group_codes_0="410902001001001",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'list="district-names"' in page and '<option value="华龙区">' in page
    for refusal in (
        "下限高于上限",
        "请选择区县",
        "“不存在区”不是所规划区划内的区县",
        "请同时填写小区和开工年度",
        "至少两个小区",
    ):
        assert refusal in page, refusal
    assert not Scenario.objects.exists()


def test_rule_rows_are_kept_with_the_scenario_and_come_back_on_its_copy(
    city_user: User, logged_in: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in("city")
    ask(
        client,
        django_capture_on_commit_callbacks,
        share_district_0="华龙区",
        share_high_0="50",
        fixed_code_0="410902001001001",
        fixed_year_0="2027",
        group_name_0="老城片区",
        group_codes_0="410902001001001、410902001001002",
    )
    scenario = Scenario.objects.get()
    assert scenario.fixed == {"410902001001001": 2027}
    assert scenario.groups == {"老城片区": ["410902001001001", "410902001001002"]}
    copied = client.get(f"/planning/new/?from={scenario.pk}").content.decode()
    for cell in (
        'name="share_district_0" value="华龙区"',
        'name="share_high_0" value="50"',
        'name="fixed_code_0" value="410902001001001"',
        'name="group_codes_0"',
    ):
        assert cell in copied, cell


def test_a_bundle_accepted_as_one_project_starts_together_in_the_plan(eligible: list[str]) -> None:
    first, second, third = eligible
    area_accept(
        actor=SYSTEM,
        lead=Community.objects.get(code=first),
        others=[Community.objects.get(code=third)],
    )

    years = {
        row["community_code"]: row["year"]
        for row in solved(_solve(fixed={third: 2027}))["selected"]
    }

    assert years[first] == years[third] == 2027 and years[second] == 2026
