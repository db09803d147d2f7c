"""The procurement API: the housing bureau over a project records its lots and brings one to its
award; the answer carries what the rules make of them, as the page says it; an official who
reads the project but does not keep its procurement is refused the write; the check of a list
answers as `anju procurement-check` does, on the line itself."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.test import Client

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.core.access import Role
from anju.registry.models import Community

STREET = "410902001000"


def _send(client: Client, method: str, address: str, body: dict[str, Any]) -> Any:
    return client.generic(method, address, json.dumps(body), "application/json")


def test_a_bureau_records_a_lot_to_its_award_and_reads_the_findings(
    hualong_user: User,
    qingfeng_user: User,
    make_user: Callable[..., User],
    hualong_community: Community,
    logged_in: Callable[[str], Client],
) -> None:
    code = hualong_community.code
    bureau = logged_in("hualong")
    made = _send(
        bureau,
        "POST",
        f"/api/v1/procurement/projects/{code}/lots?policy=puyang-2020",
        {"name": "施工", "kind": "works", "estimate_yuan": "4000000.00", "method": "inquiry"},
    )
    assert made.status_code == 201, made.content
    [lot] = made.json()["lots"]
    assert (lot["estimate_yuan"], lot["method"], lot["awarded_on"]) == (
        "4000000.00",
        "inquiry",
        None,
    )
    # at the line itself and let by inquiry: a finding
    [finding] = made.json()["findings"]
    assert finding["text"].startswith("施工：必须招标") and "施工" in finding["text"]
    award = dt.date.today() - dt.timedelta(days=2)
    changed = _send(
        bureau,
        "PATCH",
        f"/api/v1/procurement/lots/{lot['id']}?policy=puyang-2020",
        {"winner": "甲建工", "price_yuan": 3990000, "awarded_on": award.isoformat()},
    )
    assert changed.status_code == 200, changed.content
    [lot] = changed.json()["lots"]
    assert (lot["winner"], lot["price_yuan"], lot["published_at"] is not None) == (
        "甲建工",
        "3990000.00",
        True,
    )
    assert changed.json()["contracted_yuan"] == "3990000.00"
    [finding] = changed.json()["findings"]
    assert finding["since"] == award.isoformat()
    refused = _send(
        bureau, "PATCH", f"/api/v1/procurement/lots/{lot['id']}", {"winner": None}
    )  # an award names its winner
    assert refused.status_code == 422 and "中标" in refused.json()["detail"]
    kept = _send(bureau, "PATCH", f"/api/v1/procurement/lots/{lot['id']}", {"estimate_yuan": None})
    assert kept.status_code == 200 and kept.json()["lots"][0]["estimate_yuan"] == "4000000.00"
    assert AuditEntry.objects.filter(action="procurement.lot_change").count() == 1  # no change

    make_user("street", STREET, Role.STREET)
    street = logged_in("street")
    assert street.get(f"/api/v1/procurement/projects/{code}/lots").status_code == 200
    assert _send(street, "PATCH", f"/api/v1/procurement/lots/{lot['id']}", {}).status_code == 403
    outside = logged_in("qingfeng")
    assert outside.get(f"/api/v1/procurement/projects/{code}/lots").status_code == 404
    assert _send(outside, "PATCH", f"/api/v1/procurement/lots/{lot['id']}", {}).status_code == 404


def test_the_check_of_a_list_answers_as_the_command_does(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    lots: list[dict[str, Any]] = [
        {"project_code": "P1", "lot": "一标段", "kind": "services", "estimate_yuan": "500000"},
        {
            "project_code": "P1",
            "lot": "二标段",
            "kind": "services",
            "estimate_yuan": "499999.99",
            "method": "direct",
        },
        {"project_code": "P2", "lot": "设计", "kind": "services", "estimate_yuan": 999999.99},
    ]
    answer = _send(logged_in("hualong"), "POST", "/api/v1/procurement/check", {"lots": lots})
    assert answer.status_code == 200, answer.content
    under = {
        "kind": "services",
        "total_yuan": "999999.99",
        "threshold_yuan": "1000000.00",
        "must_tender": False,
        "split": False,
        "lots_not_tendered": [],
        "citation": "国家发展改革委令第16号 第五条",
    }
    assert answer.json() == {
        "projects": [
            {"project_code": "P1", "kinds": [under]},
            {"project_code": "P2", "kinds": [under]},
        ]
    }
    lots[0]["estimate_yuan"] = "500000.01"  # a fen more, and the two count together over it
    again = _send(logged_in("hualong"), "POST", "/api/v1/procurement/check", {"lots": lots})
    first = again.json()["projects"][0]["kinds"][0]
    assert (first["must_tender"], first["split"], first["lots_not_tendered"]) == (
        True,
        True,
        ["二标段"],
    )


def test_a_lot_named_as_long_as_a_name_may_be_is_recorded_and_logged(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    name = "标" * 100
    made = _send(
        logged_in("hualong"),
        "POST",
        f"/api/v1/procurement/projects/{hualong_community.code}/lots",
        {"name": name, "kind": "goods", "estimate_yuan": "1"},
    )
    assert made.status_code == 201 and made.json()["lots"][0]["name"] == name
    entry = AuditEntry.objects.get(action="procurement.lot_add")
    assert entry.target_id == f"{hualong_community.code}/{made.json()['lots'][0]['id']}"
