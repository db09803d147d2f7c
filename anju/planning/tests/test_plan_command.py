"""`anju plan` over two CSV files, as a bureau would run it with its own sheets."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from anju.planning.tests.cases import starts

CANDIDATES = """community_code,district,cost,score,area_m2,built_year
A1,渝中区,1000000,80,12000,1995
A2,渝中区,2000000,60,20000,1998
B1,江北区,1500000,90,15000,2003
B2,江北区,500000,30,5000,1985
"""
BUDGET = "year,amount\n2021,2500000\n2022,2000000\n"


def plan(tmp_path: Path, *args: str, candidates: str = CANDIDATES, budget: str = BUDGET) -> str:
    (tmp_path / "candidates.csv").write_text(candidates, encoding="utf-8")
    (tmp_path / "budget.csv").write_text(budget, encoding="utf-8")
    out = StringIO()
    with translation.override("zh-hans"):
        call_command(
            "plan",
            "--candidates",
            str(tmp_path / "candidates.csv"),
            "--budget",
            str(tmp_path / "budget.csv"),
            "--from",
            "2021",
            "--to",
            "2022",
            *args,
            stdout=out,
        )
    return out.getvalue()


def test_the_json_plan_names_each_start_with_objective_bound_gap_and_greedy(
    tmp_path: Path,
) -> None:
    result = json.loads(plan(tmp_path, "--format", "json", "--gap", "0"))
    assert result["status"] == "optimal"
    # 2021 (250 万元): B1 90 + A1 80 fills it exactly; 2022 (200 万元): A2 60, worth 60/1.08.
    assert starts(result) == [
        ("A1", 2021),
        ("B1", 2021),
        ("A2", 2022),
    ]
    assert result["objective"] == pytest.approx(170 + 60 / 1.08)
    assert result["bound"] >= result["objective"]
    assert result["gap"] == 0
    assert result["greedy"]["objective"] <= result["objective"]


def test_the_deadline_moves_old_stock_forward_and_the_text_says_what_binds(
    tmp_path: Path,
) -> None:
    result = json.loads(plan(tmp_path, "--format", "json", "--deadline", "2000:2021:50%"))
    started_2021 = {s["community_code"] for s in result["selected"] if s["year"] == 2021}
    assert len(started_2021 & {"A1", "A2", "B2"}) >= 2
    (deadline,) = [b for b in result["binding"] if b["rule"] == "deadline"]
    assert "2000" in deadline["text"] and "建成" in deadline["text"]


def test_an_unreachable_target_is_explained_with_budget_and_money_needed(tmp_path: Path) -> None:
    result = json.loads(plan(tmp_path, "--format", "json", "--target", "2021:3"))
    assert result["status"] == "infeasible"
    assert starts(result) == []
    (shortfall,) = result["shortfalls"]
    assert (shortfall["rule"], shortfall["required"], shortfall["achieved"]) == (
        "target_communities",
        3,
        2,
    )
    assert "250.00" in shortfall["text"] and "150.00" in shortfall["text"]
    assert "2021" in shortfall["text"]


def test_every_bad_cell_is_named_by_row_and_column_at_once(tmp_path: Path) -> None:
    bad = "community_code,district,cost,score\nA1,渝中区,abc,80\n,江北区,10.001,x\n"
    with pytest.raises(CommandError) as error:
        plan(tmp_path, candidates=bad)
    lines = str(error.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("candidates.csv") and "2" in lines[0] and "cost" in lines[0]
    assert any("10.001" in line for line in lines)
    assert any("community_code" in line for line in lines)


def test_a_funding_source_without_a_budget_is_refused(tmp_path: Path) -> None:
    split = "community_code,district,cost,score,cost_central\nA1,渝中区,100,80,100\n"
    with pytest.raises(CommandError, match="central"):
        plan(tmp_path, candidates=split)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="score"):
        plan(tmp_path, candidates="community_code,district,cost\nA1,渝中区,100\n")


def test_the_text_report_gives_the_greedy_loss_beside_the_optimum(tmp_path: Path) -> None:
    text = plan(tmp_path)
    assert "2021" in text and "2022" in text
    assert "%" in text
