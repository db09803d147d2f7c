"""A list of untrustworthy parties as a bureau receives it, in a CSV: ``name, credit_code,
reason, source, listed_on, until`` or the same in Chinese (名称、统一社会信用代码、失信行为、
发布单位、列入日期、移出日期); dates as 2026-03-01, 2026/3/1 or 2026年3月1日; ``until`` empty for an
entry not yet lifted. Every bad cell is named; nothing is kept until the whole file reads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from anju.core.years import FIRST_DATE, LAST_DATE
from anju.csv_input import CsvInputError, rows

COLUMNS = ("name", "source", "listed_on")
HEADERS = {
    "名称": "name",
    "单位名称": "name",
    "企业名称": "name",
    "统一社会信用代码": "credit_code",
    "失信行为": "reason",
    "原因": "reason",
    "发布单位": "source",
    "来源": "source",
    "列入日期": "listed_on",
    "移出日期": "until",
    "有效期至": "until",
}
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
DAY = re.compile(r"^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$")


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    credit_code: str
    reason: str
    source: str
    listed_on: dt.date
    until: dt.date | None


def day(text: str) -> dt.date:
    found = DAY.match(text.strip())
    try:
        value = dt.date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        value = None
    if value is None or not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(_("is not a date such as 2026-03-01."))
    return value


def credit_code(text: str) -> str:
    code = text.strip().upper()
    if not CREDIT_CODE.match(code):
        raise ValueError(_("is not an 18-character unified social credit code."))
    return code


def read_debarments(path: Path) -> list[Entry]:
    problems: list[str] = []
    entries: list[Entry] = []
    for row in rows(path, COLUMNS, problems, HEADERS):
        name = row.read("name", str)
        source = row.read("source", str)
        listed_on = row.read("listed_on", day)
        until = row.read("until", day, required=False)
        code = row.read("credit_code", credit_code, required=False) or ""
        if listed_on is not None and until is not None and until < listed_on:
            problems.append(
                _("{file}, row {row}: the entry is lifted before it is listed.").format(
                    file=path.name, row=row.number
                )
            )
            continue
        if name and source and listed_on is not None:
            entries.append(
                Entry(name[:100], code, row.text("reason")[:300], source[:200], listed_on, until)
            )
    if problems:
        raise CsvInputError(problems)
    return entries
