"""The monthly assessment reads each district's figures as they stood at the month's end, scores
and ranks the districts by the pack's weights, counts the publicity reports sent, and hands its
scores to the subsidy adjustment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction

from django.test import Client
from django.utils import timezone

from anju.accounts.models import User
from anju.core.district_assessment import Indicator, indicator_scores
from anju.divisions.models import Division
from anju.finance.models import Budget, Channel, Grant, Payment
from anju.policy.library import get_pack
from anju.projects.models import Approval, Defect, Inspection, Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import PublicityReport
from anju.supervision.selectors.district_assessment import assessment
from anju.supervision.selectors.figures import district_figures
from anju.testing import HUALONG, QINGFENG

PACK = get_pack("wuhan-2021")


def _planned(district: str, year: int, n: int, started: int, on: date) -> list[Project]:
    made = []
    for i, community in enumerate(
        Community.objects.filter(district_id=district).order_by("code")[:n]
    ):
        made.append(
            Project.objects.create(
                community=community,
                plan_year=year,
                stage=ProjectStage.CONSTRUCTION if i < started else ProjectStage.PLANNED,
                contractor="施工单位" if i < started else "",
                started_on=on if i < started else None,
            )
        )
    return made


def test_figures_are_read_as_they_stood_at_the_end_of_the_month(
    hualong_community: Community,
) -> None:
    hualong = _planned(HUALONG, 2026, 4, 2, date(2026, 3, 10))
    budget = Budget.objects.create(
        name="区级",
        channel=Channel.LOCAL_BUDGET,
        year=2026,
        division=Division.objects.get(code=HUALONG),
        amount=10**9,
    )
    grant = Grant.objects.create(budget=budget, project=hualong[0], amount=1000_00)
    Payment.objects.create(
        grant=grant,
        amount=300_00,
        paid_on=date(2026, 3, 20),
        voucher="V1",
        stage="construction",
    )
    Payment.objects.create(
        grant=grant, amount=600_00, paid_on=date(2026, 4, 5), voucher="V2", stage="acceptance"
    )
    inspection = Inspection.objects.create(
        project=hualong[1], kind="quality", on=date(2026, 3, 15), by="质监站"
    )
    Defect.objects.create(
        project=hualong[1], inspection=inspection, description="渗漏", fixed_on=date(2026, 4, 2)
    )
    PublicityReport.objects.create(district_id=HUALONG, sent_on=date(2026, 3, 10), title="简报")
    march = district_figures([HUALONG], PACK, 2026, 3)[HUALONG]
    assert (march.planned, march.started, march.granted, march.paid) == (4, 2, 1000_00, 300_00)
    assert (march.building, march.with_open_defects, march.publicity_reports) == (2, 1, 1)
    april = district_figures([HUALONG], PACK, 2026, 4)[HUALONG]
    assert (april.paid, april.with_open_defects, april.publicity_reports) == (900_00, 0, 0)


def test_districts_are_ranked_by_the_pack_s_weights(
    hualong_community: Community, qingfeng_community: Community, city_user: User
) -> None:
    on = date(2026, 3, 1)
    _planned(HUALONG, 2026, 4, 4, on)
    _planned(QINGFENG, 2026, 4, 0, on)
    rows = assessment(city_user, PACK, 2026, 3).rows
    by_code = {row.district.code: row for row in rows}
    assert by_code[HUALONG].scores[Indicator.PROGRESS] == 1
    assert by_code[QINGFENG].scores[Indicator.PROGRESS] == 0
    assert by_code[HUALONG].ranked.rank == 1
    lower = by_code[QINGFENG].ranked.rank
    assert lower is not None and lower > 1
    assert {row.among for row in rows} == {len(rows)}


def test_a_district_sees_its_own_figures_and_where_it_stands_among_the_city_s(
    hualong_community: Community,
    qingfeng_community: Community,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    on = date(2026, 3, 1)
    _planned(HUALONG, 2026, 4, 4, on)
    _planned(QINGFENG, 2026, 4, 0, on)
    seen = assessment(qingfeng_user, PACK, 2026, 3)
    assert [row.district.code for row in seen.rows] == [QINGFENG]
    (own,) = seen.rows
    city = next(iter(seen.peers.values()))
    assert own.among == len(city) > 1 and HUALONG in city
    mine = city[QINGFENG]
    assert mine is not None
    assert own.ranked.rank == 1 + len([s for s in city.values() if s is not None and s > mine])
    page = logged_in("qingfeng").get("/supervision/assessment/?month=2026-03").content.decode()
    assert f'data-district="{HUALONG}"' not in page
    assert f'<td class="num" data-rank>{own.ranked.rank}/{own.among}</td>' in page


def test_a_district_records_its_publicity_and_the_page_hands_the_scores_on(
    hualong_community: Community,
    hualong_user: User,
    city_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    today = timezone.localdate()
    month = f"{today.year}-{today.month:02d}"
    clerk = logged_in("hualong")
    clerk.post(
        f"/supervision/assessment/?month={month}",
        {"district": HUALONG, "sent_on": today.isoformat(), "title": "华龙区老旧小区改造简报第5期"},
    )
    assert PublicityReport.objects.filter(district_id=HUALONG).count() == 1
    future = clerk.post(
        "/supervision/assessment/",
        {"district": HUALONG, "sent_on": (today + timedelta(days=3)).isoformat(), "title": "x"},
        follow=True,
    )
    assert PublicityReport.objects.count() == 1 and "今天" in future.content.decode()
    page = (
        logged_in("city")
        .get(f"/supervision/assessment/?month={month}&policy=wuhan-2021")
        .content.decode()
    )
    assert (
        f'data-district="{HUALONG}"' in page and "武汉市人民政府办公厅 2021-03-13 四（四）" in page
    )
    assert "scores=" in page and "/finance/money/adjustment/" in page


def test_a_dated_task_counts_as_met_only_when_done_by_its_date(
    hualong_community: Community,
) -> None:
    # puyang-2020 §1.(3): 2020年12月底前完成2020年度251个老旧小区改造任务; §5.(3): 对于行动
    # 迟缓、不能按计划完成工作任务的单位进行通报批评
    puyang = get_pack("puyang-2020")
    on_time, late, _never = _planned(HUALONG, 2020, 3, 3, date(2020, 5, 1))
    for project, day in ((on_time, date(2020, 12, 20)), (late, date(2021, 1, 10))):
        Inspection.objects.create(
            project=project, kind="acceptance", on=day, by="区住建局", passed=True
        )
    assert district_figures([HUALONG], puyang, 2020, 11)[HUALONG].tasks_due == 0
    december = district_figures([HUALONG], puyang, 2020, 12)[HUALONG]
    assert (december.tasks_due, december.tasks_met) == (3, 1)
    assert indicator_scores(december)[Indicator.DEADLINES] == Fraction(1, 3)
    # hangjin-2021 §3.(3): 每年5月底前办理完毕当年老旧小区改造项目所有手续
    hangjin = get_pack("hangjin-2021")
    for state in hangjin.model.approvals.core():
        Approval.objects.create(project=on_time, step=state.key, granted_on=date(2020, 5, 31))
        Approval.objects.create(project=late, step=state.key, granted_on=date(2020, 6, 1))
    assert district_figures([HUALONG], hangjin, 2020, 4)[HUALONG].tasks_due == 0
    may = district_figures([HUALONG], hangjin, 2020, 5)[HUALONG]
    assert (may.tasks_due, may.tasks_met) == (3, 1)
    assert (
        indicator_scores(district_figures([HUALONG], get_pack("wuhan-2021"), 2021, 1)[HUALONG])[
            Indicator.DEADLINES
        ]
        is None
    )


def test_a_district_with_no_work_in_the_month_is_shown_as_such_not_ranked_first(
    hualong_community: Community,
    qingfeng_community: Community,
    city_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    _planned(HUALONG, 2026, 4, 1, date(2026, 3, 1))  # behind its plan
    PublicityReport.objects.create(district_id=QINGFENG, sent_on=date(2026, 3, 10), title="简报")
    page = logged_in("city").get("/supervision/assessment/?month=2026-03").content.decode()
    rows = {
        part.split('"', 1)[0]: part.split("</tr>", 1)[0]
        for part in page.split('data-district="')[1:]
    }
    assert "data-rank>1/" in rows[HUALONG]
    assert "data-rank>—<" in rows[QINGFENG] and "本月无改造任务，不参与排名" in rows[QINGFENG]
