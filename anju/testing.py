"""Fixtures shared by the apps' tests: a small demo city and one user per role and place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from anju.accounts.models import Role, User
from anju.accounts.services import user_create
from anju.audit.context import Actor
from anju.core.demo_city import generate_city
from anju.core.ledger import LedgerBook
from anju.divisions.services import divisions_load
from anju.registry.models import Community
from anju.registry.services import ledger_write

CITY = "410900000000"
HUALONG = "410902000000"
QINGFENG = "410922000000"
PASSWORD = "Anju-test-pass-2026"
SYSTEM = Actor(user=None, origin="test")

# The worker closes a connection left in a transaction, as a test's would be: tests that run
# it commit for real.
WORKER = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    """Run every queued task once, as the deployed worker would, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def city(db: None) -> LedgerBook:
    """Eighteen communities over all six districts, with every building, dwelling and owner."""
    generated = generate_city(18, 5)
    divisions_load(actor=SYSTEM, rows=((d.code, d.name) for d in generated.divisions))
    book = LedgerBook(
        tuple(c.community for c in generated.communities),
        tuple(b for c in generated.communities for b in c.buildings),
        tuple(d for c in generated.communities for d in c.dwellings),
    )
    ledger_write(actor=SYSTEM, book=book, source="fixture")
    return book


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, division: str, role: Role) -> User:
        return user_create(
            actor=SYSTEM, username=username, password=PASSWORD, memberships=[(division, role)]
        )

    return make


@pytest.fixture
def city_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("city", CITY, Role.CITY_BUREAU)


@pytest.fixture
def hualong_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("hualong", HUALONG, Role.DISTRICT)


@pytest.fixture
def qingfeng_user(city: LedgerBook, make_user: Callable[..., User]) -> User:
    return make_user("qingfeng", QINGFENG, Role.DISTRICT)


@pytest.fixture
def hualong_community(city: LedgerBook) -> Community:
    return Community.objects.filter(district_id=HUALONG).order_by("code").first()  # type: ignore[return-value]


@pytest.fixture
def qingfeng_community(city: LedgerBook) -> Community:
    return Community.objects.filter(district_id=QINGFENG).order_by("code").first()  # type: ignore[return-value]


@pytest.fixture
def logged_in(db: None) -> Callable[[str], Client]:
    """A test client signed in as the named user (made by one of the user fixtures)."""

    def sign_in(username: str) -> Client:
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        return client

    return sign_in
