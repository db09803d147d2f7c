"""Polls as stored: the roll, the codes, the hours, one response per dwelling, one voice per
owner, and a result that anyone can recount from the exported ballots."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from anju.audit.context import Actor
from anju.audit.models import AuditEntry
from anju.core.ballot_codes import grouped
from anju.core.votes import tally_json
from anju.participation import selectors
from anju.participation.models import Channel, Elector, Poll, PollKind, Response
from anju.participation.services import (
    AlreadyAnswered,
    InvalidAnswers,
    NotOpen,
    ParticipationError,
    ballot_slips_print,
    elector_by_code,
    electors_mark_unsold,
    poll_create,
    poll_publish,
    response_submit,
    response_void,
)
from anju.participation.tests.conftest import MakePoll
from anju.registry.models import Building, Community, Dwelling, Owner
from anju.testing import SYSTEM


def _first_dwellings(community: Community, count: int) -> list[Dwelling]:
    building = Building.objects.filter(community=community).order_by("id").first()
    return list(Dwelling.objects.filter(building=building).order_by("pk")[:count])


def _vote(elector: Elector, choice: str) -> list[Response]:
    return response_submit(actor=SYSTEM, elector=elector, choice=choice, channel=Channel.CODE)


def test_the_roll_is_the_dwellings_in_scope_frozen_as_published(make_poll: MakePoll) -> None:
    poll = make_poll()
    building = poll.building
    assert building is not None
    dwellings = Dwelling.objects.filter(building=building)
    assert poll.electors.count() == dwellings.count() > 0
    first = dwellings.order_by("pk").first()
    assert first is not None
    Dwelling.objects.filter(pk=first.pk).update(exclusive_area=Decimal("999.99"))
    assert poll.electors.get(dwelling=first).exclusive_area == first.exclusive_area


def test_a_unit_scope_takes_only_that_stairway(make_poll: MakePoll) -> None:
    poll = make_poll(matter="elevator", unit="1")
    assert (
        poll.electors.count() == Dwelling.objects.filter(building=poll.building, unit="1").count()
    )
    assert poll.electors.count() < Dwelling.objects.filter(building=poll.building).count()


def test_an_elevator_vote_must_name_its_stairway_unit(make_poll: MakePoll) -> None:
    with pytest.raises(ParticipationError, match="单元"):
        make_poll(matter="elevator")


def test_a_unit_with_no_dwellings_is_refused(make_poll: MakePoll) -> None:
    with pytest.raises(ParticipationError):
        make_poll(matter="elevator", unit="99")


def test_a_building_of_another_community_is_refused(
    make_poll: MakePoll, qingfeng_community: Community
) -> None:
    foreign = Building.objects.filter(community=qingfeng_community).first()
    with pytest.raises(ParticipationError):
        make_poll(building=foreign)


def test_each_dwelling_gets_a_code_that_finds_it_however_typed(make_poll: MakePoll) -> None:
    poll = make_poll()
    codes = dict(ballot_slips_print(actor=SYSTEM, poll=poll))
    assert len(set(codes.values())) == poll.electors.count()
    elector, code = next(iter(codes.items()))
    typed = grouped(code).lower().replace("-", " - ")
    found = elector_by_code(typed)
    assert found is not None and found.pk == elector.pk
    assert elector_by_code("ABCDE-FGHJK") is None
    assert elector_by_code("not a code") is None
    # the database keeps a digest, never the code itself, and once printed nothing to open
    stored = Elector.objects.filter(pk=elector.pk).values().get()
    assert code not in json.dumps(stored, default=str)
    assert stored["code_cipher"] == "" and stored["slip_printed_at"] is not None
    assert ballot_slips_print(actor=SYSTEM, poll=poll) == []


def test_one_valid_response_per_dwelling(make_poll: MakePoll) -> None:
    poll = make_poll()
    elector = poll.electors.first()
    assert elector is not None
    _vote(elector, "agree")
    with pytest.raises(AlreadyAnswered):
        _vote(elector, "against")
    assert Response.objects.filter(elector=elector).count() == 1
    # the rule is the database's, not only the service's
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(poll=poll, elector=elector, choice="against", channel="code")


def test_nothing_is_accepted_before_opening_or_after_closing(make_poll: MakePoll) -> None:
    poll = make_poll()
    elector = poll.electors.first()
    assert elector is not None
    for moment in (poll.opens_at - timedelta(seconds=1), poll.closes_at):
        with pytest.raises(NotOpen):
            response_submit(
                actor=SYSTEM, elector=elector, choice="agree", channel=Channel.CODE, now=moment
            )
    draft = make_poll(publish=False)
    with pytest.raises(NotOpen):
        _vote(draft.electors.first(), "agree")  # type: ignore[arg-type]


def test_a_response_cannot_be_voided_after_closing(make_poll: MakePoll) -> None:
    poll = make_poll()
    elector = poll.electors.first()
    assert elector is not None
    (response,) = _vote(elector, "agree")
    with pytest.raises(NotOpen):
        response_void(actor=SYSTEM, response=response, reason="录入错误", now=poll.closes_at)
    with pytest.raises(ParticipationError):
        response_void(actor=SYSTEM, response=response, reason=" ")
    assert response_void(actor=SYSTEM, response=response, reason="录入错误") == 1
    # voided, the dwelling may answer again; the voided ballot stays on record
    _vote(elector, "against")
    assert Response.objects.filter(elector=elector).count() == 2
    assert selectors.valid_responses(poll).get(elector=elector).choice == "against"


def test_an_owner_of_several_dwellings_votes_once_for_all_of_them(
    make_poll: MakePoll, hualong_community: Community
) -> None:
    two = _first_dwellings(hualong_community, 2)
    owner = Owner.objects.create(name="王建国")
    Dwelling.objects.filter(pk__in=[d.pk for d in two]).update(owner=owner)
    poll = make_poll()
    mine = list(poll.electors.filter(dwelling__in=two))
    assert mine[0].owner_key == mine[1].owner_key
    responses = _vote(mine[1], "agree")
    assert {r.elector_id for r in responses} == {e.pk for e in mine}
    with pytest.raises(AlreadyAnswered):
        _vote(mine[0], "against")
    result = selectors.vote_result(poll)
    owners = poll.electors.values("owner_key").distinct().count()
    assert owners < poll.electors.count()
    assert result.participation_headcount == Fraction(1, owners)
    assert result.participation_area == Fraction(
        sum(Fraction(e.exclusive_area) for e in mine),
        sum(Fraction(e.exclusive_area) for e in poll.electors.all()),
    )


def test_unsold_dwellings_count_one_owner_together(make_poll: MakePoll) -> None:
    poll = make_poll(publish=False)
    electors = list(poll.electors.order_by("pk"))
    unsold = {e.pk for e in electors[:3]}
    assert electors_mark_unsold(actor=SYSTEM, poll=poll, unsold=unsold) == 3
    poll = poll_publish(actor=SYSTEM, poll=poll)
    keys = set(poll.electors.values_list("owner_key", flat=True))
    assert "unsold" in keys
    assert set(poll.electors.filter(pk__in=unsold).values_list("owner_key", flat=True)) == {
        "unsold"
    }
    with pytest.raises(ParticipationError):
        electors_mark_unsold(actor=SYSTEM, poll=poll, unsold=set())


def test_the_exported_ballots_recount_to_the_same_result(
    make_poll: MakePoll, tmp_path: Path
) -> None:
    poll = make_poll()
    electors = list(poll.electors.order_by("pk"))
    for i, elector in enumerate(electors):
        if Response.objects.filter(elector=elector, voided_at__isnull=True).exists():
            continue
        if i % 5 != 4:
            _vote(elector, "agree" if i % 4 else "against")
    rows = list(selectors.vote_ballots(poll))
    path = tmp_path / "ballots.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dwelling_id", "owner_id", "exclusive_area", "choice"])
        writer.writerows((b.dwelling_id, b.owner_id, b.exclusive_area, b.choice) for b in rows)
    out = io.StringIO()
    call_command("tally", str(path), "--matter", poll.matter, "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == tally_json(selectors.vote_result(poll))


def test_every_response_is_audited_with_its_channel(make_poll: MakePoll, city_user: object) -> None:
    poll = make_poll()
    elector = poll.electors.first()
    assert elector is not None
    clerk = Actor(user=city_user, origin="test")  # type: ignore[arg-type]
    with pytest.raises(ParticipationError):
        response_submit(actor=SYSTEM, elector=elector, choice="agree", channel=Channel.PAPER)
    (response,) = response_submit(
        actor=clerk, elector=elector, choice="abstain", channel=Channel.PAPER
    )
    assert response.entered_by == city_user
    entry = AuditEntry.objects.get(action="poll.respond", target_id=str(response.pk))
    assert entry.after is not None
    assert entry.after["channel"] == "paper" and entry.after["choice"] == "abstain"
    assert entry.actor == city_user


def test_a_poll_must_close_after_it_opens(hualong_community: Community) -> None:
    now = timezone.now()
    with pytest.raises(ParticipationError):
        poll_create(
            actor=SYSTEM,
            community=hualong_community,
            kind=PollKind.VOTE,
            matter="rules",
            title="x",
            opens_at=now,
            closes_at=now,
        )
    assert not Poll.objects.exists()


def test_publishing_after_the_closing_time_is_refused(make_poll: MakePoll) -> None:
    poll = make_poll(publish=False)
    with pytest.raises(ParticipationError):
        poll_publish(actor=SYSTEM, poll=poll, now=poll.closes_at)
    assert Poll.objects.get(pk=poll.pk).is_draft


def test_the_latest_closed_evaluation_gives_the_community_satisfaction(
    make_poll: MakePoll, hualong_community: Community
) -> None:
    from anju.participation import questionnaires

    poll = make_poll(PollKind.SATISFACTION, questions=questionnaires.satisfaction())
    keys = [q.key for q in poll.questions.filter(kind="rating")]
    electors = list(poll.electors.order_by("pk")[:4])
    for elector, rating in zip(electors, (5, 3, 2, 1), strict=True):
        response_submit(
            actor=SYSTEM,
            elector=elector,
            raw=dict.fromkeys(keys, (str(rating),)),
            channel=Channel.CODE,
        )
    assert selectors.satisfaction_score(hualong_community) is None  # still open
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now())
    assert selectors.satisfaction_score(hualong_community) == Fraction(2, 4)


def test_many_communities_satisfaction_is_each_one_s_latest_evaluation_closed_by_then(
    make_poll: MakePoll, hualong_community: Community, qingfeng_community: Community
) -> None:
    from anju.participation import questionnaires

    now = timezone.now()
    closings = []
    for days_ago, ratings in ((20, (5, 5)), (5, (5, 1))):
        poll = make_poll(PollKind.SATISFACTION, questions=questionnaires.satisfaction())
        keys = [q.key for q in poll.questions.filter(kind="rating")]
        for elector, rating in zip(poll.electors.order_by("pk"), ratings, strict=False):
            response_submit(
                actor=SYSTEM,
                elector=elector,
                raw=dict.fromkeys(keys, (str(rating),)),
                channel=Channel.CODE,
            )
        closes = now - timedelta(days=days_ago)
        Poll.objects.filter(pk=poll.pk).update(
            opens_at=closes - timedelta(days=7), closes_at=closes
        )
        closings.append(closes)
    ids = [hualong_community.pk, qingfeng_community.pk]
    assert selectors.satisfaction_scores(ids) == {hualong_community.pk: Fraction(1, 2)}
    assert selectors.satisfaction_scores(ids, as_of=closings[1] - timedelta(days=1)) == {
        hualong_community.pk: Fraction(1)
    }
    assert selectors.satisfaction_score(hualong_community) == Fraction(1, 2)


def test_the_service_refuses_an_answer_the_poll_does_not_take_whoever_calls_it(
    make_poll: MakePoll,
) -> None:
    from anju.participation import questionnaires

    vote = make_poll()
    with pytest.raises(ParticipationError):
        _vote(vote.electors.order_by("pk").first(), "maybe")  # type: ignore[arg-type]
    survey = make_poll(PollKind.SATISFACTION, questions=questionnaires.satisfaction())
    keys = [q.key for q in survey.questions.filter(kind="rating")]
    with pytest.raises(InvalidAnswers):
        response_submit(
            actor=SYSTEM,
            elector=survey.electors.order_by("pk").first(),  # type: ignore[arg-type]
            raw=dict.fromkeys(keys, ("9",)),
            channel=Channel.CODE,
        )
    assert not Response.objects.filter(poll__in=[vote, survey]).exists()
