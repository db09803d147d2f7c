"""The packs a deployment offers, loaded once and checked against the sources as they load."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

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


def pack_choices() -> list[tuple[str, str]]:
    """(id, "id title") for every pack, as select boxes offer them."""
    return [(pack_id, f"{pack_id} {get_pack(pack_id).model.title}") for pack_id in pack_ids()]


def pack_or_404(pack_id: str | None) -> Pack:
    """The pack a page asks for, or a 404 naming the problem."""
    try:
        return get_pack(pack_id)
    except UnknownPack:
        raise Http404(_("No such policy pack.")) from None
