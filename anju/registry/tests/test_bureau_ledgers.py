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
from anju.registry.tests.workbooks import bureau_ledger
from anju.testing import HUALONG, PASSWORD


def test_a_bureau_s_own_ledger_imports_as_its_author_meant_and_the_page_says_how(
    city: LedgerBook, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    make_user("hualong_bureau", HUALONG, Role.DISTRICT)
    client = Client()
    assert client.login(username="hualong_bureau", password=PASSWORD)
    path = bureau_ledger(tmp_path / "华龙区台账.xlsx", built="1991年")

    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.REJECTED  # 建成年代 written as 1991年: named, nothing written
    assert "台账是这样读的" in page
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in page
    assert "每个数值 × 10000" in page and "未读取的列：" in page and "序号" in page
    assert "作为合计跳过的行：" in page and "跳过空行 1 行" in page
    assert not Community.objects.filter(name__startswith="台账").exists()

    bureau_ledger(path)
    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.DONE, page
    assert dict(
        Community.objects.filter(name__startswith="台账").values_list("name", "floor_area")
    ) == {"台账一村": Decimal("12345.00"), "台账二村": Decimal("9000.00")}
    assert "台账是这样读的" in page


def test_the_command_says_how_it_read_a_bureau_s_ledger(city: LedgerBook, tmp_path: Path) -> None:
    path = bureau_ledger(tmp_path / "华龙区台账.xlsx")
    out = io.StringIO()

    call_command("import-ledger", str(path), "--dry-run", stdout=out)

    said = out.getvalue()
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in said
    assert "建筑面积（万平方米） → 建筑面积(平方米) ×10000" in said
    assert "未读取的列： 序号" in said and "作为合计跳过的行： 6" in said
    assert not Community.objects.filter(name="台账一村").exists()
