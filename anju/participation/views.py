"""Staff pages that run polls, and the residents' ballot pages reached by a ballot code.

Staff reach a poll through its community's jurisdiction; running one (creating, publishing,
entering paper, voiding) needs the participation capability there. A resident needs no account:
the code printed on their household's notice is the key to their dwelling's ballot only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anju.accounts.jurisdiction import reaches
from anju.assessment.selectors import content_lines
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.ballot_codes import grouped
from anju.core.surveys import AnswerError, Question, QuestionKind, satisfaction_rate
from anju.core.votes import COLUMNS
from anju.limits.services import ON_NOTICE, code_looked_up
from anju.participation import questionnaires, selectors
from anju.participation.forms import PollForm, UnsoldForm, VoidForm
from anju.participation.models import (
    Channel,
    Choice,
    Elector,
    Matter,
    Poll,
    PollKind,
    Rating,
    Response,
)
from anju.participation.problems import answer_problem
from anju.participation.services import (
    AlreadyAnswered,
    InvalidAnswers,
    NotOpen,
    ParticipationError,
    ballot_slip_reprint,
    ballot_slips_print,
    elector_by_code,
    electors_mark_unsold,
    poll_create,
    poll_publish,
    poll_questions,
    response_submit,
    response_void,
    roll_shown,
    validate_response,
)
from anju.policy.library import pack_or_404
from anju.registry.lookup import community_or_404 as _community
from anju.registry.models import Community
from anju.web.qr import qr_svg


def _can_run(request: HttpRequest, community: Community) -> bool:
    return reaches(request.user, Capability.PARTICIPATION_MANAGE, community.division_id)


def _poll(request: HttpRequest, pk: int, *, run: bool = False) -> Poll:
    try:
        poll = selectors.poll_get(user=request.user, pk=pk)
    except Poll.DoesNotExist:
        raise Http404(_("No such poll.")) from None
    if run and not _can_run(request, poll.community):
        raise PermissionDenied
    return poll


@login_required
def poll_list(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code)
    return render(
        request,
        "participation/poll_list.html",
        {
            "community": community,
            "polls": selectors.community_polls(user=request.user, community=community),
            "kinds": PollKind.choices,
            "can_run": _can_run(request, community),
        },
    )


def _default_title(community: Community, kind: PollKind) -> str:
    titles = {
        PollKind.VOTE: _("%(community)s: owners' decision on the renovation"),
        PollKind.NEEDS: _("%(community)s: what should the renovation do?"),
        PollKind.CONTENT: _("%(community)s: opinions on the proposed renovation plan"),
        PollKind.SATISFACTION: _("%(community)s: how satisfied are you with the renovation?"),
    }
    return titles[kind] % {"community": community.name}


def _questions(community: Community, kind: PollKind, pack_id: str) -> list[Question]:
    if kind == PollKind.NEEDS:
        return questionnaires.needs(pack_or_404(pack_id))
    if kind == PollKind.CONTENT:
        return questionnaires.content(content_lines(community, pack_or_404(pack_id))[1])
    if kind == PollKind.SATISFACTION:
        return questionnaires.satisfaction()
    return []


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    community = _community(request, code)
    if not _can_run(request, community):
        raise PermissionDenied
    if kind not in PollKind.values:
        raise Http404(_("No such kind of poll."))
    poll_kind = PollKind(kind)
    start = timezone.localtime().replace(second=0, microsecond=0) + timedelta(hours=1)
    form = PollForm(
        request.POST or None,
        community=community,
        kind=poll_kind,
        initial={
            "title": _default_title(community, poll_kind),
            "opens_at": start,
            "closes_at": start + timedelta(days=15),
            "matter": Matter.RENOVATE,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = poll_create(
                actor=Actor.from_request(request),
                community=community,
                kind=poll_kind,
                title=data["title"],
                description=data["description"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                matter=data.get("matter", ""),
                building=data.get("building"),
                unit=data.get("unit", ""),
                questions=_questions(community, poll_kind, data.get("pack", "")),
                pack=data.get("pack", ""),
            )
        except ParticipationError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Draft saved: check the roll, then publish."))
            return redirect("participation:poll_detail", pk=poll.pk)
    return render(
        request,
        "participation/poll_form.html",
        {"community": community, "form": form, "kind": poll_kind},
        status=400 if request.method == "POST" else 200,
    )


@dataclass
class QuestionView:
    """A question as the ballot page lays it out, with what was chosen and any problem."""

    key: str
    text: str
    kind: str
    required: bool
    options: list[tuple[str, str]]
    chosen: list[str] = field(default_factory=list)
    error: str = ""


def _question_views(
    questions: list[Question],
    raw: dict[str, list[str]] | None = None,
    errors: list[AnswerError] | None = None,
) -> list[QuestionView]:
    problems = {e.question: answer_problem(e.problem) for e in errors or []}
    views = []
    for q in questions:
        if q.kind is QuestionKind.RATING:
            options = [(str(value), str(label)) for value, label in Rating.choices]
        else:
            options = [(option, option) for option in q.options]
        views.append(
            QuestionView(
                key=q.key,
                text=q.text,
                kind=q.kind.value,
                required=q.required,
                options=options,
                chosen=(raw or {}).get(q.key, []),
                error=problems.get(q.key, ""),
            )
        )
    return views


def _raw_answers(request: HttpRequest, questions: list[Question]) -> dict[str, list[str]]:
    return {q.key: request.POST.getlist(q.key) for q in questions}


@login_required
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    context: dict[str, Any] = {
        "poll": poll,
        "community": poll.community,
        "progress": selectors.progress(poll),
        "can_run": _can_run(request, poll.community),
        "void_form": VoidForm(),
    }
    if poll.is_vote:
        context["result"] = selectors.vote_result(poll)
    else:
        context["summary"] = selectors.survey_summary(poll)
        if poll.kind == PollKind.SATISFACTION:
            context["satisfaction"] = satisfaction_rate(context["summary"])
    context["recent"] = (
        poll.responses.select_related("elector", "entered_by", "voided_by").order_by("-cast_at")[
            :50
        ]
        if context["can_run"]
        else []
    )
    return render(request, "participation/poll_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def poll_roll(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    electors = list(selectors.roll(poll))
    form = UnsoldForm(
        request.POST or None,
        electors=[(e.pk, e.label) for e in electors],
        initial={"unsold": [e.pk for e in electors if e.unsold]},
    )
    if request.method == "POST":
        poll = _poll(request, pk, run=True)
        if form.is_valid():
            try:
                changed = electors_mark_unsold(
                    actor=Actor.from_request(request),
                    poll=poll,
                    unsold=set(form.cleaned_data["unsold"]),
                )
            except ParticipationError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request, _("Saved: %(count)d dwellings changed.") % {"count": changed}
                )
            return redirect("participation:poll_roll", pk=poll.pk)
    roll_shown(
        actor=Actor.from_request(request),
        poll=poll,
        owners=sum(1 for e in electors if e.owner_name),
    )
    return render(
        request,
        "participation/poll_roll.html",
        {
            "poll": poll,
            "community": poll.community,
            "electors": electors,
            "can_run": _can_run(request, poll.community),
        },
    )


@login_required
@require_POST
def poll_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk, run=True)
    try:
        poll_publish(actor=Actor.from_request(request), poll=poll)
    except ParticipationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Published: print the notices with the ballot codes."))
    return redirect("participation:poll_detail", pk=poll.pk)


def _ballot_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("ballot:cast", args=[code]))


@login_required
@require_http_methods(["GET", "POST"])
def poll_codes(request: HttpRequest, pk: int) -> HttpResponse:
    """The household slips: each code is shown once, when its slip is printed; a lost slip is
    reprinted with a new code, voiding the old. Only staff who run the poll come here."""
    poll = _poll(request, pk, run=True)
    if poll.is_draft:
        messages.error(request, _("Codes are issued when the poll is published."))
        return redirect("participation:poll_detail", pk=poll.pk)
    actor = Actor.from_request(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reprint":
                chosen = request.POST.get("elector", "")
                elector = get_object_or_404(
                    poll.electors, pk=int(chosen) if chosen.isdecimal() else 0
                )
                printed = [(elector, ballot_slip_reprint(actor=actor, elector=elector))]
            else:
                printed = ballot_slips_print(actor=actor, poll=poll)
        except ParticipationError as refusal:
            messages.error(request, refusal.message)
            return redirect("participation:poll_codes", pk=poll.pk)
        if not printed:
            messages.info(request, _("Every household's slip has been printed already."))
            return redirect("participation:poll_codes", pk=poll.pk)
        slips = []
        for elector, code in printed:
            url = _ballot_url(request, code)
            slips.append({"elector": elector, "code": grouped(code), "qr": qr_svg(url)})
        return render(
            request,
            "participation/poll_codes.html",
            {
                "poll": poll,
                "community": poll.community,
                "slips": slips,
                "entry_url": request.build_absolute_uri(reverse("ballot:entry")),
            },
        )
    waiting = set(selectors.unanswered(poll).values_list("pk", flat=True))
    roll = list(poll.electors.order_by("pk"))
    return render(
        request,
        "participation/poll_slips.html",
        {
            "poll": poll,
            "community": poll.community,
            "roll": [(e, e.pk in waiting) for e in roll],
            "unprinted": sum(1 for e in roll if e.code_cipher),
            "closed": poll.is_closed(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in a paper ballot or questionnaire; it is marked as paper and names them."""
    poll = _poll(request, pk, run=True)
    questions = poll_questions(poll)
    waiting = list(selectors.unanswered(poll))
    raw: dict[str, list[str]] = {}
    errors: list[AnswerError] = []
    problem = ""
    status = 200
    if request.method == "POST":
        raw = _raw_answers(request, questions)
        status = 400
        elector = next((e for e in waiting if str(e.pk) == request.POST.get("elector")), None)
        try:
            if elector is None:
                raise ParticipationError(_("Choose a dwelling that has not answered yet."))
            response_submit(
                actor=Actor.from_request(request),
                elector=elector,
                choice=request.POST.get("choice", ""),
                raw=raw,
                channel=Channel.PAPER,
            )
        except InvalidAnswers as refusal:
            errors, problem = refusal.errors, refusal.message
        except ParticipationError as refusal:
            problem = refusal.message
        else:
            messages.success(
                request, _("Paper response entered for %(dwelling)s.") % {"dwelling": elector.label}
            )
            return redirect("participation:paper_entry", pk=poll.pk)
    return render(
        request,
        "participation/paper_entry.html",
        {
            "poll": poll,
            "community": poll.community,
            "waiting": waiting,
            "questions": _question_views(questions, raw, errors),
            "choices": Choice.choices,
            "chosen": request.POST.get("choice", ""),
            "selected": request.POST.get("elector", ""),
            "problem": problem,
        },
        status=status,
    )


@login_required
@require_POST
def response_void_view(request: HttpRequest, pk: int, response: int) -> HttpResponse:
    poll = _poll(request, pk, run=True)
    row = poll.responses.filter(pk=response, voided_at__isnull=True).first()
    form = VoidForm(request.POST)
    if row is None:
        messages.error(request, _("No such valid response."))
    elif not form.is_valid():
        messages.error(request, _("Say why the response is voided."))
    else:
        try:
            count = response_void(
                actor=Actor.from_request(request), response=row, reason=form.cleaned_data["reason"]
            )
        except ParticipationError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Voided: %(count)d responses.") % {"count": count})
    return redirect("participation:poll_detail", pk=poll.pk)


@login_required
def ballots_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored ballots in the file format of ``anju tally``, so anyone holding the file can
    recount the result."""
    poll = _poll(request, pk)
    if not poll.is_vote:
        raise Http404(_("Only a statutory vote has ballots to recount."))
    reply = HttpResponse(content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}-ballots.csv"'
    writer = csv.writer(reply, lineterminator="\n")
    writer.writerow(COLUMNS)
    for ballot in selectors.vote_ballots(poll):
        writer.writerow(
            [ballot.dwelling_id, ballot.owner_id, ballot.exclusive_area, ballot.choice.value]
        )
    return reply


# Residents' pages: no account, large type, one decision per screen.


BALLOT_KEY = "ballot_code_digest"  # the session holds the code's digest, never the code


def _hold_code(request: HttpRequest, elector: Elector) -> HttpResponse:
    """Keep the household's code in the session, out of the address bar and the phone's
    history, and go on to its ballot. A reprint voids the code and so the session too."""
    request.session.cycle_key()
    request.session[BALLOT_KEY] = elector.code_digest
    return redirect("ballot:form")


@require_http_methods(["GET", "POST"])
def ballot_entry(request: HttpRequest) -> HttpResponse:
    typed = request.POST.get("code", "") if request.method == "POST" else ""
    return _code_entered(request, typed) if typed else _entry(request, "", "", 200)


@require_GET
def ballot_link(request: HttpRequest, code: str) -> HttpResponse:
    """Where a slip's QR code leads: the code is taken from the address and put away at once."""
    return _code_entered(request, code)


def _code_entered(request: HttpRequest, typed: str) -> HttpResponse:
    """A code typed or scanned: held for its ballot, or refused, and wrong ones counted
    against the client so that codes cannot be guessed at speed."""
    looked = code_looked_up(request, typed, elector_by_code, ON_NOTICE)
    if looked.found is not None:
        return _hold_code(request, looked.found)
    return _entry(request, typed, looked.problem, looked.status)


def _entry(request: HttpRequest, typed: str, problem: str, status: int) -> HttpResponse:
    return render(
        request,
        "participation/public/entry.html",
        {"typed": typed if request.method == "POST" else "", "problem": problem},
        status=status,
    )


def _resident(request: HttpRequest) -> Actor:
    return Actor.resident(request, _("resident with a ballot code"))


@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest) -> HttpResponse:
    digest = request.session.get(BALLOT_KEY)
    elector = (
        Elector.objects.select_related("poll__community").filter(code_digest=digest).first()
        if digest
        else None
    )
    if elector is None:
        return redirect("ballot:entry")
    poll = elector.poll
    questions = poll_questions(poll)
    answered = Response.objects.filter(elector=elector, voided_at__isnull=True).first()
    context: dict[str, Any] = {
        "poll": poll,
        "elector": elector,
        "answered": answered,
        "step": "answer",
        "choices": Choice.choices,
        "problem": "",
    }
    status = 200
    raw = _raw_answers(request, questions) if request.method == "POST" else {}
    errors: list[AnswerError] = []
    if answered is not None:
        context["step"] = "done"
    elif not poll.is_open():
        context["step"] = "closed" if poll.is_closed() else "not_yet"
    elif request.method == "POST" and request.POST.get("step") == "edit":
        context["chosen"] = request.POST.get("choice", "")
    elif request.method == "POST":
        choice = request.POST.get("choice", "")
        try:
            choice, _answers = validate_response(poll, choice=choice, raw=raw)
            if request.POST.get("step") == "confirm":
                response_submit(
                    actor=_resident(request),
                    elector=elector,
                    choice=choice,
                    raw=raw,
                    channel=Channel.CODE,
                )
                return redirect("ballot:form")
            context["step"] = "confirm"
            context["choice_label"] = Choice(choice).label if choice else ""
        except InvalidAnswers as refusal:
            errors, context["problem"], status = refusal.errors, refusal.message, 400
        except AlreadyAnswered as refusal:
            context["problem"], status = refusal.message, 409
            context["step"] = "done"
            context["answered"] = Response.objects.filter(
                elector=elector, voided_at__isnull=True
            ).first()
        except NotOpen as refusal:
            context["problem"], status = refusal.message, 409
            context["step"] = "closed"
        except ParticipationError as refusal:
            context["problem"], status = refusal.message, 400
        context["chosen"] = choice
    context["questions"] = _question_views(questions, raw, errors)
    if context["step"] == "done":  # the code is spent: a reload asks for a code again
        request.session.pop(BALLOT_KEY, None)
    return render(request, "participation/public/ballot.html", context, status=status)
