"""A district bureau loads its inventory of idle rooms, buildings and plots from a workbook, and
a community lacking elderly care is offered the one within walking distance, which its project
takes and no other community is offered again."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.test import Client

from anju.accounts.models import User
from anju.assessment.services import conditions_load
from anju.audit.models import AuditEntry
from anju.core.conditions import Condition, Facility
from anju.core.datum import to_gcj02
from anju.core.nearby import Point, distance_m
from anju.registry.models import Community
from anju.stock.models import Resource
from anju.testing import QINGFENG, SYSTEM

pytestmark = pytest.mark.django_db

HEADER = (
    "资源编号",
    "名称",
    "类型",
    "产权单位",
    "面积（平方米）",
    "可用于",
    "现状",
    "行政区划代码",
    "地址",
    "经度",
    "纬度",
    "坐标系",
    "权属及批准文件",
)


def _book(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "存量资源"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _north_of(community: Community, metres: float) -> tuple[float, float]:
    assert community.longitude is not None and community.latitude is not None
    return float(community.longitude), float(community.latitude) + metres / 111_195


def _row(
    code: str, community: Community, metres: float, uses: str, more: dict[str, Any] | None = None
) -> list[Any]:
    lng, lat = _north_of(community, metres)
    row = {
        "资源编号": code,
        "名称": f"闲置楼{code}",
        "类型": "闲置楼栋",
        "产权单位": "华龙区国有资产经营有限公司",
        "面积（平方米）": 420,
        "可用于": uses,
        "现状": "需修缮",
        "行政区划代码": community.street_id,
        "地址": "",
        "经度": round(lng, 6),
        "纬度": round(lat, 6),
        "坐标系": "",
        "权属及批准文件": "",
    } | (more or {})
    return [row[h] for h in HEADER]


def _upload(client: Client, data: bytes, name: str = "存量资源.xlsx") -> Any:
    upload = io.BytesIO(data)
    upload.name = name
    return client.post("/stock/", {"file": upload})


def _lacking(community: Community, *facilities: Facility) -> None:
    conditions_load(
        actor=SYSTEM,
        conditions={community.code: dict.fromkeys(facilities, Condition.MISSING)},
    )


def test_a_bureau_loads_its_inventory_and_a_community_lacking_elderly_care_is_offered_the_nearest(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    # a coordinate copied from a GCJ-02 picker comes back to CGCS2000 on the way in
    lng, lat = _north_of(hualong_community, 250)
    shown = to_gcj02(lng, lat)
    rows = [
        _row("CL-1", hualong_community, 120, "养老、助餐"),
        _row(
            "CL-2",
            hualong_community,
            250,
            "养老",
            {"经度": round(shown[0], 6), "纬度": round(shown[1], 6), "坐标系": "高德"},
        ),
        _row("CL-3", hualong_community, 320, "养老"),  # beyond the 5-minute circle's 300 m
        _row("CL-4", hualong_community, 50, "停车、充电"),  # near, but for what is not lacking
    ]
    answer = _upload(client, _book(rows))
    assert answer.status_code == 302
    assert Resource.objects.count() == 4
    assert AuditEntry.objects.filter(action="stock.load").count() == 1
    second = Resource.objects.get(code="CL-2")
    here = Point(float(hualong_community.longitude or 0), float(hualong_community.latitude or 0))
    assert abs(distance_m(here, Point(float(second.longitude), float(second.latitude))) - 250) < 1

    _lacking(hualong_community, Facility.ELDERLY_CARE)
    page = client.get(
        f"/assessment/communities/{hualong_community.code}/content/?policy=puyang-2020"
    )
    offered = [
        (o.resource.code, o.offer.facility, o.offer.distance_m) for o, _c in page.context["offers"]
    ]
    assert offered == [("CL-1", Facility.ELDERLY_CARE, 120), ("CL-2", Facility.ELDERLY_CARE, 250)]
    assert "原绿城" not in page.content.decode()  # nothing of the demo's leaks into a test
    assert "5分钟生活圈（300 m）" in page.content.decode()

    taken = client.post(
        "/stock/CL-1/take",
        {"community": hualong_community.code, "facility": "elderly_care", "next": "/stock/"},
    )
    assert taken.status_code == 302 and taken["Location"] == "/stock/"
    resource = Resource.objects.get(code="CL-1")
    assert resource.taken_by == hualong_community and resource.taken_for == "elderly_care"
    entry = AuditEntry.objects.get(action="stock.take")
    assert entry.after == {"community": hualong_community.code, "facility": "elderly_care"}

    # another community lacking elderly care beside it is offered only what is left
    neighbour = (
        Community.objects.filter(street_id=hualong_community.street_id)
        .exclude(pk=hualong_community.pk)
        .first()
    )
    assert neighbour is not None
    Community.objects.filter(pk=neighbour.pk).update(
        longitude=hualong_community.longitude, latitude=hualong_community.latitude
    )
    _lacking(neighbour, Facility.ELDERLY_CARE)
    page = client.get(f"/assessment/communities/{neighbour.code}/content/?policy=puyang-2020")
    assert [o.resource.code for o, _c in page.context["offers"]] == ["CL-2"]
    refused = client.post(
        "/stock/CL-1/take", {"community": neighbour.code, "facility": "elderly_care"}, follow=True
    )
    said = [str(m) for m in refused.context["messages"]]
    assert any(hualong_community.name in m and "闲置楼CL-1" in m for m in said), said
    assert Resource.objects.get(code="CL-1").taken_by == hualong_community

    client.post("/stock/CL-1/release", {})
    assert Resource.objects.get(code="CL-1").taken_by is None
    assert AuditEntry.objects.filter(action="stock.release").count() == 1


def test_a_workbook_with_bad_rows_loads_nothing_and_names_each_cell(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    good = _row("CL-1", hualong_community, 100, "养老")
    rows = [
        good,
        _row("CL-2", hualong_community, 100, "养老、游泳馆"),
        _row("CL-3", hualong_community, 100, "养老", {"面积（平方米）": "很大"}),
        _row("CL-4", hualong_community, 100, "养老", {"类型": "城堡"}),
        _row("CL-1", hualong_community, 100, "养老"),
        _row("CL-5", hualong_community, 100, "养老", {"经度": 200}),
    ]
    answer = _upload(client, _book(rows))
    assert answer.status_code == 400
    problems = answer.context["problems"]
    said = "\n".join(problems)
    assert Resource.objects.count() == 0 and not AuditEntry.objects.filter(action="stock.load")
    assert "第 3 行" in said or "row 3" in said
    for where in ("可用于", "面积（平方米）", "类型", "资源编号", "经度"):
        assert where in said
    assert len(problems) == 5


def test_a_district_loads_nothing_outside_its_area(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    elsewhere = Community.objects.filter(district_id=QINGFENG).first()
    assert elsewhere is not None
    answer = _upload(
        client,
        _book([_row("CL-1", hualong_community, 0, "养老"), _row("CL-2", elsewhere, 0, "养老")]),
    )
    assert answer.status_code == 400
    assert Resource.objects.count() == 0
    assert "行政区划代码" in "\n".join(answer.context["problems"])


def test_loading_again_brings_resources_up_to_their_rows_and_keeps_what_is_taken(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    assert _upload(client, _book([_row("CL-1", hualong_community, 0, "养老")])).status_code == 302
    Resource.objects.filter(code="CL-1").update(
        taken_by=hualong_community, taken_for="elderly_care"
    )
    again = _book(
        [
            _row("CL-1", hualong_community, 0, "养老、助餐", {"面积（平方米）": 500}),
            _row("CL-2", hualong_community, 0, "托育"),
        ]
    )
    assert _upload(client, again).status_code == 302
    first = Resource.objects.get(code="CL-1")
    assert first.area_m2 == Decimal(500) and first.uses == ["elderly_care", "meal_assistance"]
    assert first.taken_by == hualong_community
    assert AuditEntry.objects.filter(action="stock.load").order_by("pk").last().after == {  # type: ignore[union-attr]
        "created": ["CL-2"],
        "updated": ["CL-1"],
        "unchanged": 0,
    }
    # the same book a third time changes nothing and writes nothing
    assert _upload(client, again).status_code == 302
    assert AuditEntry.objects.filter(action="stock.load").count() == 2


def test_the_template_filled_in_loads_as_it_is(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    answer = client.get("/stock/template.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(answer.streaming_content)))  # type: ignore[attr-defined]
    sheet = book["存量资源"]
    assert [c.value for c in sheet[1]] == list(HEADER)
    sheet.append(_row("CL-9", hualong_community, 10, "养老"))
    out = io.BytesIO()
    book.save(out)
    assert _upload(client, out.getvalue()).status_code == 302
    assert Resource.objects.get(code="CL-9").kind == "building"


def test_a_street_official_reads_the_inventory_but_loads_nothing(
    city: object,
    make_user: Callable[..., User],
    logged_in: Callable[[str], Client],
    hualong_community: Community,
) -> None:
    from anju.accounts.models import Role

    make_user("monitor", hualong_community.committee_id or hualong_community.street_id, Role.OWNER)
    client = logged_in("monitor")
    assert client.get("/stock/").status_code == 403
    assert _upload(client, _book([_row("CL-1", hualong_community, 0, "养老")])).status_code == 403
    assert Resource.objects.count() == 0


def test_a_file_that_is_no_workbook_is_refused_with_why_and_loads_nothing(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    answer = _upload(logged_in("hualong"), b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert answer.status_code == 400
    [problem] = answer.context["form"].errors["file"]
    assert ".xlsx" in problem
    assert Resource.objects.count() == 0


def test_where_the_city_s_pack_asks_it_a_plot_is_taken_only_with_the_residents_consent(
    hualong_user: User,
    hualong_community: Community,
    logged_in: Callable[[str], Client],
    settings: Any,
) -> None:
    settings.POLICY_PACK = "chongqing-2021"  # 在征得居民同意的前提下，可利用小区及周边空地
    client = logged_in("hualong")
    plot = _row("CL-1", hualong_community, 80, "停车", {"类型": "闲置空地"})
    assert (
        _upload(client, _book([plot, _row("CL-2", hualong_community, 90, "停车")])).status_code
        == 302
    )
    _lacking(hualong_community, Facility.PARKING)
    page = client.get(f"/assessment/communities/{hualong_community.code}/content/")
    text = page.content.decode()
    assert text.count('name="consented"') == 1  # the plot's form, not the building's

    asked = {"community": hualong_community.code, "facility": "parking"}
    refused = client.post("/stock/CL-1/take", asked, follow=True)
    assert Resource.objects.get(code="CL-1").taken_by is None
    [said] = [str(m) for m in refused.context["messages"]]
    assert "§" not in said and "渝府办发〔2021〕82号" in said
    assert client.post("/stock/CL-1/take", asked | {"consented": "on"}).status_code == 302
    assert Resource.objects.get(code="CL-1").taken_by == hualong_community
    assert AuditEntry.objects.get(action="stock.take").after == {
        "community": hualong_community.code,
        "facility": "parking",
        "residents_consented": True,
    }
    # a building needs no such word
    assert client.post("/stock/CL-2/take", asked).status_code == 302
    assert Resource.objects.get(code="CL-2").taken_by == hualong_community
