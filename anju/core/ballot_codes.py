"""One-time ballot codes (投票码) printed on a household's notice, so that an owner without an
account can vote by scanning or typing it.

The alphabet leaves out 0/O, 1/I/L and U/V look-alikes, so a code read aloud or copied by hand
from paper survives; ten characters of 30 give about 49 bits, far beyond guessing at the rate a
server answers.
"""

from __future__ import annotations

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 10
_SEPARATORS = str.maketrans("", "", " -_·.")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str | None:
    """The code a person meant, or None when what they typed cannot be one.

    Full-width characters (typed on a Chinese keyboard), lower case, spaces and dashes are
    forgiven; a wrong length or a letter outside the alphabet is not.
    """
    code = unicodedata.normalize("NFKC", text).upper().translate(_SEPARATORS)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def grouped(code: str) -> str:
    """``ABCDE-FGHJK``: easier to read off paper and to type."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"
