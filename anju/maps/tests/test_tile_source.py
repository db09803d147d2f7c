"""A deployment's own tile server: a template the map could not use stops the start, and the
content-security policy lets the map's images come from that server and from no other."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.maps.checks import tile_source


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("", None),
        ("https://tiles.puyang.gov.cn/{z}/{x}/{y}.png", None),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("https://tiles.puyang.gov.cn/{z}/{x}.png", "anju.maps.E002"),
        ("ftp://tiles.puyang.gov.cn/{z}/{x}/{y}.png", "anju.maps.E001"),
        ("tiles/{z}/{x}/{y}.png", "anju.maps.E001"),
    ],
)
def test_a_tile_template_the_map_cannot_use_is_named_at_start(
    template: str, error: str | None, settings: object
) -> None:
    settings.MAP_TILES = template  # type: ignore[attr-defined]
    assert [e.id for e in tile_source()] == ([error] if error else [])


def test_the_map_may_show_images_from_the_tile_server_alone(
    hualong_user: User, logged_in: Callable[[str], Client], settings: object
) -> None:
    client = logged_in("hualong")
    assert "img-src 'self' data:;" in client.get("/map/")["Content-Security-Policy"]
    settings.MAP_TILES = "https://tiles.puyang.gov.cn:8443/wmts/{z}/{x}/{y}.png"  # type: ignore[attr-defined]
    answer = client.get("/map/")
    assert (
        "img-src 'self' data: https://tiles.puyang.gov.cn:8443;"
        in answer["Content-Security-Policy"]
    )
    assert 'data-tiles="https://tiles.puyang.gov.cn:8443/wmts/{z}/{x}/{y}.png"' in (
        answer.content.decode()
    )
