"""Why money could not be shared, said in the user's language.

The core raises its problems as codes with figures; this is the one place they become sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from anju.core import apportion as a
from anju.core import funding
from anju.core import household_shares as h
from anju.core.money import yuan_text
from anju.finance.models import channel_name
from anju.finance.money import services as money
from anju.finance.services import (
    ALREADY_OPEN,
    BELOW_GRANTS,
    NO_DWELLINGS,
    NOT_FLAGGED,
    NOT_RECONCILED,
    NOTHING_SELECTED,
    NOTHING_TO_FIT,
    UNPRICED,
    FundingRefused,
)


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
        h.UNITS_MISMATCH: _(
            "The content list prices elevators for {priced} stairway units, but {served} have "
            "passed an elevator vote ({units}). Set the quantity to the units that voted and "
            "draw the funding plan again, so that each unit pays for its own lift."
        ),
    }
    return messages[error.problem].format(**details)


def finding_text(finding: funding.Finding, lines: Sequence[funding.CostLine]) -> str:
    """One problem of a funding plan, naming the line, the channel and the figures."""
    names = {line.key: line.name for line in lines}
    line = names.get(finding.key, finding.key)
    channel = channel_name(finding.channel) if finding.channel else ""
    if finding.problem is funding.Problem.SHORT:
        return _("{line}: paid {funded} yuan of {cost}; {gap} yuan is not covered.").format(
            line=line,
            funded=yuan_text(finding.funded),
            cost=yuan_text(finding.cost),
            gap=yuan_text(finding.cost - finding.funded),
        )
    if finding.problem is funding.Problem.OVER:
        return _(
            "{line}: paid {funded} yuan against a cost of {cost}; {gap} yuan too much."
        ).format(
            line=line,
            funded=yuan_text(finding.funded),
            cost=yuan_text(finding.cost),
            gap=yuan_text(finding.funded - finding.cost),
        )
    if finding.problem is funding.Problem.CHANNEL_LIMITED:
        return _("{line}: {channel} may not pay for this under the policy pack.").format(
            line=line, channel=channel
        )
    if finding.problem is funding.Problem.CHANNEL_NOT_OPEN:
        return _("{channel} is not a funding channel of the policy pack.").format(channel=channel)
    if finding.problem is funding.Problem.NEGATIVE:
        return _("{line}: an amount from {channel} is negative.").format(line=line, channel=channel)
    return _("{line} is not a line of this funding plan.").format(line=line)


def refusal_text(refused: FundingRefused) -> str:
    messages = {
        UNPRICED: _(
            "The content list has lines in the plan without a quantity ({names}); fill them in "
            "before drawing the funding plan."
        ),
        NOTHING_SELECTED: _("The content list has nothing in the plan to fund."),
        NOT_RECONCILED: _("The funding plan does not reconcile; nothing was saved."),
        NOT_FLAGGED: _(
            "The maintenance fund is not below the line, so there is nothing to set up or top up."
        ),
        ALREADY_OPEN: _("A top-up of this community's maintenance fund is already under way."),
        NO_DWELLINGS: _("The registry has no dwellings of this community to share it among."),
        NOTHING_TO_FIT: _("No stairway unit has passed an elevator vote yet."),
        BELOW_GRANTS: _(
            "{granted} yuan of {channel} is already set aside for this project; the plan cannot "
            "ask it for only {asked}."
        ),
        money.OVER_BUDGET: _(
            "{budget} has {left} yuan left; {asked} yuan cannot be set aside from it."
        ),
        money.OUTSIDE_DIVISION: _("{budget} is held for another area and cannot fund {community}."),
        money.NO_FUNDING_PLAN: _(
            "{community} has no funding plan yet: draw it before setting money aside."
        ),
        money.OVER_PLAN: _(
            "The funding plan of {community} asks {planned} yuan of this channel; {granted} is "
            "already set aside, so {asked} more would be too much."
        ),
        money.NOT_RELEASED: _(
            "{community} is at the stage “{stage}”: the milestones reached release {left} yuan "
            "more, not {asked}."
        ),
        money.NO_SCHEDULE: _("The policy pack sets no schedule of payments."),
    }
    return messages[refused.reason].format(**refused.details)
