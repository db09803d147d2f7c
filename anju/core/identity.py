"""Resident identity numbers (公民身份号码, GB 11643-1999) and the masks shown for personal data.

An owner's ID number decides who counts once in a statutory vote, so a mistyped digit must be
caught at the door; the check digit of GB 11643 catches every single-digit error and every
transposition of adjacent digits.
"""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
# First two digits of GB/T 2260: provinces, plus 71 Taiwan, 81 Hong Kong, 82 Macao and 83 for
# the residence permits of Hong Kong, Macao and Taiwan residents, which use the same scheme.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


class InvalidIdNumber(ValueError):
    """Raised with a machine-readable ``code``: shape, region, birth_date or check_digit."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def id_check_char(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for the first seventeen digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(raw: str, *, today: date | None = None) -> str:
    """Return the canonical 18-character form of ``raw`` or raise InvalidIdNumber.

    Spaces are dropped and a lower-case x is accepted, because that is how numbers arrive
    from spreadsheets and phones.
    """
    value = "".join(raw.split()).upper()
    if not _SHAPE.match(value):
        raise InvalidIdNumber("shape")
    if value[:2] not in _PROVINCES:
        raise InvalidIdNumber("region")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidIdNumber("birth_date") from None
    if born.year < 1880 or born > (today or date.today()):
        raise InvalidIdNumber("birth_date")
    if id_check_char(value[:17]) != value[17]:
        raise InvalidIdNumber("check_digit")
    return value


def mask_id_number(value: str) -> str:
    """Show only the first three and the last four characters (e.g. 410***********123X)."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    """Mobile numbers keep their first three and last four digits (138****5678)."""
    digits = "".join(value.split())
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def is_masked(value: str) -> bool:
    """A value exported with masking comes back with its asterisks; it means 'unchanged'."""
    return "*" in value


def mask_name(value: str) -> str:
    """A name on a public page keeps its first character (王**): enough to recognise one's own
    comment, not enough to identify a neighbour."""
    name = value.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
