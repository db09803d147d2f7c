"""A district's housing bureau records a project's lots from the project page, from announcement
to award, and the page says which rule each falls foul of, with its clause; no one else writes
them; what cannot be true is refused whole; a CSV of lots is checked on the web as on the
command line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.core.access import Role
from anju.procurement.models import Lot
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import HUALONG


@pytest.fixture
def bureau(hualong_user: User, logged_in: Callable[[str], Client]) -> Client:
    return logged_in("hualong")


def _page(client: Client, community: Community) -> str:
    answer = client.get(f"/projects/communities/{community.code}/?policy=puyang-2020")
    assert answer.status_code == 200
    return answer.content.decode()


def _add(client: Client, community: Community, **fields: str) -> None:
    answer = client.post(
        f"/procurement/projects/{community.code}/lots?policy=puyang-2020",
        {"form": "separate", "method": "", **fields},
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith("#procurement")


def test_lots_cut_under_the_line_and_a_hurried_award_are_shown_with_their_clauses(
    bureau: Client, hualong_community: Community
) -> None:
    community = hualong_community
    _add(bureau, community, name="一标段", kind="works", estimate="1,500,000", method="direct")
    _add(bureau, community, name="二标段", kind="works", estimate="1500000", method="inquiry")
    _add(bureau, community, name="三标段", kind="works", estimate="1000000", method="open_tender")
    _add(bureau, community, name="监理", kind="services", estimate="120000.50")
    third = Lot.objects.get(name="三标段")
    answer = bureau.post(
        f"/procurement/lots/{third.pk}/?policy=puyang-2020",
        {
            "name": "三标段",
            "kind": "works",
            "form": "separate",
            "estimate": "1,000,000.00",
            "method": "open_tender",
            "opened_on": "2026-10-30",
            "publicity_from": "2026-11-01",
            "publicity_until": "2026-11-02",
            "awarded_on": "2026-11-02",
            "winner": "濮阳市第三建筑工程有限公司",
            "price": "968,000",
            "named_lead": "王建国",
        },
    )
    assert answer.status_code == 302
    third.refresh_from_db()
    assert (third.price, third.estimate, third.named_lead) == (96_800_000, 100_000_000, "王建国")
    page = _page(bureau, community)
    assert "合计 4,000,000.00 元，限额 4,000,000.00 元" in page
    assert "必须招标：各标段均低于限额，但应合并计算；未经招标的标段：一标段、二标段" in page
    assert "濮政办〔2020〕31号 三（二）4" in page  # Puyang's own ban, beside the national rule
    assert "国家发展改革委令第16号 第五条" in page
    assert "合计 120,000.50 元，限额 1,000,000.00 元" in page
    assert "“三标段”的中标候选人公示不足 3 日。" in page
    assert "“三标段”在中标候选人公示期满前即已定标。" in page
    assert "国务院令第613号 第五十四条" in page
    actions = list(
        AuditEntry.objects.filter(action__startswith="procurement.").values_list(
            "action", flat=True
        )
    )
    assert actions.count("procurement.lot_add") == 4
    assert actions.count("procurement.lot_change") == 1


def test_what_cannot_be_true_is_refused_whole_and_said(
    bureau: Client, hualong_community: Community
) -> None:
    _add(bureau, hualong_community, name="施工", kind="works", estimate="5000000")
    lot = Lot.objects.get()
    written = AuditEntry.objects.count()
    for changes, said in [
        ({"awarded_on": "2026-11-09"}, "定标须写明中标（成交）单位、合同价和采购方式。"),
        (
            {"publicity_from": "2026-11-05", "publicity_until": "2026-11-01"},
            "“中标候选人公示止”早于“中标候选人公示起”。",
        ),
        (
            {"opened_on": "2026-11-05", "awarded_on": "2026-11-01", "winner": "甲", "price": "1"},
            "定标日期早于开标日期。",
        ),
    ]:
        answer = bureau.post(
            f"/procurement/lots/{lot.pk}/",
            {
                "name": "施工",
                "kind": "works",
                "form": "separate",
                "estimate": "5000000",
                "method": "open_tender",
                **changes,
            },
            follow=True,
        )
        assert said in answer.content.decode()
        lot.refresh_from_db()
        assert (lot.awarded_on, lot.publicity_from, lot.method) == (None, None, "")
    _add(bureau, hualong_community, name="施工", kind="goods", estimate="1")
    assert Lot.objects.count() == 1
    assert AuditEntry.objects.count() == written


def test_only_the_housing_bureau_over_the_community_records_lots(
    hualong_community: Community,
    qingfeng_user: User,
    make_user: Callable[..., User],
    logged_in: Callable[[str], Client],
) -> None:
    make_user("street", HUALONG, Role.STREET)
    for who in ("qingfeng", "street"):
        client = logged_in(who)
        answer = client.post(
            f"/procurement/projects/{hualong_community.code}/lots",
            {"name": "施工", "kind": "works", "form": "separate", "estimate": "1", "method": ""},
        )
        assert answer.status_code in (403, 404), who
    assert not Lot.objects.exists() and not Project.objects.exists()
    street = logged_in("street")
    assert street.get("/procurement/check/").status_code == 403
    assert "添加标段" not in _page(street, hualong_community)


def test_a_list_of_lots_is_checked_on_the_web_as_on_the_command_line(bureau: Client) -> None:
    csv = (
        "project_code,lot,kind,estimate_yuan,method\n"
        "P1,一标段,works,2000000,直接委托\n"
        "P1,二标段,施工,2000000,\n"
        "P2,设计,services,999999.99,\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = bureau.post(
        "/procurement/check/?policy=wuhan-2021",
        {"lots": SimpleUploadedFile("标段.csv", csv, content_type="text/csv")},
    )
    page = answer.content.decode()
    assert 'data-checked="P1-works"' in page and 'data-checked="P2-services"' in page
    assert "必须招标：各标段均低于限额，但应合并计算；未经招标的标段：一标段" in page
    assert "濮政办" not in page  # Wuhan is not governed by Puyang's words
    refused = bureau.post(
        "/procurement/check/",
        {"lots": SimpleUploadedFile("标段.csv", b"\x00\x01binary", content_type="text/csv")},
    )
    assert "标段.csv" in refused.content.decode() and "data-checked" not in refused.content.decode()
    large = bureau.post(
        "/procurement/check/",
        {
            "lots": SimpleUploadedFile(
                "big.csv", csv + b"x" * (2 * 1024 * 1024), content_type="text/csv"
            )
        },
    )
    assert "2 MB" in large.content.decode() and "data-checked" not in large.content.decode()
    bad = bureau.post(
        "/procurement/check/",
        {
            "lots": SimpleUploadedFile(
                "bad.csv", b"project_code,lot,kind,estimate_yuan,method\nP,a,wood,1,\n"
            )
        },
    )
    assert "bad.csv 第 2 行 kind 列：“wood”不是标段类别" in bad.content.decode()
    assert bureau.get("/procurement/check/?policy=nowhere-2030").status_code == 404
