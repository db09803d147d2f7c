"""A district official assesses a community, gets the proposed content list with its estimate
in 万元, edits it, and exports it; nothing is proposed on a guess and nothing half-written."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.http import FileResponse
from django.test import Client

from anju.accounts.models import Role, User
from anju.assessment.models import ContentList, FacilityCondition
from anju.assessment.selectors import content_lines
from anju.audit.models import AuditEntry
from anju.core.conditions import Facility
from anju.core.content_list import estimate, wan
from anju.policy.library import get_pack
from anju.registry.models import Community
from anju.testing import HUALONG

pytestmark = pytest.mark.django_db

PUYANG = get_pack("puyang-2020")


def _conditions(**states: str) -> dict[str, str]:
    data = {facility.value: "" for facility in Facility}
    data |= {f"{facility.value}_note": "" for facility in Facility}
    data.update(states)
    return data


def _assessed(client: Client, code: str, **states: str) -> Any:
    """Record the conditions given, then open the content list they lead to."""
    response = client.post(f"/assessment/communities/{code}/conditions/", _conditions(**states))
    assert response.status_code == 302
    return client.get(f"/assessment/communities/{code}/content/")


def _lines_post(response_context: dict[str, object], **changes: object) -> dict[str, object]:
    """The content form as the page renders it, with some fields changed."""
    formset = response_context["formset"]
    data: dict[str, object] = {
        "line-TOTAL_FORMS": formset.total_form_count(),  # type: ignore[attr-defined]
        "line-INITIAL_FORMS": formset.initial_form_count(),  # type: ignore[attr-defined]
        "add-category": "basic",
        "add-per": "lump_sum",
        "action": "save",
    }
    for i, form in enumerate(formset.forms):  # type: ignore[attr-defined]
        if form.initial["selected"]:
            data[f"line-{i}-selected"] = "on"
        data[f"line-{i}-line"] = form.initial["line"]
        data[f"line-{i}-quantity"] = form.initial["quantity"] or ""
        data[f"line-{i}-unit_cost"] = form.initial["unit_cost"]
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_assessment_drives_the_proposed_list_and_its_estimate(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    url = f"/assessment/communities/{hualong_community.code}/conditions/"
    response = client.post(
        url, _conditions(water_supply="poor", elevators="missing", elderly_care="missing")
    )
    assert response.status_code == 302
    assert FacilityCondition.objects.filter(community=hualong_community).count() == 3
    assert AuditEntry.objects.filter(action="conditions.update").count() == 1

    page = client.get(f"/assessment/communities/{hualong_community.code}/content/")
    lines = {line.key: line for line, _form in page.context["rows"]}
    assert lines["water_supply"].selected  # basic: all that are needed
    assert lines["elevators"].selected  # improvement: listed for residents to weigh
    assert not lines["elderly_care"].selected  # enhancement: offered, staff decide
    assert "roads" in lines and not lines["roads"].selected  # roads not assessed: no guess
    water = lines["water_supply"]
    assert water.quantity == hualong_community.household_count
    expected = estimate(lines.values()).total_yuan
    assert page.context["estimate"].total_yuan == expected
    text = page.content.decode()
    assert f"{wan(expected):,.2f}" in text
    # Puyang's document has no categories' rule of its own: the page says it is reference
    # practice, never another city's 基础类应改尽改
    assert "濮政办〔2020〕31号 二（二）1" in text and "基础类应改尽改" not in text
    assert "参考做法" in text
    assert "告知承诺制" in text


def test_staff_edit_the_list_and_the_estimate_follows(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    code = hualong_community.code
    page = _assessed(client, code, water_supply="poor", gas="poor", roads="missing")
    keys = [line.key for line, _form in page.context["rows"]]
    gas = keys.index("gas")
    data = _lines_post(
        page.context,
        **{
            f"line-{gas}-selected": None,
            "add-name": "楼道扶手更换",
            "add-category": "improvement",
            "add-quantity": "12",
            "add-unit_cost": "850",
        },
    )
    data.pop(f"line-{gas}-selected", None)
    assert client.post(f"/assessment/communities/{code}/content/", data).status_code == 302

    saved, lines = content_lines(hualong_community, PUYANG)
    assert saved is not None
    chosen = {line.name: line for line in lines if line.selected}
    assert "楼道扶手更换" in chosen and chosen["楼道扶手更换"].cost_yuan == Decimal("10200.00")
    assert not any(line.key == "gas" and line.selected for line in lines)
    assert AuditEntry.objects.filter(action="content_list.save", target_id=f"{code}/puyang-2020")

    # a new assessment does not overwrite the saved list until staff ask for a fresh proposal
    client.post(f"/assessment/communities/{code}/conditions/", _conditions(parking="missing"))
    assert len(content_lines(hualong_community, PUYANG)[1]) == len(lines)
    response = client.post(f"/assessment/communities/{code}/content/", {"action": "repropose"})
    assert response.status_code == 302
    assert not ContentList.objects.exists()


def test_an_added_line_without_a_price_is_refused_and_nothing_is_saved(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    code = hualong_community.code
    page = _assessed(client, code, roads="poor")
    data = _lines_post(page.context, **{"add-name": "雨棚"})
    response = client.post(f"/assessment/communities/{code}/content/", data)
    assert response.status_code == 400
    assert "请填写新增内容的单价" in response.content.decode()
    assert not ContentList.objects.exists()


def test_a_read_only_official_sees_the_list_but_cannot_change_it(
    make_user: Callable[..., User],
    hualong_community: Community,
    logged_in: Callable[[str], Client],
) -> None:
    make_user("viewer", HUALONG, Role.COMMITTEE)
    client = logged_in("viewer")
    code = hualong_community.code
    assert client.get(f"/assessment/communities/{code}/content/").status_code == 200
    assert (
        client.post(
            f"/assessment/communities/{code}/conditions/", _conditions(gas="poor")
        ).status_code
        == 403
    )
    assert not FacilityCondition.objects.exists()


def test_the_exported_workbook_holds_the_lines_and_the_total_in_wan(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    code = hualong_community.code
    page = _assessed(client, code, water_supply="poor", lighting="missing", health="missing")
    total = wan(page.context["estimate"].total_yuan)
    response = client.get(f"/assessment/communities/{code}/content.xlsx")
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[arg-type]
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[2][:2] == ["类别", "改造内容"]
    names = {row[1] for row in rows[3:] if row[1]}
    assert {"供水设施维修改造", "整修照明设施", "医疗服务"} <= names
    total_row = next(row for row in rows if row[0] == "合计")
    assert Decimal(str(total_row[6])) == total
    # Puyang's document is silent on the fast path: the national guidance is named, marked so
    assert any(row[1] == "国办发〔2020〕23号" for row in rows if row[0])


def test_a_list_that_changed_under_the_editor_is_not_saved_over(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    code = hualong_community.code
    page = _assessed(client, code, roads="poor", gas="poor")
    data = _lines_post(page.context)
    # meanwhile someone records that the roads are fine after all: their line leaves the list
    client.post(
        f"/assessment/communities/{code}/conditions/", _conditions(roads="good", gas="poor")
    )
    response = client.post(f"/assessment/communities/{code}/content/", data)
    assert response.status_code == 400
    assert "编辑期间清单已有变化" in response.content.decode()
    assert not ContentList.objects.exists()
