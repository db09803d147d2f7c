from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from anju.accounts.models import Role, User
from anju.testing import CITY, PASSWORD


@pytest.fixture
def auditor(city: object, make_user: Callable[..., User]) -> Client:
    make_user("auditor", CITY, Role.AUDITOR)
    client = Client()
    assert client.login(username="auditor", password=PASSWORD)
    return client
