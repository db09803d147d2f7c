"""The stages of a ledger import as a person reads them, the same on the terminal's bars and on
the import's page."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STAGES: dict[str, Promise] = {
    "read": _("Reading"),
    "validate": _("Validating"),
    "communities": _("Communities"),
    "buildings": _("Buildings"),
    "dwellings": _("Dwellings"),
    "write": _("Writing"),
}


def stage_label(stage: str) -> str:
    return str(STAGES.get(stage, stage))
