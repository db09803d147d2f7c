"""A month's statistical return as a file a city sends its province (分级实施、逐级汇总): the
figures of its areas and the whole, every project's facts with its share of each figure, and the
edition of the policy pack it was computed under. Networks between levels are often separate,
so the file is the interface: written canonically so that a signature over it can be checked
by a deployment that shares nothing with the sender, and read back strictly, every field where
it belongs and nothing else.

What the province checks before it sums a return: that the shares follow from the facts (the
figures computed again under the same definitions), and that the figures are the sums of the
shares (core.monthly_report.findings)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from anju.core.divisions import prefix_of
from anju.core.file_bounds import MB
from anju.core.monthly_report import (
    Counted,
    Finding,
    Month,
    MonthlyReport,
    Problem,
    ProjectFacts,
    Tally,
    findings,
    keys,
    share,
)
from anju.core.outcomes import Indicator

FORMAT = "anju-monthly-return/1"
MAX_BYTES = 64 * MB  # a city of 50,000 projects writes about 40 MB
DIVISION = r"^\d{12}$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
AMOUNT = r"^-?\d{1,18}(\.\d{1,6})?$"


class PackageError(ValueError):
    """Why a file is not a return Anju can read; ``where`` names the field."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class _Area(_Strict):
    code: str = Field(pattern=DIVISION)
    name: str = Field(max_length=100)


class _Pack(_Strict):
    id: str = Field(max_length=64)
    version: str = Field(max_length=64)


class _Outcome(_Strict):
    indicator: Indicator = Field(strict=False)
    quantity: str = Field(pattern=AMOUNT)
    on: str


class _Facts(_Strict):
    code: str = Field(max_length=32)
    name: str = Field(max_length=100)
    district: str = Field(pattern=DIVISION)
    communities: int = Field(ge=1, le=10_000)
    buildings: int = Field(ge=0, le=10**7)
    households: int = Field(ge=0, le=10**8)
    area: str = Field(pattern=AMOUNT)
    plan_year: int | None = Field(ge=1900, le=2200)
    started_on: str | None
    completed_on: str | None
    planned: int = Field(ge=0, le=10**18)
    spent: tuple[tuple[str, int], ...] = Field(max_length=10_000)
    outcomes: tuple[_Outcome, ...] = Field(max_length=10_000)


class _Row(_Strict):
    facts: _Facts
    group: str = Field(pattern=DIVISION)
    share: dict[str, str]


class _Body(_Strict):
    format: Literal["anju-monthly-return/1"]
    area: _Area
    month: str = Field(pattern=MONTH)
    pack: _Pack
    written_at: str
    rows: tuple[_Row, ...] = Field(max_length=1_000_000)
    groups: dict[str, dict[str, str]]
    whole: dict[str, str]


class _Signed(_Strict):
    body: dict[str, Any]
    key: str = Field(max_length=100)
    signature: str = Field(max_length=200)


@dataclass(frozen=True, slots=True)
class Return:
    """A return as read from its file."""

    area_code: str
    area_name: str
    month: Month
    pack_id: str
    pack_version: str
    written_at: dt.datetime
    report: MonthlyReport


@dataclass(frozen=True, slots=True)
class Signed:
    """A return's file split into what was signed and the signature, both still to check."""

    body: Mapping[str, Any]
    canonical: bytes
    key: str
    signature: str


def month_text(month: Month) -> str:
    return f"{month.year}-{month.month:02d}"


def _tally(tally: Tally) -> dict[str, str]:
    return {name: str(value) for name, value in sorted(tally.values.items()) if value}


def _facts(facts: ProjectFacts) -> dict[str, Any]:
    return {
        "code": facts.code,
        "name": facts.name,
        "district": facts.district,
        "communities": facts.communities,
        "buildings": facts.buildings,
        "households": facts.households,
        "area": str(facts.area),
        "plan_year": facts.plan_year,
        "started_on": facts.started_on.isoformat() if facts.started_on else None,
        "completed_on": facts.completed_on.isoformat() if facts.completed_on else None,
        "planned": facts.planned,
        "spent": [[on.isoformat(), fen] for on, fen in facts.spent],
        "outcomes": [
            {"indicator": str(o.indicator), "quantity": str(o.quantity), "on": o.on.isoformat()}
            for o in facts.outcomes
        ],
    }


def body(
    *,
    area_code: str,
    area_name: str,
    pack_id: str,
    pack_version: str,
    written_at: dt.datetime,
    report: MonthlyReport,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "area": {"code": area_code, "name": area_name},
        "month": month_text(report.month),
        "pack": {"id": pack_id, "version": pack_version},
        "written_at": written_at.isoformat(),
        "rows": [
            {"facts": _facts(facts), "group": group, "share": _tally(tally)}
            for facts, group, tally in report.rows
        ],
        "groups": {code: _tally(tally) for code, tally in report.groups.items()},
        "whole": _tally(report.whole),
    }


def canonical(value: Mapping[str, Any]) -> bytes:
    """The one byte string a body is signed as: keys sorted, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def signed_file(value: Mapping[str, Any], key: str, signature: str) -> bytes:
    return canonical({"body": value, "key": key, "signature": signature})


def split(data: bytes) -> Signed:
    """The parts of a return's file; PackageError if it is not one."""
    if len(data) > MAX_BYTES:
        raise PackageError("", f"larger than {MAX_BYTES // MB} MB")
    try:
        outer = _Signed.model_validate_json(data)
    except ValidationError as error:
        raise _explained(error) from None
    return Signed(outer.body, canonical(outer.body), outer.key, outer.signature)


def _explained(error: ValidationError) -> PackageError:
    first = error.errors()[0]
    return PackageError(".".join(str(p) for p in first["loc"]), first["msg"])


def _date(text: str | None, where: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PackageError(where, f"{text[:20]!r} is not a date") from None


def _values(values: Mapping[str, str], where: str) -> Tally:
    known = set(keys())
    found = {}
    for name, text in values.items():
        if name not in known:
            raise PackageError(where, f"{name[:40]!r} is not a figure")
        try:
            found[name] = Decimal(text)
        except ArithmeticError:
            raise PackageError(f"{where}.{name}", f"{text[:20]!r} is not a number") from None
    return Tally(found)


def read(value: Mapping[str, Any]) -> Return:
    """A signed body as a return; PackageError naming the field that is wrong."""
    try:
        parsed = _Body.model_validate_json(canonical(value))
    except ValidationError as error:
        raise _explained(error) from None
    year, number = (int(part) for part in parsed.month.split("-"))
    rows = []
    for place, row in enumerate(parsed.rows):
        where = f"rows.{place}"
        f = row.facts
        started = _date(f.started_on, f"{where}.facts.started_on")
        completed = _date(f.completed_on, f"{where}.facts.completed_on")
        spent = []
        for n, (on, fen) in enumerate(f.spent):
            day = _date(on, f"{where}.facts.spent.{n}")
            assert day is not None
            spent.append((day, fen))
        outcomes = []
        for n, o in enumerate(f.outcomes):
            day = _date(o.on, f"{where}.facts.outcomes.{n}.on")
            assert day is not None
            outcomes.append(Counted(o.indicator, Decimal(o.quantity), day))
        facts = ProjectFacts(
            code=f.code,
            name=f.name,
            district=f.district,
            communities=f.communities,
            buildings=f.buildings,
            households=f.households,
            area=Decimal(f.area),
            plan_year=f.plan_year,
            started_on=started,
            completed_on=completed,
            planned=f.planned,
            spent=tuple(sorted(spent)),
            outcomes=tuple(outcomes),
        )
        rows.append((facts, row.group, _values(row.share, f"{where}.share")))
    try:
        written = dt.datetime.fromisoformat(parsed.written_at)
    except ValueError:
        raise PackageError("written_at", "not a time") from None
    return Return(
        area_code=parsed.area.code,
        area_name=parsed.area.name,
        month=Month(year, number),
        pack_id=parsed.pack.id,
        pack_version=parsed.pack.version,
        written_at=written,
        report=MonthlyReport(
            Month(year, number),
            tuple(rows),
            {code: _values(v, f"groups.{code}") for code, v in parsed.groups.items()},
            _values(parsed.whole, "whole"),
        ),
    )


def problems(sent: Return) -> list[Finding]:
    """What a province sends back before summing a return: a project's share that does not
    follow from its facts, a figure that is not the sum of its parts, a project outside the
    sender's area."""
    found = findings([sent.report])
    prefix = prefix_of(sent.area_code)
    for facts, _group, tally in sent.report.rows:
        if share(facts, sent.month) != tally:
            found.append(Finding("share", facts.code, sent.month, Problem.SHARE_NOT_FOLLOWING))
        if not facts.district.startswith(prefix):
            found.append(Finding("district", facts.code, sent.month, Problem.OUTSIDE_THE_AREA))
    return found
