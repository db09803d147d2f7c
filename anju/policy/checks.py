"""Start-up checks: a deployment whose packs do not load, or whose own pack is missing, says so
before it serves a page, naming the file and line."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from anju.core.clauses import DuplicateSource
from anju.core.policy_pack import PackError
from anju.policy.library import get_pack, pack_folders, pack_ids, shadowed, sources


def policy_packs(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    try:
        sources()
    except DuplicateSource as twice:
        return [Error(f"the source document {twice}", id="anju.policy.E003")]
    ids = pack_ids()
    if settings.POLICY_PACK not in ids:
        errors.append(
            Error(
                f"ANJU_POLICY_PACK names {settings.POLICY_PACK}, which is not among the packs"
                f" in {' and '.join(map(str, pack_folders()))}: {', '.join(ids) or 'none'}",
                id="anju.policy.E001",
            )
        )
    errors += [
        Error(
            f"{path} bears the id of a pack Anju ships; give the city's pack an id of its own",
            id="anju.policy.E004",
        )
        for path in shadowed()
    ]
    for pack_id in ids:
        try:
            get_pack(pack_id)
        except PackError as error:
            errors.append(Error(str(error), id="anju.policy.E002"))
    return errors
