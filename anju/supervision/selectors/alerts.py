"""Every alert in the user's area, read in a few queries over the whole area rather than project
by project, so the list stays quick for a whole province: works overdue or behind schedule,
approvals past the pack's deadline, central-subsidy projects outside their year, a year's task
not completed by its date, qualifying communities left out of the plans, objections waiting for
an answer, maintenance funds under the line, defects still open, lots let without the tender or
the publicity the rules ask, residents' monitors waiting for an answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.alerts import SEVERITY, Alert, AlertKind, behind_schedule, expected_percent
from anju.core.deadlines import due_date, within_year
from anju.core.eligibility import Status
from anju.core.maintenance_fund import FundCheck, FundState
from anju.core.money import yuan_text
from anju.core.policy_pack import Pack
from anju.finance.money.selectors import payments_by_project
from anju.finance.selectors import central_subsidy_years, flagged_funds
from anju.participation.models import CommentKind, NoticeComment
from anju.procurement.models import Observation
from anju.procurement.selectors import (
    absences_by_project,
    covering,
    findings,
    irregular,
    listings,
    lots_by_project,
)
from anju.projects.models import (
    Defect,
    Inspection,
    ProgressReport,
    Project,
    ProjectStage,
)
from anju.projects.selectors import approvals_due
from anju.projects.wording import year_problem_text
from anju.registry.eligibility import matching
from anju.registry.models import Community


def _projects(user: Any) -> Any:
    return Project.objects.filter(
        community__in=Community.objects.visible_to(user).values("pk")
    ).select_related("community__district", "community__street")


def _alert(
    kind: AlertKind, community: Community, unit: str, since: dt.date | None, detail: str
) -> Alert:
    return Alert(kind, community.code, community.district_id, unit, since, detail)


def _works(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    latest = ProgressReport.objects.filter(project=OuterRef("pk")).order_by("-on", "-pk")
    building = _projects(user).filter(stage=ProjectStage.CONSTRUCTION, completed_on__isnull=True)
    found = []
    rule = pack.model.supervision.slow_progress
    for project in building.annotate(percent=Subquery(latest.values("percent")[:1])):
        community = project.community
        unit = project.contractor or community.district.name
        if project.due_on is not None and project.due_on < today:
            found.append(
                _alert(
                    AlertKind.CONSTRUCTION_OVERDUE,
                    community,
                    unit,
                    project.due_on,
                    _("Due {due}, not completed.").format(due=project.due_on.isoformat()),
                )
            )
        elif (
            rule is not None
            and project.started_on is not None
            and project.due_on is not None
            and behind_schedule(
                project.started_on, project.due_on, project.percent or 0, today, rule.behind_points
            )
        ):
            found.append(
                _alert(
                    AlertKind.SLOW_PROGRESS,
                    community,
                    unit,
                    project.started_on,
                    _("{percent}% done where {expected}% was due by now.").format(
                        percent=project.percent or 0,
                        expected=int(expected_percent(project.started_on, project.due_on, today)),
                    ),
                )
            )
    return found


def _approvals(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    return [
        _alert(
            AlertKind.APPROVALS_LATE,
            late.project.community,
            late.project.community.district.name,
            late.due,
            _("Due {due}, still open: {steps}.").format(
                due=late.due.isoformat(), steps="、".join(late.open_steps)
            ),
        )
        for late in approvals_due(_projects(user), pack, None, today - dt.timedelta(days=1))
    ]


def _central_subsidy(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    deadline = pack.deadline("central_subsidy_year")
    if deadline is None or deadline.yearly is None:
        return []
    first_year = central_subsidy_years(_projects(user).values("pk"))
    found = []
    # once the works are completed, a late year is history for the ledger, not an alert
    for project in _projects(user).filter(pk__in=list(first_year), completed_on__isnull=True):
        due = due_date(deadline.yearly, first_year[project.pk])
        problems = within_year(due, project.started_on, None, today).problems
        if problems:
            found.append(
                _alert(
                    AlertKind.CENTRAL_SUBSIDY_YEAR,
                    project.community,
                    project.community.district.name,
                    due,
                    " ".join(year_problem_text(p, due) for p in problems),
                )
            )
    return found


def _year_targets(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    """Projects of a plan year whose task the pack dates (puyang-2020 §1.(3): 2020年12月底前完成
    2020年度251个老旧小区改造任务) and that have not passed completion acceptance once the date
    has gone by: 完成 is counted by acceptance, never by a start."""
    found = []
    for deadline in pack.deadlines_for("targets"):
        assert deadline.date is not None and deadline.plan_year is not None
        if today <= deadline.date:
            continue
        late = (
            _projects(user)
            .filter(plan_year=deadline.plan_year)
            .exclude(pk__in=Inspection.objects.acceptances_passed().values("project"))
        )
        for project in late:
            found.append(
                _alert(
                    AlertKind.TARGET_DEADLINE,
                    project.community,
                    project.community.district.name,
                    deadline.date,
                    _("{task}, due {date}: not yet through completion acceptance").format(
                        task=deadline.what, date=deadline.date.isoformat()
                    ),
                )
            )
    return found


def _not_in_plan(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    """Communities that qualify and are in no plan up to the year every one must be in, once
    the registration date has passed (puyang-2020 §5.(3): 2020年7月底前完成符合条件老旧小区摸排
    登记工作,新增老旧小区一律纳入2021年改造计划)."""
    found = []
    for deadline in pack.deadlines_for("inclusion"):
        if deadline.date is None or deadline.plan_year is None or today <= deadline.date:
            continue
        planned = Project.objects.filter(plan_year__lte=deadline.plan_year).values("community")
        unplanned = Community.objects.visible_to(user).exclude(pk__in=planned)
        left_out = matching(unplanned, pack, deadline.plan_year, Status.ELIGIBLE)
        for community in left_out.select_related("district").order_by("code"):
            found.append(
                _alert(
                    AlertKind.NOT_IN_PLAN,
                    community,
                    community.district.name,
                    deadline.date,
                    _("Qualifies, and is in no plan up to {year}: {rule}").format(
                        year=deadline.plan_year, rule=deadline.what
                    ),
                )
            )
    return found


def _objections(user: Any) -> list[Alert]:
    rows = (
        NoticeComment.objects.filter(
            kind=CommentKind.OBJECTION,
            answered_at__isnull=True,
            notice__posted_at__isnull=False,
            notice__community__in=Community.objects.visible_to(user).values("pk"),
        )
        .values("notice__community")
        .annotate(count=Count("pk"), since=Min("created_at"))
    )
    by_community = {row["notice__community"]: row for row in rows}
    communities = Community.objects.filter(pk__in=list(by_community)).select_related("street")
    return [
        _alert(
            AlertKind.OBJECTION_UNANSWERED,
            community,
            community.street.name if community.street else community.district_id,
            by_community[community.pk]["since"].date(),
            _("{count} objections wait for an answer.").format(
                count=by_community[community.pk]["count"]
            ),
        )
        for community in communities
    ]


def _fund_detail(check: FundCheck) -> str:
    if check.state == FundState.NO_FUND:
        return _("No fund: {needed} yuan to set one up.").format(needed=yuan_text(check.needed))
    return _("Balance {balance} of {initial} yuan first raised; {needed} yuan to top up.").format(
        balance=yuan_text(check.balance or 0),
        initial=yuan_text(check.initial or 0),
        needed=yuan_text(check.needed),
    )


def _funds(user: Any, pack: Pack) -> list[Alert]:
    return [
        _alert(
            AlertKind.FUND_BELOW_LINE,
            flagged.community,
            flagged.community.district.name,
            None,
            _fund_detail(flagged.check),
        )
        for flagged in flagged_funds(user=user, pack=pack)
    ]


def _defects(user: Any) -> list[Alert]:
    rows = (
        Defect.objects.filter(fixed_on__isnull=True, project__in=_projects(user).values("pk"))
        .values("project")
        .annotate(count=Count("pk"), since=Min("inspection__on"))
    )
    by_project = {row["project"]: row for row in rows}
    return [
        _alert(
            AlertKind.DEFECT_OPEN,
            project.community,
            project.contractor or project.community.district.name,
            by_project[project.pk]["since"],
            _("{count} defects found by inspection still open.").format(
                count=by_project[project.pk]["count"]
            ),
        )
        for project in _projects(user).filter(pk__in=list(by_project))
    ]


def _procurement(user: Any, pack: Pack) -> list[Alert]:
    """Projects with a procurement finding (selectors.irregular: a lot let without the tender
    its kind must have, a publicity short of the rule, an award told to residents late, paid
    beyond the contracts…) or whose named leads were not on site at an inspection; the
    district's housing bureau answers for it
    (puyang-2020 §3.(2)4: 县(区)住房城乡建设部门要强化…全过程监管)."""
    problems: dict[int, list[tuple[dt.date | None, str]]] = {}
    grouped = lots_by_project(_projects(user))
    listed = listings(lot for lots in grouped.values() for lot in lots)
    paid = payments_by_project(project.pk for project in grouped)
    for project, lots in grouped.items():
        checked = findings(
            lots, pack, covering(listed, project.community.division_id), paid.get(project.pk, [])
        )
        for day, text in irregular(checked) if checked is not None else []:
            problems.setdefault(project.pk, []).append((day, text))
    for project_pk, absent in absences_by_project(_projects(user)).items():
        problems.setdefault(project_pk, []).extend(absent)
    found = []
    for project in _projects(user).filter(pk__in=list(problems)):
        dates = [day for day, _text in problems[project.pk] if day is not None]
        found.append(
            _alert(
                AlertKind.PROCUREMENT,
                project.community,
                project.community.district.name,
                min(dates) if dates else None,
                "；".join(text for _day, text in problems[project.pk]),
            )
        )
    return found


def _observations(user: Any) -> list[Alert]:
    """Projects where a residents' monitor's report waits for the contractor's answer."""
    rows = (
        Observation.objects.filter(
            answered_at__isnull=True, project__in=_projects(user).values("pk")
        )
        .values("project")
        .annotate(count=Count("pk"), since=Min("seen_at"))
    )
    by_project = {row["project"]: row for row in rows}
    return [
        _alert(
            AlertKind.OBSERVATION_OPEN,
            project.community,
            project.contractor or project.community.district.name,
            timezone.localtime(by_project[project.pk]["since"]).date(),
            _("{count} reports of the residents' monitors wait for an answer.").format(
                count=by_project[project.pk]["count"]
            ),
        )
        for project in _projects(user).filter(pk__in=list(by_project))
    ]


def alerts_for(user: Any, pack: Pack, today: dt.date) -> list[Alert]:
    """Every alert in the user's area, the most severe kinds first (core.alerts.SEVERITY),
    then by district and community."""
    found = [
        *_works(user, pack, today),
        *_approvals(user, pack, today),
        *_central_subsidy(user, pack, today),
        *_year_targets(user, pack, today),
        *_not_in_plan(user, pack, today),
        *_objections(user),
        *_funds(user, pack),
        *_defects(user),
        *_procurement(user, pack),
        *_observations(user),
    ]
    return sorted(found, key=lambda a: (SEVERITY.index(a.kind), a.district, a.community))
