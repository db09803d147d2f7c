"""Reads of polls: lists through the jurisdiction rule, and results computed afresh from the
stored roll and responses by the same core rules ``anju tally`` applies to a file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from anju.accounts.models import User
from anju.core.surveys import Answer, ItemSummary, Question, satisfaction_rate, summarise
from anju.core.votes import Ballot, Matter, Tally, tally
from anju.core.votes import Choice as CoreChoice
from anju.participation.models import Elector, Poll, PollKind, Response
from anju.participation.models import Question as QuestionRow
from anju.participation.services import core_question, poll_questions
from anju.registry.models import Community

Viewer = User | AnonymousUser | None


def community_polls(*, user: Viewer, community: Community) -> QuerySet[Poll]:
    return (
        Poll.objects.visible_to(user)
        .filter(community=community)
        .select_related("building")
        .annotate(
            elector_total=Count("electors", distinct=True),
            response_total=Count(
                "responses", filter=Q(responses__voided_at__isnull=True), distinct=True
            ),
        )
    )


def poll_get(*, user: Viewer, pk: int) -> Poll:
    """Raises Poll.DoesNotExist alike for a missing poll and one outside the jurisdiction."""
    return Poll.objects.visible_to(user).select_related("community", "building").get(pk=pk)


def valid_responses(poll: Poll) -> QuerySet[Response]:
    return poll.responses.filter(voided_at__isnull=True)


def vote_ballots(poll: Poll) -> Iterator[Ballot]:
    """One ballot per dwelling on the roll; a dwelling without a valid response took no part."""
    chosen = dict(valid_responses(poll).values_list("elector_id", "choice"))
    for elector_id, dwelling_id, owner_key, area in poll.electors.values_list(
        "pk", "dwelling_id", "owner_key", "exclusive_area"
    ):
        yield Ballot(
            dwelling_id=str(dwelling_id),
            owner_id=owner_key,
            exclusive_area=area,
            choice=CoreChoice(chosen.get(elector_id, CoreChoice.NONE)),
        )


def vote_result(poll: Poll) -> Tally:
    return tally(vote_ballots(poll), Matter(poll.matter))


@dataclass(frozen=True, slots=True)
class Progress:
    electors: int
    responded: int
    on_paper: int
    voided: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.responded, self.electors) if self.electors else Fraction(0)


def progress(poll: Poll) -> Progress:
    counts = poll.responses.aggregate(
        responded=Count("pk", filter=Q(voided_at__isnull=True)),
        on_paper=Count("pk", filter=Q(voided_at__isnull=True, channel="paper")),
        voided=Count("pk", filter=Q(voided_at__isnull=False)),
    )
    return Progress(electors=poll.electors.count(), **counts)


def survey_summary(poll: Poll) -> list[ItemSummary]:
    return summarise(poll_questions(poll), valid_responses(poll).values_list("answers", flat=True))


def satisfaction_score(community: Community, as_of: datetime | None = None) -> Fraction | None:
    """The community's satisfaction rate from its latest satisfaction evaluation closed by
    ``as_of`` (now if not given), the figure acceptance and the district assessment read; None
    when none has closed."""
    return satisfaction_scores([community.pk], as_of).get(community.pk)


CHUNK = 2_000


def satisfaction_scores(
    community_ids: Iterable[int] | QuerySet[Any], as_of: datetime | None = None
) -> dict[int, Fraction | None]:
    """``satisfaction_score`` of many communities at once, in a few queries for every two
    thousand evaluations rather than several for each; communities never evaluated by
    ``as_of`` are left out."""
    latest: dict[int, int] = {}
    for poll_id, community_id in (
        Poll.objects.filter(
            community_id__in=community_ids
            if isinstance(community_ids, QuerySet)
            else list(community_ids),
            kind=PollKind.SATISFACTION,
            published_at__isnull=False,
            closes_at__lte=as_of or timezone.now(),
        )
        .order_by("community_id", "-closes_at", "-pk")
        .values_list("pk", "community_id")
    ):
        latest.setdefault(community_id, poll_id)
    polls = sorted(set(latest.values()))
    rates: dict[int, Fraction | None] = {}
    for start in range(0, len(polls), CHUNK):
        chunk = polls[start : start + CHUNK]
        questions: dict[int, list[Question]] = defaultdict(list)
        for row in QuestionRow.objects.filter(poll_id__in=chunk).order_by("poll", "position"):
            questions[row.poll_id].append(core_question(row))
        answers: dict[int, list[Mapping[str, Answer]]] = defaultdict(list)
        for poll_id, given in Response.objects.filter(
            poll_id__in=chunk, voided_at__isnull=True
        ).values_list("poll_id", "answers"):
            answers[poll_id].append(given)
        for poll_id in chunk:
            rates[poll_id] = satisfaction_rate(summarise(questions[poll_id], answers[poll_id]))
    return {community: rates[poll] for community, poll in latest.items()}


def roll(poll: Poll) -> QuerySet[Elector]:
    return poll.electors.select_related("dwelling").annotate(
        answered=Count("responses", filter=Q(responses__voided_at__isnull=True))
    )


def unanswered(poll: Poll) -> QuerySet[Elector]:
    valid = Response.objects.filter(elector=OuterRef("pk"), voided_at__isnull=True)
    return poll.electors.filter(~Exists(valid))
