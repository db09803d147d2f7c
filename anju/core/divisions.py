"""Administrative division codes (行政区划代码).

GB/T 2260 gives six digits down to the district or county; the statistical division codes
(统计用区划代码) extend them to twelve: three more for the street or township (街道/乡镇) and three
for the residents' committee (社区居委会). A division's code, cut to its level's length, is a
prefix of every code beneath it, which is what makes jurisdiction a prefix test.
"""

from __future__ import annotations

import enum
import re


class Level(enum.IntEnum):
    PROVINCE = 1
    CITY = 2
    DISTRICT = 3
    STREET = 4
    COMMITTEE = 5


PREFIX_LENGTH = {
    Level.PROVINCE: 2,
    Level.CITY: 4,
    Level.DISTRICT: 6,
    Level.STREET: 9,
    Level.COMMITTEE: 12,
}

_DIGITS = re.compile(r"^\d+$")

# 北京, 天津, 上海, 重庆: cities at a province's level, whose districts sit under 市辖区 (and 县).
MUNICIPALITIES = frozenset({"110000000000", "120000000000", "310000000000", "500000000000"})


class InvalidDivisionCode(ValueError):
    pass


def normalize_code(raw: str) -> str:
    """Pad a 6- or 9-digit code to the 12-digit statistical form; reject anything else."""
    value = raw.strip()
    if not _DIGITS.match(value) or len(value) not in (6, 9, 12):
        raise InvalidDivisionCode(raw)
    value = value.ljust(12, "0")
    if value[:2] == "00":
        raise InvalidDivisionCode(raw)
    return value


def level_of(code: str) -> Level:
    """The level a 12-digit code names, read from where its trailing zeros begin."""
    if code[2:] == "0" * 10:
        return Level.PROVINCE
    if code[4:] == "0" * 8:
        return Level.CITY
    if code[6:] == "0" * 6:
        return Level.DISTRICT
    if code[9:] == "000":
        return Level.STREET
    return Level.COMMITTEE


def is_city(code: str) -> bool:
    """Whether ``code`` names a city as a city's bureau serves one: a prefecture-level city, or
    a municipality as a whole."""
    return level_of(code) is Level.CITY or code in MUNICIPALITIES


def prefix_of(code: str) -> str:
    """The part of a code that every division beneath it shares."""
    return code[: PREFIX_LENGTH[level_of(code)]]


def parent_code(code: str) -> str | None:
    """The code of the division directly above, or None for a province.

    A municipality such as Chongqing has no city-level code of its own but the 市辖区 code
    (5001…), which is a real division in the statistical tables, so the rule stays uniform.
    """
    level = level_of(code)
    if level is Level.PROVINCE:
        return None
    keep = PREFIX_LENGTH[Level(level - 1)]
    return code[:keep].ljust(12, "0")


def covers(scope_code: str, code: str) -> bool:
    """Whether a user whose jurisdiction is ``scope_code`` may see what lies at ``code``."""
    return code.startswith(prefix_of(scope_code))


def code_range(scope_code: str) -> tuple[str, str | None]:
    """The codes ``scope_code`` covers as a range, low ≤ code < high (no high: to the end), so
    a database can find them in its index of codes, and in order, whatever its collation: codes
    are digits, and digits sort alike in every one."""
    prefix = prefix_of(scope_code)
    stripped = prefix.rstrip("9")
    if not stripped:
        return prefix, None
    high = stripped[:-1] + str(int(stripped[-1]) + 1)
    return prefix, high
