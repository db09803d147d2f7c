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
