"""A recorded draw never holds a conflicted expert, replays from its record, and a project's
later draws leave out those who reviewed it before."""

from __future__ import annotations

import pytest

from anju.core.expert_draw import NotEnoughExperts
from anju.divisions.models import Division
from anju.experts.models import Expert, ReviewDraw
from anju.experts.services import draw_replays, reviewers_draw
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import CITY, QINGFENG, SYSTEM

EMPLOYERS = ("市设计院", "安居建工", "河南大学", "市规划所")


@pytest.fixture
def library(city: object) -> list[Expert]:
    division = Division.objects.get(code=CITY)
    return [
        Expert.objects.create(
            name=f"专家{i}",
            employer=EMPLOYERS[i % 4],
            specialties=["structure"] if i % 2 else ["structure", "water"],
            division=division,
        )
        for i in range(16)
    ]


def test_a_draw_leaves_out_the_conflicted_and_replays(
    library: list[Expert], hualong_community: Community
) -> None:
    project = Project.objects.create(community=hualong_community)
    record = reviewers_draw(
        actor=SYSTEM,
        project=project,
        needs={"structure": 2, "water": 1},
        designer="市设计院",
        contractor="安居建工",
    )
    chosen = Expert.objects.filter(pk__in=[int(key) for _s, key in record.chosen])
    assert chosen.count() == 3
    assert not chosen.filter(employer__in=["市设计院", "安居建工"]).exists()
    assert draw_replays(record)
    record.chosen = [record.chosen[1], record.chosen[0], record.chosen[2]]
    assert not draw_replays(record)  # a panel changed after the draw is caught


def test_a_second_review_draws_new_people(
    library: list[Expert], hualong_community: Community
) -> None:
    project = Project.objects.create(community=hualong_community)
    first = reviewers_draw(actor=SYSTEM, project=project, needs={"structure": 3}, designer="x")
    second = reviewers_draw(actor=SYSTEM, project=project, needs={"structure": 3}, designer="x")
    assert not {k for _s, k in first.chosen} & {k for _s, k in second.chosen}
    assert set(second.reviewed_before) == {k for _s, k in first.chosen}


def test_a_district_library_serves_only_its_district(
    hualong_community: Community, city: object
) -> None:
    Expert.objects.create(
        name="清丰专家",
        employer="清丰县设计室",
        specialties=["structure"],
        division=Division.objects.get(code=QINGFENG),
    )
    project = Project.objects.create(community=hualong_community)
    with pytest.raises(NotEnoughExperts):
        reviewers_draw(actor=SYSTEM, project=project, needs={"structure": 1}, designer="x")
    assert not ReviewDraw.objects.exists()
