from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from anju.audit.models import AuditEntry
from anju.core.ledger import BUILDING_SHEET, COMMUNITY_SHEET, DWELLING_SHEET, LedgerBook, headers
from anju.core.registry import PROPERTY_NATURE_WORDS, PropertyNature
from anju.divisions.models import Division
from anju.registry.ledger_files import read_workbook
from anju.registry.models import Building, Community, Dwelling, Owner
from anju.registry.personal import read_archived_ledger
from anju.registry.selectors import ledger_book
from anju.registry.services import (
    LedgerRejected,
    ledger_export,
    ledger_import,
    ledger_import_file,
)
from anju.registry.tests.workbooks import write_xlsx
from anju.testing import SYSTEM

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Community.objects.count(),
        Building.objects.count(),
        Dwelling.objects.count(),
        Owner.objects.count(),
        AuditEntry.objects.count(),
    )


def _without_rows(book: LedgerBook) -> tuple[list[tuple[object, ...]], ...]:
    def strip(rows: tuple[object, ...]) -> list[tuple[object, ...]]:
        return [tuple(r)[1:] for r in rows]

    return strip(book.communities), strip(book.buildings), strip(book.dwellings)


def _community_row(**changes: object) -> list[object]:
    cells: dict[str, object] = dict.fromkeys(headers(COMMUNITY_SHEET), None)
    cells.update(
        {
            "小区名称": "测试新村",
            "区县": "华龙区",
            "街道(乡镇)": None,
            "建成年份": 1992,
            "楼栋数": 4,
            "户数": 96,
            "建筑面积(平方米)": 7200.5,
            "产权性质": "公房",
        }
    )
    cells.update(changes)
    return list(cells.values())


def _hualong_street() -> Division:
    community = (
        Community.objects.filter(district_id="410902000000").select_related("street").first()
    )
    assert community is not None
    return community.street


def _exported(folder: Path) -> tuple[Path, Workbook, Worksheet]:
    """The registry exported, open at its 小区 sheet to be edited."""
    path = folder / "ledger.xlsx"
    ledger_export(actor=SYSTEM, target=path)
    workbook = load_workbook(path)
    return path, workbook, workbook[COMMUNITY_SHEET]


def _one_new_community(path: Path, street: str, **changes: object) -> Path:
    row = _community_row(**{"街道(乡镇)": street, **changes})
    return write_xlsx(path, {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), row]})


def test_export_then_import_into_an_empty_registry_round_trips(
    city: LedgerBook, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.xlsx"
    ledger_export(actor=SYSTEM, target=path, with_personal_data=True)
    before = ledger_book(user=None, with_personal_data=True)
    Dwelling.objects.all().delete()
    Owner.objects.all().delete()
    Building.objects.all().delete()
    Community.objects.all().delete()

    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="round trip")

    assert summary.communities_created == len(before.communities) == 18
    assert summary.dwellings_created == len(before.dwellings) > 1000
    assert _without_rows(ledger_book(user=None, with_personal_data=True)) == _without_rows(before)


def test_reimporting_the_same_file_changes_nothing_and_creates_no_duplicates(
    city: LedgerBook, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.xlsx"
    ledger_export(actor=SYSTEM, target=path)
    counts = _counts()
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="again")
    assert (summary.communities_created, summary.communities_updated) == (0, 0)
    assert summary.communities_unchanged == 18
    assert (summary.buildings_created, summary.buildings_updated) == (0, 0)
    assert (summary.dwellings_created, summary.dwellings_updated, summary.owners_created) == (
        0,
        0,
        0,
    )
    assert _counts()[:4] == counts[:4]
    assert AuditEntry.objects.count() == counts[4] + 1  # the import itself


def test_a_changed_cell_updates_in_place_and_is_audited_with_before_and_after(
    city: LedgerBook, tmp_path: Path
) -> None:
    path, workbook, sheet = _exported(tmp_path)
    column = headers(COMMUNITY_SHEET).index("户数") + 1
    code = sheet.cell(row=2, column=1).value
    old = Community.objects.get(code=code).household_count
    sheet.cell(row=2, column=column).value = old + 7
    workbook.save(path)

    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="edit")

    assert (summary.communities_updated, summary.communities_unchanged) == (1, 17)
    assert Community.objects.get(code=code).household_count == old + 7
    entry = AuditEntry.objects.get(action="community.update", target_id=code)
    assert entry.before == {"household_count": old}
    assert entry.after == {"household_count": old + 7}
    assert entry.origin == "test"


def test_a_community_the_ledger_moves_to_another_district_keeps_its_code_and_record(
    city: LedgerBook, tmp_path: Path
) -> None:
    path, workbook, sheet = _exported(tmp_path)
    names = headers(COMMUNITY_SHEET)
    code = sheet.cell(row=2, column=1).value
    moved = Community.objects.get(code=code)
    other = Community.objects.exclude(district_id=moved.district_id).select_related(
        "district", "street"
    )[0]
    sheet.cell(row=2, column=names.index("区县") + 1).value = other.district.name
    sheet.cell(row=2, column=names.index("街道(乡镇)") + 1).value = other.street.name
    for header in ("社区", "行政区划代码"):
        sheet.cell(row=2, column=names.index(header) + 1).value = None
    sheet.delete_rows(3, sheet.max_row)  # no other row names its old district
    for other_sheet in (BUILDING_SHEET, DWELLING_SHEET):
        del workbook[other_sheet]
    workbook.save(path)
    before = Community.objects.count()

    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="move")

    assert (summary.communities_created, summary.communities_updated) == (0, 1)
    assert Community.objects.count() == before
    moved.refresh_from_db()
    assert (moved.district_id, moved.street_id) == (other.district_id, other.street_id)
    entry = AuditEntry.objects.get(action="community.update", target_id=code)
    assert entry.after is not None and entry.after["district_id"] == other.district_id


def test_a_bad_file_is_rejected_whole_with_every_bad_cell_named(
    city: LedgerBook, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        {
            COMMUNITY_SHEET: [
                headers(COMMUNITY_SHEET),
                _community_row(
                    **{
                        "街道(乡镇)": Community.objects.filter(district_id="410902000000")
                        .first()
                        .street.name
                    }
                ),  # type: ignore[union-attr]
                _community_row(**{"小区名称": "第二", "建成年份": "一九九二", "产权性质": "公房"}),
                _community_row(**{"小区名称": "第三", "区县": "火星区"}),
            ],
        },
    )
    counts = _counts()
    with pytest.raises(LedgerRejected) as rejected:
        ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="bad")
    issues = {(i.row, i.column, i.code) for i in rejected.value.issues}
    assert issues == {
        (3, "街道(乡镇)", "required"),
        (3, "建成年份", "not_year"),
        (4, "街道(乡镇)", "required"),
    }
    assert _counts() == counts


def test_command_line_import_reports_in_chinese_and_exits_non_zero(
    city: LedgerBook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        {
            COMMUNITY_SHEET: [
                headers(COMMUNITY_SHEET),
                _community_row(**{"建成年份": 1850, "街道(乡镇)": "x"}),
            ]
        },
    )
    with pytest.raises(CommandError) as failed:
        call_command("import-ledger", str(path))
    err = capsys.readouterr().err
    assert "工作表“小区”，第 2 行，列“建成年份”" in err
    assert "1850" in err and "必须在 1900 到" in err
    assert "没有导入任何数据" in str(failed.value)


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(
    city: LedgerBook, tmp_path: Path
) -> None:
    street = _hualong_street()
    path = _one_new_community(tmp_path / "new.xlsx", street.name)
    counts = _counts()
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="dry", dry_run=True)
    assert summary.communities_created == 1
    assert _counts() == counts


def test_a_row_without_code_gets_one_and_matches_by_place_and_name_next_time(
    city: LedgerBook, tmp_path: Path
) -> None:
    street = _hualong_street()
    path = _one_new_community(tmp_path / "new.xlsx", street.name)
    ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="first")
    created = Community.objects.get(name="测试新村")
    assert created.code.startswith(street.code) and len(created.code) == 15
    assert created.floor_area == Decimal("7200.50")

    _one_new_community(path, street.name, 户数=97)
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="second")
    assert (summary.communities_created, summary.communities_updated) == (0, 1)
    assert Community.objects.get(name="测试新村").household_count == 97


def test_a_ledger_with_fewer_columns_leaves_the_others_alone(
    city: LedgerBook, tmp_path: Path
) -> None:
    community = Community.objects.exclude(longitude=None).first()
    assert community is not None
    keep = [
        "小区编号",
        "小区名称",
        "区县",
        "街道(乡镇)",
        "建成年份",
        "楼栋数",
        "户数",
        "建筑面积(平方米)",
        "产权性质",
    ]
    row = [
        community.code,
        community.name,
        community.district.name,
        community.street.name,
        community.build_year,
        community.building_count,
        community.household_count + 1,
        float(community.floor_area),
        {nature: word for word, nature in PROPERTY_NATURE_WORDS.items()}[
            PropertyNature(community.property_nature)
        ],
    ]
    kept = (community.longitude, community.latitude, community.committee_id, community.address)
    households = community.household_count
    path = write_xlsx(tmp_path / "few.xlsx", {COMMUNITY_SHEET: [keep, row]})
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="few")
    assert (summary.communities_created, summary.communities_updated) == (0, 1)
    community.refresh_from_db()
    assert community.household_count == households + 1  # the column given is written
    assert kept == (  # the columns left out are kept as they were
        community.longitude,
        community.latitude,
        community.committee_id,
        community.address,
    )


def test_masked_ids_keep_the_owner_on_file_and_full_ids_only_go_to_those_allowed(
    city: LedgerBook, tmp_path: Path
) -> None:
    path = tmp_path / "masked.xlsx"
    ledger_export(actor=SYSTEM, target=path)
    ids = [row[7] for row in read_workbook(path)[DWELLING_SHEET][1:] if row[7]]
    assert ids and all("*" in value for value in ids)
    owners_before = dict(Dwelling.objects.values_list("id", "owner_id"))
    ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="masked")
    assert dict(Dwelling.objects.values_list("id", "owner_id")) == owners_before

    full = tmp_path / "full.xlsx"
    ledger_export(actor=SYSTEM, target=full, with_personal_data=True)
    exports = AuditEntry.objects.filter(action="personal_data.export").order_by("id")
    assert [(e.after or {})["id_numbers"] for e in exports] == ["masked", "full"]
    revealed = [row[7] for row in read_workbook(full)[DWELLING_SHEET][1:] if row[7]]
    assert all("*" not in value and len(value) == 18 for value in revealed)


def test_id_numbers_are_stored_encrypted_and_one_person_is_one_owner(city: LedgerBook) -> None:
    dwelling = city.dwellings[0]
    assert dwelling.owner_id_number is not None
    owner = Owner.objects.get(
        id_masked=dwelling.owner_id_number[:3] + "*" * 11 + dwelling.owner_id_number[-4:]
    )
    assert dwelling.owner_id_number not in owner.id_cipher
    assert dwelling.owner_id_number not in (owner.id_digest or "")
    owned = sum(1 for d in city.dwellings if d.owner_id_number == dwelling.owner_id_number)
    assert owner.dwellings.count() == owned


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(CommandError) as failed:
        call_command("import-ledger", str(path))
    assert "“fake.xlsx”未被接受：文件内容与扩展名不符" in str(failed.value)


def test_building_and_dwelling_sheets_alone_update_an_existing_community(
    city: LedgerBook, tmp_path: Path
) -> None:
    community = Community.objects.order_by("code").first()
    assert community is not None
    path = write_xlsx(
        tmp_path / "b.xlsx",
        {
            BUILDING_SHEET: [headers(BUILDING_SHEET), [community.code, "99号楼", 6, 2, "否", 1990]],
            DWELLING_SHEET: [
                headers(DWELLING_SHEET),
                [community.code, "99号楼", "1", 1, "101", 55.2, "赵敏", None],
            ],
        },
    )
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="extra")
    assert (summary.buildings_created, summary.dwellings_created, summary.owners_created) == (
        1,
        1,
        1,
    )
    assert (
        Dwelling.objects.get(building__community=community, building__number="99号楼").owner.name
        == "赵敏"
    )  # type: ignore[union-attr]


def test_a_new_owner_on_an_existing_dwelling_is_audited_with_the_real_owner(
    city: LedgerBook, tmp_path: Path
) -> None:
    dwelling = Dwelling.objects.select_related("building__community").order_by("id").first()
    assert dwelling is not None
    new_id = "11010519491231002X"
    row = [
        dwelling.building.community.code,
        dwelling.building.number,
        dwelling.unit,
        dwelling.floor,
        dwelling.room,
        float(dwelling.exclusive_area),
        "钱多多",
        new_id,
    ]
    path = write_xlsx(tmp_path / "owner.xlsx", {DWELLING_SHEET: [headers(DWELLING_SHEET), row]})
    summary = ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="owner")
    assert (summary.dwellings_updated, summary.owners_created) == (1, 1)
    dwelling.refresh_from_db()
    assert dwelling.owner is not None and dwelling.owner.name == "钱多多"
    entry = AuditEntry.objects.get(action="dwelling.update")
    assert entry.after == {"owner_id": dwelling.owner_id}

    row[6] = "钱少少"
    write_xlsx(path, {DWELLING_SHEET: [headers(DWELLING_SHEET), row]})
    ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="rename")
    rename = AuditEntry.objects.get(action="owner.update")
    assert (rename.before, rename.after) == ({"name": "钱多多"}, {"name": "钱少少"})


def test_generated_codes_never_collide_with_codes_given_in_the_same_file(
    city: LedgerBook, tmp_path: Path
) -> None:
    street = _hualong_street()
    given = f"{street.code}001"
    rows = [
        _community_row(**{"小区编号": given, "小区名称": "甲小区", "街道(乡镇)": street.name}),
        _community_row(**{"小区名称": "乙小区", "街道(乡镇)": street.name}),
    ]
    path = write_xlsx(tmp_path / "codes.xlsx", {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), *rows]})
    ledger_import(actor=SYSTEM, sheets=read_workbook(path), source="codes")
    assert Community.objects.get(name="甲小区").code == given
    assert Community.objects.get(name="乙小区").code == f"{street.code}002"


def test_an_imported_file_is_archived_encrypted_and_a_dry_run_or_rejected_one_is_not(
    city: LedgerBook, tmp_path: Path, settings
) -> None:
    settings.LEDGER_ARCHIVE_DIR = tmp_path / "archive"
    path = tmp_path / "ledger.xlsx"
    ledger_export(actor=SYSTEM, target=path, with_personal_data=True)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()

    ledger_import_file(actor=SYSTEM, source=path, name="ledger.xlsx", dry_run=True)
    assert not (tmp_path / "archive").exists()

    ledger_import_file(actor=SYSTEM, source=path, name="ledger.xlsx")
    entry = AuditEntry.objects.filter(action="ledger.import").first()
    assert entry is not None
    assert entry.after is not None
    assert entry.after["source"] == f"ledger.xlsx sha256:{digest}"
    (archived,) = (tmp_path / "archive").iterdir()
    assert archived.name.startswith(digest)
    assert read_archived_ledger(digest) == data
    some_id = next(d.owner_id_number for d in city.dwellings if d.owner_id_number)
    assert some_id.encode() not in archived.read_bytes()

    bad = write_xlsx(
        tmp_path / "bad.xlsx", {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), _community_row()]}
    )
    with pytest.raises(LedgerRejected):
        ledger_import_file(actor=SYSTEM, source=bad, name="bad.xlsx")
    assert len(list((tmp_path / "archive").iterdir())) == 1
