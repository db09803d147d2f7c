"""China's divisions as Anju ships them: loaded on a bare install without a file from anyone,
renamed divisions keeping their former names, and district names that several cities share
resolved as the ledger's author meant or asked about."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from anju.audit.context import Actor
from anju.core.ledger import COMMUNITY_SHEET, headers, validate_ledger
from anju.divisions.models import Division, FormerName
from anju.divisions.services import divisions_load
from anju.divisions.shipped import edition, shipped_divisions
from anju.registry.issues import describe
from anju.registry.selectors import RegistryLedgerContext

pytestmark = pytest.mark.django_db
SYSTEM = Actor(user=None, origin="test")
GULOU = ("320106", "320302", "350102", "410204")  # 鼓楼区 in Nanjing, Xuzhou, Fuzhou, Kaifeng


def test_a_bare_install_loads_the_country_and_a_province_s_committees() -> None:
    call_command("load-divisions", "--committees", "31")

    shipped = edition()
    assert Division.objects.count() == shipped["divisions"] + shipped["committees"]["31"]
    hualong = Division.objects.select_related("parent__parent").get(code="410902000000")
    assert (hualong.name, hualong.parent.name, hualong.parent.parent.name) == (  # type: ignore[union-attr]
        "华龙区",
        "濮阳市",
        "河南省",
    )
    assert Division.objects.get(code="500103000000").name == "渝中区"
    assert Division.objects.filter(code__startswith="31", level=5).count() > 6000
    assert not Division.objects.filter(code__startswith="41", level=5).exists()

    with pytest.raises(CommandError, match="99"):
        call_command("load-divisions", "--committees", "99")


def _load_gulou() -> None:
    """The four 鼓楼区, their streets, and everything above them: enough to ask, and quick."""
    divisions_load(
        actor=SYSTEM,
        rows=[
            (code, name)
            for code, name in shipped_divisions()
            if code[:6] in GULOU or (code[6:] == "000000" and code[4:6] == "00")
        ],
    )


def _row(
    district: str, street: str, division: str | None = None, name: str = "鼓楼新村"
) -> list[Any]:
    cells: dict[str, Any] = dict.fromkeys(headers(COMMUNITY_SHEET), "")
    cells.update(
        {
            "小区名称": name,
            "区县": district,
            "街道(乡镇)": street,
            "行政区划代码": division or "",
            "建成年份": 1995,
            "楼栋数": 3,
            "户数": 90,
            "建筑面积(平方米)": 6000,
            "产权性质": "房改房",
            "有无电梯": "否",
            "物业管理方式": "居民自治",
        }
    )
    return [cells[h] or None for h in headers(COMMUNITY_SHEET)]


def _placed(*rows: list[Any]) -> list[tuple[str, str] | str]:
    result = validate_ledger(
        {COMMUNITY_SHEET: [headers(COMMUNITY_SHEET), *rows]}, RegistryLedgerContext(user=None)
    )
    if result.book is None:
        return [describe(issue) for issue in result.issues]
    return [(c.district_code, c.street_code) for c in result.book.communities]


def test_a_district_name_four_cities_share_is_asked_about_unless_the_row_or_the_city_says(
    settings: Any,
) -> None:
    _load_gulou()
    settings.ANJU_CITY = ""

    (asked,) = _placed(_row("鼓楼区", "宁海路街道"))
    assert isinstance(asked, str)
    for label in (
        "江苏省南京市鼓楼区（320106）",
        "江苏省徐州市鼓楼区（320302）",
        "福建省福州市鼓楼区（350102）",
    ):
        assert label in asked
    assert "行政区划代码" in asked

    assert _placed(_row("鼓楼区", "宁海路街道", "320106001")) == [("320106000000", "320106001000")]
    settings.ANJU_CITY = "350100000000"
    assert _placed(_row("鼓楼区", "鼓东街道")) == [("350102000000", "350102001000")]


def test_a_renamed_street_keeps_its_old_name_for_the_ledgers_that_still_use_it(
    settings: Any,
) -> None:
    _load_gulou()
    settings.ANJU_CITY = "350100000000"

    divisions_load(actor=SYSTEM, rows=[("350102001", "鼓东新街道")], source="edition 2")

    (former,) = FormerName.objects.all()
    assert (former.division_id, former.name, former.source) == (
        "350102001000",
        "鼓东街道",
        "edition 2",
    )
    assert Division.objects.get(code="350102001000").name == "鼓东新街道"
    assert _placed(_row("鼓楼区", "鼓东街道"), _row("鼓楼区", "鼓东新街道", name="鼓东小区")) == [
        ("350102000000", "350102001000"),
        ("350102000000", "350102001000"),
    ]
