from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.accounts.models import User
from anju.core.access import Capability
from anju.core.registry import ManagementMode as CoreManagementMode
from anju.core.registry import PropertyNature as CorePropertyNature


class PropertyNature(models.TextChoices):
    COMMERCIAL = CorePropertyNature.COMMERCIAL, _("Commercial housing")
    REFORM = CorePropertyNature.REFORM, _("Housing-reform housing")
    PUBLIC = CorePropertyNature.PUBLIC, _("Public housing")
    WORK_UNIT = CorePropertyNature.WORK_UNIT, _("Work-unit managed housing")
    RESETTLEMENT = CorePropertyNature.RESETTLEMENT, _("Resettlement housing")
    MIXED = CorePropertyNature.MIXED, _("Mixed")


class ManagementMode(models.TextChoices):
    PROFESSIONAL = CoreManagementMode.PROFESSIONAL, _("Professional property management")
    COMMUNITY_CENTRE = CoreManagementMode.COMMUNITY_CENTRE, _("Community property service centre")
    SELF_GOVERNED = CoreManagementMode.SELF_GOVERNED, _("Residents' self-management")
    NONE = CoreManagementMode.NONE, _("None")


class CommunityQuerySet(DivisionQuerySet["Community"]):
    def editable_by(self, user: User | AnonymousUser | None) -> CommunityQuerySet:
        return self.reached_by(user, Capability.REGISTRY_EDIT)


class Community(models.Model):
    """小区: one row of the ledger. ``division`` is the deepest division known (committee, else
    street) and carries the jurisdiction; district and street are kept for lists and filters."""

    code = models.CharField(_("community code"), max_length=32, unique=True)
    name = models.CharField(_("community name"), max_length=100)
    # No single-column indexes on district, street and committee: the (district, street, name)
    # index serves the first two, jurisdiction goes by ``division``, and every index costs time
    # on each of a national ledger's 220,000 inserts.
    district = models.ForeignKey(
        "divisions.Division",
        models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("district / county"),
    )
    street = models.ForeignKey(
        "divisions.Division",
        models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("street / township"),
    )
    committee = models.ForeignKey(
        "divisions.Division",
        models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
        verbose_name=_("residents' committee"),
    )
    division = models.ForeignKey(
        "divisions.Division",
        models.PROTECT,
        related_name="communities",
        verbose_name=_("division"),
        db_index=False,  # the (division, code) index serves it
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    build_year = models.PositiveSmallIntegerField(_("year built"), db_index=True)
    building_count = models.PositiveIntegerField(_("buildings"))
    household_count = models.PositiveIntegerField(_("households"))
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=14, decimal_places=2)
    property_nature = models.CharField(
        _("property nature"), max_length=16, choices=PropertyNature.choices
    )
    max_floors = models.PositiveSmallIntegerField(_("highest floor count"), null=True, blank=True)
    has_elevator = models.BooleanField(_("has elevators"), null=True, blank=True)
    management_mode = models.CharField(
        _("property management"), max_length=20, choices=ManagementMode.choices, blank=True
    )
    has_owners_committee = models.BooleanField(_("owners' committee set up"), null=True, blank=True)
    fund_initial = models.DecimalField(
        _("maintenance fund initial amount (yuan)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    fund_balance = models.DecimalField(
        _("maintenance fund balance (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    in_shantytown_plan = models.BooleanField(
        _("in a shantytown renovation plan"), null=True, blank=True
    )
    mostly_self_built = models.BooleanField(_("mostly self-built housing"), null=True, blank=True)
    is_urban_village = models.BooleanField(_("urban village"), null=True, blank=True)
    structure_safe = models.BooleanField(_("building structure safe"), null=True, blank=True)
    willingness_pct = models.DecimalField(
        _("residents willing to renovate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        indexes = [
            models.Index(fields=["district", "street", "name"], name="community_place"),
            # a jurisdiction is a range of division codes; within it, lists go by place and code
            models.Index(fields=["division", "code"], name="community_division_code"),
            # the list's sorting headers read a page off these, not a sort of the whole registry;
            # the search, going by name, stops at its first rows found
            models.Index(fields=["name", "code"], name="community_name_code"),
            models.Index(fields=["household_count", "code"], name="community_households"),
            models.Index(fields=["floor_area", "code"], name="community_area"),
            models.Index(fields=["building_count", "code"], name="community_buildings"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_key(self) -> str:
        return self.code


class Building(models.Model):
    """楼栋."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="buildings", verbose_name=_("community")
    )
    number = models.CharField(_("building number"), max_length=20)
    floors = models.PositiveSmallIntegerField(_("floors"))
    unit_count = models.PositiveSmallIntegerField(_("stairway units"), null=True, blank=True)
    has_elevator = models.BooleanField(_("has elevator"), null=True, blank=True)
    build_year = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)

    class Meta:
        ordering = ["community", "id"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="building_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.number}"


class Owner(models.Model):
    """业主. The ID number is kept encrypted; a keyed digest finds the same person again (one
    person owning several dwellings counts once in a vote) and a mask is what anyone sees."""

    name = models.CharField(_("name"), max_length=50, blank=True)
    # NULL, not '', for owners known only by name: many may lack a number, none may share one.
    id_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    id_cipher = models.TextField(blank=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")

    def __str__(self) -> str:
        return f"{self.name} {self.id_masked}".strip()


class Dwelling(models.Model):
    """房屋/户: the unit of ownership; its exclusive area weighs in owners' votes."""

    building = models.ForeignKey(
        Building, models.CASCADE, related_name="dwellings", verbose_name=_("building")
    )
    unit = models.CharField(_("stairway unit"), max_length=20)
    floor = models.SmallIntegerField(_("floor"))
    room = models.CharField(_("room number"), max_length=20)
    exclusive_area = models.DecimalField(_("exclusive area (m²)"), max_digits=10, decimal_places=2)
    owner = models.ForeignKey(
        Owner,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dwellings",
        verbose_name=_("owner"),
    )

    class Meta:
        ordering = ["building", "unit", "floor", "room"]
        verbose_name = _("dwelling")
        verbose_name_plural = _("dwellings")
        constraints = [
            models.UniqueConstraint(
                fields=["building", "unit", "room"], name="dwelling_unique_room"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} {self.unit}-{self.room}"


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Problems found; nothing imported")
    REFUSED = "refused", _("File refused; nothing imported")
    FAILED = "failed", _("Stopped by an error; nothing imported")


class LedgerImport(models.Model):
    """一次台账导入 from the web page: the file is kept, sealed with the data key, until the worker
    has read and written it in one transaction; the page follows its progress meanwhile."""

    name = models.CharField(_("file"), max_length=255)  # as long as an upload's name may be
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    dry_run = models.BooleanField(_("check only"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=ImportState.choices, default=ImportState.QUEUED
    )
    summary = models.JSONField(_("summary"), null=True, blank=True)
    issues = models.JSONField(_("problems"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        User, models.CASCADE, related_name="ledger_imports", verbose_name=_("requested by")
    )
    origin = models.CharField(_("origin"), max_length=200)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state not in (ImportState.QUEUED, ImportState.RUNNING)


WRITTEN_MAX = 100  # the longest header a wording may be


class LedgerWording(models.Model):
    """How one division's bureau words a template column in its own ledgers (院落名 for
    小区名称): told once on the import page, read in every ledger imported there since. A
    city's wordings serve its districts; they are the synonym table a city extends."""

    division = models.ForeignKey(
        "divisions.Division",
        models.PROTECT,
        related_name="ledger_wordings",
        verbose_name=_("division"),
    )
    sheet = models.CharField(_("sheet"), max_length=8)
    written = models.CharField(_("header in the file"), max_length=WRITTEN_MAX)
    header = models.CharField(_("read as"), max_length=64)
    created_by = models.ForeignKey(
        User, models.SET_NULL, null=True, related_name="+", verbose_name=_("told by")
    )
    created_at = models.DateTimeField(_("told"), auto_now_add=True)

    class Meta:
        ordering = ["division_id", "sheet", "written"]
        verbose_name = _("ledger header wording")
        verbose_name_plural = _("ledger header wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["division", "sheet", "written"], name="ledger_wording_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.header}"


class BoundaryQuerySet(DivisionQuerySet["Boundary"]):
    pass


class Boundary(models.Model):
    """A division's outline as its bureau supplied it (GeoJSON, kept in CGCS2000): drawn on the
    map under the points, and the line a community's coordinates are checked against. Only an
    outline with its 审图号 (the map's approval number) is fit for the public: an unapproved map
    may not be published."""

    division = models.OneToOneField(
        "divisions.Division",
        models.CASCADE,
        primary_key=True,
        related_name="boundary",
        verbose_name=_("division"),
    )
    # [polygon, …], each [outer ring, hole, …], each ring [[longitude, latitude], …]
    polygons = models.JSONField(_("outline"))
    map_number = models.CharField(_("map approval number (审图号)"), max_length=64, blank=True)
    source = models.CharField(_("file"), max_length=200, blank=True)
    loaded_by = models.ForeignKey(
        User, models.SET_NULL, null=True, related_name="+", verbose_name=_("loaded by")
    )
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    objects = BoundaryQuerySet.as_manager()

    class Meta:
        ordering = ["division_id"]
        verbose_name = _("division boundary")
        verbose_name_plural = _("division boundaries")

    def __str__(self) -> str:
        return self.division_id

    @property
    def approved(self) -> bool:
        return bool(self.map_number)
