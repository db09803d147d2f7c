"""片区 as a district official meets them: neighbours of one street suggested together with the
reasons, accepted as one project, and suggested no more once packed; the map draws the stock
resources beside the communities, coloured by the facility asked about."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.assessment.services import conditions_load
from anju.audit.models import AuditEntry
from anju.core.conditions import Condition, Facility
from anju.core.map_columns import rows
from anju.projects.models import BundleMember, Project
from anju.registry.models import Community
from anju.stock.models import Resource
from anju.testing import HUALONG, SYSTEM


def _street_of_three() -> list[Community]:
    """Three communities of one Hualong street moved within 200 m of each other, the others of
    the street far away."""
    streets: dict[str, list[Community]] = {}
    for c in Community.objects.filter(district_id=HUALONG).order_by("code"):
        streets.setdefault(c.street_id, []).append(c)
    chosen = next(s for s in streets.values() if len(s) >= 3)[:3]
    for n, c in enumerate(Community.objects.filter(district_id=HUALONG).order_by("code")):
        far = c not in chosen
        Community.objects.filter(pk=c.pk).update(
            longitude=114.9 + (n * 0.05 if far else 0), latitude=35.7 + 0.0009 * n
        )
    return [Community.objects.get(pk=c.pk) for c in chosen]


def test_three_neighbours_are_suggested_with_their_reasons_and_accepted_as_one_project(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    three = _street_of_three()
    lead = max(three, key=lambda c: (c.household_count, c.code))
    conditions_load(
        actor=SYSTEM,
        conditions={c.code: {Facility.ELDERLY_CARE: Condition.MISSING} for c in three[:2]},
    )
    client = logged_in("hualong")

    page = client.get(f"/map/areas/?policy=puyang-2020&district={HUALONG}")
    [suggested] = page.context["suggestions"]
    assert suggested.lead == lead
    assert {c.code for c, _m in suggested.others} == {c.code for c in three} - {lead.code}
    assert suggested.shared == [(Facility.ELDERLY_CARE, 2)]
    text = page.content.decode()
    assert lead.street.name in text and "§3.(1)4" not in text  # the clause as words, not a key
    assert "500" in text

    others = [c.code for c in three if c != lead]
    answer = client.post(
        "/map/areas/accept", {"policy": "puyang-2020", "lead": lead.code, "others": others}
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/projects/communities/{lead.code}/?policy=puyang-2020#bundle"
    project = Project.objects.get(community=lead)
    assert sorted(
        BundleMember.objects.filter(project=project).values_list("community__code", flat=True)
    ) == sorted(others)
    assert AuditEntry.objects.filter(action="project.bundle_add").count() == 2
    again = client.get(f"/map/areas/?policy=puyang-2020&district={HUALONG}")
    assert again.context["suggestions"] == []


def test_a_neighbour_from_another_district_cannot_be_packed_in(
    hualong_user: User, qingfeng_community: Community, logged_in: Callable[[str], Client]
) -> None:
    three = _street_of_three()
    answer = logged_in("hualong").post(
        "/map/areas/accept",
        {"policy": "puyang-2020", "lead": three[0].code, "others": [qingfeng_community.code]},
    )
    assert answer.status_code == 404
    assert not BundleMember.objects.exists() and not Project.objects.exists()


def test_the_map_draws_the_stock_and_colours_communities_by_a_facility_s_condition(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    three = _street_of_three()
    conditions_load(
        actor=SYSTEM,
        conditions={
            three[0].code: {Facility.PARKING: Condition.MISSING},
            three[1].code: {Facility.PARKING: Condition.POOR},
            three[2].code: {Facility.PARKING: Condition.NOT_APPLICABLE},
        },
    )
    assert three[0].longitude is not None and three[0].latitude is not None
    Resource.objects.create(
        code="CL-1",
        name="原粮站仓库",
        kind="building",
        area_m2=300,
        uses=["parking"],
        state="idle",
        division_id=three[0].street_id,
        longitude=three[0].longitude,
        latitude=three[0].latitude,
        taken_by=three[1],
        taken_for="parking",
    )
    data = logged_in("hualong").get("/map/points.json?by=facility&facility=parking").json()
    keys = [c["key"] for c in data["categories"]]
    assert keys == ["missing", "poor", "good", "none"]
    shown = {p[3]: keys[p[2]] for p in rows(data["points"])}
    assert [shown[c.code] for c in three] == ["missing", "poor", "good"]
    assert data["resources"]["points"] == [
        [float(three[0].longitude or 0), float(three[0].latitude or 0), 1, "CL-1", "原粮站仓库"]
    ]
