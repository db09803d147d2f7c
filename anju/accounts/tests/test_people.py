"""A bureau keeps its officials' accounts: opens them at posts beneath its own, one by one or
from a staff workbook, issues passwords their holders change, closes the accounts of leavers
without deleting them; everything in the log."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anju.accounts.models import Role, User
from anju.accounts.people import kept_by
from anju.accounts.services import staff_open
from anju.audit.context import Actor
from anju.audit.models import AuditEntry
from anju.core.ledger import LedgerBook
from anju.testing import CITY, HUALONG, QINGFENG

HUALONG_STREET = "410902001000"
QINGFENG_STREET = "410922001000"
ISSUED = re.compile(r'<code class="password">([^<]+)</code>')


def _issued(answer: object) -> list[str]:
    return ISSUED.findall(answer.content.decode())  # type: ignore[attr-defined]


def _signs_in_and_must_change(username: str, password: str) -> None:
    client = Client()
    assert client.login(username=username, password=password)
    answer = client.get("/registry/communities/")
    assert answer.status_code == 302 and answer["Location"].startswith("/account/password/")


def test_a_district_opens_a_street_account_whose_password_is_changed_at_first_sign_in(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    form = client.get("/account/people/new/").content.decode()
    assert HUALONG_STREET in form and QINGFENG_STREET not in form and "审计员" not in form
    answer = client.post(
        "/account/people/new/",
        {
            "username": "jiaotong",
            "display_name": "王芳",
            "role": "street",
            "division": HUALONG_STREET,
        },
    )
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    (password,) = _issued(answer)
    opened = User.objects.get(username="jiaotong")
    assert opened.memberships.get().division_id == HUALONG_STREET
    assert opened.password_changed_at is None
    entry = AuditEntry.objects.get(action="user.create", target_id=opened.username)
    assert entry.actor_id == hualong_user.pk and password not in str(entry.after)
    _signs_in_and_must_change("jiaotong", password)
    assert opened.username in client.get("/account/people/").content.decode()


def test_no_one_opens_an_account_beside_above_or_outside_their_post(
    hualong_user: User, city_user: User
) -> None:
    hualong = Actor(user=hualong_user, origin="test")
    refusals = {
        (Role.STREET, QINGFENG_STREET): "不在你的辖区",
        (Role.DISTRICT, HUALONG): "由上一级开设",
        (Role.EXPERT, HUALONG_STREET): "设在市或区县一级",
    }
    for (role, code), words in refusals.items():
        with pytest.raises(ValidationError) as refused:
            staff_open(actor=hualong, username="x", display_name="", role=role, division_code=code)
        assert words in refused.value.messages[0], refused.value.messages
    with pytest.raises(ValidationError):
        staff_open(
            actor=Actor(user=city_user, origin="test"),
            username="y",
            display_name="",
            role=Role.CITY_BUREAU,
            division_code=CITY,
        )
    assert not User.objects.filter(username__in=["x", "y"]).exists()


def test_a_district_keeps_only_the_accounts_beneath_it(
    hualong_user: User, qingfeng_user: User, city_user: User, make_user: Callable[..., User]
) -> None:
    street = make_user("jiaotong", HUALONG_STREET, Role.STREET)
    make_user("qf-street", QINGFENG_STREET, Role.STREET)
    both = make_user("both", HUALONG_STREET, Role.STREET)
    both.memberships.create(division_id=QINGFENG_STREET, role=Role.STREET)
    assert kept_by(hualong_user) == [street]
    client = Client()
    client.force_login(hualong_user)
    for other in (city_user, qingfeng_user, both):
        assert client.get(f"/account/people/{other.pk}/").status_code == 404
        assert (
            client.post(f"/account/people/{other.pk}/active/", {"active": "0"}).status_code == 404
        )
    assert User.objects.filter(is_active=False).count() == 0


def test_a_leaver_is_deactivated_not_deleted_and_can_be_opened_again(
    hualong_user: User, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    street = make_user("jiaotong", HUALONG_STREET, Role.STREET)
    theirs = logged_in("jiaotong")
    client = logged_in("hualong")
    client.post(f"/account/people/{street.pk}/active/", {"active": "0"})
    street.refresh_from_db()
    assert street.is_active is False
    assert theirs.get("/registry/communities/").status_code == 302  # their session is over
    assert not Client().login(username="jiaotong", password="Anju-test-pass-2026")
    entry = AuditEntry.objects.get(action="user.deactivate")
    assert entry.before == {"is_active": True} and entry.after == {"is_active": False}
    client.post(f"/account/people/{street.pk}/active/", {"active": "1"})
    street.refresh_from_db()
    assert street.is_active and AuditEntry.objects.filter(action="user.reactivate").exists()


def test_an_issued_password_is_changed_at_the_next_sign_in(
    hualong_user: User, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    street = make_user("jiaotong", HUALONG_STREET, Role.STREET)
    answer = logged_in("hualong").post(f"/account/people/{street.pk}/password/")
    (password,) = _issued(answer)
    _signs_in_and_must_change("jiaotong", password)
    assert AuditEntry.objects.filter(action="user.set_password", target_id=street.username).exists()


def _workbook(rows: list[tuple[object, ...]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["华龙区人员名册"])
    sheet.append(["序号", "用户名", "姓名", "岗位", "行政区划代码"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("名册.xlsx", out.getvalue())


def test_a_staff_workbook_opens_every_account_or_none(
    hualong_user: User, city: LedgerBook, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    sent = client.get("/account/people/template.xlsx")
    content = b"".join(sent.streaming_content)  # type: ignore[attr-defined]
    template = openpyxl.load_workbook(io.BytesIO(content))
    assert [c.value for c in template["名册"][1]] == ["用户名", "姓名", "岗位", "行政区划代码"]
    (posts,) = template["名册"].data_validations.dataValidation
    assert "街道办事处/乡镇" in posts.formula1 and "审计员" not in posts.formula1
    codes = [row[0].value for row in template["行政区划"].iter_rows(min_row=2)]
    assert HUALONG in codes and HUALONG_STREET in codes and QINGFENG not in codes

    bad = _workbook(
        [
            ("jt1", "王芳", "街道办事处/乡镇", HUALONG_STREET),
            ("jt1", "李娜", "街道办事处/乡镇", HUALONG_STREET),
            ("qf", "赵强", "街道办事处/乡镇", QINGFENG_STREET),
            ("zz", "", "站长", "410902001"),
        ]
    )
    page = client.post("/account/people/import/", {"file": bad}).content.decode()
    assert "第4行" in page and "第5行" in page and "第6行" in page and "站长" in page
    assert not User.objects.filter(username__in=["jt1", "qf", "zz"]).exists()

    good = _workbook(
        [
            ("jt1", "王芳", "街道办事处/乡镇", HUALONG_STREET),
            ("zy1", "李娜", "社区居委会", "410902001001"),
            ("hl-water", "华龙区供水分公司", "专营单位", 410902),
        ]
    )
    answer = client.post("/account/people/import/", {"file": good})
    assert len(_issued(answer)) == 3
    assert set(
        User.objects.filter(password_changed_at=None).values_list("username", flat=True)
    ) >= {
        "jt1",
        "zy1",
        "hl-water",
    }
    assert User.objects.get(username="hl-water").memberships.get().division_id == HUALONG


def test_a_superuser_is_offered_the_city_s_divisions_not_the_country_s(
    city: LedgerBook, settings: Any
) -> None:
    from anju.accounts.people import grantable_posts
    from anju.divisions.models import Division, DivisionLevel

    Division.objects.create(code="410100000000", name="郑州市", level=DivisionLevel.CITY)
    root = User.objects.create_superuser("operator", password="x" * 16)
    settings.ANJU_CITY = CITY

    _roles, places = grantable_posts(root)

    assert places and all(place.code.startswith("4109") for place in places)


def test_the_accounts_sort_by_a_header_names_in_pinyin_order(
    hualong_user: User, make_user: Callable[..., User], logged_in: Callable[[str], Client]
) -> None:
    for username, name in (("a-zhang", "张伟"), ("b-li", "李娜"), ("c-wang", "王芳")):
        person = make_user(username, HUALONG_STREET, Role.STREET)
        User.objects.filter(pk=person.pk).update(first_name=name)
    User.objects.filter(username="c-wang").update(is_active=False)
    client = logged_in("hualong")

    def listed(sort: str) -> list[str]:
        page = client.get("/account/people/", {"sort": sort}).content.decode()
        return re.findall(r'data-person="([^"]+)"', page)

    assert listed("") == ["a-zhang", "b-li", "c-wang"]
    assert listed("name") == ["b-li", "c-wang", "a-zhang"]  # 李 王 张, not 张 李 王
    assert listed("-name") == ["a-zhang", "c-wang", "b-li"]
    assert listed("state")[-1] == "c-wang" and listed("-state")[0] == "c-wang"
