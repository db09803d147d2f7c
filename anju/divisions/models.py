from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.divisions import Level


class DivisionLevel(models.IntegerChoices):
    PROVINCE = Level.PROVINCE, _("Province")
    CITY = Level.CITY, _("City")
    DISTRICT = Level.DISTRICT, _("District / county")
    STREET = Level.STREET, _("Street / township")
    COMMITTEE = Level.COMMITTEE, _("Residents' committee")


class Division(models.Model):
    """行政区划: keyed by its 12-digit statistical code, so that a code prefix is a jurisdiction."""

    code = models.CharField(_("division code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        # the districts (or streets) of an area: one level, a range of codes
        indexes = [models.Index(fields=["level", "code"], name="division_level_code")]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="division_unique_name_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FormerName(models.Model):
    """A name a division bore before an edition of the division tables renamed it: ledgers
    written before still name it so, and still resolve."""

    division = models.ForeignKey(
        Division, models.CASCADE, related_name="former_names", verbose_name=_("division")
    )
    name = models.CharField(_("name"), max_length=100)
    replaced_on = models.DateField(_("replaced on"))
    source = models.CharField(_("renamed by"), max_length=100, blank=True)

    class Meta:
        ordering = ["division", "-replaced_on"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(fields=["division", "name"], name="former_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class HomeCity(models.Model):
    """The city this deployment of Anju serves, chosen once at set-up: a ledger's district
    name that several cities share is read as this city's own."""

    division = models.ForeignKey(
        Division, models.PROTECT, related_name="+", verbose_name=_("division")
    )
    chosen_at = models.DateTimeField(_("chosen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("home city")
        verbose_name_plural = _("home city")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="home_city_one")]

    def __str__(self) -> str:
        return str(self.division)
