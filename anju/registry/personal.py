"""Protecting owners' ID numbers at rest (PIPL art. 51): encrypted for the few who may read them,
a keyed digest to recognise the same person, and a mask for everyone else."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

from anju.core.identity import mask_id_number


@dataclass(frozen=True, slots=True)
class ProtectedId:
    digest: str
    cipher: str
    masked: str


@lru_cache(maxsize=4)
def _keys(secret: str) -> tuple[Fernet, bytes]:
    root = hashlib.sha256(secret.encode()).digest()
    encryption = hmac.new(root, b"anju id encryption", hashlib.sha256).digest()
    digest = hmac.new(root, b"anju id digest", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(encryption)), digest


def keyed_digest(value: str) -> str:
    """Recognises a secret value again (an ID number, a ballot code) without keeping it."""
    _, key = _keys(settings.ANJU_DATA_KEY)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def seal(value: str) -> str:
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    return fernet.encrypt(value.encode()).decode()


def unseal(cipher: str) -> str:
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    return fernet.decrypt(cipher.encode()).decode()


def seal_bytes(data: bytes) -> bytes:
    """A file that may hold ID numbers, as it waits on disk."""
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    return fernet.encrypt(data)


def unseal_bytes(data: bytes) -> bytes:
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    return fernet.decrypt(data)


def id_digest(id_number: str) -> str:
    return keyed_digest(id_number)


def protect_id(id_number: str) -> ProtectedId:
    return ProtectedId(
        digest=id_digest(id_number), cipher=seal(id_number), masked=mask_id_number(id_number)
    )


def reveal_id(cipher: str) -> str:
    return unseal(cipher)


def archive_ledger(data: bytes, digest: str) -> Path:
    """Keep an imported ledger file, encrypted (it may hold ID numbers), named by its SHA-256."""
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    folder = Path(settings.LEDGER_ARCHIVE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest}.xlsx.fernet"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.write_bytes(fernet.encrypt(data))
        partial.replace(path)
    return path


def read_archived_ledger(digest: str) -> bytes:
    fernet, _ = _keys(settings.ANJU_DATA_KEY)
    path = Path(settings.LEDGER_ARCHIVE_DIR) / f"{digest}.xlsx.fernet"
    return fernet.decrypt(path.read_bytes())
