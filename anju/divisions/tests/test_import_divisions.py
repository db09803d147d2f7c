from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from anju.divisions.models import Division

pytestmark = pytest.mark.django_db


def test_divisions_load_from_csv_with_parents_derived_from_codes(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "code,name\n410000,河南省\n410900,濮阳市\n410902,华龙区\n410902001,中原路街道\n410902001001,建设社区\n",
        encoding="utf-8",
    )
    call_command("import-divisions", str(path))
    committee = Division.objects.get(code="410902001001")
    assert committee.parent is not None and committee.parent.name == "中原路街道"
    assert committee.parent.parent_id == "410902000000"
    call_command("import-divisions", str(path))
    assert Division.objects.count() == 5


def test_an_orphan_division_is_refused_and_nothing_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("code,name\n410000,河南省\n410902001,中原路街道\n", encoding="utf-8")
    with pytest.raises(CommandError) as failed:
        call_command("import-divisions", str(path))
    assert "410902000000" in str(failed.value)
    assert Division.objects.count() == 0
