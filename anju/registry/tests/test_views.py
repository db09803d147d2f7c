from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.core.datum import to_gcj02
from anju.core.ledger import BUILDING_SHEET, COMMUNITY_SHEET, LedgerBook, headers
from anju.registry.ledger_files import read_workbook
from anju.registry.models import Community, ImportState
from anju.registry.services import ledger_import
from anju.registry.tests.uploads import sent
from anju.registry.tests.workbooks import write_xlsx
from anju.testing import PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_city(city_user: User) -> Client:
    client = Client()
    assert client.login(username="city", password=PASSWORD)
    return client


def test_the_list_is_in_chinese_and_shows_every_visible_community(client_city: Client) -> None:
    response = client_city.get("/registry/communities/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "共 18 个小区" in text
    assert "产权性质" in text and "筛选" in text


def test_filters_search_and_sorting_narrow_the_list(client_city: Client, city: LedgerBook) -> None:
    older = [c for c in city.communities if c.build_year <= 1995]
    response = client_city.get("/registry/communities/", {"built_to": 1995, "sort": "-build_year"})
    page = list(response.context["page"])
    assert {c.code for c in page} == {c.code for c in older}
    assert [c.build_year for c in page] == sorted((c.build_year for c in page), reverse=True)

    target = city.communities[3]
    response = client_city.get(
        "/registry/communities/", {"q": target.name[:3], "district": target.district_code}
    )
    assert target.code in {c.code for c in response.context["page"]}
    assert all(c.district_id == target.district_code for c in response.context["page"])

    response = client_city.get("/registry/communities/", {"property_nature": "reform"})
    assert all(c.property_nature == "reform" for c in response.context["page"])


def test_streets_are_offered_once_a_district_is_chosen_and_narrow_the_list(
    client_city: Client,
) -> None:
    unchosen = client_city.get("/registry/communities/").content.decode()
    street_select = unchosen.split('name="street"', 1)[1].split("</select>", 1)[0]
    assert street_select.count("<option") == 1 and "请先选择区县" in street_select
    one = Community.objects.exclude(street=None).select_related("street").first()
    assert one is not None and one.street is not None
    response = client_city.get(
        "/registry/communities/", {"district": one.district_id, "street": one.street_id}
    )
    text = response.content.decode()
    assert f'<option value="{one.street_id}" selected>{one.street.name}</option>' in text
    assert one.code in {c.code for c in response.context["page"]}
    assert all(c.street_id == one.street_id for c in response.context["page"])


def test_the_list_pages_and_its_query_count_does_not_grow_with_rows(
    client_city: Client, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12):
        response = client_city.get("/registry/communities/")
    assert len(response.context["page"]) == 18
    with django_assert_max_num_queries(12):
        client_city.get("/registry/communities/", {"sort": "name", "page": 1})


def test_the_detail_page_lists_buildings_with_dwelling_counts(
    client_city: Client, city: LedgerBook
) -> None:
    community = city.communities[0]
    response = client_city.get(f"/registry/communities/{community.code}/")
    assert response.status_code == 200
    buildings = response.context["buildings"]
    assert len(buildings) == len([b for b in city.buildings if b.community_code == community.code])
    expected = len([d for d in city.dwellings if d.community_code == community.code])
    assert response.context["dwelling_total"] == expected
    assert f"已登记房屋 {expected} 户" in response.content.decode()


def _as_stored(client: Client, url: str) -> dict[str, Any]:
    """The edit form's fields as the page fills them in, ready to send back."""
    form = client.get(url).context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    for name, value in list(data.items()):
        if isinstance(value, bool):
            data[name] = "true" if value else "false"
    return data


def test_editing_a_community_is_saved_and_audited(
    client_city: Client, hualong_community: Community
) -> None:
    url = f"/registry/communities/{hualong_community.code}/edit/"
    data = _as_stored(client_city, url)
    data["household_count"] = hualong_community.household_count + 1
    response = client_city.post(url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else None
    )
    hualong_community.refresh_from_db()
    entry = AuditEntry.objects.get(action="community.update", target_id=hualong_community.code)
    assert entry.after == {"household_count": hualong_community.household_count}
    assert entry.actor_label == "city" and entry.origin.startswith("web ")


def test_coordinates_copied_from_a_gcj_02_picker_are_kept_in_cgcs2000(
    client_city: Client, hualong_community: Community
) -> None:
    url = f"/registry/communities/{hualong_community.code}/edit/"
    fields = list(client_city.get(url).context["form"].fields)
    assert fields.index("datum") == fields.index("longitude") - 1  # asked beside the longitude
    data = _as_stored(client_city, url)
    true_point = (115.029215, 35.761829)  # the CGCS2000 point the picker shifted
    shown = to_gcj02(*true_point)
    data |= {"datum": "gcj02", "longitude": f"{shown[0]:.6f}", "latitude": f"{shown[1]:.6f}"}
    response = client_city.post(url, data)
    assert response.status_code == 302
    hualong_community.refresh_from_db()
    kept = (float(hualong_community.longitude), float(hualong_community.latitude))  # type: ignore[arg-type]
    # the picker's six decimals are a tenth of a metre; back within two millionths of a degree
    assert abs(kept[0] - true_point[0]) <= 2e-6 and abs(kept[1] - true_point[1]) <= 2e-6
    entry = AuditEntry.objects.get(action="community.update", target_id=hualong_community.code)
    assert set(entry.after) == {"longitude", "latitude"}


def test_uploading_a_bad_ledger_shows_every_problem_and_imports_nothing(
    client_city: Client, tmp_path: Path
) -> None:
    row = dict.fromkeys(headers(COMMUNITY_SHEET), None)
    row.update(
        {
            "小区名称": "新小区",
            "区县": "华龙区",
            "街道(乡镇)": "不存在街道",
            "建成年份": "199五",
            "楼栋数": 2,
            "户数": 30,
            "建筑面积(平方米)": 1000,
            "产权性质": "公房",
        }
    )
    path = write_xlsx(
        tmp_path / "bad.xlsx", {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), list(row.values())]}
    )
    before = Community.objects.count()
    state, text = sent(client_city, "bad.xlsx", path.read_bytes())
    assert state == ImportState.REJECTED
    assert "发现 2 处问题，没有导入任何数据" in text
    assert "199五" in text and "不是年份" in text
    assert "不存在街道" in text and "该区县下没有这个街道（乡镇）" in text
    assert Community.objects.count() == before


def test_uploading_something_that_is_not_a_workbook_says_so(
    client_city: Client, tmp_path: Path
) -> None:
    before = Community.objects.count()

    def upload(name: str, content: bytes) -> str:
        state, page = sent(client_city, name, content)
        assert state in {"refused", ImportState.REFUSED}
        return page

    assert "“x.xlsx”未被接受：文件内容与扩展名不符" in upload("x.xlsx", b"\x00\x01 not a zip")
    assert "“y.xlsx”无法作为工作簿读取" in upload("y.xlsx", b"PK\x03\x04 a zip of nothing")
    refused = upload("x.exe", b"MZ")
    assert "“x.exe”未被接受" in refused and "Excel (.xlsx)" in refused and ".ods" in refused
    assert Community.objects.count() == before


def test_the_api_lists_reads_and_patches_with_validation(
    client_city: Client, hualong_community: Community
) -> None:
    response = client_city.get("/api/v1/registry/communities", {"district": "410902000000"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == Community.objects.filter(district_id="410902000000").count()
    code = hualong_community.code
    assert client_city.get(f"/api/v1/registry/communities/{code}").json()["code"] == code
    response = client_city.patch(
        f"/api/v1/registry/communities/{code}",
        data=json.dumps({"build_year": 1988}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["build_year"] == 1988
    response = client_city.patch(
        f"/api/v1/registry/communities/{code}",
        data=json.dumps({"household_count": -1}),
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client_city.patch(
        f"/api/v1/registry/communities/{code}",
        data=json.dumps({"address": None}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "address" in response.json()["detail"]
    assert AuditEntry.objects.filter(action="community.update", target_id=code).count() == 1


def test_english_is_available(client_city: Client) -> None:
    with translation.override("en"):
        response = client_city.get("/registry/communities/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Property nature" in response.content.decode()


def test_the_audit_log_is_append_only(client_city: Client, hualong_community: Community) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")


def test_a_header_sorts_the_list_and_the_next_choice_reverses_it(client_city: Client) -> None:
    text = client_city.get("/registry/communities/", {"sort": "households"}).content.decode()
    header = text.split('data-sort="households"', 1)[0].rsplit("<th", 1)[1]
    assert 'aria-sort="ascending"' in header and "sort=-households" in header
    households = [
        c.household_count
        for c in client_city.get("/registry/communities/", {"sort": "households"}).context["page"]
    ]
    assert households == sorted(households)
    page = client_city.get("/registry/communities/", {"sort": "-households"}).context["page"]
    assert [c.household_count for c in page] == sorted(households, reverse=True)
    assert (
        'aria-sort="descending"'
        in client_city.get("/registry/communities/", {"sort": "-households"}).content.decode()
    )


def test_the_list_exports_what_it_shows_as_a_ledger_that_reads_back_unchanged(
    client_city: Client, city: LedgerBook, tmp_path: Path
) -> None:
    older = {c.code for c in city.communities if c.build_year <= 1995}
    response = client_city.get("/registry/communities.xlsx", {"built_to": 1995, "page": 2})
    assert response.status_code == 200
    assert (
        "attachment" in response["Content-Disposition"]
        and ".xlsx" in response["Content-Disposition"]
    )
    path = tmp_path / "selection.xlsx"
    path.write_bytes(response.getvalue())
    workbook = load_workbook(path, read_only=True)
    codes = {row[0] for row in workbook[COMMUNITY_SHEET].iter_rows(min_row=2, values_only=True)}
    assert codes == older
    assert {
        row[0] for row in workbook[BUILDING_SHEET].iter_rows(min_row=2, values_only=True)
    } <= older
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="selection")
    assert summary.communities_unchanged == len(older) and summary.communities_updated == 0
