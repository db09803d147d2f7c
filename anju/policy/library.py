"""The packs a deployment offers — those Anju ships and the deployment's own (ANJU_POLICY_DIR)
— loaded and checked against the sources as they load, and read again when a file changes, so
that a city's new pack needs no restart."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from anju.core.clauses import Sources, cited
from anju.core.policy_pack import Pack, PackError, load_pack
from anju.policy import SOURCES_DIR

# A folder's files as (name, modification time): what the caches below are keyed by.
Stamp = tuple[tuple[str, int], ...]


class UnknownPack(LookupError):
    pass


def own_folder() -> Path:
    """The deployment's own policy folder: packs/ and sources/."""
    return Path(settings.POLICY_DIR)


def _stamp(folder: Path, pattern: str) -> Stamp:
    return tuple((path.name, path.stat().st_mtime_ns) for path in sorted(folder.glob(pattern)))


def source_folders() -> tuple[Path, Path]:
    return SOURCES_DIR, own_folder() / "sources"


def pack_folders() -> tuple[Path, Path]:
    return Path(settings.POLICY_PACKS_DIR), own_folder() / "packs"


def _source_stamps() -> tuple[Stamp, ...]:
    return tuple(_stamp(f, "*.txt") for f in source_folders())


def sources() -> Sources:
    return _sources(source_folders(), _source_stamps())


@functools.cache
def _sources(folders: tuple[Path, ...], stamps: tuple[Stamp, ...]) -> Sources:
    return Sources.load(*folders)


def pack_paths() -> dict[str, Path]:
    """Every pack offered by id; one the deployment gives the id of a shipped pack stays out
    (the start-up check names it)."""
    shipped, own = pack_folders()
    found = {path.stem: path for path in sorted(own.glob("*.yaml"))}
    return found | {path.stem: path for path in sorted(shipped.glob("*.yaml"))}


def shadowed() -> list[Path]:
    """The deployment's packs that bear a shipped pack's id."""
    shipped, own = pack_folders()
    return [path for path in sorted(own.glob("*.yaml")) if (shipped / path.name).exists()]


def pack_ids() -> list[str]:
    return sorted(pack_paths())


def load_pack_file(path: Path) -> Pack:
    """A pack file anywhere (the one `check-pack` is given), extending the packs offered."""
    return load_pack(path, sources(), pack_folders())


def get_pack(pack_id: str | None = None) -> Pack:
    """The pack by id, the deployment's own when none is named; UnknownPack if there is none."""
    pack_id = pack_id or settings.POLICY_PACK
    path = pack_paths().get(pack_id)
    if path is None:
        raise UnknownPack(pack_id)
    folders = pack_folders()
    stamps = tuple(_stamp(f, "*.yaml") for f in folders)
    return _load(path, folders, stamps, _source_stamps())


@functools.cache
def _load(
    path: Path, folders: tuple[Path, ...], stamps: tuple[Stamp, ...], sourced: tuple[Stamp, ...]
) -> Pack:
    return load_pack(path, sources(), folders)


def document_names() -> dict[str, str]:
    """Each source document's name by its identifier: the 文号 its pack gives (a pack's
    ``document`` names the first of its sources), read again when a pack changes."""
    folders = pack_folders()
    return _document_names(tuple(_stamp(f, "*.yaml") for f in folders), _source_stamps())


@functools.cache
def _document_names(stamps: tuple[Stamp, ...], sourced: tuple[Stamp, ...]) -> dict[str, str]:
    names = {}
    for pack_id in pack_ids():
        try:  # a pack being written is named by the start-up check, not on every page
            pack = get_pack(pack_id).model
        except PackError:
            continue
        if pack.sources:
            names[pack.sources[0]] = pack.document
    return names


def citation_words(citation: str) -> str:
    """A rule's citation as officials read it on a page or in a workbook (core.clauses.cited)."""
    return cited(citation, document_names())


def pack_choices() -> list[tuple[str, str]]:
    """(id, "id title") for every pack, as select boxes offer them."""
    return [(pack_id, f"{pack_id} {get_pack(pack_id).model.title}") for pack_id in pack_ids()]


def pack_or_404(pack_id: str | None) -> Pack:
    """The pack a page asks for, or a 404 naming the problem."""
    try:
        return get_pack(pack_id)
    except UnknownPack:
        raise Http404(_("No such policy pack.")) from None


def anchor(clause: str) -> str:
    """Where a clause is on its document's page, for the links that cite it."""
    return f"clause-{clause}"


def clause_link(document: str, clause: str) -> str:
    return f"{reverse('policy:source', args=[document])}#{anchor(clause)}"


def source_text(document: str) -> str | None:
    """A source document's text, as published; None for an identifier that names none."""
    if document not in sources().documents:
        return None
    for folder in source_folders():
        path = folder / f"{document}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return None
