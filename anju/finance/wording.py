"""Why money could not be shared, said in the user's language.

The core raises its problems as codes with figures; this is the one place they become sentences.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from anju.core import apportion as a
from anju.core import household_shares as h


def apportion_problem(error: a.ApportionError) -> str:
    details = error.details
    messages = {
        a.NO_DWELLINGS: _("There are no dwellings to share the amount among."),
        a.DUPLICATE_DWELLING: _("The dwelling {dwelling_id} is listed twice."),
        a.BAD_AREA: _("The dwelling {dwelling_id} has no valid exclusive area."),
        a.NO_COEFFICIENT: _(
            "The dwelling {dwelling_id} is on floor {floor}, and no coefficient is given for "
            "that floor."
        ),
        a.NOTHING_TO_WEIGH: _(
            "Every dwelling weighs nothing under this rule (no area, a coefficient of 0 or let "
            "off entirely), so nobody would pay; the amount cannot be shared."
        ),
        a.UNKNOWN_REDUCTION: _("A reduction names the dwelling {dwelling_id}, which is not here."),
        a.BAD_REDUCTION: _(
            "The reduction of the dwelling {dwelling_id} is given twice or is not between 0 "
            "and 100 %."
        ),
        a.NEGATIVE_TOTAL: _("The amount to share is negative."),
        h.NO_UNIT_SERVED: _(
            "The households pay part of an elevator, but no stairway unit has passed an "
            "elevator vote, so nobody is known to be served; hold the unit's vote first."
        ),
        h.EMPTY_UNIT: _("The stairway unit {unit} has no dwellings in the registry."),
    }
    return messages[error.problem].format(**details)
