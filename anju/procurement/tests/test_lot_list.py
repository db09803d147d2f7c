"""The lots of a bureau's area in one list, found by where they stand, their kind or a name, and
sorted by a header; outside the area, none. Where the pack encourages buying together
(chongqing-2021 §5.(1)), the goods two projects are yet to buy under one name are offered,
and only there."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.core.procurement import Kind, Method
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import HUALONG, QINGFENG, SYSTEM


def _lot(project: Project, name: str, kind: Kind, yuan: int, method: Method | None = None) -> None:
    lot_add(actor=SYSTEM, project=project, name=name, kind=kind, estimate=yuan * 100, method=method)


def _rows(page: str) -> list[str]:
    return re.findall(r'data-lot="([^"]+)"', page)


def test_a_bureau_finds_its_lots_by_state_kind_and_name_and_sorts_them(
    hualong_user: User, qingfeng_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    first, second = Community.objects.filter(district_id=HUALONG).order_by("code")[:2]
    away = Community.objects.filter(district_id=QINGFENG).order_by("code").first()
    assert away is not None
    one, two, far = (Project.objects.create(community=c) for c in (first, second, away))
    _lot(one, "电梯设备", Kind.GOODS, 900_000)
    _lot(two, "电梯设备", Kind.GOODS, 1_200_000)
    _lot(two, "施工", Kind.WORKS, 3_000_000, Method.COMPETITIVE_CONSULTATION)
    _lot(far, "电梯设备", Kind.GOODS, 500_000)
    design = lot_add(
        actor=SYSTEM, project=one, name="设计", kind=Kind.SERVICES, estimate=10_000_000
    )
    lot_change(
        actor=SYSTEM,
        lot=design,
        changes={"method": Method.DIRECT, "winner": "市设计院", "price": 9_800_000},
    )
    bureau = logged_in("hualong")
    base = "/procurement/?policy=puyang-2020"
    page = bureau.get(base).content.decode()
    mine = [f"{first.code}/电梯设备", f"{first.code}/设计", f"{second.code}/电梯设备"]
    assert sorted(_rows(page)) == sorted([*mine, f"{second.code}/施工"])
    assert "data-bulk" not in page  # Puyang's document says nothing of buying together
    assert _rows(bureau.get(base + "&state=not_let").content.decode()) == [mine[0], mine[2]]
    being_let = bureau.get(base + "&state=being_let").content.decode()
    assert sorted(_rows(being_let)) == sorted([mine[1], f"{second.code}/施工"])
    assert _rows(bureau.get(base + "&kind=services").content.decode()) == [mine[1]]
    assert _rows(bureau.get(base + "&q=市设计院").content.decode()) == [mine[1]]
    by_estimate = _rows(bureau.get(base + "&sort=-estimate").content.decode())
    assert by_estimate[:2] == [f"{second.code}/施工", mine[2]]
    assert f"/procurement/lots/{design.pk}/" in page  # the bureau keeps them
    other = logged_in("qingfeng").get(base).content.decode()
    assert _rows(other) == [f"{away.code}/电梯设备"]


def test_goods_two_projects_are_yet_to_buy_are_offered_for_buying_together_where_encouraged(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    first, second, third = Community.objects.filter(district_id=HUALONG).order_by("code")[:3]
    one, two, three = (Project.objects.create(community=c) for c in (first, second, third))
    _lot(one, "电梯设备", Kind.GOODS, 1_100_000)
    _lot(two, "电梯设备", Kind.GOODS, 900_000)
    _lot(three, "电梯设备", Kind.GOODS, 700_000, Method.INQUIRY)  # already being let
    _lot(one, "路灯", Kind.GOODS, 80_000)
    page = logged_in("hualong").get("/procurement/?policy=chongqing-2021").content.decode()
    offers = re.findall(r'data-offer="([^"]+)"', page)
    assert offers == ["电梯设备"]
    row = page[page.index('data-offer="电梯设备"') :]
    row = row[: row.index("</tr>")]
    assert first.name in row and second.name in row and third.name not in row
    assert "2,000,000.00" in row and "应当招标" in row  # together at the goods line itself
    assert "渝府办发〔2021〕82号 五（一）" in page
