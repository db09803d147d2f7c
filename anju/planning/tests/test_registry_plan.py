"""`anju plan --policy`: the candidates drawn from the registry as the pack admits them, priced
by their content lists, ranked by the pack's priority score, and the rest said to be left out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from anju.assessment.selectors import content_lines
from anju.assessment.services import conditions_save
from anju.core.content_list import estimate
from anju.core.ledger import LedgerBook
from anju.core.plans import StockDeadline, YearTarget, pack_requirements
from anju.core.priority import score
from anju.participation.models import PollKind
from anju.participation.services import poll_create, poll_publish
from anju.planning.registry_candidates import priority_facts
from anju.planning.tests.cases import POOR_ALL, POOR_ONE, WILLING, codes, set_up, starts
from anju.policy.library import get_pack
from anju.registry.models import Community
from anju.testing import HUALONG, SYSTEM

pytestmark = pytest.mark.django_db

NATIONAL = get_pack("national-2020")
HANGJIN = get_pack("hangjin-2021")


def _cost_yuan(code: str, pack_id: str = "national-2020") -> Decimal:
    _saved, lines = content_lines(Community.objects.get(code=code), get_pack(pack_id))
    return estimate(lines).total_yuan


def plan(
    tmp_path: Path, pack: str, first: int, last: int, budget: dict[int, Decimal], *args: str
) -> Any:
    path = tmp_path / "budget.csv"
    path.write_text(
        "year,amount\n" + "".join(f"{y},{a}\n" for y, a in budget.items()), encoding="utf-8"
    )
    out = StringIO()
    with translation.override("zh-hans"):
        call_command(
            "plan",
            "--policy",
            pack,
            "--budget",
            str(path),
            "--from",
            str(first),
            "--to",
            str(last),
            *args,
            stdout=out,
        )
    text = out.getvalue()
    return json.loads(text) if "json" in args else text


def test_eligible_priced_communities_are_planned_and_every_other_is_left_out_with_why(
    city: LedgerBook, tmp_path: Path
) -> None:
    old, older, unassessed, recent = codes(city, 4)
    set_up(city, {old: (1995, POOR_ONE), older: (1985, POOR_ALL), unassessed: (1990, {})})
    Community.objects.filter(code=recent).update(build_year=2003, **WILLING)
    conditions_save(
        actor=SYSTEM, community=Community.objects.get(code=recent), values={"roads": ("poor", "")}
    )
    plenty = {2026: Decimal(10**9), 2027: Decimal(10**9)}

    result = plan(tmp_path, "wuhan-2021", 2026, 2027, plenty, "--format", "json")

    assert result["status"] == "optimal"
    assert starts(result) == [
        (old, 2026),
        (older, 2026),
    ]
    left_out = {row["community_code"]: row["reason"] for row in result["left_out"]}
    assert len(left_out) == len(city.communities) - 2
    assert "尚无已计价的改造内容" in left_out[unassessed]
    assert "2003年建成，不在改造范围" in left_out[recent]
    assert "居民改造意愿10" in left_out[codes(city, 5)[4]]
    scores = {row["community_code"]: row for row in result["scores"]}
    assert scores.keys() == {old, older}
    for row in scores.values():
        assert sum(part["points"] for part in row["parts"]) == pytest.approx(row["score"])
    risk = {p["criterion"]: p["rating"] for p in scores[older]["parts"]}["risk"]
    assert risk == 1
    assert {p["criterion"]: p["rating"] for p in scores[old]["parts"]}["risk"] == 0.5
    assert scores[older]["score"] > scores[old]["score"]
    assert "participation" in scores[old]["missing"]


def test_a_tight_year_starts_the_higher_scored_community_first_and_its_budget_binds(
    city: LedgerBook, tmp_path: Path
) -> None:
    old, older = codes(city, 2)
    set_up(city, {old: (1995, POOR_ONE), older: (1985, POOR_ALL)})
    either = max(_cost_yuan(old), _cost_yuan(older))
    budget = {2026: either, 2027: either}

    result = plan(tmp_path, "national-2020", 2026, 2027, budget, "--format", "json")

    assert starts(result) == [
        (older, 2026),
        (old, 2027),
    ]
    assert [b["subject"] for b in result["binding"]] == ["2026:all"]
    assert "2026 年全部资金来源预算已无余地" in result["binding"][0]["text"]


def test_hangjin_admits_the_2005_to_2009_stock_in_every_year_its_focus_does_not_exclude(
    city: LedgerBook, tmp_path: Path
) -> None:
    (later,) = codes(city, 1)
    set_up(city, {later: (2007, POOR_ALL)})
    plenty = {2023: Decimal(10**9), 2024: Decimal(10**9)}

    result = plan(tmp_path, "hangjin-2021", 2023, 2024, plenty, "--format", "json")

    # hangjin-2021 §2.(1): “十四五”前三年，重点改造2005年前建成的…: 重点 ranks, it does not bar a
    # 2007 community from 2023's plan
    assert starts(result) == [(later, 2023)]


def test_a_district_official_plans_only_their_own_district(
    city: LedgerBook, hualong_user: Any, tmp_path: Path
) -> None:
    ours = codes(city, 1, HUALONG)[0]
    theirs = Community.objects.exclude(district_id=HUALONG).order_by("code").first()
    assert theirs is not None
    set_up(city, {ours: (1990, POOR_ALL), theirs.code: (1990, POOR_ALL)})

    result = plan(
        tmp_path,
        "national-2020",
        2026,
        2026,
        {2026: Decimal(10**9)},
        "--user",
        "hualong",
        "--format",
        "json",
    )

    assert starts(result) == [(ours, 2026)]
    named = {row["community_code"] for row in result["left_out"]} | {ours}
    assert named == set(
        Community.objects.filter(district_id=HUALONG).values_list("code", flat=True)
    )


def test_the_pack_targets_hold_the_plan_to_finish_the_old_stock_and_say_what_it_lacks(
    city: LedgerBook, tmp_path: Path
) -> None:
    first, second = codes(city, 2)
    set_up(city, {first: (1990, POOR_ALL), second: (1998, POOR_ALL)})
    one = min(_cost_yuan(first, "hangjin-2021"), _cost_yuan(second, "hangjin-2021"))

    text = plan(
        tmp_path, "hangjin-2021", 2024, 2025, {2024: one, 2025: Decimal(0)}, "--pack-targets"
    )

    assert "2005 年前建成的小区须在 2025 年底前开工 2 个" in text
    assert "最多只能开工 1 个" in text


def test_pack_targets_outside_the_horizon_are_not_the_plans_business() -> None:
    starts, stock = pack_requirements(get_pack("chongqing-2021").model.targets, range(2021, 2024))
    assert starts == [YearTarget(2021, 831, Decimal(26_620_000))]
    assert stock == []
    starts, stock = pack_requirements(HANGJIN.model.targets, range(2024, 2026))
    assert (starts, stock) == ([], [StockDeadline(2005, 2025)])


def test_a_closed_renovation_vote_that_failed_counts_as_not_ready_and_its_turnout_as_participation(
    hualong_community: Community,
) -> None:
    now = timezone.now()
    poll = poll_create(
        actor=SYSTEM,
        community=hualong_community,
        kind=PollKind.VOTE,
        title="改造内容表决",
        opens_at=now - timedelta(days=3),
        closes_at=now - timedelta(days=1),
        matter="renovate",
        building=None,
    )
    poll_publish(actor=SYSTEM, poll=poll, now=now - timedelta(days=4))

    facts = priority_facts(hualong_community, NATIONAL)

    assert facts.ready is False
    assert facts.participation == 0
    assert facts.built_year == hualong_community.build_year
    assert facts.risk is None


def test_the_plan_workbook_lists_each_years_starts_with_totals_that_add_up(
    city: LedgerBook, tmp_path: Path
) -> None:
    old, older = codes(city, 2)
    set_up(city, {old: (1995, POOR_ONE), older: (1985, POOR_ALL)})
    either = max(_cost_yuan(old), _cost_yuan(older))
    output = tmp_path / "plan.xlsx"

    said = plan(
        tmp_path,
        "national-2020",
        2026,
        2027,
        {2026: either, 2027: either},
        "--format",
        "xlsx",
        "--output",
        str(output),
    )

    assert str(output) in said
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == ["计划", "分区县汇总", "2026年度计划", "2027年度计划"]
    for year, code in ((2026, older), (2027, old)):
        rows = list(book[f"{year}年度计划"].iter_rows(min_row=4, values_only=True))
        community = Community.objects.get(code=code)
        assert rows[0][3:5] == (community.name, code)
        assert rows[0][9] == pytest.approx(float(_cost_yuan(code) / 10_000))
        assert rows[1][0] == "合计" and rows[1][9] == pytest.approx(rows[0][9])
        assert rows[2][9] == pytest.approx(float(either / 10_000))
    summary = list(book["分区县汇总"].iter_rows(values_only=True))
    assert summary[-2][0] == "合计" and summary[-2][1] == 1 and summary[-2][3] == 1


def test_a_communitys_score_page_shows_each_fact_and_no_one_outside_sees_it(
    city: LedgerBook,
    hualong_user: Any,
    qingfeng_user: Any,
    logged_in: Callable[[str], Client],
) -> None:
    (code,) = codes(city, 1, HUALONG)
    set_up(city, {code: (1985, POOR_ONE)})

    page = logged_in("hualong").get(f"/planning/communities/{code}/score/?policy=national-2020")

    text = page.content.decode()
    rated = score(
        priority_facts(Community.objects.get(code=code), NATIONAL),
        NATIONAL.model.priority.weights,  # type: ignore[union-attr]
        NATIONAL.model.priority.scale,  # type: ignore[union-attr]
    )
    assert f"{float(rated.total):.1f}" in text
    assert "建成于 1985 年" in text and "已评估设施中 50.0% 老化或缺失" in text
    assert "国办发〔2020〕23号" in text and "参考做法" in text
    other = logged_in("qingfeng").get(f"/planning/communities/{code}/score/")
    assert other.status_code == 404
