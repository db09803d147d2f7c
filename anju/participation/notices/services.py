"""Public notices (公示), the comments and objections on them, and the owners' sign-off of the
posted plan.

A notice's period can be extended but never shortened once posted, and a plan may be signed off
only after its period has run with every objection answered (Puyang §3.(1)3: 张贴公示、征求业主
意见,并由业主委员会或居民自治组织代表签字确认). ``unanswered_objections`` is what later steps
of a project check before moving on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anju.audit.context import Actor
from anju.audit.services import audit_record, audit_record_changes, saved_and_audited
from anju.core.documents import DOCUMENTS, SCANS, Accepts
from anju.core.identity import mask_phone
from anju.core.opinions import opinion_key
from anju.participation.models import (
    CommentKind,
    Notice,
    NoticeComment,
    NoticeDocument,
    NoticeSubject,
    PlanSignOff,
    Poll,
)
from anju.participation.services import ParticipationError
from anju.registry.models import Community
from anju.registry.personal import seal
from anju.uploads import Checked, UploadRefused, upload_checked

SIGN_OFF_CITE = "puyang-2020 §3.(1)3"  # 张贴公示、征求业主意见，并由…代表签字确认

COMMENT_LIMIT = 2000


def _checked(upload: UploadedFile, accepts: Accepts = DOCUMENTS) -> Checked:
    try:
        return upload_checked(upload, accepts)
    except UploadRefused as refusal:
        raise ParticipationError(refusal.message) from None


@transaction.atomic
def notice_create(
    *,
    actor: Actor,
    community: Community,
    subject: NoticeSubject,
    title: str,
    body: str,
    days: int,
    poll: Poll | None = None,
    documents: Sequence[UploadedFile] = (),
) -> Notice:
    if days < 1:
        raise ParticipationError(_("A notice is posted for at least one day."))
    if poll is not None and poll.community_id != community.pk:
        raise ParticipationError(_("The poll belongs to another community."))
    checked = [(upload, _checked(upload)) for upload in documents]
    notice = Notice.objects.create(
        community=community,
        subject=subject,
        title=title,
        body=body,
        days=days,
        poll=poll,
        created_by=actor.user,
    )
    for upload, kept in checked:
        NoticeDocument.objects.create(
            notice=notice,
            name=kept.shown_name,
            file=upload,
            kind=kept.kind,
            size=upload.size or 0,
            sha256=kept.sha256,
        )
    audit_record(
        actor=actor,
        action="notice.create",
        target=notice,
        after={
            "community": community.code,
            "subject": subject,
            "title": title,
            "days": days,
            "documents": [[kept.shown_name, kept.sha256] for _upload, kept in checked],
        },
    )
    return notice


@transaction.atomic
def notice_post(*, actor: Actor, notice: Notice, now: datetime | None = None) -> Notice:
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.posted_at is not None:
        raise ParticipationError(_("The notice is already posted."))
    now = now or timezone.now()
    notice.posted_at, notice.ends_at = now, now + timedelta(days=notice.days)
    saved_and_audited(
        notice,
        actor=actor,
        action="notice.post",
        after={"posted_at": notice.posted_at, "ends_at": notice.ends_at},
        fields=["posted_at", "ends_at"],
    )
    return notice


@transaction.atomic
def notice_extend(*, actor: Actor, notice: Notice, ends_at: datetime) -> Notice:
    """Move the end of a posted notice later. Never earlier: residents were told the period."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.posted_at is None or notice.ends_at is None:
        raise ParticipationError(_("Post the notice first."))
    if ends_at <= notice.ends_at:
        raise ParticipationError(
            _("A posted notice cannot be shortened: the new end must be after %(end)s.")
            % {"end": timezone.localtime(notice.ends_at).strftime("%Y-%m-%d %H:%M")}
        )
    before = notice.ends_at
    notice.ends_at = ends_at
    saved_and_audited(
        notice,
        actor=actor,
        action="notice.extend",
        before={"ends_at": before},
        after={"ends_at": ends_at},
        fields=["ends_at"],
    )
    return notice


@transaction.atomic
def comment_add(
    *,
    actor: Actor,
    notice: Notice,
    kind: CommentKind,
    text: str,
    name: str = "",
    contact: str = "",
    now: datetime | None = None,
) -> NoticeComment:
    """A comment or objection, accepted only while the notice is up."""
    if not notice.is_running(now):
        raise ParticipationError(_("The notice is not open for comments."))
    text = text.strip()
    if not text:
        raise ParticipationError(_("Write your opinion."))
    if len(text) > COMMENT_LIMIT:
        raise ParticipationError(
            _("Please keep it to {limit} characters.").format(limit=COMMENT_LIMIT)
        )
    comment = NoticeComment.objects.create(
        notice=notice,
        kind=kind,
        name=name.strip()[:30],
        contact_cipher=seal(contact.strip()) if contact.strip() else "",
        contact_masked=mask_phone(contact) if contact.strip() else "",
        text=text,
        created_at=now or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="notice.comment",
        target=comment,
        after={"notice": notice.pk, "kind": kind, "text": text},
    )
    return comment


@transaction.atomic
def comment_answer(
    *, actor: Actor, comment: NoticeComment, answer: str, copies_too: bool = False
) -> list[NoticeComment]:
    """Answer a comment; with ``copies_too``, also every unanswered comment of the same kind on
    the notice whose words are the same (a flood of one objection), each recorded as answered
    with this one. Returns every comment answered."""
    comment = NoticeComment.objects.select_for_update().get(pk=comment.pk)
    if comment.answered_at is not None:
        raise ParticipationError(_("This comment has been answered already."))
    if not answer.strip():
        raise ParticipationError(_("Write the answer."))
    now = timezone.now()
    answered = [comment]
    if copies_too:
        answered += copies_of(comment, lock=True)
    for one in answered:
        one.answer, one.answered_by, one.answered_at = answer.strip(), actor.user, now
        one.answered_with = None if one.pk == comment.pk else comment
    NoticeComment.objects.bulk_update(
        answered, ["answer", "answered_by", "answered_at", "answered_with"]
    )
    audit_record_changes(
        actor=actor,
        action="notice.answer",
        target="participation.NoticeComment",
        changes=[
            (
                str(one.pk),
                None,
                {"answer": one.answer}
                | ({"answered_with": comment.pk} if one.pk != comment.pk else {}),
            )
            for one in answered
        ],
    )
    return answered


def copies_of(comment: NoticeComment, *, lock: bool = False) -> list[NoticeComment]:
    """The unanswered comments of the same kind on the same notice that repeat its words."""
    others = NoticeComment.objects.filter(
        notice_id=comment.notice_id, kind=comment.kind, answered_at__isnull=True
    ).exclude(pk=comment.pk)
    if lock:
        others = others.select_for_update()
    key = opinion_of(comment)
    return [other for other in others if opinion_of(other) == key]


def opinion_of(comment: NoticeComment) -> tuple[str, str]:
    """What makes two comments one opinion: their kind and their words (``opinion_key``)."""
    return comment.kind, opinion_key(comment.text)


def unanswered_objections(community: Community) -> QuerySet[NoticeComment]:
    """Objections on the community's posted notices still waiting for an answer: while any
    remains, the project does not move on."""
    return NoticeComment.objects.filter(
        notice__community=community,
        notice__posted_at__isnull=False,
        kind=CommentKind.OBJECTION,
        answered_at__isnull=True,
    )


@transaction.atomic
def sign_off_record(
    *,
    actor: Actor,
    notice: Notice,
    signed_on: date,
    body: str,
    signatories: Sequence[str],
    scan: UploadedFile,
) -> PlanSignOff:
    if actor.user is None:
        raise ParticipationError(_("A sign-off is recorded by a named member of staff."))
    if notice.subject != NoticeSubject.PLAN:
        raise ParticipationError(_("Only a posted renovation plan is signed off."))
    if not notice.has_ended():
        raise ParticipationError(
            _("The plan is signed off after its public notice period has ended.")
        )
    waiting = notice.comments.filter(kind=CommentKind.OBJECTION, answered_at__isnull=True).count()
    if waiting:
        raise ParticipationError(
            ngettext(
                "%(count)d objection to the plan waits for an answer.",
                "%(count)d objections to the plan wait for an answer.",
                waiting,
            )
            % {"count": waiting}
        )
    assert notice.ends_at is not None
    if signed_on < timezone.localtime(notice.ends_at).date():
        raise ParticipationError(_("The signing date is before the end of the notice period."))
    names = [name.strip() for name in signatories if name.strip()]
    if not names:
        raise ParticipationError(_("Name at least one signatory."))
    sha256 = _checked(scan, SCANS).sha256
    sign_off = PlanSignOff.objects.create(
        community=notice.community,
        notice=notice,
        signed_on=signed_on,
        body=body,
        signatories="\n".join(names),
        scan=scan,
        scan_sha256=sha256,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="notice.sign_off",
        target=sign_off,
        after={
            "notice": notice.pk,
            "signed_on": signed_on,
            "body": body,
            "signatories": names,
            "scan_sha256": sha256,
        },
    )
    return sign_off
