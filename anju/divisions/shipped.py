"""The division tables that ship with Anju (data/README.md says where they come from): the
provinces, cities, districts and streets of the whole country in one table, and each
province's residents' and villagers' committees in a table of its own, loaded on request."""

from __future__ import annotations

import csv
import io
import json
import lzma
from pathlib import Path
from typing import Any

from anju.core.divisions import MUNICIPALITIES, Level, level_of

DATA = Path(__file__).resolve().parent / "data"


def edition() -> dict[str, Any]:
    """Which package and version the tables were written from, and how many rows each holds."""
    loaded: dict[str, Any] = json.loads((DATA / "edition.json").read_text(encoding="utf-8"))
    return loaded


def _table(path: Path) -> list[tuple[str, str]]:
    text = lzma.decompress(path.read_bytes()).decode("utf-8")
    return [(row["code"], row["name"]) for row in csv.DictReader(io.StringIO(text))]


def shipped_divisions() -> list[tuple[str, str]]:
    """Every province, city, district or county, and street or township: (12-digit code, name)."""
    return _table(DATA / "divisions.csv.xz")


def committee_provinces() -> list[str]:
    """The two-digit codes of the provinces whose committees ship with Anju."""
    return sorted(path.name.split(".")[0] for path in (DATA / "committees").glob("*.csv.xz"))


def shipped_committees(province: str) -> list[tuple[str, str]]:
    """The committees of one province (its two-digit code); KeyError for a province not shipped."""
    if province not in committee_provinces():
        raise KeyError(province)
    return _table(DATA / "committees" / f"{province}.csv.xz")


# The placeholders a province's table files its county-level divisions under (a municipality's
# districts, the counties a province governs directly): not cities.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def shipped_cities() -> list[tuple[str, str]]:
    """The cities a deployment may serve, as (12-digit code, 河南省濮阳市), municipalities as
    a whole (重庆市)."""
    country = shipped_divisions()
    provinces = {code[:2]: name for code, name in country if level_of(code) is Level.PROVINCE}
    cities = [
        (code, provinces.get(code[:2], "") + name)
        for code, name in country
        if level_of(code) is Level.CITY and name not in PLACEHOLDERS
    ]
    cities += [(code, provinces[code[:2]]) for code in MUNICIPALITIES if code[:2] in provinces]
    return sorted(cities)


def find_city(text: str) -> list[tuple[str, str]]:
    """The cities ``text`` names: a code (12, 6 or 4 digits), a full name (河南省濮阳市), or
    part of one (濮阳, 重庆市); a province's name gives its cities, to choose among."""
    wanted = text.strip().replace(" ", "")
    if not wanted:
        return []
    cities = shipped_cities()
    if wanted.isdecimal() and len(wanted) in (4, 6, 12):
        code = wanted.ljust(12, "0")
        return [(c, label) for c, label in cities if c == code]
    exact = [(c, label) for c, label in cities if label == wanted]
    return exact or [(c, label) for c, label in cities if wanted in label]
