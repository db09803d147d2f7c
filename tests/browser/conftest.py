"""Playwright against Debian's Chromium (/usr/bin/chromium); never a downloaded browser."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import Page, Request

from anju.web.printing import CHROMIUM_ARGS, chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = chromium()
ARGS = CHROMIUM_ARGS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(
                    pytest.mark.skip(reason="Debian's chromium is not installed (make system-deps)")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1400, "height": 900}}


@pytest.fixture
def requests_seen(page: Page) -> list[str]:
    """Every address the page asks for, to prove it asks no other host."""
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    page.on("request", record)
    return seen


@pytest.fixture(autouse=True)
def nothing_refused(page: Page) -> Any:
    """Every browser test fails if the content-security policy refused anything a page asked
    for: the policy and the pages must agree."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield
    assert not refused, refused
