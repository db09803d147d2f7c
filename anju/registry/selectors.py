"""Reads of the registry, always through the jurisdiction rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from anju.accounts.jurisdiction import ALL, reaches, scopes
from anju.accounts.models import User
from anju.core.access import Capability
from anju.core.boundaries import Polygon, outside
from anju.core.divisions import Level, covers, parent_code
from anju.core.ledger import BuildingRow, CommunityRow, DwellingRow, Issue, LedgerBook
from anju.core.ledger_layout import bare_header
from anju.core.nearby import Point
from anju.core.registry import ManagementMode, PropertyNature
from anju.divisions.models import Division, FormerName
from anju.divisions.selectors import home_city
from anju.jobs.progress import ProgressFile
from anju.registry.models import (
    Boundary,
    Building,
    Community,
    Dwelling,
    LedgerImport,
    LedgerWording,
)
from anju.registry.personal import reveal_id
from anju.registry.progress import stage_label

COMMUNITY_FIELDS = (
    "name",
    "address",
    "build_year",
    "building_count",
    "household_count",
    "floor_area",
    "property_nature",
    "max_floors",
    "has_elevator",
    "management_mode",
    "has_owners_committee",
    "fund_initial",
    "fund_balance",
    "in_shantytown_plan",
    "mostly_self_built",
    "is_urban_village",
    "structure_safe",
    "willingness_pct",
    "longitude",
    "latitude",
)
BUILDING_FIELDS = ("floors", "unit_count", "has_elevator", "build_year")


Viewer = User | AnonymousUser | None


def community_list(*, user: Viewer) -> QuerySet[Community]:
    return Community.objects.visible_to(user).select_related("district", "street", "committee")


def community_get(*, user: Viewer, code: str) -> Community:
    """Raises Community.DoesNotExist alike for a missing record and one outside the jurisdiction,
    so that probing codes reveals nothing."""
    return community_list(user=user).get(code=code)


def community_editable(*, user: Viewer, community: Community) -> bool:
    return Community.objects.editable_by(user).filter(pk=community.pk).exists()


def community_buildings(*, community: Community) -> QuerySet[Building]:
    """Buildings with ``dwelling_count`` annotated, in one query."""
    return community.buildings.annotate(dwelling_count=Count("dwellings")).order_by("id")


def community_dwelling_count(*, community: Community) -> int:
    return Dwelling.objects.filter(building__community=community).count()


class RegistryLedgerContext:
    """The registry as ledger validation sees it, preloaded in a few queries so that validating
    a national ledger costs dictionary look-ups, not a query per row."""

    def __init__(
        self, *, user: User | None, capability: Capability = Capability.REGISTRY_EDIT
    ) -> None:
        self._user = user
        self._capability = capability
        self._districts: dict[str, list[str]] = {}
        self._above: dict[str, str] = dict(  # provinces' and cities' names, for labels
            Division.objects.filter(level__lt=Level.DISTRICT).values_list("code", "name")
        )
        self._streets: dict[tuple[str, str], str] = {}
        self._committees: dict[tuple[str, str], str] = {}
        self._codes: set[str] = set()
        for code, name, level, parent in Division.objects.filter(
            level__gte=Level.DISTRICT
        ).values_list("code", "name", "level", "parent_id"):
            self._codes.add(code)
            if level == Level.DISTRICT:
                self._districts.setdefault(name, []).append(code)
                self._above[code] = name
            elif level == Level.STREET:
                self._streets[(parent, name)] = code
            else:
                self._committees[(parent, name)] = code
        for former, renamed, at, above in FormerName.objects.filter(
            division__level__gte=Level.DISTRICT
        ).values_list("name", "division_id", "division__level", "division__parent_id"):
            if at == Level.DISTRICT:
                if renamed not in self._districts.setdefault(former, []):
                    self._districts[former].append(renamed)
            elif at == Level.STREET and above:
                self._streets.setdefault((above, former), renamed)
            elif above:
                self._committees.setdefault((above, former), renamed)
        self._communities: dict[str, str] = dict(
            Community.objects.values_list("code", "division_id")
        )
        self._floors: dict[str, dict[str, int]] = {}
        self._masks: dict[str, dict[tuple[str, str, str, str], str]] = {}
        self._reach: dict[str, bool] = {}

    def district_codes(self, name: str) -> tuple[str, ...]:
        codes = tuple(self._districts.get(name, ()))
        if len(codes) < 2:
            return codes
        home = scopes(self._user, self._capability)
        if home is ALL:
            city = home_city()
            home = (city,) if city else ()
        own = tuple(c for c in codes if any(covers(h, c) or covers(c, h) for h in home))
        return own or codes

    def division_label(self, code: str) -> str:
        city = parent_code(code)
        province = parent_code(city) if city else None
        # a municipality's districts sit under 市辖区 or 县, which say nothing: name the province
        above = [self._above.get(c or "", "") for c in (province, city)]
        if above[1] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            above[1] = ""
        return "".join(part for part in (*above, self._above.get(code, code)) if part)

    def street_code(self, district_code: str, name: str) -> str | None:
        return self._streets.get((district_code, name))

    def committee_code(self, street_code: str, name: str) -> str | None:
        return self._committees.get((street_code, name))

    def division_exists(self, code: str) -> bool:
        return code in self._codes

    def in_jurisdiction(self, code: str) -> bool:
        known = self._reach.get(code)
        if known is None:
            known = self._reach[code] = reaches(self._user, self._capability, code)
        return known

    def community_division(self, code: str) -> str | None:
        return self._communities.get(code)

    def building_floors(self, community_code: str, number: str) -> int | None:
        floors = self._floors.get(community_code)
        if floors is None:
            floors = self._floors[community_code] = dict(
                Building.objects.filter(community__code=community_code).values_list(
                    "number", "floors"
                )
            )
        return floors.get(number)

    def owner_id_mask(self, key: tuple[str, str, str, str]) -> str | None:
        community_code = key[0]
        masks = self._masks.get(community_code)
        if masks is None:
            masks = self._masks[community_code] = {
                (community_code, number, unit, room): masked
                for number, unit, room, masked in Dwelling.objects.filter(
                    building__community__code=community_code, owner__id_masked__gt=""
                ).values_list("building__number", "unit", "room", "owner__id_masked")
            }
        return masks.get(key)


def _enum_or_none(enum: Any, value: str) -> Any:
    return enum(value) if value else None


def ledger_rows(
    *,
    user: User | None,
    with_personal_data: bool = False,
    communities: QuerySet[Community] | None = None,
) -> Iterator[Any]:
    """Yield the ledger rows of every community ``user`` sees (or of ``communities``, a list
    filtered from those): CommunityRows, then BuildingRows, then DwellingRows, streamed so that
    a national export need not sit in memory at once.

    ID numbers are masked unless ``with_personal_data`` is asked for by a user who may export
    personal data there; a masked number re-imported means 'unchanged'.
    """
    if communities is None:
        communities = community_list(user=user)
    communities = communities.order_by("code")
    names = dict(Division.objects.values_list("code", "name"))
    columns = ("code", "district_id", "street_id", "committee_id", "division_id", *COMMUNITY_FIELDS)
    for i, values in enumerate(communities.values_list(*columns).iterator(chunk_size=5000)):
        record = dict(zip(columns, values, strict=True))
        yield CommunityRow(
            row=i + 2,
            code=record["code"],
            name=record["name"],
            district=names[record["district_id"]],
            street=names[record["street_id"]],
            committee=names[record["committee_id"]] if record["committee_id"] else None,
            division_code=record["division_id"],
            address=record["address"] or None,
            build_year=record["build_year"],
            building_count=record["building_count"],
            household_count=record["household_count"],
            floor_area=record["floor_area"],
            property_nature=PropertyNature(record["property_nature"]),
            max_floors=record["max_floors"],
            has_elevator=record["has_elevator"],
            management_mode=_enum_or_none(ManagementMode, record["management_mode"]),
            has_owners_committee=record["has_owners_committee"],
            fund_initial=record["fund_initial"],
            fund_balance=record["fund_balance"],
            in_shantytown_plan=record["in_shantytown_plan"],
            mostly_self_built=record["mostly_self_built"],
            is_urban_village=record["is_urban_village"],
            structure_safe=record["structure_safe"],
            willingness_pct=record["willingness_pct"],
            longitude=record["longitude"],
            latitude=record["latitude"],
            district_code=record["district_id"],
            street_code=record["street_id"],
            committee_code=record["committee_id"],
        )
    buildings = Building.objects.filter(community__in=communities).order_by("community__code", "id")
    for i, (code, number, floors, units, elevator, year) in enumerate(
        buildings.values_list(
            "community__code", "number", "floors", "unit_count", "has_elevator", "build_year"
        ).iterator(chunk_size=5000)
    ):
        yield BuildingRow(i + 2, code, number, floors, units, elevator, year)
    dwellings = Dwelling.objects.filter(building__community__in=communities).order_by(
        "building__community__code", "building_id", "unit", "floor", "room"
    )
    for i, (code, number, unit, floor, room, area, name, masked, cipher, division) in enumerate(
        dwellings.values_list(
            "building__community__code",
            "building__number",
            "unit",
            "floor",
            "room",
            "exclusive_area",
            "owner__name",
            "owner__id_masked",
            "owner__id_cipher",
            "building__community__division_id",
        ).iterator(chunk_size=5000)
    ):
        id_number: str | None = masked or None
        if (
            cipher
            and with_personal_data
            and reaches(user, Capability.PERSONAL_DATA_EXPORT, division)
        ):
            id_number = reveal_id(cipher)
        yield DwellingRow(
            i + 2, code, number, unit, floor, room, Decimal(area), name or None, id_number
        )


def ledger_book(*, user: User | None, with_personal_data: bool = False) -> LedgerBook:
    """The whole visible registry as one book (tests and small exports)."""
    rows = list(ledger_rows(user=user, with_personal_data=with_personal_data))
    return LedgerBook(
        tuple(r for r in rows if isinstance(r, CommunityRow)),
        tuple(r for r in rows if isinstance(r, BuildingRow)),
        tuple(r for r in rows if isinstance(r, DwellingRow)),
    )


@dataclass(frozen=True, slots=True)
class ImportProgress:
    stage: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0


def import_files(job: LedgerImport) -> tuple[Path, Path]:
    """Where the job's sealed file waits and where its progress is kept."""
    folder = Path(settings.LEDGER_IMPORT_DIR)
    return folder / f"{job.pk}.fernet", folder / f"{job.pk}.progress.json"


def ledger_import_progress(job: LedgerImport) -> ImportProgress | None:
    """Where the worker is with the import, as it last said; None before it starts."""
    found = ProgressFile.read(import_files(job)[1])
    if found is None:
        return None
    return ImportProgress(
        stage_label(str(found.get("stage", ""))),
        int(found.get("done", 0)),
        int(found.get("total", 0)),
    )


def ledger_import_issues(job: LedgerImport) -> list[Issue]:
    """The problems a rejected import found, cell by cell, as the core named them."""
    return [Issue(**found) for found in job.issues or []]


def wording_divisions(user: User | AnonymousUser | None) -> list[str]:
    """Where a user's wordings are kept: each division they edit the registry in, but one
    inside another they hold; the deployment's city for the operator and a superuser."""
    codes = scopes(user, Capability.REGISTRY_EDIT)
    if codes is ALL:
        city = home_city()
        return [city] if city else []
    return [code for code in codes if not any(o != code and covers(o, code) for o in codes)]


def ledger_wordings_told(user: User | AnonymousUser | None) -> list[LedgerWording]:
    """The wordings kept where the user imports for, which they may forget; those told above
    them serve their imports but are not theirs to change."""
    return list(
        LedgerWording.objects.filter(division_id__in=wording_divisions(user))
        .select_related("division")
        .order_by("division_id", "sheet", "written")
    )


def ledger_wordings(user: User | AnonymousUser | None) -> dict[str, list[str]]:
    """The wordings read in the user's imports, as core.ledger_layout.lay_out takes them (each
    template column's wordings): those told in their divisions and the divisions above them
    (a city's serve its districts); every one for the operator."""
    codes = scopes(user, Capability.REGISTRY_EDIT)
    extra: dict[str, list[str]] = {}
    for wording in LedgerWording.objects.order_by("division_id", "pk"):
        if codes is ALL or any(covers(wording.division_id, code) for code in codes):
            extra.setdefault(bare_header(wording.header), []).append(wording.written)
    return extra


def ledger_import_kept(job: LedgerImport) -> bool:
    """Whether the job's file is still kept, sealed, for it to be read again (a check, or an
    import refused, after its author says how to read a column)."""
    return import_files(job)[0].exists()


def boundaries_of(user: Viewer) -> QuerySet[Boundary]:
    return Boundary.objects.visible_to(user).select_related("division").order_by("division_id")


def polygons_of(boundary: Boundary) -> tuple[Polygon, ...]:
    return tuple(
        tuple(tuple((float(v[0]), float(v[1])) for v in ring) for ring in polygon)
        for polygon in boundary.polygons
    )


def misplaced(communities: QuerySet[Community]) -> dict[str, str]:
    """By community code, the division (its district, else its street) whose outline its
    coordinates fall outside, for the communities whose divisions have outlines on file."""
    rows = list(
        communities.exclude(longitude=None)
        .exclude(latitude=None)
        .order_by("code")
        .values_list("code", "longitude", "latitude", "district_id", "street_id")
    )
    wanted = {r[3] for r in rows} | {r[4] for r in rows}
    outlines = {b.division_id: polygons_of(b) for b in Boundary.objects.filter(pk__in=wanted)}
    if not outlines:
        return {}
    return dict(
        outside(
            (
                (code, Point(float(lng), float(lat)), (district, street))
                for code, lng, lat, district, street in rows
                if lng is not None and lat is not None
            ),
            outlines,
        )
    )


def division_outside(community: Community) -> Division | None:
    """The division (district, else street) whose outline on file the community's coordinates
    fall outside, if any."""
    code = misplaced(Community.objects.filter(pk=community.pk)).get(community.code)
    return Division.objects.get(pk=code) if code else None
