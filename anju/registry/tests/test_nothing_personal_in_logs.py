"""Owners' names and ID numbers never reach the server's log or the audit log: a ledger of
owners imported, then imported again with owners and numbers changed, with every logger at
DEBUG, leaves not one of them in either (the audit log names the change by the owner's row)."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest

from anju.audit.models import AuditEntry
from anju.core.demo_city import generate_city
from anju.core.ledger import LedgerBook
from anju.divisions.services import divisions_load
from anju.registry.services import ledger_write
from anju.testing import SYSTEM

pytestmark = pytest.mark.django_db


def _book(seed: int) -> LedgerBook:
    city = generate_city(6, seed)
    return LedgerBook(
        tuple(c.community for c in city.communities),
        tuple(b for c in city.communities for b in c.buildings),
        tuple(d for c in city.communities for d in c.dwellings),
    )


def test_no_owner_s_name_or_id_number_is_logged_or_audited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    divisions_load(actor=SYSTEM, rows=((d.code, d.name) for d in generate_city(6, 5).divisions))
    first = _book(5)
    # The same dwellings, with other owners: every owner's name and number changes.
    others = {d.owner_id_number: d for d in _book(6).dwellings if d.owner_id_number}
    second = dataclasses.replace(
        first,
        dwellings=tuple(
            d._replace(owner_name=o.owner_name, owner_id_number=o.owner_id_number)
            for d, o in zip(first.dwellings, list(others.values()) * 100, strict=False)
        ),
    )
    ledger_write(actor=SYSTEM, book=first, source="first.xlsx")
    ledger_write(actor=SYSTEM, book=second, source="second.xlsx")

    personal = {
        value
        for book in (first, second)
        for d in book.dwellings
        for value in (d.owner_id_number, d.owner_name)
        if value
    }
    assert len(personal) > 100
    logged = caplog.text + "".join(
        json.dumps([e.before, e.after], ensure_ascii=False) for e in AuditEntry.objects.all()
    )
    # Every dwelling's change of owner is in the audit log, by the owner's row, not their name.
    assert AuditEntry.objects.filter(action="dwelling.update").count() > 100
    assert not [value for value in personal if value in logged]
