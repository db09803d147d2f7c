"""Residents see without signing in who builds their community's works for how much: the lots
awarded with winner, price and named lead, who builds and supervises the works, and the money
set aside and paid; a lot not yet
awarded is not shown, and a community packed into a neighbour's project shows that project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.core.procurement import Kind, Method
from anju.finance.models import Budget, Channel, Grant, Payment
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import BundleMember, Project
from anju.projects.services.construction import project_update
from anju.registry.models import Community
from anju.testing import HUALONG, SYSTEM


def test_the_public_reads_who_builds_what_for_how_much(city: object) -> None:
    lead, packed, alone = Community.objects.filter(district_id=HUALONG).order_by("code")[:3]
    project = Project.objects.create(community=lead)
    BundleMember.objects.create(project=project, community=packed)
    works = lot_add(
        actor=SYSTEM,
        project=project,
        name="施工",
        kind=Kind.WORKS,
        estimate=328_000_000,
        method=Method.COMPETITIVE_CONSULTATION,
    )
    lot_change(
        actor=SYSTEM,
        lot=works,
        changes={
            "winner": "恒达建设工程有限公司",
            "price": 319_650_000,
            "named_lead": "马志刚",
            "awarded_on": dt.date(2026, 10, 6),
        },
    )
    lot_add(actor=SYSTEM, project=project, name="监理", kind=Kind.SERVICES, estimate=9_800_000)
    project_update(
        actor=SYSTEM, project=project, builder="华龙区住房和城乡建设局", supervisor="正信监理"
    )
    public = Client()
    for community in (lead, packed):
        page = public.get(f"/w/{community.code}/").content.decode()
        assert "恒达建设工程有限公司" in page and "3,196,500.00" in page and "马志刚" in page
        assert "2026年10月6日" in page
        assert 'data-lot="监理"' not in page  # not awarded yet
        # who builds and supervises it, as recorded; no designer named before a design review
        assert "建设单位（项目业主）</dt><dd data-party>华龙区住房和城乡建设局" in page
        assert "监理单位</dt><dd data-party>正信监理" in page and "设计单位" not in page
    assert (
        f"与{lead.name}打包为一个项目实施改造" in public.get(f"/w/{packed.code}/").content.decode()
    )
    assert public.get(f"/w/{alone.code}/").status_code == 404
    assert public.get("/w/000000000000000/").status_code == 404


def test_the_project_page_sets_the_contracts_against_the_money(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    community = Community.objects.filter(district_id=HUALONG).order_by("code").first()
    assert community is not None
    project = Project.objects.create(community=community)
    lot = lot_add(
        actor=SYSTEM,
        project=project,
        name="施工",
        kind=Kind.WORKS,
        estimate=100_000_000,
        method=Method.COMPETITIVE_CONSULTATION,
    )
    lot_change(
        actor=SYSTEM,
        lot=lot,
        changes={"winner": "甲建工", "price": 100_000_000, "awarded_on": dt.date(2026, 9, 1)},
    )
    budget = Budget.objects.create(
        name="华龙区2026年",
        channel=Channel.LOCAL_BUDGET,
        year=2026,
        division_id=HUALONG,
        amount=10**9,
    )
    grant = Grant.objects.create(budget=budget, project=project, amount=150_000_000)
    Payment.objects.create(
        grant=grant,
        stage="construction",
        amount=120_000_000,
        paid_on=dt.date(2026, 10, 1),
        voucher="1",
    )
    page = logged_in("hualong").get(f"/projects/communities/{community.code}/").content.decode()
    assert (
        "已定标合同价（含变更）合计 1,000,000.00 元；已安排资金 1,500,000.00 元；已拨付 1,200,000.00 元。"
        in page
    )
    assert "已付1,200,000.00元，比已订合同（含变更）多200,000.00元。" in page
