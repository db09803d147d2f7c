"""Chinese text as people's computers save it: UTF-8 (with or without the mark Excel writes)
or GB18030, what Excel, WPS and Notepad on a Chinese Windows save a CSV or a .txt as."""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "gb18030")


def decoded(data: bytes) -> str | None:
    """The text, or None when it is in neither encoding (a binary file, or a rarer code page)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
