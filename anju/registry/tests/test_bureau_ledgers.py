"""A district's own ledger, as its bureau keeps it, sent on the import page: it imports as its
author meant, and the import's page says how it was read."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client

from anju.accounts.models import Role, User
from anju.core.ledger import LedgerBook
from anju.registry.models import Community, ImportState
from anju.registry.tests.uploads import sent
from anju.registry.tests.workbooks import write_xlsx
from anju.testing import HUALONG, PASSWORD


def _bureau_ledger(path: Path, built: object = 1991) -> Path:
    """Hualong's ledger as its bureau keeps it: a title, 序号, its own wordings, 万平方米, a
    blank row and a 合计 row."""
    street = Community.objects.filter(district_id=HUALONG).first().street.name  # type: ignore[union-attr]
    row = ["华龙区", street, built, 5, 150]
    return write_xlsx(
        path,
        {
            "华龙区": [
                ["华龙区老旧小区改造台账（2026年）"],
                ["序号", "项目名称", "所在区县", "所在街道", "建成年代", "栋数", "总户数",
                 "建筑面积（万平方米）", "产权性质"],
                [1, "台账一村", *row, 1.2345, "房改房"],
                [],
                [2, "台账二村", *row, "0.9", "商品房"],
                ["合计", None, None, None, None, 10, 300, 2.1345, None],
            ]
        },
    )  # fmt: skip


def test_a_bureau_s_own_ledger_imports_as_its_author_meant_and_the_page_says_how(
    city: LedgerBook, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    make_user("hualong_bureau", HUALONG, Role.DISTRICT)
    client = Client()
    assert client.login(username="hualong_bureau", password=PASSWORD)
    path = _bureau_ledger(tmp_path / "华龙区台账.xlsx", built="1991年")

    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.REJECTED  # 建成年代 written as 1991年: named, nothing written
    assert "台账是这样读的" in page
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in page
    assert "每个数值 × 10000" in page and "未读取的列：" in page and "序号" in page
    assert "作为合计跳过的行：" in page and "跳过空行 1 行" in page
    assert not Community.objects.filter(name__startswith="台账").exists()

    _bureau_ledger(path)
    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.DONE, page
    assert dict(
        Community.objects.filter(name__startswith="台账").values_list("name", "floor_area")
    ) == {"台账一村": Decimal("12345.00"), "台账二村": Decimal("9000.00")}
    assert "台账是这样读的" in page


def test_the_command_says_how_it_read_a_bureau_s_ledger(city: LedgerBook, tmp_path: Path) -> None:
    path = _bureau_ledger(tmp_path / "华龙区台账.xlsx")
    out = io.StringIO()

    call_command("import-ledger", str(path), "--dry-run", stdout=out)

    said = out.getvalue()
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in said
    assert "建筑面积（万平方米） → 建筑面积(平方米) ×10000" in said
    assert "未读取的列： 序号" in said and "作为合计跳过的行： 6" in said
    assert not Community.objects.filter(name="台账一村").exists()
