"""Recognising the same opinion sent many times. A flood of objections on a public notice (the
same words posted twenty times in a second) must not block a project until each copy is
answered by hand, yet every copy is a resident's objection and stays one: copies are found by
their words, answered together, and each keeps its own record."""

from __future__ import annotations

import unicodedata


def opinion_key(text: str) -> str:
    """The words of an opinion without what copying and retyping change: full- and
    half-width forms, case, spaces, punctuation and symbols."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")
    return unicodedata.normalize("NFKC", kept)
