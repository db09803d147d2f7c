import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings

from anju.core.monthly_report import Figure, Month, Problem, Tally, key, monthly_report
from anju.core.report_package import (
    MAX_BYTES,
    PackageError,
    body,
    canonical,
    problems,
    read,
    signed_file,
    split,
)
from anju.core.tests.test_monthly_report import by_district, facts, many

WRITTEN = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
MAY = Month(2026, 5)


def _file(report: object, area: str = "410900000000") -> bytes:
    signed = body(
        area_code=area,
        area_name="濮阳市",
        pack_id="puyang-2020",
        pack_version="2026.1",
        written_at=WRITTEN,
        report=report,  # type: ignore[arg-type]
    )
    return signed_file(signed, "KEY", "SIGNATURE")


@settings(max_examples=40, deadline=None)
@given(many)
def test_a_return_reads_back_as_it_was_written(found: tuple) -> None:  # type: ignore[type-arg]
    placed = [dataclasses.replace(p, district="410902000000") for p in found]
    report = monthly_report(placed, MAY, by_district)
    parts = split(_file(report))
    sent = read(parts.body)
    assert parts.canonical == canonical(json.loads(_file(report))["body"])
    assert sent.report == report and sent.month == MAY and sent.written_at == WRITTEN
    assert (sent.area_code, sent.pack_id, sent.pack_version) == (
        "410900000000",
        "puyang-2020",
        "2026.1",
    )
    assert problems(sent) == []


def test_a_share_its_facts_deny_or_a_project_elsewhere_is_sent_back() -> None:
    started = facts("A", district="410902000000", started_on=dt.date(2026, 5, 3))
    elsewhere = facts("B", district="410502000000")
    report = monthly_report([started, elsewhere], MAY, by_district)
    # the sender says A started in April while counting it in May
    moved = dataclasses.replace(started, started_on=dt.date(2026, 4, 30))
    altered = dataclasses.replace(report, rows=((moved, *report.rows[0][1:]), report.rows[1]))
    sent = read(split(_file(altered)).body)
    found = {(f.where, f.problem) for f in problems(sent)}
    assert ("A", Problem.SHARE_NOT_FOLLOWING) in found
    assert ("A", Problem.COUNTED_OUTSIDE) in found
    assert ("B", Problem.OUTSIDE_THE_AREA) in found
    # a figure raised by one: not the sum of its projects
    whole = report.whole + Tally({key(Figure.PLAN_PROJECTS): Decimal(1)})
    inflated = read(split(_file(dataclasses.replace(report, whole=whole))).body)
    assert any(f.problem is Problem.NOT_THE_SUM and f.where == "" for f in problems(inflated))


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xff\xfe", ""),
        (b'{"body": {}, "key": "k", "signature": "s", "more": 1}', "more"),
        (b"[" * 5000 + b"]" * 5000, ""),
        (b" " * (MAX_BYTES + 1), ""),
    ],
)
def test_a_file_that_is_not_a_return_is_refused_before_it_is_read_further(
    data: bytes, where: str
) -> None:
    with pytest.raises(PackageError) as refused:
        split(data)
    assert refused.value.where == where


def test_a_body_with_a_field_out_of_place_names_the_field() -> None:
    report = monthly_report([facts("A", district="410902000000")], MAY, by_district)
    value = json.loads(_file(report))["body"]
    value["rows"][0]["facts"]["households"] = "many"
    with pytest.raises(PackageError) as refused:
        read(value)
    assert refused.value.where == "rows.0.facts.households"
    value = json.loads(_file(report))["body"]
    value["whole"]["plan.everything"] = "1"
    with pytest.raises(PackageError) as refused:
        read(value)
    assert refused.value.where == "whole"
