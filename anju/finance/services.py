"""Writing funding plans, reductions and maintenance fund top-ups: each whole or not at all,
checked by the core rules first, and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from anju.assessment.selectors import content_lines
from anju.assessment.services import content_list_save
from anju.audit.context import Actor
from anju.audit.services import audit_read, audit_record
from anju.core import funding
from anju.core.apportion import Dwelling as Weighed
from anju.core.apportion import apportion
from anju.core.ballot_codes import new_code
from anju.core.content_list import Line
from anju.core.maintenance_fund import FundState
from anju.core.money import fen_of, yuan_text
from anju.core.policy_pack import Pack
from anju.finance.models import (
    Allocation,
    Appraisal,
    FundingLine,
    FundingPlan,
    FundTopUp,
    Grant,
    OperatingAsset,
    Reduction,
    ShareCode,
    TopUpShare,
    channel_name,
)
from anju.finance.selectors import (
    elevator_units,
    fund_check,
    plan_allocations,
    plan_cost_lines,
    share_code_digest,
)
from anju.projects.models import Project
from anju.registry.models import Community, Dwelling
from anju.registry.personal import seal


class FundingRefused(ValueError):
    """A change the rules refuse, with the core's findings or a reason code and nothing written."""

    def __init__(self, reason: str, findings: Sequence[funding.Finding] = (), **details: object):
        super().__init__(reason, findings, details)
        self.reason = reason
        self.findings = list(findings)
        self.details = details


UNPRICED = "unpriced"
NOTHING_SELECTED = "nothing_selected"
NOT_RECONCILED = "not_reconciled"
NOT_FLAGGED = "not_flagged"
ALREADY_OPEN = "already_open"
NO_DWELLINGS = "no_dwellings"
NOTHING_TO_FIT = "nothing_to_fit"
BELOW_GRANTS = "below_grants"


def _content(community: Community, pack: Pack) -> list[Line]:
    """The lines in the plan, each priced; refused while any lacks its quantity."""
    _saved, lines = content_lines(community, pack)
    chosen = [line for line in lines if line.selected]
    unpriced = [line.name for line in chosen if line.cost_yuan is None]
    if unpriced:
        raise FundingRefused(UNPRICED, names="、".join(unpriced))
    if not chosen:
        raise FundingRefused(NOTHING_SELECTED)
    return chosen


def _keep_grants(project: Project, asked: Mapping[str, int]) -> None:
    """Refuse a plan that would ask a channel for less than is already set aside for the
    project from it: the money granted would be left without a line to pay."""
    granted = (
        Grant.objects.filter(project=project)
        .values_list("budget__channel")
        .annotate(total=Sum("amount"))
    )
    for channel, total in granted:
        if total > asked.get(channel, 0):
            raise FundingRefused(
                BELOW_GRANTS,
                channel=channel_name(channel),
                granted=yuan_text(total),
                asked=yuan_text(asked.get(channel, 0)),
            )


def _line_key(line: Line, position: int) -> str:
    return line.key or f"line-{position + 1}"


def _summary(plan: FundingPlan) -> dict[str, object]:
    lines = plan_cost_lines(plan)
    summary = funding.summarise(lines, plan_allocations(plan))
    return {
        "pack": plan.pack,
        "total": yuan_text(summary.total),
        "by_channel": {c: yuan_text(v) for c, v in sorted(summary.by_channel.items())},
        "covered_by": plan.covered_by,
    }


@transaction.atomic
def funding_plan_draw(
    *,
    actor: Actor,
    community: Community,
    pack: Pack,
    households: Mapping[str, Fraction],
    government: str,
) -> FundingPlan:
    """A funding plan from the community's content list as it stands, proposed by the core
    rule (utilities their pipelines, households the given share, ``government`` the rest),
    replacing any plan before."""
    chosen = _content(community, pack)
    cost_lines = [
        funding.CostLine(
            _line_key(line, i), line.name, line.category, fen_of(line.cost_yuan or Decimal(0))
        )
        for i, line in enumerate(chosen)
    ]
    channels = funding.Channels.of(pack.model.funding)
    proposal = funding.propose(cost_lines, channels, households, government)
    project, _created = Project.objects.get_or_create(community=community)
    _keep_grants(project, funding.summarise(cost_lines, proposal).by_channel)
    plan, created = FundingPlan.objects.select_for_update().get_or_create(
        project=project, defaults={"pack": pack.id, "updated_by": actor.user}
    )
    before = None if created else _summary(plan)
    plan.lines.all().delete()
    plan.pack = pack.id
    plan.drawn_with = {
        "households": {c: str(share) for c, share in sorted(households.items())},
        "government": government,
    }
    plan.updated_by = actor.user
    plan.save(update_fields=["pack", "drawn_with", "updated_by", "updated_at"])
    stored = FundingLine.objects.bulk_create(
        FundingLine(
            plan=plan,
            position=i,
            key=line.key,
            name=line.name,
            category=line.category,
            cost=line.cost,
            per=content.per,
            quantity=content.quantity or Decimal(0),
        )
        for i, (line, content) in enumerate(zip(cost_lines, chosen, strict=True))
    )
    by_key = {line.key: line for line in stored}
    Allocation.objects.bulk_create(
        Allocation(line=by_key[a.key], channel=a.channel, amount=a.amount) for a in proposal
    )
    audit_record(
        actor=actor,
        action="funding_plan.draw",
        target=plan.project,
        before=before,
        after=_summary(plan),
    )
    return plan


@transaction.atomic
def funding_plan_save(
    *,
    actor: Actor,
    plan: FundingPlan,
    amounts: Mapping[tuple[str, str], int],
    covered_by: str,
    pack: Pack,
) -> FundingPlan:
    """The plan's allocations replaced by ``amounts`` (line key, channel → fen), refused whole
    unless every line is paid exactly by channels open to it."""
    plan = FundingPlan.objects.select_for_update().get(pk=plan.pk)
    lines = plan_cost_lines(plan)
    proposed = [
        funding.Allocation(key, channel, fen) for (key, channel), fen in amounts.items() if fen
    ]
    channels = funding.Channels.of(pack.model.funding)
    findings = funding.check(lines, proposed, channels)
    if covered_by and covered_by not in channels.rules:
        findings.append(funding.Finding(funding.Problem.CHANNEL_NOT_OPEN, "", covered_by))
    if findings:
        raise FundingRefused(NOT_RECONCILED, findings)
    _keep_grants(plan.project, funding.summarise(lines, proposed).by_channel)
    before = _summary(plan)
    stored = {line.key: line for line in plan.lines.all()}
    Allocation.objects.filter(line__plan=plan).delete()
    Allocation.objects.bulk_create(
        Allocation(line=stored[a.key], channel=a.channel, amount=a.amount) for a in proposed
    )
    plan.covered_by = covered_by
    plan.updated_by = actor.user
    plan.save(update_fields=["covered_by", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="funding_plan.save",
        target=plan.project,
        before=before,
        after=_summary(plan),
    )
    return plan


@transaction.atomic
def reductions_save(
    *, actor: Actor, plan: FundingPlan, reductions: Mapping[int, tuple[Decimal, str]]
) -> None:
    """The plan's hardship reductions replaced: dwelling id → (percent let off, reason)."""
    before = {str(r.dwelling_id): [str(r.waived_pct), r.reason] for r in plan.reductions.all()}
    plan.reductions.all().delete()
    Reduction.objects.bulk_create(
        Reduction(plan=plan, dwelling_id=d, waived_pct=pct, reason=reason)
        for d, (pct, reason) in sorted(reductions.items())
    )
    audit_record(
        actor=actor,
        action="funding_plan.reductions",
        target=plan.project,
        before=before,
        after={str(d): [str(p), r] for d, (p, r) in sorted(reductions.items())},
    )


@transaction.atomic
def top_up_open(*, actor: Actor, community: Community, pack: Pack) -> FundTopUp:
    """Open the set-up or top-up the 30 % rule calls for, each household's part by area."""
    community = Community.objects.select_for_update().get(pk=community.pk)
    checked = fund_check(community, pack)
    if checked is None or not checked.flagged:
        raise FundingRefused(NOT_FLAGGED)
    if FundTopUp.objects.filter(community=community, closed_at__isnull=True).exists():
        raise FundingRefused(ALREADY_OPEN)
    dwellings = list(
        Dwelling.objects.filter(building__community=community).only("pk", "exclusive_area")
    )
    if not dwellings:
        raise FundingRefused(NO_DWELLINGS)
    shares = apportion(
        checked.needed, [Weighed(str(d.pk), d.exclusive_area, 0) for d in dwellings]
    ).shares
    kind = FundTopUp.Kind.ESTABLISH if checked.state is FundState.NO_FUND else FundTopUp.Kind.TOP_UP
    top_up = FundTopUp.objects.create(
        community=community, kind=kind, amount=checked.needed, opened_by=actor.user
    )
    TopUpShare.objects.bulk_create(
        TopUpShare(top_up=top_up, dwelling_id=int(s.dwelling_id), amount=s.amount) for s in shares
    )
    audit_record(
        actor=actor,
        action="maintenance_fund.top_up",
        target=community,
        after={"kind": kind, "amount": yuan_text(checked.needed), "households": len(shares)},
    )
    return top_up


@transaction.atomic
def top_up_paid(
    *, actor: Actor, top_up: FundTopUp, dwelling_ids: Sequence[int], paid_on: dt.date
) -> int:
    """Mark households' parts as paid; the top-up closes when every part has come in, and the
    community's balance in the registry grows by what was paid."""
    top_up = FundTopUp.objects.select_for_update().get(pk=top_up.pk)
    marked = list(top_up.shares.filter(dwelling_id__in=dwelling_ids, paid_on__isnull=True))
    for share in marked:
        share.paid_on = paid_on
    TopUpShare.objects.bulk_update(marked, ["paid_on"])
    paid = sum(s.amount for s in marked)
    community = Community.objects.select_for_update().get(pk=top_up.community_id)
    before = {
        "initial": str(community.fund_initial),
        "balance": str(community.fund_balance),
    }
    if top_up.kind == FundTopUp.Kind.ESTABLISH and not community.fund_initial:
        community.fund_initial = Decimal(top_up.amount) / 100
    community.fund_balance = (community.fund_balance or Decimal(0)) + (Decimal(paid) / 100)
    community.save(update_fields=["fund_initial", "fund_balance"])
    if not top_up.shares.filter(paid_on__isnull=True).exists():
        top_up.closed_at = timezone.now()
        top_up.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action="maintenance_fund.paid",
        target=community,
        before=before,
        after={
            "initial": str(community.fund_initial),
            "balance": str(community.fund_balance),
            "paid": yuan_text(paid),
            "households": len(marked),
        },
    )
    return len(marked)


@transaction.atomic
def elevators_fit_votes(*, actor: Actor, plan: FundingPlan, pack: Pack) -> FundingPlan:
    """Price the floor-shared items for exactly the stairway units whose owners voted for them,
    then draw the plan again as it was drawn before."""
    community = plan.project.community
    by_floor = pack.model.cost_sharing.by_floor
    served = len(elevator_units(community))
    if by_floor is None or not served:
        raise FundingRefused(NOTHING_TO_FIT)
    _saved, lines = content_lines(community, pack)
    fitted = [
        replace(line, quantity=Decimal(served))
        if line.selected and line.key in by_floor.items and line.per == "unit"
        else line
        for line in lines
    ]
    content_list_save(actor=actor, community=community, pack=pack, lines=fitted)
    drawn = plan.drawn_with or {}
    return funding_plan_draw(
        actor=actor,
        community=community,
        pack=pack,
        households={c: Fraction(share) for c, share in drawn.get("households", {}).items()},
        government=drawn.get("government") or "local_budget",
    )


@transaction.atomic
def share_codes_issue(*, actor: Actor, plan: FundingPlan) -> int:
    """One code for every dwelling of the community that has none yet; returns how many."""
    has = set(ShareCode.objects.filter(plan=plan).values_list("dwelling_id", flat=True))
    missing = Dwelling.objects.filter(building__community=plan.project.community).exclude(
        pk__in=has
    )
    issued = []
    for dwelling_id in missing.values_list("pk", flat=True):
        code = new_code()
        issued.append(
            ShareCode(
                plan=plan,
                dwelling_id=dwelling_id,
                code_digest=share_code_digest(code),
                code_cipher=seal(code),
            )
        )
    ShareCode.objects.bulk_create(issued, batch_size=1000)
    audit_record(
        actor=actor,
        action="funding_plan.share_codes",
        target=plan.project,
        after={"issued": len(issued)},
    )
    return len(issued)


@transaction.atomic
def appraisal_save(
    *,
    actor: Actor,
    community: Community,
    operator: str,
    concession_years: int,
    discount_pct: Decimal,
    assets: Sequence[tuple[str, str, int, int, int]],
) -> Appraisal:
    """The project's appraisal replaced: assets as (kind, name, investment, income, cost) fen."""
    project, _created = Project.objects.get_or_create(community=community)
    appraisal, created = Appraisal.objects.select_for_update().get_or_create(
        project=project,
        defaults={
            "operator": operator,
            "concession_years": concession_years,
            "discount_pct": discount_pct,
        },
    )
    before = None if created else _appraisal_record(appraisal)
    appraisal.operator = operator
    appraisal.concession_years = concession_years
    appraisal.discount_pct = discount_pct
    appraisal.save()
    appraisal.assets.all().delete()
    OperatingAsset.objects.bulk_create(
        OperatingAsset(
            appraisal=appraisal,
            kind=kind,
            name=name,
            investment=investment,
            yearly_income=income,
            yearly_cost=cost,
        )
        for kind, name, investment, income, cost in assets
    )
    audit_record(
        actor=actor,
        action="appraisal.save",
        target=appraisal.project,
        before=before,
        after=_appraisal_record(appraisal),
    )
    return appraisal


def _appraisal_record(appraisal: Appraisal) -> dict[str, object]:
    return {
        "operator": appraisal.operator,
        "years": appraisal.concession_years,
        "discount_pct": str(appraisal.discount_pct),
        "assets": [
            [a.name, yuan_text(a.investment), yuan_text(a.yearly_income), yuan_text(a.yearly_cost)]
            for a in appraisal.assets.all()
        ],
    }


def share_codes_shown(*, actor: Actor, community: Community, count: int) -> None:
    """The households' share codes printed: each opens a household's bill, so who saw them is
    kept."""
    audit_read(
        actor=actor,
        action="share_codes.view",
        target=community,
        after={"codes": count},
    )
