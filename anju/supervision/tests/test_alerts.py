"""Each kind of alert is raised from what Anju holds, names the unit that answers for it, and is
seen only within the user's area; the districts with slow, overdue or defective works are the
ones called in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from anju.accounts.models import User
from anju.core.alerts import INTERVIEW_KINDS, AlertKind
from anju.finance.selectors import flagged_funds
from anju.policy.library import get_pack
from anju.projects.models import Inspection, InspectionKind, Project
from anju.registry.models import Community
from anju.supervision.selectors.alerts import alerts_for

HANGJIN = get_pack("hangjin-2021")


def test_every_kind_is_raised_with_the_unit_that_answers_for_it(
    troubled: dict[str, Community], hualong_user: User, city_user: User
) -> None:
    found = {
        (a.kind, a.community): a for a in alerts_for(hualong_user, HANGJIN, timezone.localdate())
    }
    code = {name: c.code for name, c in troubled.items()}
    assert found[(AlertKind.CONSTRUCTION_OVERDUE, code["overdue"])].unit == "恒达建设"
    behind = found[(AlertKind.SLOW_PROGRESS, code["behind"])]
    assert behind.unit == "安居建工" and "30%" in behind.detail and "50%" in behind.detail
    assert "-05-31" in found[(AlertKind.APPROVALS_LATE, code["late"])].detail
    assert (AlertKind.CENTRAL_SUBSIDY_YEAR, code["central"]) in found
    assert found[(AlertKind.DEFECT_OPEN, code["defective"])].unit == "正信建设"
    objection = found[(AlertKind.OBJECTION_UNANSWERED, code["objected"])]
    assert objection.unit == troubled["objected"].street.name
    assert not any(a.community == code["qingfeng"] for a in found.values())
    funds = {c for k, c in found if k == AlertKind.FUND_BELOW_LINE}
    assert funds and funds == {
        f.community.code for f in flagged_funds(user=hualong_user, pack=HANGJIN)
    }
    city = alerts_for(city_user, HANGJIN, timezone.localdate())
    assert any(a.community == code["qingfeng"] for a in city)


def test_a_pack_without_the_deadlines_raises_no_deadline_alerts(
    troubled: dict[str, Community], hualong_user: User
) -> None:
    kinds = {
        a.kind for a in alerts_for(hualong_user, get_pack("puyang-2020"), timezone.localdate())
    }
    assert AlertKind.APPROVALS_LATE not in kinds and AlertKind.CENTRAL_SUBSIDY_YEAR not in kinds
    assert AlertKind.SLOW_PROGRESS in kinds


def test_the_page_lists_the_alerts_and_the_districts_to_call_in(
    troubled: dict[str, Community],
    city_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    page = logged_in("city").get("/supervision/alerts/?policy=hangjin-2021").content.decode()
    laggards = page.split("data-laggard")[1:]
    # Hualong: overdue, behind, central subsidy, defect; Qingfeng: overdue
    assert "华龙区" in laggards[0] and '<td class="num">4</td>' in laggards[0]
    # Hangjin's document names no interview rule; Chongqing's 约谈 clause is Chongqing's alone
    assert "清丰县" in laggards[1] and "chongqing-2021" not in page
    chongqing = logged_in("city").get("/supervision/alerts/?policy=chongqing-2021")
    assert "渝府办发〔2021〕82号 六（四）" in chongqing.content.decode()
    only = logged_in("qingfeng").get(
        "/supervision/alerts/?policy=hangjin-2021&kind=construction_overdue"
    )
    assert only.content.decode().count('data-alert="') == 1


def test_a_years_task_not_through_completion_acceptance_by_its_date_is_an_alert(
    hualong_user: User, hualong_community: Community
) -> None:
    # puyang-2020 §1.(3): 2020年12月底前完成2020年度251个老旧小区改造任务 — 完成 is counted by
    # completion acceptance: a project started, even finished building, is still owed
    project = Project.objects.create(
        community=hualong_community,
        plan_year=2020,
        contractor="恒达建设",
        started_on=dt.date(2020, 5, 1),
        completed_on=dt.date(2020, 11, 30),
    )
    puyang = get_pack("puyang-2020")

    def late(today: dt.date) -> list[str]:
        return [
            a.community
            for a in alerts_for(hualong_user, puyang, today)
            if a.kind is AlertKind.TARGET_DEADLINE
        ]

    assert late(dt.date(2020, 12, 31)) == []  # on the day itself, still in time
    assert late(dt.date(2021, 1, 1)) == [hualong_community.code]
    assert late(dt.date(2021, 1, 1)) and not [
        a
        for a in alerts_for(hualong_user, get_pack("wuhan-2021"), dt.date(2021, 1, 1))
        if a.kind is AlertKind.TARGET_DEADLINE
    ]
    Inspection.objects.create(
        project=project,
        kind=InspectionKind.ACCEPTANCE,
        on=dt.date(2020, 12, 20),
        by="区住建局",
        passed=True,
    )
    assert late(dt.date(2021, 1, 1)) == []


def test_a_qualifying_community_in_no_plan_up_to_2021_is_an_alert_once_registration_is_due(
    hualong_user: User, hualong_community: Community
) -> None:
    # puyang-2020 §5.(3): 2020年7月底前完成符合条件老旧小区摸排登记工作,新增老旧小区一律纳入
    # 2021年改造计划
    puyang = get_pack("puyang-2020")
    Community.objects.filter(pk=hualong_community.pk).update(
        build_year=1995,
        in_shantytown_plan=False,
        mostly_self_built=False,
        is_urban_village=False,
        structure_safe=True,
        willingness_pct=90,
    )

    def left_out(today: dt.date) -> list[str]:
        return [
            a.community
            for a in alerts_for(hualong_user, puyang, today)
            if a.kind is AlertKind.NOT_IN_PLAN
        ]

    assert hualong_community.code not in left_out(dt.date(2020, 7, 31))
    assert hualong_community.code in left_out(dt.date(2020, 8, 1))
    project = Project.objects.create(community=hualong_community, plan_year=2022)
    assert hualong_community.code in left_out(dt.date(2021, 3, 1))  # 2022 is too late
    Project.objects.filter(pk=project.pk).update(plan_year=2021)
    assert hualong_community.code not in left_out(dt.date(2021, 3, 1))
    Community.objects.filter(pk=hualong_community.pk).update(build_year=2003)
    Project.objects.filter(pk=project.pk).delete()
    assert hualong_community.code not in left_out(dt.date(2021, 3, 1))  # 建成于2000年以前


def test_the_alerts_that_call_a_district_in_are_listed_before_all_others(
    troubled: dict[str, Community], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    page = logged_in("city").get("/supervision/alerts/?policy=hangjin-2021").content.decode()
    listed = [part.split('"', 1)[0] for part in page.split('data-alert="')[1:]]
    counted = [part.split('"', 1)[0] for part in page.split('data-count="')[1:]]
    assert AlertKind.FUND_BELOW_LINE in listed and AlertKind.CONSTRUCTION_OVERDUE in listed
    for order in (listed, counted):
        called = [kind in INTERVIEW_KINDS for kind in order]
        assert called == sorted(called, reverse=True), order


def test_a_header_sorts_the_alerts_by_how_long_they_have_stood(
    troubled: dict[str, Community], city_user: User, logged_in: Callable[[str], Client]
) -> None:
    city = logged_in("city")

    def since(sort: str) -> list[str]:
        page = city.get("/supervision/alerts/", {"policy": "hangjin-2021", "sort": sort})
        rows = page.content.decode().split("data-alert=")[1:]
        return [row.split("</td><td>")[3] for row in rows]

    dated = [day for day in since("since") if day != "—"]
    assert len(dated) > 1 and dated == sorted(dated)
    assert [day for day in since("-since") if day != "—"] == sorted(dated, reverse=True)
    assert since("since")[-1] == "—" or "—" not in since("since")
    assert sorted(since("-kind")) == sorted(since(""))
