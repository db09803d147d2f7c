"""Auditors over a city read, search and export the whole log, and change nothing; an export
is itself in the log; officials without the audit role, or auditing only a district, are
refused."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from anju.accounts.models import Role, User
from anju.audit.models import AuditEntry, EntryKind
from anju.registry.models import Community
from anju.testing import HUALONG, PASSWORD

pytestmark = pytest.mark.django_db


def test_an_auditor_searches_the_log_by_user_and_kind(
    auditor: Client, city_user: User, hualong_community: Community
) -> None:
    Client().post("/login/", {"username": "city", "password": "Wrong-pass-2026"})
    page = auditor.get("/audit/", {"who": "city", "kind": EntryKind.ACCESS})
    shown = list(page.context["page"])
    assert page.status_code == 200 and shown
    assert all(e.actor_label == "city" and e.kind == EntryKind.ACCESS for e in shown)
    assert "登录失败" in page.content.decode() and "审计日志" in page.content.decode()
    everything = auditor.get("/audit/").context["page"].paginator.count
    assert everything == AuditEntry.objects.count()


def test_an_export_holds_the_searched_entries_and_is_itself_an_entry(
    auditor: Client, city_user: User
) -> None:
    answer = auditor.get("/audit/log.xlsx", {"action": "user.create"})
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    made = AuditEntry.objects.filter(action__startswith="user.create")
    assert rows[0][:3] == ("时间", "类别", "操作人")
    assert sorted(r[6] for r in rows[1:]) == sorted(made.values_list("target_id", flat=True))
    export = AuditEntry.objects.get(action="audit.export")
    assert export.kind == EntryKind.READ and export.actor_label == "auditor"
    assert export.after == {"action": "user.create"}


def test_the_auditor_changes_nothing(auditor: Client, hualong_community: Community) -> None:
    before = AuditEntry.objects.count()
    answer = auditor.post(f"/registry/communities/{hualong_community.code}/edit/", {"name": "改名"})
    assert answer.status_code in (403, 404)
    hualong_community.refresh_from_db()
    assert hualong_community.name != "改名"
    assert AuditEntry.objects.count() == before


def test_officials_without_the_role_or_over_a_district_only_are_refused(
    city: object, hualong_user: User, make_user: Callable[..., User]
) -> None:
    make_user("district-auditor", HUALONG, Role.AUDITOR)
    for name in ("hualong", "district-auditor"):
        client = Client()
        assert client.login(username=name, password=PASSWORD)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/log.xlsx").status_code == 403
        assert "/audit/" not in client.get("/registry/communities/").content.decode()
    assert Client().get("/audit/").status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "logged"), [(False, "web 10.1.2.3"), (True, "web 172.16.9.9")]
)
def test_the_log_names_the_client_the_front_server_saw_and_trusts_the_header_only_behind_it(
    city_user: User, settings: object, behind_proxy: bool, logged: str
) -> None:
    settings.BEHIND_PROXY = behind_proxy  # type: ignore[attr-defined]
    Client(REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="172.16.9.9").post(
        "/login/", {"username": "city", "password": PASSWORD}
    )
    entry = AuditEntry.objects.filter(action="login").latest("pk")
    assert entry.origin == logged
