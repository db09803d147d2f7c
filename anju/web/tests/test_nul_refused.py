"""A NUL character, which PostgreSQL text cannot hold, is refused wherever a request carries it,
saying where, before any view reads it; so no query fails on it and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.projects.models import Record, Step
from anju.registry.models import Community


@pytest.mark.django_db
def test_a_nul_deep_in_a_json_body_is_refused_with_its_place_and_nothing_is_written(
    hualong_user: User, hualong_community: Community, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    url = f"/api/v1/projects/{hualong_community.code}/records"
    body = {"step": Step.TRAINING.value, "done_on": "2026-03-01", "note": "ab"}
    kept = client.post(url, json.dumps(body), content_type="application/json")
    assert kept.status_code == 201
    answer = client.post(
        url, json.dumps(body | {"note": "a\x00b"}), content_type="application/json"
    )
    assert answer.status_code == 422
    (detail,) = answer.json()["detail"]
    assert detail["loc"] == ["body", "note"] and "NUL" in detail["msg"]
    assert Record.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "ask"),
    [
        ("query.q", lambda c: c.get("/registry/communities/", {"q": "华\x00龙"})),
        ("form.name", lambda c: c.post("/registry/communities/", {"name": "\x00"})),
        ("path", lambda c: c.get("/registry/communities/X\x00/")),
    ],
)
def test_a_nul_in_a_query_a_form_or_the_path_is_refused_in_chinese(
    where: str,
    ask: Callable[[Client], object],
    hualong_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    answer = ask(logged_in("hualong"))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    text = answer.content.decode()  # type: ignore[attr-defined]
    assert f"“{where}”" in text and "空字符" in text


@pytest.mark.django_db
def test_text_without_nul_passes_the_same_way(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    assert logged_in("hualong").get("/registry/communities/", {"q": "华龙"}).status_code == 200
