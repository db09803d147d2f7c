"""A draw that runs short of experts, said in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anju.core.expert_draw import NotEnoughExperts
from anju.experts.selectors import SPECIALTIES


def short_text(short: NotEnoughExperts) -> str:
    return _(
        "Not enough experts in “{specialty}”: {needed} needed, {eligible} free of any "
        "conflict. Add experts to the library or ask for fewer."
    ).format(
        specialty=SPECIALTIES.get(short.specialty, short.specialty),
        needed=short.needed,
        eligible=short.eligible,
    )
