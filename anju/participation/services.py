"""Writes of polls, rolls and responses, each in one transaction with its audit entries.

The rules that make a result lawful live here and in the database together: answers only while
the poll is open, one valid response per dwelling (a partial unique index, so concurrent
submissions cannot both land), and for a statutory vote one voice per owner over all their
dwellings (法释〔2009〕7号 art. 9), so an owner's ballot is cast for every dwelling they hold.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_read, audit_record, audit_record_changes, saved_and_audited
from anju.core.ballot_codes import new_code, normalise
from anju.core.surveys import AnswerError, Question, QuestionKind, clean_answers
from anju.core.votes import UNIT_MATTERS, headcount_key
from anju.participation.models import (
    Channel,
    Choice,
    Elector,
    Poll,
    PollKind,
    Response,
)
from anju.participation.models import (
    Question as QuestionRow,
)
from anju.registry.models import Building, Community, Dwelling
from anju.registry.personal import keyed_digest, seal, unseal


class ParticipationError(Exception):
    """A refusal to show the person who asked, in their language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class AlreadyAnswered(ParticipationError):
    def __init__(self) -> None:
        super().__init__(_("This dwelling has already answered; a response cannot be given twice."))


class NotOpen(ParticipationError):
    pass


class InvalidAnswers(ParticipationError):
    def __init__(self, errors: Sequence[AnswerError]) -> None:
        self.errors = list(errors)
        super().__init__(_("Some answers are missing or not allowed."))


def _code_digest(code: str) -> str:
    return keyed_digest(f"ballot-code:{code}")


def _electors_for(poll: Poll) -> list[Elector]:
    dwellings = Dwelling.objects.filter(building__community=poll.community).select_related(
        "building", "owner"
    )
    if poll.building_id is not None:
        dwellings = dwellings.filter(building_id=poll.building_id)
    if poll.unit:
        dwellings = dwellings.filter(unit=poll.unit)
    return [
        Elector(
            poll=poll,
            dwelling=d,
            label=_("Building %(building)s, unit %(unit)s, room %(room)s")
            % {"building": d.building.number, "unit": d.unit, "room": d.room},
            owner_name=d.owner.name if d.owner else "",
            owner_key=headcount_key(
                owner=str(d.owner_id) if d.owner_id else None, dwelling=str(d.pk), unsold=False
            ),
            exclusive_area=d.exclusive_area,
        )
        for d in dwellings.order_by("building_id", "unit", "floor", "room")
    ]


def _poll_record(poll: Poll) -> dict[str, object]:
    return {
        "kind": poll.kind,
        "title": poll.title,
        "community": poll.community.code,
        "building": poll.building.number if poll.building else "",
        "unit": poll.unit,
        "matter": poll.matter,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
    }


@transaction.atomic
def poll_create(
    *,
    actor: Actor,
    community: Community,
    kind: PollKind,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    matter: str = "",
    building: Building | None = None,
    unit: str = "",
    questions: Sequence[Question] = (),
    pack: str = "",
) -> Poll:
    """A draft poll with its roll drawn from the registry as it stands now; until publishing,
    only the unsold marks change on it. Codes are issued, and everything fixed, on publishing."""
    if closes_at <= opens_at:
        raise ParticipationError(_("A poll must close after it opens."))
    if kind == PollKind.VOTE and not matter:
        raise ParticipationError(_("A statutory vote must say which matter it decides."))
    if matter in UNIT_MATTERS and not unit:
        raise ParticipationError(
            _("An elevator is decided by the owners of the stairway unit it serves: choose one.")
        )
    if building is not None and building.community_id != community.pk:
        raise ParticipationError(_("The building is not in this community."))
    if unit and not (
        building is not None and Dwelling.objects.filter(building=building, unit=unit).exists()
    ):
        raise ParticipationError(_("No dwelling on record in that stairway unit."))
    if kind != PollKind.VOTE and not questions:
        raise ParticipationError(_("A consultation needs at least one question."))
    poll = Poll.objects.create(
        kind=kind,
        community=community,
        building=building,
        unit=unit,
        title=title,
        description=description,
        matter=matter if kind == PollKind.VOTE else "",
        opens_at=opens_at,
        closes_at=closes_at,
        pack=pack,
        created_by=actor.user,
    )
    QuestionRow.objects.bulk_create(
        QuestionRow(
            poll=poll,
            position=i,
            text=q.text,
            kind=q.kind,
            options=list(q.options),
            required=q.required,
        )
        for i, q in enumerate(questions, start=1)
    )
    electors = Elector.objects.bulk_create(_electors_for(poll))
    if not electors:
        raise ParticipationError(_("No dwelling on record in this scope: import the dwellings."))
    audit_record(
        actor=actor,
        action="poll.create",
        target=poll,
        after=_poll_record(poll) | {"electors": len(electors)},
    )
    return poll


def _require_draft(poll: Poll) -> None:
    if not poll.is_draft:
        raise ParticipationError(
            _("The poll is published; its roll and terms can no longer change.")
        )


@transaction.atomic
def electors_mark_unsold(*, actor: Actor, poll: Poll, unsold: Collection[int]) -> int:
    """Mark the roll's dwellings still held by the developer; together they count one voice.
    Returns how many electors changed."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_draft(poll)
    changed = []
    for elector in poll.electors.select_related("dwelling"):
        now_unsold = elector.pk in unsold
        if elector.unsold != now_unsold:
            elector.unsold = now_unsold
            owner = elector.dwelling.owner_id
            elector.owner_key = headcount_key(
                owner=str(owner) if owner else None,
                dwelling=str(elector.dwelling_id),
                unsold=now_unsold,
            )
            changed.append(elector)
    Elector.objects.bulk_update(changed, ["unsold", "owner_key"])
    if changed:
        audit_record_changes(
            actor=actor,
            action="poll.roll",
            target="participation.Elector",
            changes=[
                (str(e.pk), {"unsold": not e.unsold}, {"unsold": e.unsold, "dwelling": e.label})
                for e in changed
            ],
        )
    return len(changed)


@transaction.atomic
def poll_publish(*, actor: Actor, poll: Poll, now: datetime | None = None) -> Poll:
    """Freeze the roll and issue one code per dwelling. A poll that would already be closed is
    refused: its notice could never be answered."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    _require_draft(poll)
    now = now or timezone.now()
    if poll.closes_at <= now:
        raise ParticipationError(_("The closing time has passed; set a later one first."))
    electors = list(poll.electors.all())
    for elector in electors:
        code = new_code()
        elector.code_digest = _code_digest(code)
        elector.code_cipher = seal(code)
    Elector.objects.bulk_update(electors, ["code_digest", "code_cipher"], batch_size=1000)
    poll.published_at = now
    saved_and_audited(
        poll,
        actor=actor,
        action="poll.publish",
        after={"published_at": now, "codes_issued": len(electors)},
        fields=["published_at"],
    )
    return poll


@transaction.atomic
def ballot_slips_print(*, actor: Actor, poll: Poll) -> list[tuple[Elector, str]]:
    """The codes of the households whose slips have not been printed, given out once: their
    sealed copies are erased as they are read, so no one (an official with the poll's page open
    while it runs included) can read a household's code again and answer in its name. A slip
    lost or never received is reprinted with a new code (``ballot_slip_reprint``)."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.is_draft:
        raise ParticipationError(_("Codes are issued when the poll is published."))
    now = timezone.now()
    slips = []
    electors = list(poll.electors.exclude(code_cipher="").order_by("pk"))
    for elector in electors:
        slips.append((elector, unseal(elector.code_cipher)))
        elector.code_cipher = ""
        elector.slip_printed_at = now
    Elector.objects.bulk_update(electors, ["code_cipher", "slip_printed_at"], batch_size=1000)
    if electors:
        audit_record(
            actor=actor,
            action="ballot_slips.print",
            target=poll,
            after={"slips": len(electors), "printed_at": now},
        )
    return slips


@transaction.atomic
def ballot_slip_reprint(*, actor: Actor, elector: Elector) -> str:
    """A new code for one household whose slip is lost: the old code stops working at once,
    and the log names the official who reprinted it. A household that has answered keeps its
    answer and gets no new code."""
    elector = Elector.objects.select_for_update().select_related("poll").get(pk=elector.pk)
    poll = elector.poll
    if poll.is_draft:
        raise ParticipationError(_("Codes are issued when the poll is published."))
    if poll.is_closed():
        raise NotOpen(_("The poll has closed; no new code is issued."))
    answered = Response.objects.filter(elector=elector, voided_at__isnull=True).first()
    if answered is not None:
        raise ParticipationError(
            _("This household answered at %(when)s; its answer stands and needs no new code.")
            % {"when": f"{timezone.localtime(answered.cast_at):%Y-%m-%d %H:%M}"}
        )
    code = new_code()
    elector.code_digest = _code_digest(code)
    elector.code_cipher = ""
    elector.slip_printed_at = timezone.now()
    saved_and_audited(
        elector,
        actor=actor,
        action="ballot_code.reprint",
        after={"poll": poll.pk, "dwelling": elector.label, "printed_at": elector.slip_printed_at},
        fields=["code_digest", "code_cipher", "slip_printed_at"],
    )
    return code


def elector_by_code(text: str) -> Elector | None:
    """The dwelling a ballot code belongs to, or None for a code that is no code."""
    code = normalise(text)
    if code is None:
        return None
    return (
        Elector.objects.select_related("poll", "poll__community")
        .filter(code_digest=_code_digest(code))
        .first()
    )


def poll_questions(poll: Poll) -> list[Question]:
    return [core_question(row) for row in poll.questions.all()]


def core_question(row: QuestionRow) -> Question:
    return Question(row.key, row.text, QuestionKind(row.kind), tuple(row.options), row.required)


def validate_response(
    poll: Poll, *, choice: str = "", raw: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, dict[str, object]]:
    """The (choice, answers) to store, or InvalidAnswers / ParticipationError saying why not."""
    if poll.is_vote:
        if choice not in Choice.values:
            raise ParticipationError(_("Choose agree, against or abstain."))
        return choice, {}
    answers, errors = clean_answers(poll_questions(poll), raw or {})
    if errors:
        raise InvalidAnswers(errors)
    return "", dict(answers)


def response_submit(
    *,
    actor: Actor,
    elector: Elector,
    choice: str = "",
    raw: Mapping[str, Sequence[str]] | None = None,
    channel: Channel,
    now: datetime | None = None,
) -> list[Response]:
    """Record a dwelling's answer, as given on the form: a vote's choice, or the raw answers to
    the questions, checked here (``validate_response``) whoever calls.

    On a vote, the owner's voice goes to every dwelling of theirs on the roll. AlreadyAnswered
    when any of them has a valid response, NotOpen outside the poll's hours, InvalidAnswers or
    ParticipationError for an answer the poll does not take.
    """
    poll = elector.poll
    now = now or timezone.now()
    if poll.is_draft or now < poll.opens_at:
        raise NotOpen(_("The poll is not open yet."))
    if now >= poll.closes_at:
        raise NotOpen(_("The poll has closed; responses are no longer accepted."))
    if channel == Channel.PAPER and actor.user is None:
        raise ParticipationError(_("A paper response is entered by a named member of staff."))
    choice, answers = validate_response(poll, choice=choice, raw=raw)
    group = list(poll.electors.filter(owner_key=elector.owner_key)) if poll.is_vote else [elector]
    responses = [
        Response(
            poll=poll,
            elector=member,
            choice=choice,
            answers=answers,
            channel=channel,
            entered_by=actor.user if channel == Channel.PAPER else None,
            cast_at=now,
        )
        for member in group
    ]
    try:
        with transaction.atomic():
            created = Response.objects.bulk_create(responses)
            audit_record_changes(
                actor=actor,
                action="poll.respond",
                target="participation.Response",
                changes=[
                    (
                        str(r.pk),
                        None,
                        {
                            "poll": poll.pk,
                            "dwelling": r.elector.label,
                            "choice": r.choice,
                            "answers": r.answers,
                            "channel": r.channel,
                        },
                    )
                    for r in created
                ],
            )
    except IntegrityError:
        raise AlreadyAnswered from None
    return created


@transaction.atomic
def response_void(
    *, actor: Actor, response: Response, reason: str, now: datetime | None = None
) -> int:
    """Withdraw a response entered in error, while the poll is open, so the dwelling can answer
    again. On a vote the owner's whole ballot goes, as it was cast. Returns how many went."""
    poll = response.poll
    now = now or timezone.now()
    if not poll.is_open(now):
        raise NotOpen(_("Responses can be voided only while the poll is open."))
    if not reason.strip():
        raise ParticipationError(_("Say why the response is voided."))
    valid = Response.objects.select_for_update().filter(poll=poll, voided_at__isnull=True)
    if poll.is_vote:
        rows = list(valid.filter(elector__owner_key=response.elector.owner_key))
    else:
        rows = list(valid.filter(pk=response.pk))
    for row in rows:
        row.voided_at, row.voided_by, row.void_reason = now, actor.user, reason.strip()
    Response.objects.bulk_update(rows, ["voided_at", "voided_by", "void_reason"])
    audit_record_changes(
        actor=actor,
        action="poll.void",
        target="participation.Response",
        changes=[
            (str(r.pk), {"voided_at": None}, {"voided_at": now, "reason": reason}) for r in rows
        ],
    )
    return len(rows)


def roll_shown(*, actor: Actor, poll: Poll, owners: int) -> None:
    """The roll of a poll shown with its owners' names: personal data read, and by whom."""
    audit_read(
        actor=actor,
        action="personal_data.view",
        target=poll,
        after={"page": "roll", "owners": owners},
    )
