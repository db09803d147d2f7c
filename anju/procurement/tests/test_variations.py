"""Changes to an awarded contract are recorded from its page; once they add up to more than the
pack's share of the price (a tenth, Anju's reference), each unapproved one is a finding until it
is approved; a change before the award, or an approval without its document, is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.core.procurement import Kind, Method
from anju.procurement.models import Lot, Variation
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import SYSTEM

SAID = "“施工”的变更累计增加 350000.00 元，超过合同价的 10%，其中 2 项未经批准。"


def _lot(community: Community, awarded: bool = True) -> Lot:
    project = Project.objects.create(community=community)
    lot = lot_add(
        actor=SYSTEM,
        project=project,
        name="施工",
        kind=Kind.WORKS,
        estimate=310_000_000,
        method=Method.COMPETITIVE_CONSULTATION,
    )
    if awarded:
        lot_change(
            actor=SYSTEM,
            lot=lot,
            changes={"winner": "甲建工", "price": 300_000_000, "awarded_on": dt.date(2026, 9, 1)},
        )
    return lot


def test_changes_past_a_tenth_of_the_price_wait_for_approval(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    lot = _lot(hualong_community)
    bureau = logged_in("hualong")
    page = f"/projects/communities/{hualong_community.code}/?policy=puyang-2020"
    for amount, reason in (("200000", "增加雨污分流管线"), ("150,000.00", "增设充电桩")):
        bureau.post(
            f"/procurement/lots/{lot.pk}/variations",
            {"amount": amount, "reason": reason, "agreed_on": "2026-10-10"},
        )
    assert Variation.objects.count() == 2
    assert SAID in bureau.get(page).content.decode()
    refused = bureau.post(
        f"/procurement/variations/{Variation.objects.first().pk}/approval",  # type: ignore[union-attr]
        {"approved_on": "2026-10-01", "approval": "华建变〔2026〕3号"},
        follow=True,
    )
    assert "批准日期不能早于变更商定日期" in refused.content.decode()
    for variation in Variation.objects.all():
        bureau.post(
            f"/procurement/variations/{variation.pk}/approval",
            {"approved_on": "2026-10-12", "approval": "华建变〔2026〕3号"},
        )
    text = bureau.get(page).content.decode()
    assert "变更累计增加" not in text
    assert "华建变〔2026〕3号" in bureau.get(f"/procurement/lots/{lot.pk}/").content.decode()


def test_a_contract_not_yet_awarded_takes_no_change(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    lot = _lot(hualong_community, awarded=False)
    answer = logged_in("hualong").post(
        f"/procurement/lots/{lot.pk}/variations",
        {"amount": "1", "reason": "x", "agreed_on": "2026-10-10"},
        follow=True,
    )
    assert "合同须在定标后才能变更" in answer.content.decode()
    assert not Variation.objects.exists()
