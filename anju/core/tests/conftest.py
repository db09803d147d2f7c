"""The domain core opens no database, so its tests run once, on SQLite's half of the suite, and
not again against PostgreSQL (Makefile, postgres-tests); a core test that asked for the
database would break that bargain, and is refused at collection."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "anju/core/tests/" in item.nodeid and item.get_closest_marker("django_db"):
            raise pytest.UsageError(f"{item.nodeid}: a test of the core asks for the database")
