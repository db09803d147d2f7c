"""Start-up check: a tile template the map could not use says so before a page is served."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error


def tile_source(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    template = settings.MAP_TILES
    if not template:
        return []
    parts = urlsplit(template)
    served = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (served or template.startswith("/")):
        return [
            Error(
                f"ANJU_MAP_TILES is {template!r}: an http(s) address or a path of this host",
                id="anju.maps.E001",
            )
        ]
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in template]
    if missing:
        return [
            Error(
                f"ANJU_MAP_TILES lacks {', '.join(missing)}: an XYZ template such as "
                "https://tiles.example.gov.cn/{z}/{x}/{y}.png",
                id="anju.maps.E002",
            )
        ]
    return []
