"""A solved scenario's year adopted as the annual plan of record.

Adoption writes a new version of the division's plan for the year, puts the communities it
adds in the plan and takes those it drops out of it (each project then moves by its own gates:
see ``projects_plan``), and records who did it and what changed. A version cannot drop a project that has started building, nor take in one that
is already past the plan under another: the bureau must settle those first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.project_stages import Stage, is_past_plan, may_enter_plan
from anju.divisions.models import Division
from anju.planning.models import AnnualPlan, AnnualPlanEntry, Scenario, ScenarioState
from anju.policy.library import get_pack
from anju.projects.models import Project
from anju.projects.services.stages import projects_plan
from anju.registry.models import Community


class AdoptionError(ValueError):
    """Why the plan cannot be adopted, in the user's language."""


@dataclass(frozen=True)
class Versions:
    """A version of the annual plan with what it changed from the one before."""

    plan: AnnualPlan
    added: list[str]
    removed: list[str]


def _stages(codes: set[str]) -> dict[str, Stage]:
    return {
        code: Stage(stage)
        for code, stage in Project.objects.filter(community__code__in=codes).values_list(
            "community__code", "stage"
        )
    }


def current_plan(
    division_code: str, year: int, plans: QuerySet[AnnualPlan] | None = None
) -> AnnualPlan | None:
    """The latest version of the division's plan for the year, among ``plans`` if given."""
    return (
        (AnnualPlan.objects.all() if plans is None else plans)
        .filter(division_id=division_code, year=year)
        .select_related("division", "adopted_by", "scenario")
        .order_by("-version")
        .first()
    )


@transaction.atomic
def annual_plan_adopt(*, actor: Actor, scenario: Scenario, year: int, note: str = "") -> AnnualPlan:
    if not reaches(actor.user, Capability.PLAN_MANAGE, scenario.division_id):
        raise AdoptionError(
            _("You do not draw up plans for {division}.").format(division=scenario.division)
        )
    result = scenario.result
    if scenario.state != ScenarioState.DONE or not result or result["status"] == "infeasible":
        raise AdoptionError(_("Only a solved scenario with a plan can be adopted."))
    if not scenario.first_year <= year <= scenario.last_year:
        raise AdoptionError(
            _("{year} is not a year of this scenario ({first}–{last}).").format(
                year=year, first=scenario.first_year, last=scenario.last_year
            )
        )
    entries = {row["community_code"]: row for row in result["selected"] if row["year"] == year}
    # Versions of one division and year are numbered one after the other; the lock on the
    # division row keeps two adoptions at once from taking the same number.
    Division.objects.select_for_update().get(pk=scenario.division_id)
    previous = current_plan(scenario.division_id, year)
    before = set(previous.entries.values_list("community__code", flat=True)) if previous else set()
    added, removed = set(entries) - before, before - set(entries)
    stages = _stages(added | removed)
    building = sorted(code for code in removed if is_past_plan(stages.get(code, Stage.RESERVE)))
    if building:
        raise AdoptionError(
            _("These communities are already past the plan and cannot be dropped: {codes}.").format(
                codes="、".join(building)
            )
        )
    elsewhere = sorted(
        code for code in added if not may_enter_plan(stages.get(code, Stage.RESERVE))
    )
    if elsewhere:
        raise AdoptionError(
            _("These communities are already past the plan stage: {codes}.").format(
                codes="、".join(elsewhere)
            )
        )
    communities = Community.objects.in_bulk(list(entries), field_name="code")
    if missing := sorted(set(entries) - set(communities)):
        raise AdoptionError(
            _("These communities are no longer in the registry: {codes}.").format(
                codes="、".join(missing)
            )
        )
    version = (
        AnnualPlan.objects.filter(division_id=scenario.division_id, year=year).aggregate(
            top=Max("version")
        )["top"]
        or 0
    ) + 1
    plan = AnnualPlan.objects.create(
        division_id=scenario.division_id,
        year=year,
        version=version,
        scenario=scenario,
        note=note,
        adopted_by=actor.user,
    )
    AnnualPlanEntry.objects.bulk_create(
        AnnualPlanEntry(
            plan=plan,
            community=communities[code],
            cost_yuan=Decimal(row["cost_yuan"]),
            score=Decimal(str(row["score"])),
        )
        for code, row in sorted(entries.items())
    )
    pack = get_pack(scenario.pack)
    projects_plan(
        actor=actor,
        communities=[communities[code] for code in sorted(added)],
        year=year,
        listed=True,
        reason=_("In the {year} annual plan, version {version}").format(year=year, version=version),
        pack=pack,
    )
    projects_plan(
        actor=actor,
        communities=Community.objects.filter(code__in=removed).order_by("code"),
        year=year,
        listed=False,
        reason=_("Dropped from the {year} annual plan, version {version}").format(
            year=year, version=version
        ),
        pack=pack,
    )
    audit_record(
        actor=actor,
        action="plan.adopt",
        target=plan,
        before={"version": previous.version, "communities": sorted(before)} if previous else None,
        after={
            "division": scenario.division_id,
            "year": year,
            "version": version,
            "scenario": scenario.pk,
            "added": sorted(added),
            "removed": sorted(removed),
        },
    )
    return plan


def versions(division_code: str, year: int) -> list[Versions]:
    """Every version of the plan, newest first, each with what it added and dropped."""
    plans = list(
        AnnualPlan.objects.filter(division_id=division_code, year=year)
        .select_related("adopted_by", "scenario")
        .order_by("version")
    )
    codes: dict[int, set[str]] = {p.pk: set() for p in plans}
    for plan_id, code in AnnualPlanEntry.objects.filter(plan__in=plans).values_list(
        "plan_id", "community__code"
    ):
        codes[plan_id].add(code)
    found: list[Versions] = []
    before: set[str] = set()
    for plan in plans:
        now = codes[plan.pk]
        found.append(Versions(plan, sorted(now - before), sorted(before - now)))
        before = now
    return found[::-1]
