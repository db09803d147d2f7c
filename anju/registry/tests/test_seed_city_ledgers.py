"""Each city whose document Anju implements imports its ledger, kept the way its bureau keeps
it, on an install that has only the divisions Anju ships: no division file from anyone."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from anju.accounts.models import Role, User
from anju.audit.context import Actor
from anju.divisions.models import Division
from anju.divisions.services import divisions_load, home_city_set
from anju.divisions.shipped import shipped_divisions
from anju.registry.models import Community
from anju.registry.services import ledger_import_file
from anju.registry.tests.workbooks import write_csv, write_xlsx
from anju.testing import SYSTEM

pytestmark = pytest.mark.django_db
# each seed's city, and two of its districts or counties
CITIES = {
    "chongqing-2021": ("500000000000", "渝中区", "江北区"),
    "puyang-2020": ("410900000000", "华龙区", "清丰县"),
    "hangjin-2021": ("150600000000", "杭锦旗", "东胜区"),
    "wuhan-2021": ("420100000000", "江岸区", "武昌区"),
}
TITLE = [
    "序号",
    "小区名称",
    "所在区县",
    "所在街道（乡镇）",
    "建成年代",
    "栋数",
    "总户数",
    "总建筑面积（万平方米）",
    "房屋性质",
]


def _load(city: str) -> None:
    """The shipped divisions of the city and everything above it; the country's would do the
    same, more slowly."""
    prefix = city[:4] if city[2:4] != "00" else city[:2]
    divisions_load(
        actor=SYSTEM,
        rows=[
            (code, name)
            for code, name in shipped_divisions()
            if code.startswith(prefix) or (code[6:] == "000000" and code[4:6] == "00")
        ],
    )


def _street(district: str, city: str) -> str:
    """The first street or township of a district of the city, as shipped."""
    found = Division.objects.filter(
        level=4, parent__name=district, code__startswith=city[:2]
    ).order_by("code")
    return str(found.values_list("name", flat=True)[0])


def _row(n: int, name: str, district: str, street: str, built: Any) -> list[Any]:
    return [n, name, district, street, built, 3, 72, "0.45", "房改房"]


def _ledger(seed: str, folder: Path) -> Path:
    city, first, second = CITIES[seed]
    one, two = _street(first, city), _street(second, city)
    if seed == "chongqing-2021":  # one sheet per district, the second without a title
        return write_xlsx(
            folder / "重庆市老旧小区台账.xlsx",
            {
                first: [[f"{first}城镇老旧小区改造项目库"], TITLE, _row(1, "较场口小区", first, one, 1998)],
                second: [TITLE, _row(1, "观音桥小区", second, two, "1999年")],
            },
        )  # fmt: skip
    if seed == "wuhan-2021":  # a header on two rows under a merged 基本情况
        upper = [*TITLE[:4], "基本情况", None, None, None, TITLE[8]]
        lower = [None, None, None, None, *TITLE[4:8], None]
        return write_xlsx(
            folder / "武汉市改造计划.xlsx",
            {"计划表": [upper, lower, _row(1, "江岸一村", first, one, 1997),
                        _row(2, "武昌二村", second, two, "1996.10")]},
        )  # fmt: skip
    rows = [
        [f"{seed[:-5]} 老旧小区台账"],
        TITLE,
        _row(1, "第一小区", first, one, "2003年5月"),
        [],
        _row(2, "第二小区", second, two, 1988),
        ["合计", None, None, None, None, 6, 144, "0.9", None],
    ]
    if seed == "hangjin-2021":  # saved as CSV from WPS on a Chinese Windows
        return write_csv(folder / "杭锦旗项目库.csv", rows, encoding="gb18030")
    return write_xlsx(folder / "濮阳市台账.xlsx", {"台账": rows})


@pytest.mark.parametrize("seed", sorted(CITIES))
def test_each_seed_city_s_ledger_imports_on_a_bare_install(
    seed: str, make_user: Callable[..., User], tmp_path: Path
) -> None:
    city, first, second = CITIES[seed]
    _load(city)
    home_city_set(actor=SYSTEM, code=city)
    bureau = make_user(f"bureau-{seed}", city, Role.CITY_BUREAU)
    path = _ledger(seed, tmp_path)

    summary = ledger_import_file(
        actor=Actor(user=bureau, origin="test"), source=path, name=path.name
    )

    assert summary.communities_created == 2
    placed = {
        c.district.name: (c.floor_area, c.build_year < 2005)
        for c in Community.objects.select_related("district")
    }
    assert placed == {first: (Decimal(4500), True), second: (Decimal(4500), True)}
