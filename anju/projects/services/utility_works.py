"""Each utility's renovation plan for its pipelines in a community, set beside the community
works, with every pair that would open the same ground twice (chongqing-2021 §3.(2)2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.utility_works import DigTwice, Works, dig_twice
from anju.projects.models import UtilityNetwork, UtilityWork
from anju.projects.services.stages import ProjectError
from anju.registry.models import Community


def ground_segments(text: str) -> list[str]:
    """Ground as the clerk types it: segments separated by commas or 、, case and spaces kept
    inside a name but not around it."""
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return sorted({part.strip() for part in parts if part.strip()})


@transaction.atomic
def utility_work_add(
    *,
    actor: Actor,
    community: Community,
    network: UtilityNetwork,
    utility: str,
    ground: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date,
) -> UtilityWork:
    if not ground:
        raise ProjectError(_("Name the ground the works open: a road section, a courtyard…"))
    if ends_on < starts_on:
        raise ProjectError(_("The digging ends before it starts."))
    if not utility.strip():
        raise ProjectError(_("Name who carries out the works."))
    work = UtilityWork.objects.create(
        community=community,
        network=network,
        utility=utility.strip(),
        ground=sorted(set(ground)),
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="project.utility_work",
        target=community,
        after={
            "network": network,
            "utility": work.utility,
            "ground": work.ground,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return work


def dig_twice_warnings(community: Community) -> list[tuple[UtilityWork, UtilityWork, DigTwice]]:
    """Every two works of the community that would open the same ground at different times."""
    works = {str(w.pk): w for w in UtilityWork.objects.filter(community=community)}
    found = dig_twice(
        [
            Works(key, w.utility, frozenset(w.ground), w.starts_on, w.ends_on)
            for key, w in works.items()
        ]
    )
    return [(works[c.first.key], works[c.second.key], c) for c in found]
