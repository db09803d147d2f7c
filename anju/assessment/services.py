"""Writes of conditions and content lists, each in one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction

from anju.assessment.models import ContentLine, ContentList, FacilityCondition
from anju.assessment.selectors import content_lines, saved_list
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.conditions import Condition, Facility
from anju.core.content_list import Line, estimate
from anju.core.policy_pack import Pack
from anju.registry.models import Community


@transaction.atomic
def conditions_save(
    *, actor: Actor, community: Community, values: Mapping[str, tuple[str, str]]
) -> int:
    """Set each given facility's (condition, note); an empty condition means 'not assessed'.
    Returns how many facilities changed."""
    rows = {
        row.facility: row
        for row in FacilityCondition.objects.filter(community=community).select_for_update()
    }
    before = {facility: [row.condition, row.note] for facility, row in rows.items()}
    after = {f: [c, n] for f, (c, n) in values.items() if c} | {
        f: v for f, v in before.items() if f not in values
    }
    changed = sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))
    for facility in changed:
        row = rows.get(facility)
        if facility not in after:
            assert row is not None
            row.delete()
        elif row is None:
            condition, note = after[facility]
            FacilityCondition.objects.create(
                community=community, facility=facility, condition=condition, note=note
            )
        else:
            row.condition, row.note = after[facility]
            row.save(update_fields=["condition", "note", "updated_at"])
    if changed:
        audit_record(
            actor=actor,
            action="conditions.update",
            target=community,
            before={f: before.get(f) for f in changed},
            after={f: after.get(f) for f in changed},
        )
    return len(changed)


@transaction.atomic
def conditions_load(*, actor: Actor, conditions: Mapping[str, Mapping[Facility, Condition]]) -> int:
    """Replace the assessments of many communities at once, by community code → facility →
    condition, as a survey brought in whole; one audit entry for the load."""
    ids = dict(Community.objects.filter(code__in=list(conditions)).values_list("code", "pk"))
    FacilityCondition.objects.filter(community_id__in=ids.values()).delete()
    made = FacilityCondition.objects.bulk_create(
        (
            FacilityCondition(community_id=ids[code], facility=facility, condition=state)
            for code, states in conditions.items()
            if code in ids
            for facility, state in states.items()
        ),
        batch_size=2000,
    )
    audit_record(
        actor=actor,
        action="conditions.load",
        target=Community,
        after={"communities": len(ids), "facilities": len(made)},
    )
    return len(made)


def _summary(lines: Sequence[Line]) -> dict[str, object]:
    return {
        "selected": [line.key or line.name for line in lines if line.selected],
        "total_yuan": str(estimate(lines).total_yuan),
    }


@transaction.atomic
def content_list_save(
    *, actor: Actor, community: Community, pack: Pack, lines: Sequence[Line]
) -> ContentList:
    """Keep ``lines`` as the community's content list under ``pack``, replacing any before."""
    content_list, created = ContentList.objects.select_for_update().get_or_create(
        community=community, pack=pack.id, defaults={"updated_by": actor.user}
    )
    before = None
    if not created:
        before = _summary(content_lines(community, pack)[1])
        content_list.lines.all().delete()
        content_list.updated_by = actor.user
        content_list.save(update_fields=["updated_by", "updated_at"])
    ContentLine.objects.bulk_create(
        ContentLine(
            content_list=content_list,
            position=position,
            key=line.key,
            name=line.name,
            category=line.category,
            facility=line.facility or "",
            per=line.per,
            quantity=line.quantity,
            unit_cost=line.unit_cost_yuan,
            selected=line.selected,
            proposal=line.proposal,
            reason=line.reason.text[:200] if line.reason else "",
            citation=line.reason.citation if line.reason else "",
            source=line.source,
            changes_structure=line.changes_structure,
            changes_land_ownership=line.changes_land_ownership,
        )
        for position, line in enumerate(lines)
    )
    audit_record(
        actor=actor,
        action="content_list.save",
        target=community,
        target_id=f"{community.code}/{pack.id}",
        before=before,
        after=_summary(lines),
    )
    return content_list


@transaction.atomic
def content_list_discard(*, actor: Actor, community: Community, pack: Pack) -> bool:
    """Drop the saved list so that the page proposes afresh from the assessment."""
    saved = saved_list(community, pack)
    if saved is None:
        return False
    saved.delete()
    audit_record(
        actor=actor,
        action="content_list.discard",
        target=community,
        target_id=f"{community.code}/{pack.id}",
    )
    return True
