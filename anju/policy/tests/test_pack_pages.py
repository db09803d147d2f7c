"""Officials read a pack with its clauses and set two packs side by side, on a page and on the
command line; a pack file with a mistake is refused naming its line."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from anju.accounts.models import User
from anju.policy.library import citation_words, document_names, get_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(city_user: User, logged_in: Callable[[str], Client]) -> Client:
    return logged_in("city")


def test_the_pack_list_and_a_pack_page_show_every_rule_with_its_clause(client: Client) -> None:
    listing = client.get("/policy/").content.decode()
    for pack_id in ("national-2020", "chongqing-2021", "puyang-2020", "hangjin-2021", "wuhan-2021"):
        assert pack_id in listing
    page = client.get("/policy/puyang-2020/").content.decode()
    pack = get_pack("puyang-2020")
    for duty in pack.model.responsibilities:
        assert duty.unit in page and citation_words(duty.cite) in page
    assert "2019年" in page and "48个小区" in page
    # the gates of a project's life and the approvals, each with its clause
    for gate in pack.gates:
        assert gate.text in page and citation_words(gate.cite) in page
    assert "进入竣工验收前" in page and "施工图审查" in page and "告知承诺制可免" in page


@pytest.mark.parametrize(
    ("pack_id", "own"),
    [
        ("chongqing-2021", ("chongqing-2021", "chongqing-2021-explanation")),
        ("puyang-2020", ("puyang-2020",)),
        ("hangjin-2021", ("hangjin-2021",)),
        ("wuhan-2021", ("wuhan-2021",)),
    ],
)
def test_explain_pack_lists_every_rule_with_its_authority_and_no_other_citys_clause(
    pack_id: str, own: tuple[str, ...], client: Client
) -> None:
    out = io.StringIO()
    call_command("explain-pack", pack_id, "--format", "json", stdout=out)
    rules = json.loads(out.getvalue())
    kinds = {rule["provenance"] for rule in rules}
    assert kinds == {"own", "national", "reference"} or kinds == {"own", "reference"}
    others = {"chongqing-2021", "puyang-2020", "hangjin-2021", "wuhan-2021"} - {own[0]}
    for rule in rules:
        document = rule["citation"].split(" §")[0]
        if rule["provenance"] == "own":
            assert document in own, rule
        else:
            assert document not in others and rule["basis"], rule
    sections = {rule["section"] for rule in rules}
    assert {"scope", "funding", "lifecycle", "targets", "priority", "assessment"} <= sections
    # the page says the same, with each kind named in Chinese
    page = client.get(f"/policy/{pack_id}/").content.decode()
    assert "本地文件条文" in page and "参考做法" in page
    for other in others:
        assert document_names()[other] not in page
    text = io.StringIO()
    call_command("explain-pack", pack_id, stdout=text)
    assert "[本地文件条文]" in text.getvalue() and "[参考做法]" in text.getvalue()


def test_the_comparison_page_shows_what_differs_with_both_citations(client: Client) -> None:
    response = client.get("/policy/compare/", {"left": "chongqing-2021", "right": "hangjin-2021"})
    text = response.content.decode()
    assert "2021–2023年度" in text and "杭政发〔2021〕124号 二（一）" in text
    assert "831个小区" in text and "18个小区" in text
    assert "旗住建部门" in text
    rows = [row for _label, group in response.context["sections"] for row in group]
    assert rows and not any(row.same for row in rows)


def test_compare_packs_on_the_command_line(city_user: User) -> None:
    out = io.StringIO()
    call_command("compare-packs", "puyang-2020", "wuhan-2021", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    targets = [row for row in rows if row["section"] == "targets"]
    assert {"2019年", "2021年"} <= {row["topic"] for row in targets}
    tasks = [row for row in rows if row["section"] == "tasks"]
    assert len(tasks) == 11 and all(row["puyang-2020"] is None for row in tasks)
    with pytest.raises(CommandError):
        call_command("compare-packs", "puyang-2020", "nowhere-2030")


def test_check_pack_names_the_bad_line(tmp_path: Path) -> None:
    source = Path(get_pack("wuhan-2021").path)
    text = (Path(__file__).parents[1] / "packs" / source.name).read_text(encoding="utf-8")
    broken = tmp_path / "wuhan-2021.yaml"
    broken.write_text(text.replace("lead: [市民政局]", "lead: [市旅游局]"), encoding="utf-8")
    (tmp_path / "national-2020.yaml").write_text(
        (Path(__file__).parents[1] / "packs" / "national-2020.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check-pack", str(broken), stderr=err, stdout=io.StringIO())
    lines = broken.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "市旅游局" in text)
    assert f"wuhan-2021.yaml:{line}:" in err.getvalue() and "市旅游局" in err.getvalue()


def test_a_deployment_with_a_missing_or_broken_pack_is_told_at_start_up(
    tmp_path: Path, settings: Any
) -> None:
    from anju.policy.checks import policy_packs

    assert policy_packs() == []
    packs = Path(__file__).parents[1] / "packs"
    (tmp_path / "national-2020.yaml").write_text(
        (packs / "national-2020.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    cite: 国办发〔2020〕23号\n    basis: &shared",
            "    cite: puyang-2020 §4.(1)\n    quote: 排污\n    basis: &shared",
        ),
        encoding="utf-8",
    )
    settings.POLICY_PACKS_DIR = tmp_path
    messages = policy_packs()
    assert [m.id for m in messages] == ["anju.policy.E001", "anju.policy.E002"]
    assert "puyang-2020" in messages[0].msg
    assert "national-2020.yaml:" in messages[1].msg and "排污" in messages[1].msg
