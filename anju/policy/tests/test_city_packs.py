"""A city not among the seeds brings its own document and pack, as its operator would: into the
deployment's policy folder, with no change to Anju's package, and the pack then governs the
city's decisions citing its own clauses. The Zhengzhou document is written for this test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

import anju
from anju.accounts.models import User
from anju.testing import DEMO_CITY, deployment_at

DOCUMENT = Path(__file__).parent / "documents" / "zhengzhou-2022.txt"
PACKAGE = Path(anju.__file__).parent / "policy"
RULES = """
eligibility:
  scope:
    - built_before: 2001
      text: 2000年底前建成的住宅小区
      cite: zhengzhou-2022 §2.(1)
      quote: 2000年底前建成
  exclusions:
    - fact: in_shantytown_plan
      when: true
      text: 已纳入棚户区改造计划
      cite: zhengzhou-2022 §2.(1)
      quote: 已纳入棚户区改造计划的，不纳入改造范围
"""


@pytest.mark.django_db(transaction=True)
def test_zhengzhou_brings_its_own_pack_without_a_change_to_anju(tmp_path: Path) -> None:
    shipped = sorted(p.name for p in PACKAGE.rglob("*") if p.is_file())
    with deployment_at(tmp_path / "zhengzhou") as city:
        city.run("migrate", "--noinput", "--verbosity", "0")
        # as a Windows desk saves Chinese text
        (city.root / "郑州文件.txt").write_bytes(DOCUMENT.read_text().encode("gb18030"))
        made = city.run("new-pack", "zhengzhou-2022", "--document", "郑州文件.txt")
        pack = city.var / "policy" / "packs" / "zhengzhou-2022.yaml"
        assert str(pack) in made.stdout
        assert (city.var / "policy" / "sources" / "zhengzhou-2022.txt").read_text() == (
            DOCUMENT.read_text()
        )
        assert "zhengzhou-2022 §3.(1)" in pack.read_text()
        pack.write_text(pack.read_text() + RULES)
        city.run("check-pack", str(pack))

        city.env["ANJU_POLICY_PACK"] = "zhengzhou-2022"
        city.run("check")
        city.run("demo-data", *DEMO_CITY)
        verdicts = json.loads(city.run("eligibility").stdout)
        cited = {r["citation"] for v in verdicts for r in v["reasons"]}
        assert "zhengzhou-2022 §2.(1)" in cited
        assert not any(c.startswith("puyang-2020") for c in cited)
    assert sorted(p.name for p in PACKAGE.rglob("*") if p.is_file()) == shipped


def _own_folder(settings: object, folder: Path) -> None:
    """The deployment's own policy folder, empty."""
    settings.POLICY_DIR = folder  # type: ignore[attr-defined]
    (folder / "sources").mkdir()
    (folder / "packs").mkdir()


def test_a_city_s_pack_page_shows_its_clauses_beside_its_rules(
    settings: object,
    tmp_path: Path,
    city_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    _own_folder(settings, tmp_path)
    shutil.copy(DOCUMENT, tmp_path / "sources" / "zhengzhou-2022.txt")
    (tmp_path / "packs" / "zhengzhou-2022.yaml").write_text(
        "id: zhengzhou-2022\ntitle: 郑州市\nversion: '1'\ndocument: 郑政办〔2022〕18号\n"
        "sources: [zhengzhou-2022]\nextends: national-2020\n" + RULES,
        encoding="utf-8",
    )
    client = logged_in("city")
    assert "zhengzhou-2022" in client.get("/policy/").content.decode()
    page = client.get("/policy/zhengzhou-2022/").content.decode()
    assert 'href="/policy/sources/zhengzhou-2022/#clause-2.(1)"' in page
    assert "本市城区范围内2000年底前建成" in page  # the clause's words beside the rule
    source = client.get("/policy/sources/zhengzhou-2022/").content.decode()
    assert 'id="clause-2.(1)"' in source and 'id="clause-2.(2)3"' in source
    assert "郑州市" in source  # the pack that cites it
    assert client.get("/policy/sources/nowhere-2020/").status_code == 404


def test_a_pack_being_written_does_not_stop_the_pages_that_name_citations(
    settings: object,
    tmp_path: Path,
    city_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    _own_folder(settings, tmp_path)
    (tmp_path / "packs" / "zhengzhou-2022.yaml").write_text(
        "id: zhengzhou-2022\ntitle: 郑州市\n", encoding="utf-8"
    )
    page = logged_in("city").get("/policy/puyang-2020/")
    assert page.status_code == 200 and "濮政办〔2020〕31号 二（一）" in page.content.decode()
