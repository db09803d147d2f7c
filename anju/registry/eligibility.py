"""Eligibility over the registry: the facts each community gives the pack's rules, read in one
pass of plain values so that a whole city's verdicts cost a query and a loop."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.eligibility import CommunityFacts, Status, Verdict, assess
from anju.core.policy_pack import Pack
from anju.policy.library import citation_words
from anju.registry.models import Community
from anju.workbooks import new_workbook

FACT_FIELDS = (
    "code",
    "build_year",
    "in_shantytown_plan",
    "mostly_self_built",
    "is_urban_village",
    "structure_safe",
    "willingness_pct",
)


def community_facts(community: Community) -> CommunityFacts:
    return CommunityFacts(*(getattr(community, name) for name in FACT_FIELDS))


def community_verdict(community: Community, pack: Pack, year: int) -> Verdict:
    return assess(community_facts(community), pack, year)


def verdicts(
    communities: QuerySet[Community], pack: Pack, year: int
) -> Iterator[tuple[int, Verdict]]:
    """(primary key, verdict) for every community of the queryset, in its order."""
    rows = communities.values_list("pk", *FACT_FIELDS).iterator(chunk_size=5000)
    for pk, *facts in rows:
        yield pk, assess(CommunityFacts(*facts), pack, year)


STATUS_LABELS = {
    Status.ELIGIBLE: _("Eligible"),
    Status.OPT_IN: _("Eligible if the district opts in"),
    Status.EXCLUDED: _("Excluded"),
    Status.NEEDS_DATA: _("Needs data"),
}


def plan_year() -> int:
    """The plan year pages and commands assume when none is given: this one."""
    return timezone.localdate().year


def matching(
    communities: QuerySet[Community], pack: Pack, year: int, status: Status
) -> QuerySet[Community]:
    """The communities whose verdict is ``status``. The rules are the core's, so the filter runs
    them over the rows and narrows by key — by the smaller side, keeping the key list short."""
    hits: list[int] = []
    misses: list[int] = []
    for pk, verdict in verdicts(communities, pack, year):
        (hits if verdict.status is status else misses).append(pk)
    if len(hits) <= len(misses):
        return communities.filter(pk__in=hits)
    return communities.exclude(pk__in=misses)


def write_verdicts(target: IO[bytes] | str, rows: Iterable[Verdict], pack: Pack, year: int) -> int:
    """The verdicts as a workbook, one row per reason so that a city can filter by clause."""
    book = new_workbook(target, constant_memory=True)
    sheet = book.add_worksheet(str(_("Eligibility")))
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, [pack.model.title, pack.model.document, str(year)], bold)
    headers = [_("Community code"), _("Eligibility"), _("Reason"), _("Citation")]
    sheet.write_row(1, 0, [str(header) for header in headers], bold)
    line = 2
    count = 0
    for verdict in rows:
        count += 1
        for reason in verdict.reasons or (None,):
            sheet.write_row(
                line,
                0,
                [
                    verdict.community_code,
                    str(STATUS_LABELS[verdict.status]),
                    reason.text if reason else "",
                    citation_words(reason.citation) if reason else "",
                ],
            )
            line += 1
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 24)
    book.close()
    return count
