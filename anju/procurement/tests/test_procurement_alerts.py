"""A project whose lots break the tendering rules is among its area's supervision alerts,
naming the district's housing bureau and what broke; one cut into lots that were all tendered
is not; no one outside the area sees it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anju.accounts.models import User
from anju.core.alerts import AlertKind
from anju.core.money import yuan_read
from anju.core.procurement import Kind, Method
from anju.core.standing import Standing, standing_from_json, standing_to_json
from anju.finance.money import services as money
from anju.finance.tests.conftest import draw_funded, granted
from anju.policy.library import get_pack
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import InspectionKind, Project, ProjectStage
from anju.projects.services.construction import inspection_record
from anju.registry.models import Community
from anju.supervision.selectors.alerts import alerts_for
from anju.supervision.selectors.figures import district_figures
from anju.testing import HUALONG, SYSTEM

D = dt.date


def _let(project: Project, name: str, yuan: int, method: Method, **award: object) -> None:
    lot = lot_add(
        actor=SYSTEM,
        project=project,
        name=name,
        kind=Kind.WORKS,
        estimate=yuan * 100,
        method=method,
    )
    if award:
        lot_change(
            actor=SYSTEM, lot=lot, changes={"winner": "甲建工", "price": yuan * 100, **award}
        )


def test_lots_let_against_the_rules_are_an_alert_and_lots_let_by_them_are_not(
    hualong_user: User, qingfeng_user: User, city: object
) -> None:
    first, second = Community.objects.filter(district_id=HUALONG).order_by("code")[:2]
    today = timezone.localdate()
    days_ago = [today - dt.timedelta(days=n) for n in range(7)]
    broken = Project.objects.create(community=first)
    _let(broken, "一标段", 2_000_000, Method.DIRECT)
    _let(
        broken,
        "二标段",
        2_000_000,
        Method.OPEN_TENDER,
        publicity_from=days_ago[6],
        publicity_until=days_ago[4],
        awarded_on=days_ago[4],
    )
    kept = Project.objects.create(community=second)
    for name in ("一标段", "二标段"):
        _let(
            kept,
            name,
            2_000_000,
            Method.OPEN_TENDER,
            publicity_from=days_ago[6],
            publicity_until=days_ago[4],
            awarded_on=days_ago[3],
        )
    pack = get_pack("puyang-2020")
    found = [a for a in alerts_for(hualong_user, pack, today) if a.kind is AlertKind.PROCUREMENT]
    assert [a.community for a in found] == [first.code]
    [alert] = found
    assert alert.unit == first.district.name and alert.since == days_ago[4]
    assert "未经招标的标段：一标段" in alert.detail
    assert "“二标段”在中标候选人公示期满前即已定标。" in alert.detail
    outside = alerts_for(qingfeng_user, pack, timezone.localdate())
    assert not any(a.kind is AlertKind.PROCUREMENT for a in outside)


def test_a_named_lead_away_from_an_inspection_is_a_finding_on_the_project(
    hualong_user: User, hualong_community: Community, logged_in: object
) -> None:
    project = Project.objects.create(community=hualong_community)
    inspection_record(
        actor=SYSTEM,
        project=project,
        kind=InspectionKind.QUALITY,
        on=D(2026, 11, 20),
        by="区质监站",
        passed=True,
        manager_on_site=False,
        supervisor_on_site=True,
    )
    inspection_record(
        actor=SYSTEM,
        project=project,
        kind=InspectionKind.SAFETY,
        on=D(2026, 11, 25),
        by="区安监站",
        passed=True,
    )
    [alert] = [
        a
        for a in alerts_for(hualong_user, get_pack("puyang-2020"), timezone.localdate())
        if a.kind is AlertKind.PROCUREMENT
    ]
    said = "2026年11月20日质量检查时，施工项目经理不在现场。"
    assert alert.detail == said and alert.since == D(2026, 11, 20)
    page = logged_in("hualong").get(  # type: ignore[operator]
        f"/projects/communities/{hualong_community.code}/?policy=puyang-2020"
    )
    text = page.content.decode()
    assert said in text and "濮政办〔2020〕31号 三（二）4" in text
    assert "总监理工程师不在现场" not in text


def test_the_district_assessment_shows_the_projects_flagged_by_the_month_s_end(
    hualong_user: User, hualong_community: Community
) -> None:
    project = Project.objects.create(community=hualong_community)
    inspection_record(
        actor=SYSTEM,
        project=project,
        kind=InspectionKind.QUALITY,
        on=D(2026, 11, 20),
        by="区质监站",
        passed=True,
        supervisor_on_site=False,
    )
    pack = get_pack("puyang-2020")
    before = district_figures([HUALONG], pack, 2026, 10)[HUALONG]
    after = district_figures([HUALONG], pack, 2026, 11)[HUALONG]
    assert (before.procurement_flagged, after.procurement_flagged) == (0, 1)
    assert standing_from_json(standing_to_json(Standing((), {}, after))).figures == after


def test_an_award_told_to_residents_past_the_pack_s_days_is_a_finding_the_last_day_is_not(
    hualong_user: User, hualong_community: Community, logged_in: object
) -> None:
    today = timezone.localdate()
    project = Project.objects.create(community=hualong_community)
    for name, days in (("设计", 20), ("监理", 21)):  # recorded today, awarded that many days ago
        _let(
            project,
            name,
            100_000,
            Method.INQUIRY,
            awarded_on=today - dt.timedelta(days=days),
        )
    [alert] = [
        a
        for a in alerts_for(hualong_user, get_pack("puyang-2020"), today)
        if a.kind is AlertKind.PROCUREMENT
    ]
    late = today - dt.timedelta(days=21)
    assert alert.since == today and alert.detail == (
        f"“监理”{late.year}年{late.month}月{late.day}日的中标结果，"
        "超过本政策包规定的20日（参考值）后1日才向居民公开。"
    )
    page = logged_in("hualong").get(  # type: ignore[operator]
        f"/projects/communities/{hualong_community.code}/?policy=puyang-2020"
    )
    text = page.content.decode()
    assert alert.detail in text and "濮政办〔2020〕31号 三（二）2" in text
    assert "“设计”" not in alert.detail


def test_payments_past_the_contracts_are_a_finding_from_the_day_they_passed_them(
    hualong_user: User, hualong_community: Community
) -> None:
    plan = draw_funded(hualong_community)
    project = plan.project
    grant = granted(plan)
    need = grant.amount
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.EVALUATION)
    today = timezone.localdate()
    price = need // 2
    lot = lot_add(actor=SYSTEM, project=project, name="施工", kind=Kind.WORKS, estimate=price)
    lot_change(
        actor=SYSTEM,
        lot=lot,
        changes={"method": Method.INQUIRY, "winner": "甲建工", "price": price, "awarded_on": today},
    )
    pack = get_pack("national-2020")
    paid_on = [D(2026, 10, 10), D(2026, 11, 12)]
    for day, amount in zip(paid_on, (price, 1), strict=True):  # the contract, then a fen more
        money.payment_record(
            actor=SYSTEM, grant=grant, amount=amount, paid_on=day, voucher=str(day), pack=pack
        )
    [alert] = [a for a in alerts_for(hualong_user, pack, today) if a.kind is AlertKind.PROCUREMENT]
    assert alert.since == paid_on[1]
    assert alert.detail == f"已付{yuan_read(price + 1)}元，比已订合同（含变更）多0.01元。"
