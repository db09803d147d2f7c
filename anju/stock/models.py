from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import DivisionQuerySet
from anju.core.stock import Kind as CoreKind
from anju.core.stock import State as CoreState
from anju.divisions.models import Division
from anju.registry.models import Community
from anju.web.facilities import Facility


class Kind(models.TextChoices):
    """What the resource is (chongqing-2021 §5.(2) names land, buildings, ground-floor shops and
    存房)."""

    ROOM = CoreKind.ROOM, _("Idle rooms")
    BUILDING = CoreKind.BUILDING, _("Idle building")
    SHOP = CoreKind.SHOP, _("Ground-floor shop space")
    PLOT = CoreKind.PLOT, _("Vacant plot")
    STORED_HOUSING = CoreKind.STORED_HOUSING, _("Stored housing (存房)")


class State(models.TextChoices):
    READY = CoreState.READY, _("Usable as it is")
    REPAIR = CoreState.REPAIR, _("Needs repair")
    REBUILD = CoreState.REBUILD, _("Needs building or rebuilding")


class ResourceQuerySet(DivisionQuerySet["Resource"]):
    pass


class Resource(models.Model):
    """An idle room, building, plot or 存房 a bureau has on its inventory, and the community
    whose project has taken it, if one has: a resource serves one project."""

    code = models.CharField(_("resource code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    owner = models.CharField(_("owned by"), max_length=100)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=2)
    uses = models.JSONField(_("may be used for"), default=list)
    """The facility keys (core.conditions.Facility) the owner and planning allow it for."""
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    division = models.ForeignKey(
        Division, models.PROTECT, related_name="+", verbose_name=_("division")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    documents = models.CharField(_("title and approval documents"), max_length=200, blank=True)
    taken_by = models.ForeignKey(
        Community,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_taken",
        verbose_name=_("taken for the project of"),
    )
    taken_for = models.CharField(
        _("taken for"), max_length=32, choices=Facility.choices, blank=True
    )
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("stock resource")
        verbose_name_plural = _("stock resources")
        # what lies near a community: a box of latitudes first
        indexes = [models.Index(fields=["latitude", "longitude"], name="resource_place")]

    def __str__(self) -> str:
        return self.name

    def audit_key(self) -> str:
        return self.code
