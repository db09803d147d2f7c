"""Each kind of alert is raised from what Anju holds, names the unit that answers for it, and is
seen only within the user's area; the districts with slow, overdue or defective works are the
ones called in."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from anju.accounts.models import User
from anju.core.alerts import AlertKind
from anju.finance.selectors import flagged_funds
from anju.policy.library import get_pack
from anju.registry.models import Community
from anju.supervision.alerts import alerts_for

HANGJIN = get_pack("hangjin-2021")


def test_every_kind_is_raised_with_the_unit_that_answers_for_it(
    troubled: dict[str, Community], hualong_user: User, city_user: User
) -> None:
    found = {
        (a.kind, a.community): a for a in alerts_for(hualong_user, HANGJIN, timezone.localdate())
    }
    code = {name: c.code for name, c in troubled.items()}
    assert found[(AlertKind.CONSTRUCTION_OVERDUE, code["overdue"])].unit == "恒达建设"
    behind = found[(AlertKind.SLOW_PROGRESS, code["behind"])]
    assert behind.unit == "安居建工" and "30%" in behind.detail and "50%" in behind.detail
    assert "-05-31" in found[(AlertKind.APPROVALS_LATE, code["late"])].detail
    assert (AlertKind.CENTRAL_SUBSIDY_YEAR, code["central"]) in found
    assert found[(AlertKind.DEFECT_OPEN, code["defective"])].unit == "正信建设"
    objection = found[(AlertKind.OBJECTION_UNANSWERED, code["objected"])]
    assert objection.unit == troubled["objected"].street.name
    assert not any(a.community == code["qingfeng"] for a in found.values())
    funds = {c for k, c in found if k == AlertKind.FUND_BELOW_LINE}
    assert funds and funds == {
        f.community.code for f in flagged_funds(user=hualong_user, pack=HANGJIN)
    }
    city = alerts_for(city_user, HANGJIN, timezone.localdate())
    assert any(a.community == code["qingfeng"] for a in city)


def test_a_pack_without_the_deadlines_raises_no_deadline_alerts(
    troubled: dict[str, Community], hualong_user: User
) -> None:
    kinds = {
        a.kind for a in alerts_for(hualong_user, get_pack("puyang-2020"), timezone.localdate())
    }
    assert AlertKind.APPROVALS_LATE not in kinds and AlertKind.CENTRAL_SUBSIDY_YEAR not in kinds
    assert AlertKind.SLOW_PROGRESS in kinds


def test_the_page_lists_the_alerts_and_the_districts_to_call_in(
    troubled: dict[str, Community],
    city_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    page = logged_in("city").get("/supervision/alerts/?policy=hangjin-2021").content.decode()
    laggards = page.split("data-laggard")[1:]
    # Hualong: overdue, behind, central subsidy, defect; Qingfeng: overdue
    assert "华龙区" in laggards[0] and '<td class="num">4</td>' in laggards[0]
    assert "清丰县" in laggards[1] and "chongqing-2021 §6.(4)" in page
    only = logged_in("qingfeng").get(
        "/supervision/alerts/?policy=hangjin-2021&kind=construction_overdue"
    )
    assert only.content.decode().count('data-alert="') == 1
