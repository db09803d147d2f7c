"""A deterministic, realistic demo city: the registry of a prefecture-level city in Henan.

The districts are Puyang's real ones (GB/T 2260 4109xx), so the Puyang policy pack applies to
the demo as written; streets, committees, communities and people are invented but shaped like
the stock the seeds describe: 1970s–2000s walk-ups of five to seven floors without elevators,
work-unit and housing-reform property, little professional management, thin maintenance funds,
and a few communities that policy must exclude (puyang-2020 §2.(1)).

The same seed always yields the same city, so tests, demos and benchmarks can name what they
expect to find.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from anju.core.boundaries import Outline
from anju.core.conditions import Condition, Facility
from anju.core.divisions import Level
from anju.core.identity import id_check_char
from anju.core.ledger import BuildingRow, CommunityRow, DwellingRow
from anju.core.registry import ManagementMode, PropertyNature
from anju.core.stock import Kind, ResourceRow, State

CITY_CODE = "410900000000"
CITY_NAME = "濮阳市"
PROVINCE_CODE = "410000000000"
PROVINCE_NAME = "河南省"
DISTRICTS = (
    ("410902000000", "华龙区", 0.46),
    ("410928000000", "濮阳县", 0.18),
    ("410922000000", "清丰县", 0.11),
    ("410923000000", "南乐县", 0.09),
    ("410926000000", "范县", 0.08),
    ("410927000000", "台前县", 0.08),
)
CENTRE = (Decimal("115.029"), Decimal("35.762"))

_PLACES = [
    "胜利",
    "人民",
    "建设",
    "中原",
    "黄河",
    "开州",
    "京开",
    "长庆",
    "大庆",
    "昆吾",
    "任丘",
    "绿城",
    "华龙",
    "龙都",
    "振兴",
    "光明",
    "文化",
    "挥公",
    "濮上",
    "子岸",
    "孟轲",
    "岳村",
    "皇甫",
    "中原油田",
    "石化",
    "化肥厂",
    "纺织",
    "棉麻",
    "粮食",
    "供销",
    "电业",
    "水利",
    "交通",
    "卫生",
    "教育",
    "财政",
    "税务",
    "邮电",
    "百货",
    "机械",
    "五金",
    "建材",
    "钢厂",
    "农机",
    "食品",
    "商业",
    "银行",
    "公安",
    "法院",
    "气象",
    "东关",
    "西关",
    "南关",
    "北关",
    "城关",
    "东湖",
    "西湖",
    "金堤",
    "马颊河",
    "潴龙河",
    "古城",
    "新华",
    "迎宾",
    "和平",
    "团结",
    "幸福",
]
_STREET_SUFFIXES = ("街道", "街道", "街道", "镇", "乡")
_COMMUNITY_SUFFIXES = ("小区", "小区", "家属院", "家属院", "宿舍", "新村", "花园", "公寓", "苑")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建国建华志强玉兰凤英淑珍春梅海燕红梅文华"
)


@dataclass(frozen=True, slots=True)
class DemoDivision:
    code: str
    name: str
    level: Level


@dataclass(frozen=True, slots=True)
class DemoCommunity:
    community: CommunityRow
    buildings: tuple[BuildingRow, ...]
    dwellings: tuple[DwellingRow, ...]


@dataclass(frozen=True, slots=True)
class DemoCity:
    divisions: tuple[DemoDivision, ...]
    communities: tuple[DemoCommunity, ...]


def _unique_name(rng: random.Random, taken: set[str], make: str, suffixes: tuple[str, ...]) -> str:
    base = make + rng.choice(suffixes)
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{make}第{n}{rng.choice(suffixes)}" if n < 10 else f"{base}{n}"
    taken.add(name)
    return name


def _divisions(
    rng: random.Random, communities: int
) -> tuple[list[DemoDivision], list[DemoDivision]]:
    """The division tree, sized so that a committee holds three communities on average."""
    divisions = [
        DemoDivision(PROVINCE_CODE, PROVINCE_NAME, Level.PROVINCE),
        DemoDivision(CITY_CODE, CITY_NAME, Level.CITY),
    ]
    committees: list[DemoDivision] = []
    wanted_committees = max(len(DISTRICTS), -(-communities // 3))
    for district_code, district_name, share in DISTRICTS:
        divisions.append(DemoDivision(district_code, district_name, Level.DISTRICT))
        district_committees = max(1, round(wanted_committees * share))
        street_count = min(999, max(1, -(-district_committees // 8)))
        street_names: set[str] = set()
        for s in range(1, street_count + 1):
            street_code = f"{district_code[:6]}{s:03d}000"
            suffix = _STREET_SUFFIXES[0] if s <= 6 else rng.choice(_STREET_SUFFIXES)
            street_name = _unique_name(rng, street_names, rng.choice(_PLACES), (suffix,))
            divisions.append(DemoDivision(street_code, street_name, Level.STREET))
            per_street = -(-district_committees // street_count)
            committee_names: set[str] = set()
            for c in range(1, min(999, per_street) + 1):
                name = _unique_name(rng, committee_names, rng.choice(_PLACES), ("社区",))
                committee = DemoDivision(f"{street_code[:9]}{c:03d}", name, Level.COMMITTEE)
                divisions.append(committee)
                committees.append(committee)
    return divisions, committees


def _build_year(rng: random.Random) -> int:
    year = round(rng.triangular(1970, 2012, 1994))
    return min(2012, max(1970, year))


def _property_nature(rng: random.Random, year: int) -> PropertyNature:
    if year < 1998:
        return rng.choices(
            [
                PropertyNature.REFORM,
                PropertyNature.WORK_UNIT,
                PropertyNature.PUBLIC,
                PropertyNature.MIXED,
                PropertyNature.RESETTLEMENT,
                PropertyNature.COMMERCIAL,
            ],
            weights=[38, 22, 12, 14, 6, 8],
        )[0]
    return rng.choices(
        [
            PropertyNature.COMMERCIAL,
            PropertyNature.RESETTLEMENT,
            PropertyNature.MIXED,
            PropertyNature.REFORM,
        ],
        weights=[70, 14, 10, 6],
    )[0]


def _management(rng: random.Random, year: int) -> ManagementMode | None:
    if rng.random() < 0.04:
        return None
    if year < 2000:
        return rng.choices(
            [
                ManagementMode.NONE,
                ManagementMode.SELF_GOVERNED,
                ManagementMode.COMMUNITY_CENTRE,
                ManagementMode.PROFESSIONAL,
            ],
            weights=[35, 25, 25, 15],
        )[0]
    return rng.choices(
        [ManagementMode.PROFESSIONAL, ManagementMode.COMMUNITY_CENTRE, ManagementMode.NONE],
        weights=[70, 20, 10],
    )[0]


def _id_number(rng: random.Random, district_code: str, taken: set[str]) -> str:
    while True:
        born = f"{rng.randint(1930, 1998)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        first17 = f"{district_code[:6]}{born}{rng.randint(0, 999):03d}"
        value = first17 + id_check_char(first17)
        if value not in taken:
            taken.add(value)
            return value


def _flag(rng: random.Random, p_true: float, p_unknown: float = 0.0) -> bool | None:
    if rng.random() < p_unknown:
        return None
    return rng.random() < p_true


def generate_city(communities: int, seed: int, *, with_dwellings: bool = True) -> DemoCity:
    """Generate ``communities`` communities (and, if asked, every dwelling and owner in them)."""
    rng = random.Random(seed)
    divisions, committees = _divisions(rng, communities)
    by_code = {d.code: d for d in divisions}
    return DemoCity(
        tuple(divisions), tuple(_communities(rng, communities, committees, by_code, with_dwellings))
    )


def _street_centre(code: str) -> tuple[Decimal, Decimal]:
    """Where a street's communities gather: a street is a neighbourhood, its communities within
    a few hundred metres of each other, as the 片区 suggestions expect of a real city."""
    place = random.Random(code)
    return (
        CENTRE[0] + Decimal(place.randint(-25000, 25000)) / 100000,
        CENTRE[1] + Decimal(place.randint(-20000, 20000)) / 100000,
    )


def _communities(
    rng: random.Random,
    count: int,
    committees: list[DemoDivision],
    by_code: dict[str, DemoDivision],
    with_dwellings: bool,
) -> Iterator[DemoCommunity]:
    names_in_street: dict[str, set[str]] = {}
    serial_in_committee: dict[str, int] = {}
    ids_taken: set[str] = set()
    for i in range(count):
        committee = (
            committees[i % len(committees)] if i < len(committees) else rng.choice(committees)
        )
        street = by_code[committee.code[:9] + "000"]
        district = by_code[committee.code[:6] + "000000"]
        serial = serial_in_committee[committee.code] = (
            serial_in_committee.get(committee.code, 0) + 1
        )
        code = f"{committee.code}{serial:03d}"
        name = _unique_name(
            rng,
            names_in_street.setdefault(street.code, set()),
            rng.choice(_PLACES),
            _COMMUNITY_SUFFIXES,
        )
        year = _build_year(rng)
        old = year < 2000
        floors_choice = [5, 6, 7] if old or rng.random() < 0.6 else [11, 18, 24]
        building_count = max(1, min(40, round(rng.lognormvariate(1.3, 0.7))))
        units_per_building = rng.choice([2, 3, 3, 4])
        buildings: list[BuildingRow] = []
        dwellings: list[DwellingRow] = []
        household_count = 0
        exclusive_total = Decimal(0)
        max_floors = 0
        owners: list[tuple[str, str]] = []
        low, high = (40, 95) if old else (60, 140)
        for b in range(1, building_count + 1):
            floors = rng.choice(floors_choice)
            elevator = floors > 7 or (not old and rng.random() < 0.2)
            units = units_per_building if rng.random() < 0.8 else rng.choice([1, 2, 3, 4])
            max_floors = max(max_floors, floors)
            number = f"{b}号楼"
            buildings.append(
                BuildingRow(
                    b + 1,
                    code,
                    number,
                    floors,
                    units,
                    elevator,
                    year if rng.random() < 0.9 else None,
                )
            )
            household_count += floors * units * 2
            if not with_dwellings:
                exclusive_total += Decimal(floors * units * 2 * (low + high) // 2)
                continue
            for unit in range(1, units + 1):
                for floor in range(1, floors + 1):
                    for door in (1, 2):
                        area = Decimal(rng.randint(low * 100, high * 100)) / 100
                        exclusive_total += area
                        owner_name: str | None
                        owner_id: str | None
                        draw = rng.random()
                        if draw < 0.02:
                            owner_name, owner_id = None, None
                        elif draw < 0.07 and owners:
                            owner_name, owner_id = rng.choice(owners)
                        else:
                            owner_name = rng.choice(_SURNAMES) + "".join(
                                rng.choice(_GIVEN) for _ in range(rng.choice((1, 2)))
                            )
                            owner_id = _id_number(rng, district.code, ids_taken)
                            owners.append((owner_name, owner_id))
                        dwellings.append(
                            DwellingRow(
                                len(dwellings) + 2,
                                code,
                                number,
                                str(unit),
                                floor,
                                f"{floor}{door:02d}",
                                area,
                                owner_name,
                                owner_id,
                            )
                        )
        floor_area = (exclusive_total * Decimal("1.18")).quantize(Decimal("0.01"))
        commercial_fund = not old or rng.random() < 0.3
        fund_initial = (
            (floor_area * Decimal(rng.choice([30, 40, 50]))).quantize(Decimal("0.01"))
            if commercial_fund and rng.random() < 0.8
            else None
        )
        fund_balance = (
            (fund_initial * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
            if fund_initial is not None
            else None
        )
        willingness = Decimal(rng.randint(35, 100)) if rng.random() < 0.85 else None
        community = CommunityRow(
            row=i + 2,
            code=code,
            name=name,
            district=district.name,
            street=street.name,
            committee=committee.name,
            division_code=committee.code,
            address=f"{district.name}{rng.choice(_PLACES)}路{rng.randint(1, 300)}号",
            build_year=year,
            building_count=building_count,
            household_count=household_count,
            floor_area=floor_area,
            property_nature=_property_nature(rng, year),
            max_floors=max_floors,
            has_elevator=max_floors > 7,
            management_mode=_management(rng, year),
            has_owners_committee=_flag(rng, 0.15 if old else 0.5, 0.05),
            fund_initial=fund_initial,
            fund_balance=fund_balance,
            in_shantytown_plan=_flag(rng, 0.02 if old else 0.0, 0.02),
            mostly_self_built=_flag(rng, 0.015, 0.02),
            is_urban_village=_flag(rng, 0.012, 0.02),
            structure_safe=_flag(rng, 0.98, 0.03),
            willingness_pct=willingness,
            longitude=(
                _street_centre(street.code)[0] + Decimal(rng.randint(-30000, 30000)) / 5_000_000
            ).quantize(Decimal("0.000001")),
            latitude=(
                _street_centre(street.code)[1] + Decimal(rng.randint(-25000, 25000)) / 5_000_000
            ).quantize(Decimal("0.000001")),
            district_code=district.code,
            street_code=street.code,
            committee_code=committee.code,
        )
        yield DemoCommunity(community, tuple(buildings), tuple(dwellings))


_ALWAYS_THERE = frozenset(
    {
        Facility.WATER_SUPPLY,
        Facility.DRAINAGE,
        Facility.POWER,
        Facility.ROADS,
        Facility.LIGHTING,
        Facility.BUILDING_COMMON_PARTS,
    }
)


def demo_conditions(code: str, build_year: int, seed: int) -> dict[Facility, Condition]:
    """A plausible condition assessment: the older the community the more is worn, services
    are often missing, and one community in eight is not assessed yet."""
    rng = random.Random(f"{seed}:{code}:conditions")
    if rng.random() < 0.125:
        return {}
    wear = min(0.85, max(0.15, (2010 - build_year) / 30))
    found: dict[Facility, Condition] = {}
    for facility in Facility:
        if facility in _ALWAYS_THERE:
            found[facility] = Condition.POOR if rng.random() < wear else Condition.GOOD
        elif facility is Facility.HEATING and rng.random() < 0.6:
            found[facility] = Condition.NOT_APPLICABLE
        else:
            roll = rng.random()
            found[facility] = (
                Condition.MISSING
                if roll < wear * 0.6
                else Condition.POOR
                if roll < wear
                else Condition.GOOD
            )
    return found


_RESOURCE_NAMES = {
    Kind.ROOM: ("{place}路原街道办公用房", "{place}社区闲置用房"),
    Kind.BUILDING: ("原{place}粮站办公楼", "{place}路闲置厂房", "原{place}供销社楼"),
    Kind.SHOP: ("{place}路住宅楼底商", "{place}街底层商铺"),
    Kind.PLOT: ("{place}路拆违腾空地", "{place}路闲置空地"),
    Kind.STORED_HOUSING: ("{place}小区存房",),
}
_OWNERS = ("濮阳市机关事务管理局", "华龙区国有资产经营有限公司", "濮阳市粮食储备公司", "街道办事处")
_USES = (
    (Facility.ELDERLY_CARE, Facility.MEAL_ASSISTANCE),
    (Facility.ELDERLY_CARE, Facility.COMMUNITY_SERVICES, Facility.SPORTS_CULTURE),
    (Facility.CHILD_CARE,),
    (Facility.PARKING, Facility.EV_CHARGING),
    (Facility.MARKET,),
    (Facility.HEALTH, Facility.ELDERLY_CARE),
)


def demo_resources(communities: Sequence[CommunityRow], seed: int) -> list[ResourceRow]:
    """An inventory of stock resources: one lying a hundred metres or so from every third
    community, most of them able to house elderly care, the facility old communities lack most."""
    rng = random.Random(f"{seed}:resources")
    found: list[ResourceRow] = []
    for community in communities[::3]:
        if community.longitude is None or community.latitude is None:
            continue
        kind = rng.choice(list(_RESOURCE_NAMES))
        number = len(found) + 1
        found.append(
            ResourceRow(
                row=number + 1,
                code=f"CL{number:04d}",
                name=rng.choice(_RESOURCE_NAMES[kind]).format(place=rng.choice(_PLACES)),
                kind=kind,
                owner=rng.choice(_OWNERS),
                area_m2=Decimal(rng.randint(80, 1200)),
                uses=rng.choice(_USES),
                state=rng.choice(list(State)),
                division_code=community.street_code or "",
                address="",
                longitude=community.longitude + Decimal(rng.randint(-1500, 1500)) / 1_000_000,
                latitude=community.latitude + Decimal(rng.randint(-1200, 1200)) / 1_000_000,
                documents="",
            )
        )
    return found


def demo_outlines(communities: Sequence[CommunityRow], margin_m: float = 2500) -> list[Outline]:
    """An outline for each district of the demo: the convex hull of its communities, each
    widened to a circle of ``margin_m``. Drawn for the demo only; a bureau supplies its own."""
    by_district: dict[str, list[tuple[float, float]]] = {}
    for c in communities:
        if c.longitude is None or c.latitude is None or not c.district_code:
            continue
        lng, lat = float(c.longitude), float(c.latitude)
        across = margin_m / (111_195 * math.cos(math.radians(lat)))
        up = margin_m / 111_195
        by_district.setdefault(c.district_code, []).extend(
            (lng + across * math.cos(a), lat + up * math.sin(a))
            for a in (n * math.pi / 8 for n in range(16))
        )
    return [
        Outline(code, ((tuple(_hull(points)),),)) for code, points in sorted(by_district.items())
    ]


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain, closed: the first vertex repeated at the end."""
    ordered = sorted(set(points))

    def half(run: list[tuple[float, float]]) -> list[tuple[float, float]]:
        kept: list[tuple[float, float]] = []
        for p in run:
            while (
                len(kept) >= 2
                and (
                    (kept[-1][0] - kept[-2][0]) * (p[1] - kept[-2][1])
                    - (kept[-1][1] - kept[-2][1]) * (p[0] - kept[-2][0])
                )
                <= 0
            ):
                kept.pop()
            kept.append(p)
        return kept

    lower, upper = half(ordered), half(ordered[::-1])
    ring = lower[:-1] + upper[:-1]
    return [*ring, ring[0]]
