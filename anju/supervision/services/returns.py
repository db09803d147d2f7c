"""Monthly returns up the levels (分级实施、逐级汇总; core.report_package): a bureau signs its
month and sends the file upward; the bureau above registers each sender's key once, then
receives their files, refusing one that was altered after signing, sent twice, older than the
one it holds, or whose figures do not follow from its projects."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import reaches
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.monthly_report import Month
from anju.core.policy_pack import Pack
from anju.core.report_package import (
    PackageError,
    Return,
    body,
    canonical,
    month_text,
    problems,
    read,
    signed_file,
    split,
)
from anju.divisions.models import Division
from anju.supervision import signing
from anju.supervision.models import (
    ReturnReceived,
    ReturnSent,
    SupervisionError,
    TrustedSender,
)
from anju.supervision.monthly import finding_text, monthly_data


def _may_keep(actor: Actor, area: Division) -> None:
    if not reaches(actor.user, Capability.REGISTRY_EDIT, area.code):
        raise SupervisionError(_("{area} is outside the areas you keep.").format(area=area.name))


@transaction.atomic
def return_send(*, actor: Actor, area: Division, pack: Pack, month: Month) -> bytes:
    """The month's return of ``area``, signed, as the file to send; recorded as sent."""
    _may_keep(actor, area)
    if month.last >= timezone.localdate():
        raise SupervisionError(
            _("{month} has not ended; its return is sent once it has.").format(
                month=month_text(month)
            )
        )
    written_at = timezone.now()
    data = monthly_data(area, pack, month)
    signed = body(
        area_code=area.code,
        area_name=area.name,
        pack_id=pack.id,
        pack_version=pack.model.version,
        written_at=written_at,
        report=data.report,
    )
    digest = hashlib.sha256(canonical(signed)).hexdigest()
    sent = ReturnSent.objects.create(
        area=area,
        month=month_text(month),
        pack=pack.id,
        digest=digest,
        written_at=written_at,
        sent_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="supervision.return_send",
        target=sent,
        target_id=f"{area.code}/{sent.month}",
        after={"month": sent.month, "pack": pack.id, "digest": digest},
    )
    return signed_file(signed, signing.public_key(), signing.sign(canonical(signed)))


@transaction.atomic
def sender_trust(*, actor: Actor, area: Division, key: str) -> TrustedSender:
    """Register the key ``area`` signs its returns with, replacing any before."""
    _may_keep(actor, area)
    if signing.key_bytes(key) is None:
        raise SupervisionError(
            _("That is not a public key: paste the key the sending bureau's Anju shows.")
        )
    held = TrustedSender.objects.filter(area=area).first()
    before = None if held is None else {"fingerprint": signing.fingerprint(held.key)}
    trusted, _created = TrustedSender.objects.update_or_create(
        area=area, defaults={"key": key.strip(), "added_by": actor.user}
    )
    audit_record(
        actor=actor,
        action="supervision.sender_trust",
        target=trusted,
        target_id=area.code,
        before=before,
        after={"fingerprint": signing.fingerprint(trusted.key)},
    )
    return trusted


def _refused(reason: str) -> SupervisionError:
    return SupervisionError(_("The return is refused: {reason}").format(reason=reason))


@transaction.atomic
def return_receive(*, actor: Actor, data: bytes) -> ReturnReceived:
    """Verify and keep a return sent from below. Nothing is kept unless every check passes."""
    try:
        parts = split(data)
        sent: Return = read(parts.body)
    except PackageError as error:
        raise _refused(
            _("it is not a return Anju can read ({where}: {reason}).").format(
                where=error.where or "—", reason=error.reason
            )
        ) from None
    area = Division.objects.filter(code=sent.area_code).first()
    if area is None:
        raise _refused(_("its area {code} is not a division.").format(code=sent.area_code))
    _may_keep(actor, area)
    trusted = TrustedSender.objects.filter(area=area).first()
    if trusted is None:
        raise _refused(
            _(
                "no key is registered for {area}; register the key its bureau reads out to "
                "you (fingerprint {fingerprint}) and receive the file again."
            ).format(area=area.name, fingerprint=signing.fingerprint(parts.key))
        )
    if not signing.verified(trusted.key, parts.canonical, parts.signature):
        raise _refused(
            _(
                "it does not carry {area}'s signature: it was altered after it was signed, "
                "or signed with another key."
            ).format(area=area.name)
        )
    digest = hashlib.sha256(parts.canonical).hexdigest()
    month = month_text(sent.month)
    if ReturnReceived.objects.filter(digest=digest).exists():
        raise _refused(_("this very return was received before."))
    held = ReturnReceived.objects.select_for_update().filter(area=area, month=month).first()
    if held is not None and held.written_at >= sent.written_at:
        raise _refused(
            _("{area}'s return for {month} written at {held} is newer.").format(
                area=area.name, month=month, held=timezone.localtime(held.written_at)
            )
        )
    found = problems(sent)
    if found:
        names = {area.code: area.name}
        raise _refused("；".join(finding_text(f, names) for f in found[:5]))
    before = None
    if held is not None:
        before = {"digest": held.digest, "written_at": held.written_at.isoformat()}
        held.delete()
    kept = ReturnReceived.objects.create(
        area=area,
        month=month,
        pack=sent.pack_id,
        pack_version=sent.pack_version,
        digest=digest,
        written_at=sent.written_at,
        body=parts.canonical.decode(),
        received_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="supervision.return_receive",
        target=kept,
        target_id=f"{area.code}/{month}",
        before=before,
        after={"digest": digest, "pack": sent.pack_id, "projects": len(sent.report.rows)},
    )
    return kept
