"""The plan's candidates drawn from the registry under a policy pack.

A community is a candidate in the years the pack makes it eligible (Hangjin's phases admit the
2005–2009 stock only in the last two years, hangjin-2021 §2.(1)); it costs what its content
list estimates; its score is the pack's priority score from the registry, the assessment and
the residents' polls. A community the plan cannot weigh — never eligible in the horizon, or
with nothing priced to do — is left out and said to be, with why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import within as within_division
from anju.assessment.selectors import assessed_many
from anju.core.conditions import NEEDS_WORK, Condition, Facility
from anju.core.content_list import estimate
from anju.core.eligibility import Status, assess
from anju.core.plans import ALL_SOURCES, Candidate
from anju.core.policy_pack import Pack
from anju.core.priority import Criterion, Facts, Score, score
from anju.core.votes import Matter
from anju.participation.models import Poll, PollKind
from anju.participation.selectors import progress, vote_result
from anju.registry.eligibility import community_facts
from anju.registry.models import Community
from anju.registry.selectors import Viewer, community_list


class NoPriority(ValueError):
    """The pack says nothing of how to rank candidates."""


@dataclass
class RegistryCandidates:
    candidates: list[Candidate] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)
    left_out: dict[str, str] = field(default_factory=dict)
    """Community code → why it is not a candidate."""
    labels: dict[str, str] = field(default_factory=dict)
    """Criterion → the pack's words for it."""


def risk_share(conditions: Mapping[Facility, Condition]) -> Fraction | None:
    """Share of the assessed facilities found poor or missing; None before any assessment."""
    assessed = [c for c in conditions.values() if c != Condition.NOT_APPLICABLE]
    if not assessed:
        return None
    return Fraction(sum(1 for c in assessed if c in NEEDS_WORK), len(assessed))


def poll_facts(
    communities: Sequence[Community],
) -> dict[int, tuple[Fraction | None, bool | None]]:
    """Per community, the turnout of its latest closed poll and whether its latest closed
    community-wide renovation vote passed; None where there is none."""
    latest: dict[int, Poll] = {}
    vote: dict[int, Poll] = {}
    for poll in Poll.objects.filter(
        community_id__in=[c.pk for c in communities],
        published_at__isnull=False,
        closes_at__lte=timezone.now(),
    ).order_by("community_id", "-closes_at"):
        latest.setdefault(poll.community_id, poll)
        if (
            poll.kind == PollKind.VOTE
            and poll.matter == Matter.RENOVATE
            and poll.building_id is None
        ):
            vote.setdefault(poll.community_id, poll)
    return {
        c.pk: (
            progress(latest[c.pk]).share if c.pk in latest else None,
            vote_result(vote[c.pk]).passed if c.pk in vote else None,
        )
        for c in communities
    }


def _facts(
    community: Community,
    conditions: Mapping[Facility, Condition],
    polls: tuple[Fraction | None, bool | None],
) -> Facts:
    willingness = community.willingness_pct
    participation, ready = polls
    return Facts(
        built_year=community.build_year,
        risk=risk_share(conditions),
        households=community.household_count,
        willingness=Fraction(willingness) / 100 if willingness is not None else None,
        participation=participation,
        market=None,
        ready=ready,
    )


def priority_facts(community: Community, pack: Pack) -> Facts:
    """What the registry, the assessment and the closed polls know of one community."""
    assessed = assessed_many([community], pack)[community.pk]
    return _facts(community, assessed.conditions, poll_facts([community])[community.pk])


CHUNK = 2_000
"""Communities read together: few queries per chunk, and well under SQLite's limit on the
parameters of one query."""


def registry_candidates(
    pack: Pack,
    years: Sequence[int],
    user: Viewer,
    *,
    within: str | None = None,
    weights: Mapping[Criterion, int] | None = None,
    on_community: Callable[[int, int], None] | None = None,
) -> RegistryCandidates:
    """The candidates ``user`` sees, in the division ``within`` if given, scored with the
    pack's weights or ``weights`` where a scenario sets its own."""
    priority = pack.model.priority
    if priority is None:
        raise NoPriority(pack.id)
    weighting = {**priority.weights, **(weights or {})}
    found = RegistryCandidates(labels={c.key: c.text for c in priority.criteria})
    communities = community_list(user=user).order_by("code")
    if within is not None:
        communities = communities.filter(within_division("division__code", within))
    total = communities.count()
    done = 0
    chunk: list[Community] = []
    for community in communities.iterator(chunk_size=CHUNK):
        chunk.append(community)
        if len(chunk) == CHUNK:
            _draw(chunk, pack, years, weighting, found)
            done += len(chunk)
            chunk = []
            if on_community is not None:
                on_community(done, total)
    _draw(chunk, pack, years, weighting, found)
    if on_community is not None:
        on_community(total, total)
    return found


def _draw(
    communities: Sequence[Community],
    pack: Pack,
    years: Sequence[int],
    weighting: Mapping[Criterion, int],
    found: RegistryCandidates,
) -> None:
    priority = pack.model.priority
    assert priority is not None
    eligible: list[tuple[Community, frozenset[int]]] = []
    for community in communities:
        verdicts = [assess(community_facts(community), pack, y) for y in years]
        allowed = frozenset(
            y for y, v in zip(years, verdicts, strict=True) if v.status is Status.ELIGIBLE
        )
        if allowed:
            eligible.append((community, allowed))
        else:
            last = verdicts[-1]
            found.left_out[community.code] = _(
                "not eligible in any year of the plan: {why}"
            ).format(why="；".join(r.text for r in last.obstacles or last.reasons))
    assessed = assessed_many([c for c, _years in eligible], pack)
    polls = poll_facts([c for c, _years in eligible])
    for community, allowed in eligible:
        lines = assessed[community.pk].lines
        cost = estimate(lines).total_yuan
        if cost <= 0:
            found.left_out[community.code] = _("no priced renovation content yet")
            continue
        facts = _facts(community, assessed[community.pk].conditions, polls[community.pk])
        rated = score(facts, weighting, priority.scale)
        found.scores[community.code] = rated
        found.facts[community.code] = facts
        found.candidates.append(
            Candidate(
                code=community.code,
                district=community.district.name,
                costs={ALL_SOURCES: int((cost * 100).to_integral_value())},
                score=rated.total,
                area_m2=Decimal(community.floor_area),
                households=community.household_count,
                built_year=community.build_year,
                years=allowed,
            )
        )


def within_years(drawn: RegistryCandidates, years: Sequence[int]) -> RegistryCandidates:
    """The candidates drawn for a longer horizon (a forecast's), held to the plan's years; one
    the pack admits only later is left out, with the years it could start."""
    kept = RegistryCandidates(left_out=dict(drawn.left_out), labels=drawn.labels, facts=drawn.facts)
    for candidate in drawn.candidates:
        allowed = frozenset(y for y in years if candidate.years is None or y in candidate.years)
        if allowed:
            kept.candidates.append(replace(candidate, years=allowed))
            kept.scores[candidate.code] = drawn.scores[candidate.code]
        else:
            kept.left_out[candidate.code] = _("eligible only from {year}").format(
                year=min(candidate.years or years)
            )
    return kept
