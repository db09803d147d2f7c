"""What the records of a project's lots say against the pack and the lists: which kinds must be
tendered, the lots let otherwise or cut under the line, the candidates' publicity that fell
short, awards to untrustworthy parties, changes past the share that waits for approval, named
leads away from an inspection; and the codes, reports and records the pages read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import procurement
from anju.core.divisions import covers
from anju.core.money import yuan_read, yuan_text
from anju.core.policy_pack import Pack
from anju.core.procurement import Kind, KindCheck, Listing, Method, PublicityProblem, party_key
from anju.core.report_periods import date_words
from anju.finance.money.selectors import payments_by_project
from anju.procurement.models import AnswerCode, Debarment, Lot, Monitor, Observation
from anju.procurement.reports import verdict
from anju.procurement.services import answer_digest, monitor_digest
from anju.procurement.wording import KIND_LABELS, publicity_problem_text
from anju.projects.models import Inspection, Project


@dataclass(frozen=True, slots=True)
class Findings:
    kinds: tuple[KindCheck, ...]
    publicity: tuple[tuple[procurement.Lot, PublicityProblem], ...]
    publicity_days: int
    publicity_cite: str
    debarred: tuple[tuple[procurement.Lot, Listing], ...] = ()
    # lots whose changes passed the pack's share with some unapproved: (lot, net change, how many)
    unapproved: tuple[tuple[procurement.Lot, int, int], ...] = ()
    variations_pct: Decimal = Decimal(0)
    variations_cite: str = ""
    # awards told to residents past the pack's days: (lot, the day told, days late)
    late: tuple[tuple[procurement.Lot, dt.date, int], ...] = ()
    disclosure_days: int = 0
    disclosure_reference: bool = False
    disclosure_cite: str = ""
    contracted: int = 0  # the contracts awarded with their changes, in fen
    overpaid: int = 0  # paid beyond them
    overpaid_since: dt.date | None = None


def core_lot(lot: Lot) -> procurement.Lot:
    return procurement.Lot(
        lot.project.community.code,
        lot.name,
        Kind(lot.kind),
        lot.estimate,
        Method(lot.method) if lot.method else None,
        lot.publicity_from,
        lot.publicity_until,
        lot.awarded_on,
        lot.winner,
    )


def debarred(found: Findings) -> list[tuple[procurement.Lot, str]]:
    """The awards to a party on a list of untrustworthy parties that day, in words."""
    return [
        (
            lot,
            _(
                "The winner of “{lot}”, {winner}, was on the list of untrustworthy parties "
                "when it was awarded ({source}, listed {day})."
            ).format(
                lot=lot.name,
                winner=lot.winner,
                source=listing.source,
                day=date_words(listing.listed_on),
            ),
        )
        for lot, listing in found.debarred
    ]


def unapproved_changes(found: Findings) -> list[tuple[procurement.Lot, str]]:
    return [
        (
            lot,
            _(
                # xgettext:no-python-format
                "The changes to “{lot}” add {net} yuan, more than {pct}% of its price; "
                "{count} of them not approved."
            ).format(
                lot=lot.name, net=yuan_text(net), pct=f"{found.variations_pct:g}", count=count
            ),
        )
        for lot, net, count in found.unapproved
    ]


def told_late(found: Findings) -> list[tuple[dt.date, str]]:
    """The awards told to residents past the pack's days, each with the day they were told."""
    reference = _(" (reference figure)") if found.disclosure_reference else ""
    return [
        (
            told,
            _(
                "The award of “{lot}” of {day} reached residents {late} days after the "
                "{days} days{reference} the pack allows."
            ).format(
                lot=lot.name,
                day=date_words(lot.awarded_on) if lot.awarded_on else "",
                late=late,
                days=found.disclosure_days,
                reference=reference,
            ),
        )
        for lot, told, late in found.late
    ]


def overpaid_text(found: Findings) -> str:
    return _(
        "{paid} yuan has been paid: {excess} yuan more than the contracts awarded, with their "
        "changes, come to."
    ).format(paid=yuan_read(found.contracted + found.overpaid), excess=yuan_read(found.overpaid))


def irregular(found: Findings) -> list[tuple[dt.date | None, str]]:
    """What falls foul of the rules, each dated from the day it arose where that is known:
    the kinds let without the tender they must have, the candidates' publicity that fell
    short, the awards to a party listed as untrustworthy, changes past the share that wait for
    approval, awards told to residents late, payments beyond the contracts. A project cut into
    lots that were all tendered all the same is not among them."""
    texts: list[tuple[dt.date | None, str]] = [
        (kind.not_tendered[0].awarded_on, f"{KIND_LABELS[kind.kind]}：{verdict(kind)}")
        for kind in found.kinds
        if kind.not_tendered
    ]
    texts += [
        (lot.awarded_on, publicity_problem_text(lot.name, problem, found.publicity_days))
        for lot, problem in found.publicity
    ]
    texts += [(lot.awarded_on, text) for lot, text in debarred(found)]
    texts += [(lot.awarded_on, text) for lot, text in unapproved_changes(found)]
    texts += told_late(found)
    if found.overpaid:
        texts.append((found.overpaid_since, overpaid_text(found)))
    return texts


# 严格标后履约核查: Puyang's words, Anju's practice elsewhere
PERFORMANCE_CITE = "puyang-2020 §3.(2)4"


def absences(inspections: Iterable[Inspection]) -> list[tuple[dt.date, str]]:
    """The inspections at which the people named at the award were not on site, by day."""
    found = []
    for inspection in inspections:
        missing = [
            str(who)
            for who, there in (
                (_("the contractor's project manager"), inspection.manager_on_site),
                (_("the chief supervisor"), inspection.supervisor_on_site),
            )
            if there is False
        ]
        if missing:
            found.append(
                (
                    inspection.on,
                    _("At the {kind} of {day}, {who} not on site.").format(
                        kind=inspection.get_kind_display(),
                        day=date_words(inspection.on),
                        who="、".join(missing),
                    ),
                )
            )
    return found


def absences_by_project(projects: QuerySet[Project]) -> dict[int, list[tuple[dt.date, str]]]:
    grouped: dict[int, list[Inspection]] = {}
    for inspection in Inspection.objects.filter(
        Q(manager_on_site=False) | Q(supervisor_on_site=False),
        project__in=projects.values("pk"),
    ):
        grouped.setdefault(inspection.project_id, []).append(inspection)
    return {project: absences(found) for project, found in grouped.items()}


def project_findings(
    project: Project, lots: list[Lot], pack: Pack
) -> list[tuple[dt.date | None, str]]:
    """Every procurement finding on one project, dated where the day is known: the rules'
    (irregular) and the named leads away from an inspection."""
    checked = findings(lots, pack)
    found = irregular(checked) if checked is not None else []
    if project.pk is not None:
        found += absences(Inspection.objects.filter(project=project))
    return found


def lots_by_project(projects: QuerySet[Project]) -> dict[Project, list[Lot]]:
    """The lots of many projects at once (the supervision of an area), grouped by project."""
    grouped: dict[Project, list[Lot]] = {}
    for lot in (
        Lot.objects.filter(project__in=projects.values("pk"))
        .select_related("project__community__district")
        .prefetch_related("variations")
    ):
        grouped.setdefault(lot.project, []).append(lot)
    return grouped


def project_lots(project: Project) -> list[Lot]:
    if project.pk is None:  # a community's page before anything is recorded on its project
        return []
    return list(
        Lot.objects.filter(project=project)
        .select_related("project__community")
        .prefetch_related("variations")
    )


def listings(lots: Iterable[Lot]) -> list[tuple[str, Listing]]:
    """The entries of the imported lists of untrustworthy parties that name a winner of the
    lots, each with the division whose bureau imported it."""
    keys = {party_key(lot.winner) for lot in lots if lot.winner}
    return [
        (entry.division_id, Listing(entry.name, entry.source, entry.listed_on, entry.until))
        for entry in Debarment.objects.filter(key__in=keys)
    ]


def covering(found: list[tuple[str, Listing]], community: str) -> list[Listing]:
    """The entries of bureaus over the community (a district's list binds its own projects)."""
    return [listing for division, listing in found if covers(division, community)]


def contracted(lots: Iterable[Lot]) -> int:
    """What the contracts awarded come to with their changes, in fen."""
    return sum(
        (lot.price or 0) + sum(v.amount for v in lot.variations.all())
        for lot in lots
        if lot.awarded_on is not None
    )


def findings(
    lots: list[Lot],
    pack: Pack,
    listed: Iterable[Listing] | None = None,
    payments: Iterable[tuple[dt.date, int]] | None = None,
) -> Findings | None:
    """None where the pack sets no tendering line, or the project has no lot. ``listed``: the
    entries of the lists over the project; ``payments``: the project's, day and fen; each read
    here when not given."""
    lines = pack.tender_lines
    if lines is None or not lots:
        return None
    project = lots[0].project
    [checked] = procurement.tender_checks([core_lot(lot) for lot in lots], lines)
    publicity = pack.model.procurement.candidate_publicity
    short = (
        [
            found
            for kind in checked.kinds
            for found in procurement.publicity_problems(kind, publicity.days)
        ]
        if publicity is not None
        else []
    )
    if listed is None:
        listed = covering(listings(lots), project.community.division_id)
    if payments is None:
        payments = payments_by_project([project.pk]).get(project.pk, [])
    told = pack.model.procurement.disclosure
    late = []
    if told is not None:
        for lot in lots:
            if lot.awarded_on is not None and lot.published_at is not None:
                day = timezone.localtime(lot.published_at).date()
                days = procurement.published_late(lot.awarded_on, day, told.days)
                if days:
                    late.append((core_lot(lot), day, days))
    owed = contracted(lots)
    excess, since = procurement.overpaid(owed, payments)
    rule = pack.model.procurement.variations
    unapproved = []
    if rule is not None:
        share = Fraction(rule.share_pct) / 100
        for lot in lots:
            changes = [
                procurement.Variation(v.amount, v.approved_on is not None)
                for v in lot.variations.all()
            ]
            left = procurement.variations_to_approve(lot.price or 0, changes, share)
            if changes and lot.price is not None and left:
                unapproved.append((core_lot(lot), sum(v.amount for v in changes), len(left)))
    return Findings(
        checked.kinds,
        tuple(short),
        publicity.days if publicity else 0,
        publicity.cite if publicity else "",
        tuple(procurement.debarred_winners([core_lot(lot) for lot in lots], listed)),
        tuple(unapproved),
        rule.share_pct if rule else Decimal(0),
        rule.cite if rule else "",
        tuple(late),
        told.days if told else 0,
        told.reference if told else False,
        told.cite if told else "",
        owed,
        excess,
        since,
    )


def monitor_by_code(code: str) -> Monitor | None:
    """The active monitor a code belongs to; the code must already be normalised."""
    return (
        Monitor.objects.select_related("project__community")
        .filter(code_digest=monitor_digest(code), active=True)
        .first()
    )


def lot_by_answer_code(code: str) -> Lot | None:
    found = (
        AnswerCode.objects.select_related("lot__project__community")
        .filter(code_digest=answer_digest(code))
        .first()
    )
    return found.lot if found else None


def project_observations(project: Project) -> list[Observation]:
    if project.pk is None:
        return []
    return list(
        Observation.objects.filter(project=project)
        .select_related("monitor", "answered_by")
        .prefetch_related("photos")
    )


def project_monitors(project: Project) -> list[Monitor]:
    return [] if project.pk is None else list(Monitor.objects.filter(project=project))


@dataclass(frozen=True, slots=True)
class WonElsewhere:
    lot: Lot
    overdue: bool  # due and not completed by then (or completed after it)
    open_defects: int
    satisfaction: Decimal | None  # at the joint acceptance, where held


def won_elsewhere(user: Any, lot: Lot, today: dt.date) -> list[WonElsewhere]:
    """The winner's other awards the user may see: how those works went (delays, defects,
    residents' satisfaction), for whoever records this award."""
    if not lot.winner:
        return []
    others = (
        Lot.objects.visible_to(user)
        .filter(winner_key=party_key(lot.winner), awarded_on__isnull=False)
        .exclude(pk=lot.pk)
        .select_related("project__community__district")
        .annotate(
            open_defects=Count(
                "project__defects", filter=Q(project__defects__fixed_on__isnull=True), distinct=True
            )
        )
        .order_by("-awarded_on")[:50]
    )
    accepted = dict(
        Inspection.objects.acceptances_passed()
        .filter(project__in=[other.project_id for other in others])
        .values_list("project", "satisfaction")
    )
    found = []
    for other in others:
        project = other.project
        late = project.due_on is not None and ((project.completed_on or today) > project.due_on)
        found.append(WonElsewhere(other, late, other.open_defects, accepted.get(project.pk)))  # type: ignore[attr-defined]
    return found


def bulk_offers(user: Any, pack: Pack) -> list[procurement.Bulk]:
    """Where the pack encourages buying together (集中招标采购): the goods the user's projects
    are yet to buy under one name in two projects or more."""
    if pack.model.procurement.central_purchasing is None:
        return []
    lots = (
        Lot.objects.visible_to(user)
        .filter(kind=Kind.GOODS, method="")
        .select_related("project__community")
        .order_by("project__community__code", "pk")
    )
    return procurement.bulk_goods(core_lot(lot) for lot in lots)
