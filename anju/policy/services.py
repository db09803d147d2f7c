"""A deployment's own packs, written into its policy folder (never into Anju's package)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.pack_scaffold import scaffold
from anju.core.policy_pack import PackError
from anju.policy.library import load_pack_file, own_folder, pack_ids, sources


class PackRefused(ValueError):
    pass


def _write(path: Path, text: str) -> None:
    """Whole or not at all: written beside, then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def pack_create(
    *,
    actor: Actor,
    pack_id: str,
    title: str,
    document: str,
    text: str,
    extends: str = "national-2020",
) -> Path:
    """A city's document and its first pack, in the deployment's policy folder: the pack
    extends ``extends`` and lists the document's clauses; it loads as written, governing by
    the base until the city's own rules are added."""
    if pack_id in pack_ids() or pack_id in sources().documents:
        raise PackRefused(_("A pack or document named {id} exists already.").format(id=pack_id))
    if extends not in pack_ids():
        raise PackRefused(_("No pack named {id} to extend.").format(id=extends))
    try:
        written = scaffold(
            pack_id=pack_id, title=title, document=document, text=text, extends=extends
        )
    except ValueError as refused:
        raise PackRefused(str(refused)) from None
    source = own_folder() / "sources" / f"{pack_id}.txt"
    pack = own_folder() / "packs" / f"{pack_id}.yaml"
    _write(source, text)
    _write(pack, written)
    try:
        load_pack_file(pack)
    except PackError:
        pack.unlink()
        source.unlink()
        raise
    audit_record(
        actor=actor,
        action="policy.pack_create",
        target="policy.Pack",
        target_id=pack_id,
        after={
            "document": document,
            "extends": extends,
            "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
    )
    return pack
