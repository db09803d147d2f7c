"""我的待办 is the page each user opens first: the votes closing soon in their area, the alerts
there (those that call a district in first), and the imports and plans they asked for that
finished — each a link to where it is done, and nothing from beyond their jurisdiction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from anju.accounts.models import Role, User
from anju.core.alerts import INTERVIEW_KINDS
from anju.desk.selectors import desk
from anju.participation.models import PollKind
from anju.participation.services import poll_create, poll_publish
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Building, Community, ImportState, LedgerImport
from anju.supervision.tests.conftest import troubled  # noqa: F401 -- the alerts' fixture
from anju.testing import HUALONG, SYSTEM


def _closing_in(community: Community, days: int, title: str) -> None:
    now = timezone.now()
    poll = poll_create(
        actor=SYSTEM,
        community=community,
        kind=PollKind.VOTE,
        matter="renovate",
        title=title,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=days),
        building=Building.objects.filter(community=community).order_by("id").first(),
    )
    poll_publish(actor=SYSTEM, poll=poll, now=now - timedelta(hours=2))


def _items(page: str) -> list[str]:
    return [part.split("</li>", 1)[0] for part in page.split("data-desk-item>")[1:]]


def test_a_vote_closing_this_week_waits_on_the_desk_of_its_district_only(
    hualong_community: Community,
    hualong_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    _closing_in(hualong_community, 3, "加装电梯意见征询")
    _closing_in(hualong_community, 20, "下月的征询")
    answer = logged_in("hualong").get("/")
    assert answer.status_code == 200
    items = _items(answer.content.decode())
    closing = [item for item in items if "加装电梯意见征询" in item]
    assert len(closing) == 1 and "/participation/polls/" in closing[0]
    assert hualong_community.code in closing[0] and "华龙区" in closing[0]
    assert not any("下月的征询" in item for item in items)
    assert "加装电梯意见征询" not in logged_in("qingfeng").get("/").content.decode()


def test_the_alerts_that_call_a_district_in_come_first_and_are_marked(
    troubled: dict[str, Community],  # noqa: F811
    city_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    page = logged_in("city").get("/").content.decode()
    (alerts,) = [part for part in page.split("<section")[1:] if "辖区内的预警" in part]
    links = [part.split('"', 1)[0] for part in alerts.split("kind=")[1:]]
    assert links
    called = [kind in INTERVIEW_KINDS for kind in links]
    assert called[0] and called == sorted(called, reverse=True)
    assert 'class="urgent"' in alerts


def test_an_import_the_user_asked_for_waits_on_their_desk_once_finished(
    hualong_user: User, city_user: User, logged_in: Callable[[str], Client]
) -> None:
    LedgerImport.objects.create(
        name="华龙区台账.xlsx",
        size=1,
        requested_by=hualong_user,
        origin="web",
        state=ImportState.REJECTED,
        finished_at=timezone.now(),
    )
    mine = logged_in("hualong").get("/").content.decode()
    assert "华龙区台账.xlsx" in mine and "/registry/ledger/imports/" in mine
    assert "华龙区台账.xlsx" not in logged_in("city").get("/").content.decode()


def test_a_user_with_nothing_waiting_is_told_so(
    city: object, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    make_user("expert", HUALONG, Role.EXPERT)
    page = logged_in("expert").get("/").content.decode()
    assert "data-desk-empty" in page and "我的待办" in page and "/supervision/" not in page


def test_opinions_waiting_for_an_answer_are_listed_by_notice_objections_marked(
    troubled: dict[str, Community],  # noqa: F811
    hualong_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    (waiting,) = [
        i for i in _items(logged_in("hualong").get("/").content.decode()) if "方案公示" in i
    ]
    assert "/participation/notices/" in waiting and troubled["objected"].code in waiting
    assert "1 条意见待答复" in waiting
    page = logged_in("hualong").get("/").content.decode()
    assert 'class="urgent" data-desk-item><a href="/participation/notices/' in page
    assert "方案公示" not in logged_in("qingfeng").get("/").content.decode()


def test_approvals_coming_due_within_a_month_wait_with_the_steps_still_open(
    hualong_community: Community, hualong_user: User, settings: object
) -> None:
    settings.POLICY_PACK = "hangjin-2021"  # type: ignore[attr-defined]
    Project.objects.create(community=hualong_community, stage=ProjectStage.PLANNED, plan_year=2027)
    groups = {g.title: g.items for g in desk(hualong_user, dt.datetime(2027, 5, 10, tzinfo=dt.UTC))}
    (item,) = groups["即将到期的审批手续"]
    assert "2027-05-31" in item.text and hualong_community.name in item.text
    assert item.link == f"/projects/communities/{hualong_community.code}/"
    assert "立项" in item.detail and not item.urgent
    early = desk(hualong_user, dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    assert "即将到期的审批手续" not in {g.title for g in early}
