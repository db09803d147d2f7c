"""The packs a deployment offers, loaded once and checked against the sources as they load."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from anju.core.clauses import Sources
from anju.core.policy_pack import Pack, load_pack
from anju.policy import SOURCES_DIR


class UnknownPack(LookupError):
    pass


@functools.cache
def sources() -> Sources:
    return Sources.load(SOURCES_DIR)


def _folder() -> Path:
    return Path(settings.POLICY_PACKS_DIR)


def pack_ids() -> list[str]:
    return sorted(path.stem for path in _folder().glob("*.yaml"))


@functools.cache
def _load(folder: Path, pack_id: str) -> Pack:
    return load_pack(folder / f"{pack_id}.yaml", sources())


def get_pack(pack_id: str | None = None) -> Pack:
    """The pack by id, the deployment's own when none is named; UnknownPack if there is none."""
    pack_id = pack_id or settings.POLICY_PACK
    if pack_id not in pack_ids():
        raise UnknownPack(pack_id)
    return _load(_folder(), pack_id)
