"""The deployment's signature on the returns it sends upward (Ed25519). The private key is
derived from the deployment's secret (ANJU_SIGNING_KEY, else a file made once under var/); the
public key, as text, is what the province registers for the city, read out over a channel the
two bureaus trust (a letter, a call) and compared by its fingerprint."""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings


def _private() -> Ed25519PrivateKey:
    seed = hashlib.sha256(b"anju-returns:" + settings.ANJU_SIGNING_KEY.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key() -> str:
    raw = _private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign(data: bytes) -> str:
    return base64.b64encode(_private().sign(data)).decode()


def key_bytes(key: str) -> bytes | None:
    """The raw public key a text gives, or None if it is not one."""
    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 else None


def verified(key: str, data: bytes, signature: str) -> bool:
    raw = key_bytes(key)
    if raw is None:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(signature), data)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def fingerprint(key: str) -> str:
    """Sixteen hex digits in fours, to read out: 3F2A 91C0 …"""
    digest = hashlib.sha256(key_bytes(key) or key.encode()).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))
