"""A district user cannot see or change another district's data by any route."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from anju.accounts.models import Role, User
from anju.audit.context import Actor
from anju.audit.models import AuditEntry, EntryKind
from anju.core.ledger import COMMUNITY_SHEET, LedgerBook, headers, render_row
from anju.registry.ledger_files import read_workbook
from anju.registry.models import Community
from anju.registry.selectors import ledger_book
from anju.registry.services import LedgerRejected, ledger_export, ledger_import
from anju.testing import PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db


def _routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every URL pattern of the site as (route, name), API routes included."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name or ""


def _fill(route: str, code: str) -> str:
    path = (
        route.replace("<str:code>", code).replace("<code>", code).replace("^", "").replace("$", "")
    )
    return "/" + path


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_every_route_as_every_role_from_a_foreign_jurisdiction_reveals_nothing(
    city: LedgerBook, make_user, qingfeng_community: Community
) -> None:
    foreign = qingfeng_community
    routes = list(_routes())
    assert any("<str:code>" in r or "{code}" in r for r, _ in routes)
    for role in Role:
        user = make_user(f"hualong-{role.value}", "410902000000", role)
        client = _client(user)
        for route, name in routes:
            if name in {"logout"} or "openapi" in route or "docs" in route or "i18n" in route:
                continue
            url = _fill(route, foreign.code)
            if "<" in url:
                continue
            for method in ("get", "post", "patch"):
                response = (
                    getattr(client, method)(
                        url,
                        data=json.dumps({"name": "X"}) if method == "patch" else {},
                        content_type="application/json" if method == "patch" else None,
                    )
                    if method == "patch"
                    else getattr(client, method)(url)
                )
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                if response["Content-Type"].endswith("wordprocessingml.document"):
                    document = docx.Document(io.BytesIO(body))
                    words = " ".join(
                        [p.text for p in document.paragraphs]
                        + [c.text for t in document.tables for r in t.rows for c in r.cells]
                    )
                    assert foreign.code not in words, (role, route)
                    assert foreign.name not in words, (role, route)
                    continue
                if response["Content-Type"].startswith("application/vnd.openxmlformats"):
                    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
                    cells = " ".join(
                        str(value)
                        for sheet in book.worksheets
                        for row in sheet.iter_rows(values_only=True)
                        for value in row
                        if value is not None
                    )
                    assert foreign.code not in cells, (role, route)
                    assert foreign.name not in cells, (role, route)
                    continue
                assert foreign.code.encode() not in body, (role, method, route)
                assert foreign.name.encode() not in body, (role, method, route)
    foreign.refresh_from_db()
    assert foreign.name != "X"


def test_district_users_list_only_their_district(hualong_user: User, qingfeng_user: User) -> None:
    hualong = set(Community.objects.visible_to(hualong_user).values_list("district_id", flat=True))
    qingfeng = set(
        Community.objects.visible_to(qingfeng_user).values_list("district_id", flat=True)
    )
    assert hualong == {"410902000000"}
    assert qingfeng == {"410922000000"}


def test_detail_edit_and_api_of_a_foreign_community_are_not_found(
    hualong_user: User, qingfeng_community: Community
) -> None:
    client = _client(hualong_user)
    code = qingfeng_community.code
    assert client.get(f"/registry/communities/{code}/").status_code == 404
    assert client.get(f"/registry/communities/{code}/edit/").status_code == 404
    assert client.post(f"/registry/communities/{code}/edit/", {"name": "X"}).status_code == 404
    assert client.get(f"/api/v1/registry/communities/{code}").status_code == 404
    response = client.patch(
        f"/api/v1/registry/communities/{code}", data={"name": "X"}, content_type="application/json"
    )
    assert response.status_code in (403, 404)
    qingfeng_community.refresh_from_db()
    assert qingfeng_community.name != "X"


def test_read_only_roles_see_but_cannot_change(make_user, hualong_community: Community) -> None:
    committee_user = make_user("committee", hualong_community.division_id, Role.COMMITTEE)
    client = _client(committee_user)
    code = hualong_community.code
    assert client.get(f"/registry/communities/{code}/").status_code == 200
    assert client.get(f"/registry/communities/{code}/edit/").status_code == 403
    response = client.patch(
        f"/api/v1/registry/communities/{code}", data={"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get("/registry/ledger/import/").status_code == 403


def test_exports_hold_only_the_users_jurisdiction(hualong_user: User, tmp_path: Path) -> None:
    path = tmp_path / "hualong.xlsx"
    ledger_export(actor=Actor(user=hualong_user, origin="test"), target=path)
    rows = read_workbook(path)[COMMUNITY_SHEET][1:]
    assert rows and {row[2] for row in rows} == {"华龙区"}
    assert len(ledger_book(user=hualong_user).communities) == len(rows)


def test_a_district_user_cannot_import_into_another_district(
    hualong_user: User, qingfeng_community: Community, tmp_path: Path
) -> None:
    path = tmp_path / "all.xlsx"
    ledger_export(actor=SYSTEM, target=path)
    before = Community.objects.count()
    with pytest.raises(LedgerRejected) as rejected:
        ledger_import(
            actor=Actor(user=hualong_user, origin="test"), sheets=read_workbook(path), source="x"
        )
    codes = {issue.code for issue in rejected.value.issues}
    assert codes == {"outside_jurisdiction"}
    foreign_rows = [i for i in rejected.value.issues if i.sheet == COMMUNITY_SHEET]
    assert foreign_rows and all(i.value != "华龙区" for i in foreign_rows)
    assert Community.objects.count() == before
    assert headers(COMMUNITY_SHEET)[2] == "区县"


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_district_cannot_claim_a_code_under_another_district_even_in_a_dry_run(
    hualong_user: User, hualong_community: Community, qingfeng_community: Community, dry_run: bool
) -> None:
    """Registered or not, a code under Qingfeng's divisions is Qingfeng's to give: a Hualong
    ledger naming one is refused alike, so a dry run tells Hualong nothing of Qingfeng."""
    row = next(r for r in ledger_book(user=None).communities if r.code == hualong_community.code)
    header = headers(COMMUNITY_SHEET)
    taken = qingfeng_community.code
    free = qingfeng_community.division_id + "999"
    for code in (taken, free):
        cells = [*render_row(row._replace(code=code, name=f"新小区{code[-3:]}"))]
        with pytest.raises(LedgerRejected) as rejected:
            ledger_import(
                actor=Actor(user=hualong_user, origin="test"),
                sheets={COMMUNITY_SHEET: [header, cells]},
                source="x",
                dry_run=dry_run,
            )
        assert [(i.column, i.value, i.code) for i in rejected.value.issues] == [
            ("小区编号", code, "outside_jurisdiction")
        ]
    assert not Community.objects.filter(name__startswith="新小区").exists()


def test_anonymous_visitors_are_sent_to_log_in(city: LedgerBook) -> None:
    client = Client()
    response = client.get("/registry/communities/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/api/v1/registry/communities").status_code == 401


def test_a_web_request_without_a_user_never_acts_as_the_system(rf) -> None:
    request = rf.get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        Actor.from_request(request)


def test_every_export_of_owners_names_is_in_the_audit_log(
    hualong_user: User, tmp_path: Path
) -> None:
    """Owners' names leave in the 房屋 sheet even with ID numbers masked (PIPL art. 51)."""
    ledger_export(actor=Actor(user=hualong_user, origin="test"), target=tmp_path / "l.xlsx")
    entry = AuditEntry.objects.get(action="personal_data.export")
    assert (entry.kind, entry.actor_label) == (EntryKind.READ, "hualong")
    after = entry.after or {}
    assert after["id_numbers"] == "masked" and after["房屋"] > 0
