"""Plan scenarios: asked for on a page, solved by the worker, kept to compare.

A scenario is written whole when asked for and its result whole when solved; a worker killed
half way leaves the scenario as it was asked, to be run again, never half a plan.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.plan_forecast import stock_finish_year
from anju.core.plan_solver import SolveOptions, solve
from anju.core.plans import (
    ALL_SOURCES,
    Candidate,
    DistrictShare,
    PlanInputError,
    PlanProblem,
    pack_requirements,
)
from anju.core.priority import Criterion
from anju.divisions.models import Division
from anju.planning.models import Scenario, ScenarioState
from anju.planning.registry_candidates import (
    NoPriority,
    RegistryCandidates,
    registry_candidates,
    within_years,
)
from anju.planning.reports import forecast_json, plan_json, registry_json, year_district_json
from anju.planning.workbook import PlanHeading
from anju.policy.library import UnknownPack, get_pack
from anju.projects.models import BundleMember
from anju.registry.models import Community

log = logging.getLogger(__name__)

LONGEST_HORIZON = 10
"""Years a plan may span, and a forecast look ahead: two five-year plans."""
SOLVE_SECONDS = 120.0
"""How long a scenario's branch and bound may run before the best plan found is reported with
its proven gap; a few dozen large projects can take HiGHS that long to prove within 0.01 %."""


class ScenarioError(ValueError):
    """A scenario that cannot be planned as asked, said in the user's language."""


def _decimal(share: Fraction | None) -> str | None:
    return None if share is None else str(Decimal(share.numerator) / Decimal(share.denominator))


def _fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(Decimal(text))


def _fen(yuan: Decimal) -> int:
    return int((yuan * 100).to_integral_value())


@transaction.atomic
def scenario_create(
    *,
    actor: Actor,
    name: str,
    division: Division,
    pack: str,
    first_year: int,
    last_year: int,
    budgets: Mapping[int, Decimal],
    weights: Mapping[Criterion, int] | None = None,
    pack_targets: bool = True,
    shares: Sequence[DistrictShare] = (),
    fixed: Mapping[str, int] | None = None,
    groups: Mapping[str, Sequence[str]] | None = None,
    forecast_built_before: int | None = None,
) -> Scenario:
    """Record the scenario and queue it for the worker once the record is committed."""
    if not reaches(actor.user, Capability.PLAN_MANAGE, division.code):
        raise ScenarioError(_("You do not draw up plans for {division}.").format(division=division))
    try:
        get_pack(pack)
    except UnknownPack:
        raise ScenarioError(_("No policy pack named {pack}.").format(pack=pack)) from None
    if not first_year <= last_year < first_year + LONGEST_HORIZON:
        raise ScenarioError(
            _("The plan runs from {first} to {last}: give at most {n} years, in order.").format(
                first=first_year, last=last_year, n=LONGEST_HORIZON
            )
        )
    years = range(first_year, last_year + 1)
    if missing := [y for y in years if y not in budgets]:
        raise ScenarioError(
            _("Give the budget of every year of the plan; missing: {years}.").format(
                years="、".join(str(y) for y in missing)
            )
        )
    scenario = Scenario.objects.create(
        name=name,
        division=division,
        pack=pack,
        first_year=first_year,
        last_year=last_year,
        budgets={str(y): f"{budgets[y]:.2f}" for y in years},
        weights=dict(weights or {}),
        pack_targets=pack_targets,
        shares=[[s.district, _decimal(s.minimum), _decimal(s.maximum)] for s in shares],
        fixed=dict(fixed or {}),
        groups={name: list(codes) for name, codes in (groups or {}).items()},
        forecast_built_before=forecast_built_before,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="plan.scenario.create",
        target=scenario,
        after={"name": name, "division": division.code, "pack": pack, "budgets": scenario.budgets},
    )
    transaction.on_commit(lambda: scenario_enqueue(scenario.pk))
    return scenario


def scenario_enqueue(scenario_id: int) -> None:
    solve_scenario.enqueue(scenario_id)


def scenario_retry(*, actor: Actor, scenario: Scenario) -> Scenario:
    """Queue again a scenario that failed or whose worker stopped before it finished."""
    Scenario.objects.filter(pk=scenario.pk).update(
        state=ScenarioState.QUEUED, step="", error="", result=None, finished_at=None
    )
    audit_record(
        actor=actor,
        action="plan.scenario.retry",
        target=scenario,
    )
    transaction.on_commit(lambda: scenario_enqueue(scenario.pk))
    scenario.refresh_from_db()
    return scenario


def _step(scenario: Scenario, step: str) -> None:
    Scenario.objects.filter(pk=scenario.pk).update(step=step[:32])


def scenario_solve(scenario_id: int) -> None:
    """The worker's side: draw the candidates, solve, forecast, and store the result whole."""
    scenario = Scenario.objects.select_related("division", "created_by").get(pk=scenario_id)
    if scenario.state == ScenarioState.DONE:
        return
    Scenario.objects.filter(pk=scenario.pk).update(state=ScenarioState.RUNNING, step="")
    with translation.override(settings.LANGUAGE_CODE):
        try:
            result = _solved(scenario)
        except (ScenarioError, PlanInputError, NoPriority, UnknownPack) as error:
            problems = getattr(error, "problems", None) or [str(error)]
            Scenario.objects.filter(pk=scenario.pk).update(
                state=ScenarioState.FAILED, error="\n".join(problems), finished_at=timezone.now()
            )
            return
        except Exception:
            log.exception("plan scenario %s failed", scenario.pk)
            Scenario.objects.filter(pk=scenario.pk).update(
                state=ScenarioState.FAILED,
                error=_(
                    "The plan could not be solved because of an internal error; the "
                    "administrator can find it in the log."
                ),
                finished_at=timezone.now(),
            )
            raise
    Scenario.objects.filter(pk=scenario.pk).update(
        state=ScenarioState.DONE, step="", result=result, finished_at=timezone.now()
    )


def _solved(scenario: Scenario) -> dict[str, object]:
    pack = get_pack(scenario.pack)
    years = list(range(scenario.first_year, scenario.last_year + 1))
    ahead = (
        list(range(scenario.first_year, scenario.first_year + LONGEST_HORIZON))
        if scenario.forecast_built_before
        else years
    )

    def drawing(done: int, total: int) -> None:
        if done % max(1, total // 20) == 0 or done == total:
            _step(scenario, f"candidates:{done}/{total}")

    drawn = registry_candidates(
        pack,
        ahead,
        scenario.created_by,
        within=scenario.division.code,
        weights=scenario.weights,
        on_community=drawing,
    )
    planned = within_years(drawn, years)
    candidates = _held(scenario, planned)
    budgets = {int(y): _fen(Decimal(a)) for y, a in scenario.budgets.items()}
    starts, stock = (
        pack_requirements(pack.model.targets, years) if scenario.pack_targets else ([], [])
    )
    shares = [DistrictShare(d, _fraction(low), _fraction(high)) for d, low, high in scenario.shares]
    problem = PlanProblem(
        candidates,
        years,
        {(y, ALL_SOURCES): budgets[y] for y in years},
        starts,
        stock,
        shares,
    )
    result = solve(
        problem,
        SolveOptions(time_limit=SOLVE_SECONDS),
        on_progress=lambda step: _step(scenario, step),
    )
    report = plan_json(result) | registry_json(planned) | {"tally": year_district_json(result)}
    report["names"] = dict(
        Community.objects.filter(code__in=[c.code for c in planned.candidates]).values_list(
            "code", "name"
        )
    )
    if scenario.forecast_built_before and result.status != "infeasible":
        last = budgets[years[-1]]
        longer = PlanProblem(
            _held(scenario, drawn),
            ahead,
            {(y, ALL_SOURCES): budgets.get(y, last) for y in ahead},
            starts,
            stock,
            shares,
        )
        forecast = stock_finish_year(
            longer,
            scenario.forecast_built_before,
            on_step=lambda year: _step(scenario, f"forecast:{year}"),
        )
        report["forecast"] = forecast_json(forecast)
    return report


def plan_heading(scenario: Scenario) -> PlanHeading:
    return PlanHeading(
        title=_("{division} renovation plan {first}–{last}").format(
            division=scenario.division.name, first=scenario.first_year, last=scenario.last_year
        ),
        pack=scenario.pack,
        budgets={int(y): Decimal(a) for y, a in scenario.budgets.items()},
    )


def _held(scenario: Scenario, drawn: RegistryCandidates) -> list[Candidate]:
    """The candidates with the scenario's starts fixed by hand and its groups; a fixed or
    grouped community that is not a candidate, or a share for a district with none, is said."""
    codes = {c.code for c in drawn.candidates}
    problems: list[str] = []

    def absent(code: str) -> str:
        return drawn.left_out.get(code) or _("not among the communities planned for")

    for code, year in scenario.fixed.items():
        if code not in codes:
            problems.append(
                _("{code} is fixed to start in {year} but is not a candidate: {why}.").format(
                    code=code, year=year, why=absent(code)
                )
            )
    group_of: dict[str, str] = {}
    for name, members in scenario.groups.items():
        for code in members:
            if code not in codes:
                problems.append(
                    _("{code} of group {group} is not a candidate: {why}.").format(
                        code=code, group=name, why=absent(code)
                    )
                )
            elif code in group_of:
                problems.append(
                    _("{code} is in two groups: {first} and {second}.").format(
                        code=code, first=group_of[code], second=name
                    )
                )
            else:
                group_of[code] = name
    for name, members in _bundles(codes).items():
        if not any(code in group_of for code in members):  # a group drawn by hand decides
            group_of.update(dict.fromkeys(members, name))
    districts = {c.district for c in drawn.candidates}
    for district, _low, _high in scenario.shares:
        if district not in districts:
            problems.append(
                _("No candidate is in {district}, so its share cannot be held.").format(
                    district=district
                )
            )
    if problems:
        raise ScenarioError("\n".join(problems))
    return [
        replace(c, fixed_year=scenario.fixed.get(c.code), group=group_of.get(c.code))
        for c in drawn.candidates
    ]


def _bundles(codes: set[str]) -> dict[str, list[str]]:
    """Each bundle among the candidates as a group that starts together: a 片区 accepted as one
    project is built as one (打包编制方案，组团实施, puyang-2020 §3.(1)4), so it starts in one year."""
    found: dict[str, list[str]] = {}
    for lead, member in BundleMember.objects.filter(community__code__in=codes).values_list(
        "project__community__code", "community__code"
    ):
        if lead in codes:
            found.setdefault(_("Bundle of {code}").format(code=lead), [lead]).append(member)
    return found


@task()
def solve_scenario(scenario_id: int) -> None:
    """The queued solve: the worker runs it, the service does the work."""
    scenario_solve(scenario_id)
