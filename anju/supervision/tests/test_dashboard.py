"""The dashboard's charts and tables are drawn from the projects, the pack's targets and the
alerts of the user's area, the same figures in both."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from django.test import Client

from anju.accounts.models import User
from anju.projects.models import Inspection, Project, ProjectStage
from anju.registry.models import Community
from anju.testing import HUALONG


def test_the_dashboard_counts_the_area_s_projects_against_the_targets(
    hualong_community: Community,
    qingfeng_community: Community,
    city_user: User,
    hualong_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    hualong = list(Community.objects.filter(district_id=HUALONG).order_by("code")[:3])
    for i, community in enumerate(hualong):
        project = Project.objects.create(
            community=community,
            plan_year=2021,
            stage=ProjectStage.MANAGEMENT if i == 0 else ProjectStage.PLANNED,
            started_on=date(2021, 4, 1) if i == 0 else None,
        )
        if i == 0:
            Inspection.objects.create(
                project=project, kind="acceptance", on=date(2021, 11, 1), by="区住建局", passed=True
            )
    Project.objects.create(community=qingfeng_community, plan_year=2021, stage=ProjectStage.PLANNED)
    answer = logged_in("city").get("/supervision/?policy=hangjin-2021&year=2021")
    page = answer.content.decode()
    years = json.loads(
        page.split('id="chart-years" type="application/json">')[1].split("</script>")[0]
    )
    column = years["names"].index("2021")
    values = {s["name"]: s["values"][column] for s in years["series"]}
    # hangjin-2021 §2.(1): 18 communities in 2021
    assert values == {"目标": 18, "计划": 4, "已开工": 1, "已验收": 1}
    districts = answer.context["data"].districts
    assert [(r.planned, r.started, r.accepted) for r in districts] == [(3, 1, 1), (1, 0, 0)]
    own = logged_in("hualong").get("/supervision/?year=2021").context["data"]
    assert [(r.name, r.planned) for r in own.districts] == [("华龙区", 3)]
    headline = answer.context["data"].headline
    assert (headline.target, headline.planned, headline.started, headline.accepted) == (18, 4, 1, 1)
    assert headline.start_rate == 25  # 1 of 4, rounded down
    cards = page.split('<ul class="headline"')[1].split("</ul>")[0]
    assert cards.index('data-headline="target"') < cards.index('data-headline="alerts"')
    assert "25%" in cards and ">18<" in cards and "2021年改造目标" in cards
    assert page.index('class="headline"') < page.index('data-chart="chart-years"')
