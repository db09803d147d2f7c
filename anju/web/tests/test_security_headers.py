"""Every response carries the headers that keep a page to what Anju serves; and no template
holds what that policy would refuse, so the policy never breaks a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import anju

TEMPLATES = sorted(Path(anju.__file__).parent.glob("*/templates/**/*.html"))
PRINTED = {"report_print.html"}  # printed by Anju's own Chromium, never served to a browser


@pytest.mark.django_db
def test_pages_send_a_policy_with_no_other_host_and_refuse_framing() -> None:
    answer = Client().get("/login/", follow=True)  # a fresh install: the set-up page
    assert answer.redirect_chain == [("/setup/", 302)]
    policy = answer["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"https?:", policy)
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert "camera=()" in answer["Permissions-Policy"]
    assert answer.cookies["csrftoken"]["samesite"] == "Lax"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_holds_inline_script_style_or_handlers(template: Path) -> None:
    if template.name in PRINTED:
        return
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline <script>"
    assert not re.search(r"<style\b", text), "<style> element"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text), "event-handler attribute"


def test_pages_and_files_with_personal_data_are_never_stored_but_static_files_are(
    hualong_user: object, hualong_community: object, logged_in: object
) -> None:
    client = logged_in("hualong")  # type: ignore[operator]
    code = hualong_community.code  # type: ignore[attr-defined]
    for url in (
        f"/registry/communities/{code}/",
        "/registry/ledger/export/",
        "/v/",
        "/login/",
    ):
        assert "no-store" in client.get(url)["Cache-Control"], url
    static = Client().get("/static/web/anju.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")
