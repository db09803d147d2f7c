"""The points of the map: each community of the official's area that has coordinates, in the
category asked for, every category listed whether or not a point falls in it; a community
without coordinates counted, not drawn; nothing from outside the area; the list's filters hold."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.accounts.models import User
from anju.core.map_columns import rows
from anju.projects.models import Inspection, InspectionKind, Project, ProjectStage
from anju.registry.models import Community
from anju.registry.services import community_update
from anju.testing import HUALONG, QINGFENG, SYSTEM


def _points(client: Client, query: str = "") -> dict[str, Any]:
    answer = client.get(f"/map/points.json{query}")
    assert answer.status_code == 200
    found: dict[str, Any] = answer.json()
    found["points"] = rows(found["points"])  # as the page reads them
    return found


def test_a_district_sees_its_communities_by_the_stage_of_their_projects(
    hualong_user: User, qingfeng_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    mine = list(Community.objects.filter(district_id=HUALONG).order_by("code"))
    building, unplaced = mine[0], mine[1]
    Project.objects.create(community=building, stage=ProjectStage.CONSTRUCTION)
    Community.objects.filter(pk=unplaced.pk).update(longitude=None, latitude=None)
    data = _points(logged_in("hualong"))
    keys = [c["key"] for c in data["categories"]]
    assert keys == ["none", *(stage.value for stage in ProjectStage)]
    codes = {p[3]: keys[p[2]] for p in data["points"]}
    placed = {c.code for c in mine if c.longitude is not None} - {unplaced.code}
    assert set(codes) == placed and codes[building.code] == "construction"
    assert data["unplaced"] == len(mine) - len(placed)
    counted = Counter(codes.values())
    assert {c["key"]: c["count"] for c in data["categories"]} == {k: counted[k] for k in keys}
    [point] = [p for p in data["points"] if p[3] == building.code]
    assert (point[0], point[1]) == (
        float(building.longitude),  # type: ignore[arg-type]
        float(building.latitude),  # type: ignore[arg-type]
    )
    # the names go apart, one asked for when its point is pointed at, and only in one's area
    named = logged_in("hualong").get(f"/map/name.json?code={building.code}").json()
    assert named == {"code": building.code, "name": building.name}
    assert logged_in("qingfeng").get(f"/map/name.json?code={building.code}").status_code == 404
    theirs = _points(logged_in("qingfeng"))
    assert not {p[3] for p in theirs["points"]} & set(codes)
    assert {p[3][:6] for p in theirs["points"]} == {QINGFENG[:6]}


def test_the_list_s_filters_and_the_pack_s_verdicts_colour_the_same_points(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    client = logged_in("hualong")
    street = Community.objects.filter(district_id=HUALONG).order_by("code")[0].street_id
    narrowed = _points(client, f"?street={street}")
    assert narrowed["points"] and {p[3][:9] for p in narrowed["points"]} == {street[:9]}
    judged = _points(client, "?by=eligibility&policy=puyang-2020&year=2026")
    assert [c["key"] for c in judged["categories"]] == [
        "eligible",
        "opt-in",
        "excluded",
        "needs-data",
    ]
    eligible = _points(client, "?status=eligible&policy=puyang-2020&year=2026&by=eligibility")
    assert {p[2] for p in eligible["points"]} <= {0}
    assert len(eligible["points"]) == judged["categories"][0]["count"]
    page = client.get("/map/?by=eligibility").content.decode()
    assert 'data-map="/map/points.json?by=eligibility"' in page


def test_the_points_are_kept_until_the_next_write_and_read_again_after_it(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    client = logged_in("hualong")
    first = _points(client)
    community = Community.objects.get(code=first["points"][0][3])
    Community.objects.filter(pk=community.pk).update(longitude=None)  # behind Anju's back
    assert _points(client) == first  # kept: nothing was written through Anju
    community_update(actor=SYSTEM, community=community, values={"latitude": None})
    again = _points(client)
    assert again["unplaced"] == first["unplaced"] + 1
    assert community.code not in {p[3] for p in again["points"]}


def test_alerts_colour_a_community_by_the_severest_it_has_and_satisfaction_by_its_band(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    late, accepted = Community.objects.filter(district_id=HUALONG).order_by("code")[:2]
    today = timezone.localdate()
    Project.objects.create(  # works past their due date: an alert that leads to an interview
        community=late,
        stage=ProjectStage.CONSTRUCTION,
        plan_year=today.year,
        contractor="恒达建设",
        started_on=today - dt.timedelta(days=90),
        due_on=today - dt.timedelta(days=40),
    )
    project = Project.objects.create(community=accepted, stage=ProjectStage.HANDOVER)
    for on, rate in ((today - dt.timedelta(days=30), "95.00"), (today, "85.50")):
        Inspection.objects.create(
            project=project,
            kind=InspectionKind.ACCEPTANCE,
            on=on,
            by="联合验收组",
            passed=True,
            satisfaction=Decimal(rate),
        )
    client = logged_in("hualong")
    by_alerts = _points(client, "?by=alerts&policy=puyang-2020")
    keys = [c["key"] for c in by_alerts["categories"]]
    assert keys == ["interview", "alert", "none"]
    shown = {p[3]: keys[p[2]] for p in by_alerts["points"]}
    assert shown[late.code] == "interview"
    by_rate = _points(client, "?by=satisfaction")
    keys = [c["key"] for c in by_rate["categories"]]
    shown = {p[3]: keys[p[2]] for p in by_rate["points"]}
    assert shown[accepted.code] == "80"  # the latest acceptance: 85.5 %
    assert shown[late.code] == "none"
    assert {c["key"]: c["count"] for c in by_rate["categories"]}["80"] == 1


def test_a_kept_answer_filtered_by_eligibility_judges_no_community_again(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    client = logged_in("hualong")
    judged = "?status=eligible&policy=puyang-2020&year=2026&by=eligibility"
    unjudged = "?policy=puyang-2020&year=2026&by=eligibility"
    first = _points(client, judged)
    _points(client, unjudged)
    with CaptureQueriesContext(connection) as kept:
        _points(client, unjudged)
    with CaptureQueriesContext(connection) as again:
        assert _points(client, judged) == first
    # what any kept answer costs (the session, the user, the last write), and no verdict
    assert len(again) == len(kept)
