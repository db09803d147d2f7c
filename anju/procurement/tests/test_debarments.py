"""A bureau imports its list of untrustworthy parties as published; an award to a party listed
that day is a finding on the project and an alert, wherever the name's brackets differ; a list
is kept whole or not at all, binds its own area only, and the page of an award shows how the
winner did on its other projects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from anju.accounts.models import User
from anju.core.alerts import AlertKind
from anju.core.procurement import Kind, Method
from anju.policy.library import get_pack
from anju.procurement.models import Debarment
from anju.procurement.services import lot_add, lot_change
from anju.projects.models import Project
from anju.projects.services.construction import project_update
from anju.registry.models import Community
from anju.supervision.selectors.alerts import alerts_for
from anju.testing import HUALONG, SYSTEM

D = dt.date
LIST = (
    "名称,统一社会信用代码,失信行为,发布单位,列入日期,移出日期\n"
    "恒达建设（濮阳）有限公司,91410900MA44XXXX1A,围标串标,河南省住房和城乡建设厅,2026-09-01,2027-08-31\n"
    "正信监理有限公司,,资质挂靠,濮阳市住房和城乡建设局,2025年1月1日,2026/6/30\n"
)


def _upload(client: Client, text: str, division: str = HUALONG) -> str:
    answer = client.post(
        "/procurement/untrustworthy/",
        {"division": division, "entries": SimpleUploadedFile("失信名单.csv", text.encode())},
        follow=True,
    )
    return answer.content.decode()


def _award(project: Project, name: str, winner: str, on: dt.date) -> None:
    lot = lot_add(
        actor=SYSTEM, project=project, name=name, kind=Kind.WORKS, estimate=1, method=Method.DIRECT
    )
    lot_change(actor=SYSTEM, lot=lot, changes={"winner": winner, "price": 1, "awarded_on": on})


def test_an_award_to_a_listed_party_is_found_and_only_within_the_list_s_area(
    hualong_user: User,
    qingfeng_user: User,
    hualong_community: Community,
    logged_in: Callable[[str], Client],
) -> None:
    bureau = logged_in("hualong")
    assert "华龙区的失信名单现有 2 条" in _upload(bureau, LIST)
    bad = _upload(bureau, LIST.replace("2026-09-01", "2026-13-01").replace(",,", ",123,"))
    assert "第 2 行 列入日期" not in bad  # headers are named as the file names them
    assert "“2026-13-01”不是日期" in bad and "“123”不是18位统一社会信用代码" in bad
    assert Debarment.objects.count() == 2  # the list before stays whole
    project = Project.objects.create(community=hualong_community)
    _award(project, "施工", "恒达建设(濮阳)有限公司", D(2026, 10, 6))  # half-width brackets
    _award(project, "监理", "正信监理有限公司", D(2026, 10, 6))  # lifted on 30 June
    page = bureau.get(f"/projects/communities/{hualong_community.code}/?policy=puyang-2020")
    text = page.content.decode()
    said = "“施工”的中标单位恒达建设(濮阳)有限公司定标时在失信名单上（河南省住房和城乡建设厅，2026年9月1日列入）。"
    assert said in text and "“监理”的中标单位" not in text
    [alert] = [
        a
        for a in alerts_for(hualong_user, get_pack("puyang-2020"), timezone.localdate())
        if a.kind is AlertKind.PROCUREMENT
    ]
    assert said in alert.detail
    assert "恒达" not in logged_in("qingfeng").get("/procurement/untrustworthy/").content.decode()


def test_the_page_of_an_award_shows_the_winner_s_other_works(
    hualong_user: User, logged_in: Callable[[str], Client], city: object
) -> None:
    first, second = Community.objects.filter(district_id=HUALONG).order_by("code")[:2]
    late = Project.objects.create(community=first)
    project_update(actor=SYSTEM, project=late, due_on=D(2026, 6, 30))
    _award(late, "施工", "恒达建设 工程有限公司", D(2026, 3, 1))  # typed there with a space
    current = Project.objects.create(community=second)
    _award(current, "施工", "恒达建设工程有限公司", D(2026, 10, 6))
    lot = current.lots.get()
    page = logged_in("hualong").get(f"/procurement/lots/{lot.pk}/").content.decode()
    assert "恒达建设工程有限公司在其他项目的表现" in page
    assert f'data-won="{late.lots.get().pk}"' in page and "✗" in page
