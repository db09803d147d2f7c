"""A bureau's outlines of its district and streets, as an official loads them: drawn on the map
under the points, the communities whose coordinates fall outside them named, a bad file refused
whole with each problem said, and a GCJ-02 file brought back to CGCS2000."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.core.datum import from_gcj02
from anju.registry.models import Boundary, Community
from anju.testing import HUALONG, QINGFENG

pytestmark = pytest.mark.django_db


def _box_around(communities: list[Community], margin: float = 0.01) -> list[list[float]]:
    lngs = [float(c.longitude or 0) for c in communities]
    lats = [float(c.latitude or 0) for c in communities]
    west, east = min(lngs) - margin, max(lngs) + margin
    south, north = min(lats) - margin, max(lats) + margin
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def _geojson(*features: tuple[Any, list[list[float]]]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"adcode": code, "name": "华龙区"},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
                for code, ring in features
            ],
        }
    ).encode()


def _upload(client: Client, data: bytes, **fields: str) -> Any:
    upload = io.BytesIO(data)
    upload.name = "华龙区.geojson"
    return client.post(
        "/map/boundaries/", {"file": upload, "datum": "cgcs2000", "map_number": ""} | fields
    )


def test_a_district_outline_is_drawn_and_the_community_outside_it_is_named(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    mine = list(Community.objects.filter(district_id=HUALONG).exclude(longitude=None))
    astray, inside = mine[0], mine[1:]
    Community.objects.filter(pk=astray.pk).update(longitude=116.5)  # a digit typed wrong
    client = logged_in("hualong")

    answer = _upload(client, _geojson((int(HUALONG[:6]), _box_around(inside))))

    assert answer.status_code == 302
    assert list(Boundary.objects.values_list("division_id", flat=True)) == [HUALONG]
    assert AuditEntry.objects.get(action="boundaries.load").after == {
        "divisions": [HUALONG],
        "map_number": "",
        "file": "华龙区.geojson",
    }
    page = client.get("/map/boundaries/")
    assert [c.code for c, _division in page.context["astray"]] == [astray.code]
    text = page.content.decode()
    assert "未审图" in text or "Not approved" in text
    detail = client.get(f"/registry/communities/{astray.code}/").content.decode()
    assert "data-outside" in detail
    assert (
        "data-outside"
        not in client.get(f"/registry/communities/{inside[0].code}/").content.decode()
    )
    data = client.get("/map/points.json").json()
    [outline] = data["outlines"]
    assert outline["code"] == HUALONG and outline["rings"] == [_box_around(inside)]
    assert data["map_numbers"] == []

    # approved, its 审图号 goes with it onto the map
    assert (
        _upload(
            client, _geojson((HUALONG, _box_around(mine))), map_number="豫S（2025）012号"
        ).status_code
        == 302
    )
    assert client.get("/map/points.json").json()["map_numbers"] == ["豫S（2025）012号"]
    assert client.get("/map/boundaries/").context["astray_count"] == 1  # 116.5 is outside still


def test_a_gcj02_outline_is_kept_in_cgcs2000(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    ring = [[115.0, 35.7], [115.1, 35.7], [115.1, 35.8], [115.0, 35.8], [115.0, 35.7]]
    answer = _upload(logged_in("hualong"), _geojson((HUALONG, ring)), datum="gcj02")
    assert answer.status_code == 302
    kept = Boundary.objects.get().polygons[0][0]
    assert kept == [list(from_gcj02(lng, lat)) for lng, lat in ring]
    assert abs(kept[0][0] - 115.0) > 0.001  # a shift of hundreds of metres undone


def test_a_bad_file_loads_nothing_and_says_each_problem(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    ring = [[115.0, 35.7], [115.1, 35.7], [115.1, 35.8], [115.0, 35.7]]
    answer = _upload(client, _geojson((HUALONG, ring), ("华龙区", ring), ("410902001", ring[:2])))
    assert answer.status_code == 400
    assert len(answer.context["problems"]) == 2
    assert "2" in answer.context["problems"][0] and "华龙区" in answer.context["problems"][0]

    elsewhere = _upload(client, _geojson((HUALONG, ring), (QINGFENG, ring)))
    assert elsewhere.status_code == 400
    [problem] = elsewhere.context["problems"]
    assert QINGFENG in problem

    for junk in (b"\xff\xfe not text", b"[" * 100_000, b'{"type": "Feature"}'):
        refused = _upload(client, junk)
        assert refused.status_code == 400 and len(refused.context["problems"]) == 1
    assert not Boundary.objects.exists() and not AuditEntry.objects.filter(action="boundaries.load")


def test_a_street_official_reads_the_outlines_and_one_without_the_registry_sees_nothing(
    city: object, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    from anju.accounts.models import Role

    make_user("owner", HUALONG, Role.OWNER)
    assert logged_in("owner").get("/map/boundaries/").status_code == 403
