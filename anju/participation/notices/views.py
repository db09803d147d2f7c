"""Public notices: staff draft, post, extend and answer; anyone reads a posted notice and
comments or objects while it is up; staff record the owners' sign-off of a posted plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from anju.audit.context import Actor
from anju.core.identity import mask_name
from anju.limits.services import (
    COMMENTS_PER_CLIENT,
    COMMENTS_PER_NOTICE,
    limit_count,
    limit_reached,
)
from anju.participation.forms import AnswerForm, CommentForm, ExtendForm, NoticeForm, SignOffForm
from anju.participation.models import (
    CommentKind,
    Notice,
    NoticeComment,
    NoticeDocument,
    NoticeSubject,
    PlanSignOff,
)
from anju.participation.notices.services import (
    SIGN_OFF_CITE,
    comment_add,
    comment_answer,
    notice_create,
    notice_extend,
    notice_post,
    opinion_of,
    sign_off_record,
    unanswered_objections,
)
from anju.participation.selectors import vote_result
from anju.participation.services import ParticipationError
from anju.participation.views import _can_run
from anju.policy.library import get_pack
from anju.registry.lookup import community_or_404 as _community
from anju.uploads import served


def _notice(request: HttpRequest, pk: int, *, run: bool = False) -> Notice:
    notice = (
        Notice.objects.visible_to(request.user).select_related("community").filter(pk=pk).first()
    )
    if notice is None:
        raise Http404(_("No such notice."))
    if run and not _can_run(request, notice.community):
        raise PermissionDenied
    return notice


@login_required
def notice_list(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code)
    return render(
        request,
        "participation/notice_list.html",
        {
            "community": community,
            "notices": Notice.objects.visible_to(request.user).filter(community=community),
            "objections": unanswered_objections(community).count(),
            "can_run": _can_run(request, community),
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code)
    if not _can_run(request, community):
        raise PermissionDenied
    form = NoticeForm(request.POST or None, request.FILES or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = notice_create(
                actor=Actor.from_request(request),
                community=community,
                subject=NoticeSubject(data["subject"]),
                title=data["title"],
                body=data["body"],
                days=data["days"],
                poll=data["poll"],
                documents=data["documents"],
            )
        except ParticipationError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Draft saved. Post it when it is ready."))
            return redirect("participation:notice_detail", pk=notice.pk)
    return render(
        request,
        "participation/notice_form.html",
        {"community": community, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    can_run = _can_run(request, notice.community)
    sign_off = SignOffForm(
        request.POST if request.POST.get("action") == "sign_off" else None,
        request.FILES or None,
    )
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        actor = Actor.from_request(request)
        action = request.POST.get("action")
        try:
            if action == "post":
                notice_post(actor=actor, notice=notice)
                messages.success(request, _("Posted."))
            elif action == "extend":
                extend = ExtendForm(request.POST)
                if not extend.is_valid():
                    raise ParticipationError(_("Give the new end of the period."))
                notice_extend(actor=actor, notice=notice, ends_at=extend.cleaned_data["ends_at"])
                messages.success(request, _("The period is extended."))
            elif action == "answer":
                answer = AnswerForm(request.POST)
                if not answer.is_valid():
                    raise ParticipationError(_("Write the answer."))
                comment = notice.comments.filter(pk=answer.cleaned_data["comment"]).first()
                if comment is None:
                    raise ParticipationError(_("No such comment."))
                answered = comment_answer(
                    actor=actor,
                    comment=comment,
                    answer=answer.cleaned_data["answer"],
                    copies_too=request.POST.get("copies") == "1",
                )
                messages.success(
                    request,
                    ngettext("Answered.", "%(count)d comments answered together.", len(answered))
                    % {"count": len(answered)},
                )
            elif action == "sign_off" and sign_off.is_valid():
                data = sign_off.cleaned_data
                sign_off_record(
                    actor=actor,
                    notice=notice,
                    signed_on=data["signed_on"],
                    body=data["body"],
                    signatories=data["signatories"].splitlines(),
                    scan=data["scan"],
                )
                messages.success(request, _("The owners' sign-off is recorded."))
            elif action != "sign_off":
                raise ParticipationError(_("Unknown action."))
        except ParticipationError as refusal:
            messages.error(request, refusal.message)
        if action != "sign_off" or not sign_off.errors:
            return redirect("participation:notice_detail", pk=notice.pk)
    return render(
        request,
        "participation/notice_detail.html",
        _notice_context(notice)
        | {
            "can_run": can_run,
            "extend_form": ExtendForm(initial={"ends_at": notice.ends_at}),
            "sign_off_form": sign_off,
            "sign_offs": notice.sign_offs.select_related("recorded_by"),
            "sign_off_cite": get_pack().authority(SIGN_OFF_CITE),
        },
    )


def _alike(comments: list[NoticeComment]) -> list[tuple[NoticeComment, list[NoticeComment]]]:
    """The comments as staff answer them: unanswered ones that repeat the same words gathered
    under the first, every copy still listed; answered ones each on their own."""
    groups: dict[tuple[str, str], tuple[NoticeComment, list[NoticeComment]]] = {}
    shown: list[tuple[NoticeComment, list[NoticeComment]]] = []
    for comment in comments:
        if comment.answered_at is not None:
            shown.append((comment, []))
            continue
        key = opinion_of(comment)
        if key in groups:
            groups[key][1].append(comment)
        else:
            groups[key] = (comment, [])
            shown.append(groups[key])
    return shown


def _notice_context(notice: Notice) -> dict[str, Any]:
    poll = notice.poll
    result = vote_result(poll) if poll is not None and poll.is_vote and poll.is_closed() else None
    comments = list(notice.comments.all())
    for comment in comments:
        comment.public_name = mask_name(comment.name)  # type: ignore[attr-defined]
    return {
        "notice": notice,
        "community": notice.community,
        "documents": notice.documents.all(),
        "comments": comments,
        "comment_groups": _alike(comments),
        "result": result,
        "now": timezone.now(),
    }


@require_http_methods(["GET", "POST"])
def notice_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice as anyone reads it, without signing in: nothing personal on it."""
    notice = Notice.objects.posted().select_related("community").filter(pk=pk).first()
    if notice is None:
        raise Http404(_("No such notice."))
    form = CommentForm(request.POST or None)
    status = 200
    limits = (COMMENTS_PER_CLIENT, COMMENTS_PER_NOTICE)
    until = limit_reached(request, *limits, target=f"notice:{notice.pk}")
    if request.method == "POST" and until is not None:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many comments from this device; please send it again after %(time)s. "
                "What you wrote is kept below. You may also hand it in writing to your "
                "residents' committee while the notice is up."
            )
            % {"time": f"{timezone.localtime(until):%H:%M}"},
        )
        status = 429
    elif request.method == "POST":
        status = 400
        limit_count(request, *limits, target=f"notice:{notice.pk}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                comment_add(
                    actor=Actor.resident(request, _("public notice page")),
                    notice=notice,
                    kind=CommentKind(data["kind"]),
                    text=data["text"],
                    name=data["name"],
                    contact=data["contact"],
                )
            except ParticipationError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Received. The answer will be posted here."))
                return redirect("notice:public", pk=notice.pk)
    return render(
        request,
        "participation/public/notice.html",
        _notice_context(notice) | {"form": form},
        status=status,
    )


def document(request: HttpRequest, pk: int, document: int) -> FileResponse:
    """A notice's document: for anyone once the notice is posted, before that for staff only.
    Always sent as an attachment, so a browser never renders an uploaded file as a page."""
    notice = Notice.objects.filter(pk=pk).select_related("community").first()
    if notice is None or (
        notice.posted_at is None
        and not Notice.objects.visible_to(request.user).filter(pk=pk).exists()
    ):
        raise Http404(_("No such notice."))
    row = NoticeDocument.objects.filter(notice=notice, pk=document).first()
    if row is None:
        raise Http404(_("No such document."))
    return served(row.file, row.name)


@login_required
def sign_off_scan(request: HttpRequest, pk: int) -> FileResponse:
    row = PlanSignOff.objects.filter(
        pk=pk, notice__in=Notice.objects.visible_to(request.user)
    ).first()
    if row is None:
        raise Http404(_("No such sign-off."))
    return served(row.scan, row.scan.name.rsplit("/", 1)[-1])
