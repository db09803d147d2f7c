"""The monthly report read from projects walked through the same services a clerk uses: the
outcomes counted once at the acceptance, a bundle counted once as a project and with all its
communities, every figure a link to the projects it sums, and the workbook with the same
figures."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from anju.accounts.models import Role, User
from anju.assessment.selectors import content_lines
from anju.assessment.services import content_list_save
from anju.audit.context import Actor
from anju.audit.models import AuditEntry
from anju.core.monthly_report import Month
from anju.core.report_periods import PeriodKind, last_ended, parse_period
from anju.divisions.models import Division
from anju.divisions.services import divisions_load
from anju.policy.library import get_pack
from anju.projects.models import InspectionKind, OutcomeCount, Project
from anju.projects.services.construction import (
    inspection_record,
    progress_report_add,
    project_update,
)
from anju.projects.services.stages import bundle_add, projects_plan
from anju.registry.models import Community
from anju.supervision.report_document import report_document
from anju.supervision.reports import report_data
from anju.supervision.services.returns import return_receive, sender_trust
from anju.supervision.services.standings import standing_refresh
from anju.testing import ANYANG, CITY, HUALONG, QINGFENG, SYSTEM, anyang_return

PACK = "national-2020"
MONTHLY = f"/supervision/monthly/?policy={PACK}"


def _listed(community: Community, chosen: dict[str, Decimal]) -> None:
    """A content list with the chosen lines in the plan at the given quantities."""
    pack = get_pack(PACK)
    _saved, lines = content_lines(community, pack)
    content_list_save(
        actor=SYSTEM,
        community=community,
        pack=pack,
        lines=[
            dataclasses.replace(line, selected=line.key in chosen, quantity=chosen.get(line.key))
            if line.key in chosen
            else dataclasses.replace(line, selected=False)
            for line in lines
        ],
    )


@pytest.fixture
def year(city_user: User, hualong_user: User) -> dict[str, Community]:
    """Three projects of Hualong's and Qingfeng's 2026 plan: one of two communities, started
    in March and accepted in September; one started in May; one not started."""
    hualong = list(Community.objects.filter(district_id=HUALONG).order_by("code"))
    qingfeng = Community.objects.filter(district_id=QINGFENG).order_by("code").first()
    assert qingfeng is not None
    bundled = next(c for c in hualong[1:] if c.street_id == hualong[0].street_id)
    accepted, idle = hualong[0], next(c for c in hualong[1:] if c != bundled)
    _listed(accepted, {"elevators": Decimal(3), "water_supply": Decimal(90)})
    _listed(bundled, {"water_supply": Decimal(40)})
    pack = get_pack(PACK)
    projects_plan(
        actor=SYSTEM,
        communities=[accepted, qingfeng, idle],
        year=2026,
        listed=True,
        reason="列入2026年度改造计划",
        pack=pack,
    )
    project = Project.objects.get(community=accepted)
    bundle_add(actor=SYSTEM, project=project, community=bundled)
    project_update(
        actor=SYSTEM,
        project=project,
        contractor="恒达建设工程有限公司",
        started_on=date(2026, 3, 2),
    )
    for on, spent in ((date(2026, 4, 30), "400000.00"), (date(2026, 8, 31), "1500000.00")):
        progress_report_add(
            actor=SYSTEM, project=project, on=on, percent=50, spent_yuan=Decimal(spent)
        )
    project_update(actor=SYSTEM, project=project, completed_on=date(2026, 8, 20))
    project_update(
        actor=SYSTEM,
        project=Project.objects.get(community=qingfeng),
        contractor="中原建工集团",
        started_on=date(2026, 5, 6),
    )
    return {"accepted": accepted, "bundled": bundled, "qingfeng": qingfeng, "idle": idle}


def _cell(page: str, row: str, area: str) -> str:
    """The text of a table's cell: the row of a figure, the column of an area ('' the total)."""
    body = page.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    cells = body.split('<td class="num">')[1:]
    heads = page.split('data-area="')[1:]
    columns = [h.split('"', 1)[0] for h in heads][: len(cells)]
    text = cells[columns.index(area)].split("</td>", 1)[0]
    return text.split(">", 1)[1].split("<", 1)[0] if text.startswith("<a") else text


def test_outcomes_are_counted_once_at_the_acceptance_and_the_month_reports_them(
    year: dict[str, Community], logged_in: Callable[[str], Client]
) -> None:
    clerk, city = logged_in("hualong"), logged_in("city")
    project_page = f"/projects/communities/{year['accepted'].code}/"
    # before the acceptance, nothing is counted; the lifts stand at the list's quantity
    early = clerk.post(
        f"{project_page}outcomes?policy={PACK}", {"water_supply": "1200"}, follow=True
    ).content.decode()
    assert "改造成效在联合竣工验收通过后计入" in early and not OutcomeCount.objects.exists()
    inspection_record(
        actor=SYSTEM,
        project=Project.objects.get(community=year["accepted"]),
        kind=InspectionKind.ACCEPTANCE,
        on=date(2026, 9, 15),
        by="区住建局",
        residents="居民代表二人",
        passed=True,
    )
    shown = clerk.get(f"{project_page}?policy={PACK}").content.decode()
    assert 'data-outcome="elevators"' in shown and 'value="3.00"' in shown
    assert 'data-outcome="water_supply"' in shown  # 90 + 40 households of the bundle
    refused = clerk.post(f"{project_page}outcomes?policy={PACK}", {"water_supply": "-5"})
    assert refused.status_code == 302 and not OutcomeCount.objects.exists()
    clerk.post(
        f"{project_page}outcomes?policy={PACK}", {"water_supply": "1250.5", "elevators": "3"}
    )
    assert dict(OutcomeCount.objects.values_list("key", "quantity")) == {
        "water_supply": Decimal("1250.50"),
        "elevators": Decimal("3.00"),
    }
    assert AuditEntry.objects.filter(action="project.outcome").count() == 2

    september = city.get(f"{MONTHLY}&month=2026-09").content.decode()
    assert _cell(september, "plan.projects", "") == "3"
    assert _cell(september, "plan.communities", "") == "4"  # the bundle counts its two
    assert _cell(september, "plan.communities", HUALONG) == "3"
    assert _cell(september, "started.communities.year", "") == "3"
    assert _cell(september, "started.communities.month", "") == "0"
    # the planned communities started: 3 of 4
    assert "75.0" in september.split("plan.communities", 1)[1]
    assert _cell(september, "completed.communities.year", HUALONG) == "2"
    assert _cell(september, "invested.year", "") == "150.00"  # 万元
    assert _cell(september, "outcome.pipelines.month", "") == "1.251"  # km, half up
    assert _cell(september, "outcome.lifts.year", HUALONG) == "3"
    assert "data-findings-none" in september
    # August knows nothing of September's acceptance
    august = city.get(f"{MONTHLY}&month=2026-08").content.decode()
    assert _cell(august, "outcome.lifts.year", "") == "0"
    assert _cell(august, "invested.month", "") == "110.00"

    # the bulletin of the quarter and the dashboard say the same
    bulletin = report_document(
        report_data(
            Division.objects.get(code=CITY),
            get_pack(PACK),
            parse_period("2026-Q3"),
            date(2026, 12, 1),
        )
    )
    section = next(s for s in bulletin.sections if s.heading == "二、改造成效")
    assert section.table is not None
    rows = {row[0]: row[2:] for row in section.table.rows}
    assert rows["加装电梯"] == [3, 3] and rows["改造老旧管线"] == [1.251, 1.251]
    standing_refresh(
        pack=get_pack(PACK), area=Division.objects.get(code=HUALONG), today=date(2026, 10, 1)
    )
    dashboard = city.get(f"/supervision/?policy={PACK}").content.decode()
    assert '<li data-outcome="lifts"><small>加装电梯</small><b>3</b>' in dashboard

    traced = city.get(
        f"{MONTHLY}&month=2026-09&figure=started.communities.year&group={HUALONG}"
    ).content.decode()
    listed = traced.split("data-traced", 1)[1].split("</ul>", 1)[0]
    assert f'data-project="{year["accepted"].code}"' in listed
    assert year["qingfeng"].code not in listed and year["idle"].code not in listed

    book = openpyxl.load_workbook(
        io.BytesIO(city.get(f"{MONTHLY}&month=2026-09&format=xlsx").getvalue()), read_only=True
    )
    progress, outcomes, projects = (list(sheet.values) for sheet in book.worksheets)
    by_indicator = {row[0]: row[2:] for row in progress[3:]}
    assert by_indicator["年度计划小区数"][0] == 4
    assert {row[0]: row[2] for row in outcomes[3:]}["改造老旧管线（1月至本月累计）"] == 1.251
    assert [row[0] for row in projects[1:]] == sorted(
        c.code for c in (year["accepted"], year["qingfeng"], year["idle"])
    )


def test_the_return_owed_waits_on_the_desk_until_it_is_sent(
    year: dict[str, Community], logged_in: Callable[[str], Client]
) -> None:
    city = logged_in("city")
    assert "待报送的统计月报" in city.get("/").content.decode()
    ended = last_ended(PeriodKind.MONTH, timezone.localdate())
    sent = city.post(f"{MONTHLY}&month={ended}", {"action": "send"})
    assert sent["Content-Type"] == "application/json" and b'"signature"' in sent.content
    assert "待报送的统计月报" not in city.get("/").content.decode()
    page = city.get(f"{MONTHLY}&month={ended}").content.decode()
    assert "data-sent" in page and "data-not-sent" not in page


def test_a_district_official_sees_only_the_district_and_an_owner_not_at_all(
    year: dict[str, Community], logged_in: Callable[[str], Client], make_user: Callable[..., User]
) -> None:
    district = logged_in("hualong").get(f"{MONTHLY}&month=2026-09").content.decode()
    assert year["accepted"].code in district and year["qingfeng"].code not in district
    asked_for_city = logged_in("hualong").get(f"{MONTHLY}&month=2026-09&area=410900000000")
    assert year["qingfeng"].code not in asked_for_city.content.decode()
    future = logged_in("hualong").get(f"{MONTHLY}&month=2099-01", follow=True).content.decode()
    assert "尚未开始" in future


def test_a_province_official_sees_the_cities_side_by_side_and_their_sum(
    year: dict[str, Community], make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    """The same page at the level above: Anyang's return received beside Puyang's own
    projects, one column a city, the total their sum, Anyang's projects listed without a link
    (this Anju does not hold them)."""
    divisions_load(
        actor=SYSTEM,
        rows=[(ANYANG, "安阳市"), ("410502000000", "文峰区"), ("410522000000", "安阳县")],
    )
    make_user("henan", "410000000000", Role.CITY_BUREAU)
    official = Actor(user=User.objects.get(username="henan"), origin="test")
    anyang, key, anyang_whole = anyang_return(Month(2026, 9))
    sender_trust(actor=official, area=Division.objects.get(code=ANYANG), key=key)
    return_receive(actor=official, data=anyang)
    page = logged_in("henan").get(f"{MONTHLY}&month=2026-09&area=410000000000").content.decode()
    assert _cell(page, "plan.projects", ANYANG) == str(anyang_whole["plan.projects"])
    assert _cell(page, "plan.projects", CITY) == "3"
    assert _cell(page, "plan.projects", "") == str(3 + anyang_whole["plan.projects"])
    assert 'data-received="410500000000"' in page and "data-missing" not in page
    assert ">安阳第0小区<" in page and "communities/AY0/" not in page
    assert f"communities/{year['accepted'].code}/" in page
