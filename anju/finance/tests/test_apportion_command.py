"""`anju apportion` over a dwellings file, as a residents' committee would run it."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

DWELLINGS = """dwelling_id,exclusive_area,floor
1-1-101,60.50,1
1-1-201,60.50,2
1-1-301,80.00,3
1-1-401,80.00,4
"""


def apportion(tmp_path: Path, *args: str, dwellings: str = DWELLINGS) -> str:
    path = tmp_path / "dwellings.csv"
    path.write_text(dwellings, encoding="utf-8")
    out = StringIO()
    with translation.override("zh-hans"):
        call_command("apportion", "--dwellings", str(path), *args, stdout=out)
    return out.getvalue()


def test_shares_by_area_are_in_yuan_and_add_up_to_the_total(tmp_path: Path) -> None:
    result = json.loads(apportion(tmp_path, "--total", "10000.01", "--format", "json"))
    assert result["total"] == "10000.01"
    amounts = [Decimal(s["amount"]) for s in result["shares"]]
    assert sum(amounts) == Decimal("10000.01")
    assert all(a == a.quantize(Decimal("0.01")) for a in amounts)
    assert [s["dwelling_id"] for s in result["shares"]] == [
        "1-1-101",
        "1-1-201",
        "1-1-301",
        "1-1-401",
    ]
    # 60.5 / 281 of 10,000.01 is 2,153.029…: equal households differ by a fen at most, the
    # odd fen going to the first in dwelling order.
    assert amounts[:2] == [Decimal("2153.03"), Decimal("2153.02")]


def test_shares_by_floor_spare_the_ground_floor(tmp_path: Path) -> None:
    result = json.loads(
        apportion(
            tmp_path,
            "--total",
            "300000",
            "--rule",
            "floor",
            "--coefficients",
            "1:0,2:0.5,3:1,4:1.2",
            "--format",
            "json",
        )
    )
    amounts = {s["dwelling_id"]: Decimal(s["amount"]) for s in result["shares"]}
    assert amounts["1-1-101"] == 0
    assert amounts["1-1-201"] < amounts["1-1-301"] < amounts["1-1-401"]
    assert sum(amounts.values()) == 300000


def test_the_workbook_lists_every_household_and_the_total(tmp_path: Path) -> None:
    target = tmp_path / "shares.xlsx"
    apportion(tmp_path, "--total", "5000", "--format", "xlsx", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows[:4]] == ["1-1-101", "1-1-201", "1-1-301", "1-1-401"]
    assert rows[4][0] == "合计"
    assert round(sum(r[6] for r in rows[:4]), 2) == rows[4][6] == 5000


@pytest.mark.parametrize(
    ("dwellings", "args", "message"),
    [
        (DWELLINGS, ["--total", "12.345"], "--total 12.345"),
        (DWELLINGS, ["--total", "100", "--rule", "floor"], "--coefficients"),
        (
            DWELLINGS,
            ["--total", "100", "--rule", "floor", "--coefficients", "1:0,2:0.5"],
            "1-1-301 在第 3 层",
        ),
        (
            DWELLINGS + "1-1-501,abc,5\n1-1-101,60,1\n",
            ["--total", "100"],
            "第 6 行",
        ),
        ("dwelling_id,floor\nx,1\n", ["--total", "100"], "exclusive_area"),
    ],
)
def test_bad_input_is_refused_with_where_and_why(
    tmp_path: Path, dwellings: str, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as refused:
        apportion(tmp_path, *args, dwellings=dwellings)
    assert message in str(refused.value)


def test_a_refused_file_writes_no_workbook(tmp_path: Path) -> None:
    target = tmp_path / "shares.xlsx"
    with pytest.raises(CommandError):
        apportion(
            tmp_path,
            "--total",
            "100",
            "--format",
            "xlsx",
            "--output",
            str(target),
            dwellings=DWELLINGS + "bad,,1\n",
        )
    assert not target.exists()
