"""Eligibility over the registry: the command's JSON and workbook, the list filter and column,
and the verdict on a community's page — all the core's verdict, never a second rule."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from anju.accounts.models import User
from anju.core.eligibility import Status, assess
from anju.core.ledger import LedgerBook
from anju.policy.library import citation_words, get_pack
from anju.registry.eligibility import community_facts
from anju.registry.models import Community

pytestmark = pytest.mark.django_db


def _json(*args: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("eligibility", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_command_gives_every_community_a_status_with_cited_reasons(city: LedgerBook) -> None:
    rows = _json("--policy", "puyang-2020", "--year", "2020")
    assert [row["community_code"] for row in rows] == sorted(c.code or "" for c in city.communities)
    pack = get_pack("puyang-2020")
    for row in rows:
        community = Community.objects.get(code=row["community_code"])
        verdict = assess(community_facts(community), pack, 2020)
        assert row["status"] == verdict.status.value
        assert row["reasons"] == [{"text": r.text, "citation": r.citation} for r in verdict.reasons]
        assert row["reasons"] and all(
            r["citation"].startswith("puyang-2020 §") for r in row["reasons"]
        )
    assert {row["status"] for row in rows} <= {s.value for s in Status}


def test_a_missing_fact_gives_needs_data_not_a_guess(city: LedgerBook) -> None:
    code = city.communities[0].code
    Community.objects.filter(code=code).update(
        structure_safe=None,
        in_shantytown_plan=False,
        mostly_self_built=False,
        is_urban_village=False,
        build_year=1990,
        willingness_pct=90,
    )
    row = next(r for r in _json("--year", "2020") if r["community_code"] == code)
    assert row["status"] == "needs-data"
    assert any("缺少数据：房屋结构是否安全" in r["text"] for r in row["reasons"])


def test_the_command_writes_a_workbook_and_refuses_an_unknown_pack(
    city: LedgerBook, tmp_path: Path
) -> None:
    target = tmp_path / "eligibility.xlsx"
    call_command(
        "eligibility",
        "--policy",
        "hangjin-2021",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("小区编号", "改造资格", "理由", "出处")
    assert {row[0] for row in rows[2:]} == {c.code for c in city.communities}
    assert all(row[3].startswith(("杭政发〔2021〕124号 ", "参考做法")) for row in rows[2:])
    with pytest.raises(CommandError, match="shanghai-2022"):
        call_command("eligibility", "--policy", "shanghai-2022")


def test_the_list_filters_by_status_under_the_chosen_pack_and_year(
    city_user: User, city: LedgerBook, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    pack = get_pack("chongqing-2021")
    expected = {
        c.code
        for c in Community.objects.all()
        if assess(community_facts(c), pack, 2022).status is Status.OPT_IN
    }
    response = client.get(
        "/registry/communities/", {"policy": "chongqing-2021", "year": 2022, "status": "opt-in"}
    )
    assert {c.code for c in response.context["page"]} == expected
    excluded = client.get("/registry/communities/", {"status": "excluded", "year": 2020})
    assert all(c.verdict.status is Status.EXCLUDED for c in excluded.context["page"])
    assert "不纳入" in excluded.content.decode()


def test_the_community_page_shows_the_verdict_and_its_reasons(
    city_user: User, city: LedgerBook, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    community = Community.objects.order_by("code").first()
    assert community is not None
    response = client.get(
        f"/registry/communities/{community.code}/", {"policy": "hangjin-2021", "year": 2024}
    )
    verdict = response.context["verdict"]
    assert verdict == assess(community_facts(community), get_pack("hangjin-2021"), 2024)
    text = response.content.decode()
    for reason in verdict.reasons:
        assert reason.text in text and citation_words(reason.citation) in text
    assert "杭政发〔2021〕124号" in text


def test_the_api_gives_the_same_verdict_as_the_command(
    city_user: User, city: LedgerBook, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("city")
    code = city.communities[3].code
    response = client.get(
        f"/api/v1/registry/communities/{code}/eligibility", {"policy": "wuhan-2021", "year": 2021}
    )
    assert response.status_code == 200
    expected = next(
        row
        for row in _json("--policy", "wuhan-2021", "--year", "2021")
        if row["community_code"] == code
    )
    assert response.json() == expected
    missing = client.get(f"/api/v1/registry/communities/{code}/eligibility", {"policy": "x-2000"})
    assert missing.status_code == 404
