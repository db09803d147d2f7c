"""`anju procurement-check`: a bureau's CSV of lots in, what must be tendered out, exact to the
fen on the lines the statute sets (施工 400万元, 货物 200万元, 服务 100万元, 以上 including them)."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEADER = "project_code,lot,kind,estimate_yuan,method\n"
STATUTE_YUAN = {
    "works": Decimal(4_000_000),
    "goods": Decimal(2_000_000),
    "services": Decimal(1_000_000),
}
NATIONAL = "国家发展改革委令第16号 第五条"


def check(path: Path, *rows: str, pack: str = "puyang-2020") -> Any:
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    out = StringIO()
    call_command("procurement-check", lots=path, pack=pack, format="json", stdout=out)
    return json.loads(out.getvalue())


def test_a_works_contract_cut_under_the_line_is_found_with_the_lots_let_without_tender(
    tmp_path: Path,
) -> None:
    found = check(
        tmp_path / "lots.csv",
        "410902001001,一标段,works,1500000,竞争性磋商",
        '410902001001,二标段,施工,"1,500,000.00",direct',
        "410902001001,三标段,works,1000000,公开招标",
        "410902001001,设计,services,999999.99,",
        "410902001002,电梯,货物,2000000,单一来源",
    )
    assert found == {
        "projects": [
            {
                "project_code": "410902001001",
                "kinds": [
                    {
                        "kind": "works",
                        "total_yuan": "4000000.00",
                        "threshold_yuan": "4000000.00",
                        "must_tender": True,
                        "split": True,
                        "lots_not_tendered": ["一标段", "二标段"],
                        "citation": f"{NATIONAL}；puyang-2020 §3.(2)4",
                    },
                    {
                        "kind": "services",
                        "total_yuan": "999999.99",
                        "threshold_yuan": "1000000.00",
                        "must_tender": False,
                        "split": False,
                        "lots_not_tendered": [],
                        "citation": NATIONAL,
                    },
                ],
            },
            {
                "project_code": "410902001002",
                "kinds": [
                    {
                        "kind": "goods",
                        "total_yuan": "2000000.00",
                        "threshold_yuan": "2000000.00",
                        "must_tender": True,
                        "split": False,
                        "lots_not_tendered": ["电梯"],
                        "citation": NATIONAL,
                    }
                ],
            },
        ]
    }


def test_a_city_without_its_own_ban_cites_the_national_rule_alone(tmp_path: Path) -> None:
    found = check(
        tmp_path / "lots.csv", "P,a,works,2000000,", "P,b,works,2000000,", pack="wuhan-2021"
    )
    [kind] = found["projects"][0]["kinds"]
    assert (kind["split"], kind["citation"]) == (True, NATIONAL)


def test_a_bad_file_is_refused_naming_every_bad_cell_and_nothing_is_printed(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "P,a,wood,1e+99999,招投标\n" + "P,a,works,-5,\n" + ",b,works,1.005,\n",
        encoding="utf-8",
    )
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("procurement-check", lots=path, format="json", stdout=out)
    said = str(refused.value)
    for words in (
        "第 2 行 kind 列：“wood”不是标段类别",
        "第 2 行 estimate_yuan 列：“1e+99999”超过任何预算",
        "第 2 行 method 列：“招投标”不是采购方式",
        "第 3 行 estimate_yuan 列：“-5”不是大于等于零的金额",
        "第 3 行：P 的标段“a”已在第 2 行列出",
        "第 4 行 project_code 列：缺少数值",
        "第 4 行 estimate_yuan 列：“1.005”小数超过两位",
    ):
        assert words in said
    assert out.getvalue() == ""


def test_a_sheet_with_the_bureau_s_own_chinese_headers_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "标段.csv"
    path.write_text(
        " 项目编号 ,标段名称,类别,估算价（元）,采购方式\nP,一标段,施工,4000000,公开招标\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("procurement-check", lots=path, format="json", stdout=out)
    [kind] = json.loads(out.getvalue())["projects"][0]["kinds"]
    assert (kind["kind"], kind["total_yuan"], kind["must_tender"]) == ("works", "4000000.00", True)


def test_a_file_without_the_columns_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "lots.csv"
    path.write_text("编号,名称\nP,a\n", encoding="utf-8")
    with pytest.raises(CommandError, match="project_code、lot、kind、estimate_yuan、method"):
        call_command("procurement-check", lots=path)


yuan = st.decimals(min_value=0, max_value=5_000_000, places=2) | st.sampled_from(
    [
        Decimal(f"{line}") + delta
        for line in (1_000_000, 2_000_000, 4_000_000)
        for delta in (Decimal("-0.01"), 0, Decimal("0.01"))
    ]
)
lot_rows = st.lists(
    st.tuples(st.sampled_from(["P1", "P2"]), st.sampled_from(list(STATUTE_YUAN)), yuan),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lot_rows)
def test_each_kind_is_judged_by_its_lots_summed_in_yuan(
    tmp_path: Path, rows: list[tuple[str, str, Decimal]]
) -> None:
    found = check(
        tmp_path / "lots.csv",
        *(f"{p},lot{n},{kind},{amount},邀请招标" for n, (p, kind, amount) in enumerate(rows)),
    )
    expected: dict[tuple[str, str], list[Decimal]] = {}
    for p, kind, amount in rows:
        expected.setdefault((p, kind), []).append(amount)
    seen = {}
    for project in found["projects"]:
        for kind in project["kinds"]:
            seen[(project["project_code"], kind["kind"])] = kind
    assert set(seen) == set(expected)
    for (p, kind), amounts in expected.items():
        line = STATUTE_YUAN[kind]
        total = sum(amounts, Decimal(0))
        got = seen[(p, kind)]
        assert Decimal(got["total_yuan"]) == total
        assert Decimal(got["threshold_yuan"]) == line
        assert got["must_tender"] == (total >= line)
        assert got["split"] == (total >= line and max(amounts) < line)
        assert got["lots_not_tendered"] == []
