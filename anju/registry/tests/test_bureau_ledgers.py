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
from anju.audit.models import AuditEntry
from anju.core.ledger import LedgerBook
from anju.registry.models import Community, ImportState, LedgerImport, LedgerWording
from anju.registry.services import ledger_import_run
from anju.registry.tests.uploads import sent
from anju.registry.tests.workbooks import bureau_ledger, bureau_rows, write_csv, write_xlsx
from anju.testing import HUALONG, PASSWORD, QINGFENG


def _bureau_areas() -> dict[str, Decimal]:
    """The floor areas the bureau's ledger registered, in m² (its sheet gives 万平方米)."""
    return dict(Community.objects.filter(name__startswith="台账").values_list("name", "floor_area"))


def _bureau(make_user: Callable[..., User], username: str, district: str) -> Client:
    """A district bureau's official, signed in."""
    make_user(username, district, Role.DISTRICT)
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_bureau_s_own_ledger_imports_as_its_author_meant_and_the_page_says_how(
    city: LedgerBook, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    client = _bureau(make_user, "hualong_bureau", HUALONG)
    path = bureau_ledger(tmp_path / "华龙区台账.xlsx", built="90年代")

    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.REJECTED  # 建成年代 written as a decade: named, nothing written
    assert "台账是这样读的" in page
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in page
    assert "每个数值 × 10000" in page and "未读取的列：" in page and "序号" in page
    assert "作为合计跳过的行：" in page and "跳过空行 1 行" in page
    assert not Community.objects.filter(name__startswith="台账").exists()

    write_xlsx(path, {"华龙区": bureau_rows(), "填表说明": [["建筑面积以万平方米计"]]})
    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.DONE, page
    assert "工作表“填表说明”未读取" in page
    assert _bureau_areas() == {"台账一村": Decimal("12345.00"), "台账二村": Decimal("9000.00")}
    assert "台账是这样读的" in page


def test_a_ledger_saved_as_csv_on_a_chinese_windows_imports_as_the_workbook_does(
    city: LedgerBook, make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    client = _bureau(make_user, "hualong_bureau", HUALONG)
    path = write_csv(tmp_path / "华龙区 台账.csv", bureau_rows("1991年"), encoding="gb18030")

    state, page = sent(client, path.name, path.read_bytes())

    assert state == ImportState.DONE, page
    assert "工作表“华龙区台账”读作“小区”表：表头在第 2 行" in page
    assert _bureau_areas() == {"台账一村": Decimal("12345.00"), "台账二村": Decimal("9000.00")}


def test_the_command_says_how_it_read_a_bureau_s_ledger(city: LedgerBook, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "华龙区台账.xlsx",
        {"华龙区": bureau_rows(), "填表说明": [["建筑面积以万平方米计"], ["合计行不必删除"]]},
    )
    out = io.StringIO()

    call_command("import-ledger", str(path), "--dry-run", stdout=out)

    said = out.getvalue()
    assert "工作表“华龙区”读作“小区”表：表头在第 2 行" in said
    assert "建筑面积（万平方米） → 建筑面积(平方米) ×10000" in said
    assert "未读取的列： 序号" in said and "作为合计跳过的行： 6" in said
    assert "工作表“填表说明”未读取" in said
    assert not Community.objects.filter(name="台账一村").exists()


def _own_words(path: Path, name: str, area_header: str = "建筑面积（万平方米）") -> Path:
    """A ledger that names its communities 院落名, which no bureau's wording in Anju is."""
    street = Community.objects.filter(district_id=HUALONG).first().street.name  # type: ignore[union-attr]
    return write_xlsx(
        path,
        {
            "华龙区": [
                ["序号", "院落名", "所在区县", "所在街道", "建成年代", "栋数", "总户数",
                 area_header, "产权性质"],
                [1, name, "华龙区", street, "1993年5月", 4, 96, 0.8, "房改房"],
            ]
        },
    )  # fmt: skip


def _tell(client: Client, page: str, told: dict[str, str], on_commit: Any) -> Any:
    """Answer the page's question about its unread columns, as the official picks them."""
    job = LedgerImport.objects.latest("pk")
    unknown = [w for sheet in job.summary["understood"] for w in sheet["unknown"]]  # type: ignore[index]
    asked = [w for w in unknown if w != "序号"]
    assert all(f"列“{w}”" in page for w in asked) and "列“序号”" not in page
    data = {f"column_{asked.index(w)}": header for w, header in told.items()}
    with on_commit(execute=True):
        return client.post(f"/registry/ledger/imports/{job.pk}/columns/", data)


def test_a_column_told_once_is_read_in_every_ledger_of_that_district_and_no_other(
    city: LedgerBook,
    make_user: Callable[..., User],
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.LEDGER_IMPORT_DIR = tmp_path / "imports"
    hualong = _bureau(make_user, "hualong_bureau", HUALONG)
    qingfeng = _bureau(make_user, "qingfeng_bureau", QINGFENG)

    acre = _own_words(tmp_path / "亩.xlsx", "院落一号", area_header="面积(亩)")
    state, page = sent(hualong, acre.name, acre.read_bytes())
    assert state == ImportState.REJECTED and "Anju 不认识的列" in page
    refused = _tell(
        hualong,
        page,
        {"院落名": "小区名称", "面积(亩)": "建筑面积(平方米)"},
        django_capture_on_commit_callbacks,
    )
    assert refused.status_code == 400
    assert "不认识单位“亩”" in refused.content.decode()
    assert not LedgerWording.objects.exists()  # all or none

    kept = tmp_path / "imports" / f"{LedgerImport.objects.latest('pk').pk}.fernet"
    assert kept.exists()  # for the official to say what the columns are
    first = _own_words(tmp_path / "一.xlsx", "院落一号")
    state, page = sent(hualong, first.name, first.read_bytes())
    assert state == ImportState.REJECTED
    assert not kept.exists()  # one file kept per official: the latest
    answer = _tell(hualong, page, {"院落名": "小区名称"}, django_capture_on_commit_callbacks)
    assert answer.status_code == 302
    again = LedgerImport.objects.latest("pk")
    assert ledger_import_run(again.pk).state == ImportState.DONE
    assert Community.objects.get(name="院落一号").build_year == 1993
    (wording,) = LedgerWording.objects.all()
    assert (wording.division_id, wording.written, wording.header) == (HUALONG, "院落名", "小区名称")
    assert AuditEntry.objects.filter(action="ledger.wording_save").count() == 1

    second = _own_words(tmp_path / "二.xlsx", "院落二号")
    state, page = sent(hualong, second.name, second.read_bytes())
    assert state == ImportState.DONE, page
    assert "院落名</td><td>小区名称" in page.replace(" ", "")

    state, page = sent(qingfeng, second.name, second.read_bytes())
    assert state == ImportState.REJECTED  # Qingfeng words its ledgers its own way

    listed = hualong.get("/registry/ledger/import/").content.decode()
    assert "院落名" in listed
    hualong.post(f"/registry/ledger/wordings/{wording.pk}/forget/")
    assert not LedgerWording.objects.exists()
    assert AuditEntry.objects.filter(action="ledger.wording_forget").count() == 1
    assert qingfeng.post(f"/registry/ledger/imports/{again.pk}/columns/").status_code == 404
