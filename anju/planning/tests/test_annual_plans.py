"""A scenario's year adopted as the annual plan of record: its projects move into the plan
stage, every later change is a new version that says what it added and dropped, and a project
already building is never dropped."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.divisions.models import Division
from anju.planning.models import AnnualPlan, Scenario
from anju.planning.services.annual_plans import AdoptionError, annual_plan_adopt, versions
from anju.planning.services.scenarios import scenario_create, scenario_solve
from anju.projects.models import Project, ProjectStage, StageChange
from anju.registry.models import Community, Owner
from anju.testing import CITY, SYSTEM

pytestmark = pytest.mark.django_db


def solved(budgets: dict[int, int], name: str = "方案") -> Scenario:
    scenario = scenario_create(
        actor=SYSTEM,
        name=name,
        division=Division.objects.get(code=CITY),
        pack="national-2020",
        first_year=2026,
        last_year=2027,
        budgets={year: Decimal(amount) for year, amount in budgets.items()},
    )
    scenario_solve(scenario.pk)
    scenario.refresh_from_db()
    return scenario


def in_year(scenario: Scenario, year: int) -> set[str]:
    assert scenario.result is not None
    return {r["community_code"] for r in scenario.result["selected"] if r["year"] == year}


def stage(code: str) -> str:
    return Project.objects.get(community__code=code).stage


def plan_year(code: str) -> int | None:
    return Project.objects.get(community__code=code).plan_year


def test_adopting_a_year_puts_its_communities_in_the_plan_and_moves_those_ready_into_the_plan_stage(
    eligible: list[str],
) -> None:
    scenario = solved({2026: 10**9, 2027: 10**9})
    ready = Project.objects.create(
        community=Community.objects.get(code=eligible[0]), stage=ProjectStage.APPROVAL
    )

    plan = annual_plan_adopt(actor=SYSTEM, scenario=scenario, year=2026, note="市政府常务会议通过")

    assert (plan.version, plan.year, plan.division_id) == (1, 2026, CITY)
    assert set(plan.entries.values_list("community__code", flat=True)) == set(eligible)
    assert all(plan_year(code) == 2026 for code in eligible)
    # a project that has passed approval moves on; the others walk there by their own gates
    change = StageChange.objects.get(project=ready)
    assert (change.from_stage, change.to_stage) == (ProjectStage.APPROVAL, ProjectStage.PLANNED)
    assert change.reason == "列入2026年度计划（第 1 版）"
    assert all(stage(code) == ProjectStage.RESERVE for code in eligible[1:])
    entry = AuditEntry.objects.get(action="plan.adopt")
    assert entry.after is not None and entry.after["added"] == sorted(eligible)


def test_a_new_version_drops_and_adds_and_the_history_says_what_changed(
    eligible: list[str],
) -> None:
    first = solved({2026: 10**9, 2027: 10**9})
    annual_plan_adopt(actor=SYSTEM, scenario=first, year=2026)
    costs = {r["community_code"]: Decimal(r["cost_yuan"]) for r in (first.result or {})["selected"]}
    tight = solved({2026: int(max(costs.values())), 2027: 10**9}, name="压缩")
    kept = in_year(tight, 2026)
    assert 0 < len(kept) < len(eligible)

    annual_plan_adopt(actor=SYSTEM, scenario=tight, year=2026)

    newest, oldest = versions(CITY, 2026)
    assert (newest.plan.version, oldest.plan.version) == (2, 1)
    assert newest.added == [] and newest.removed == sorted(set(eligible) - kept)
    assert oldest.added == sorted(eligible)
    for code in eligible:
        assert plan_year(code) == (2026 if code in kept else None)


def test_a_project_already_building_is_never_dropped_and_nothing_is_written(
    eligible: list[str],
) -> None:
    first = solved({2026: 10**9, 2027: 10**9})
    annual_plan_adopt(actor=SYSTEM, scenario=first, year=2026)
    nothing = solved({2026: 0, 2027: 10**9}, name="推迟")
    Project.objects.filter(community__code=eligible[0]).update(stage=ProjectStage.CONSTRUCTION)

    with pytest.raises(AdoptionError, match=eligible[0]):
        annual_plan_adopt(actor=SYSTEM, scenario=nothing, year=2026)

    assert AnnualPlan.objects.count() == 1
    assert plan_year(eligible[1]) == 2026


def test_an_infeasible_scenario_or_a_year_outside_it_cannot_be_adopted(
    eligible: list[str],
) -> None:
    scenario = solved({2026: 10**9, 2027: 10**9})
    with pytest.raises(AdoptionError, match="2030"):
        annual_plan_adopt(actor=SYSTEM, scenario=scenario, year=2030)
    Scenario.objects.filter(pk=scenario.pk).update(
        result={**(scenario.result or {}), "status": "infeasible"}
    )
    scenario.refresh_from_db()
    with pytest.raises(AdoptionError):
        annual_plan_adopt(actor=SYSTEM, scenario=scenario, year=2026)
    assert not AnnualPlan.objects.exists()


def test_an_official_adopts_on_the_page_and_reads_the_plan_of_record(
    eligible: list[str],
    city_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    scenario = solved({2026: 10**9, 2027: 10**9})
    client = logged_in("city")

    response = client.post(f"/planning/{scenario.pk}/adopt/", {"year": "2026", "note": "第一批"})

    assert response.status_code == 302
    assert response["Location"] == f"/planning/annual/{CITY}/2026/"
    page = client.get(response["Location"]).content.decode()
    names = (scenario.result or {})["names"]
    assert all(names[code] in page for code in eligible)
    # in the plan, each project still walks through its own gates from where it stands
    assert f"/projects/communities/{eligible[0]}/" in page and "项目储备" in page
    assert "第一批" in page
    assert "2026" in client.get("/planning/").content.decode()
    other = logged_in("qingfeng")
    assert other.post(f"/planning/{scenario.pk}/adopt/", {"year": "2026"}).status_code == 404
    assert other.get(f"/planning/annual/{CITY}/2026/").status_code == 404


def test_the_public_reads_the_current_version_without_signing_in_and_nothing_personal(
    eligible: list[str],
) -> None:
    scenario = solved({2026: 10**9, 2027: 10**9})
    annual_plan_adopt(actor=SYSTEM, scenario=scenario, year=2026)
    owner = Owner.objects.filter(dwellings__building__community__code=eligible[0]).first()
    assert owner is not None and owner.name

    Project.objects.filter(community__code=eligible[2]).delete()  # one not begun
    with_project = set(
        Project.objects.filter(community__code__in=eligible).values_list(
            "community__code", flat=True
        )
    )

    page = Client().get(f"/p/{CITY}/2026/").content.decode()

    names = (scenario.result or {})["names"]
    assert all(names[code] in page for code in eligible)
    assert "第 1 版" in page
    # a project under way leads to who builds it for how much; a community not begun, nowhere
    assert len(with_project) == 2
    for code in eligible:
        assert (f'href="/w/{code}/"' in page) == (code in with_project)
    assert owner.name not in page and owner.id_masked not in page
    assert Client().get(f"/p/{CITY}/2031/").status_code == 404
