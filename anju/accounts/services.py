from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from anju.accounts.models import Membership, PasswordUse, Role, SignInAttempts, User
from anju.audit.context import Actor, request_origin
from anju.audit.models import EntryKind
from anju.audit.services import audit_record
from anju.core.signin import after_failure


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    display_name: str = "",
    memberships: Iterable[tuple[str, Role]] = (),
    must_change: bool = True,
) -> User:
    """Create a user with their roles in divisions; the password is validated and hashed. A
    password someone else chose for the user is changed at their first sign-in, unless the
    caller says the holder chose it (the demo's and the tests' own accounts)."""
    user = User(username=username, first_name=display_name)
    validate_password(password, user)
    user.set_password(password)
    if must_change:
        user.password_changed_at = None
    user.full_clean()
    user.save()
    granted = [Membership(user=user, division_id=code, role=role) for code, role in memberships]
    for membership in granted:
        membership.full_clean(validate_unique=False)
    Membership.objects.bulk_create(granted)
    audit_record(
        actor=actor,
        action="user.create",
        target=user,
        after={"memberships": [[m.division_id, m.role] for m in granted]},
    )
    return user


@transaction.atomic
def user_set_password(
    *, actor: Actor, user: User, password: str, must_change: bool | None = None
) -> User:
    """A new password, none of the holder's last ones; set by anyone but its holder, it is
    changed again at their next sign-in unless the caller says otherwise (the demo's own
    accounts)."""
    validate_password(password, user)
    previous = user.password
    user.set_password(password)
    if must_change is None:
        must_change = actor.user is None or actor.user.pk != user.pk
    if must_change:
        user.password_changed_at = None
    user.save(update_fields=["password", "password_changed_at"])
    if previous:
        PasswordUse.objects.create(user=user, password=previous, set_at=timezone.now())
        kept = user.password_uses.values_list("pk", flat=True)[: settings.SIGNIN_POLICY.history]
        user.password_uses.exclude(pk__in=list(kept)).delete()
    audit_record(
        actor=actor,
        action="user.set_password",
        target=user,
        after={"by_holder": user.password_changed_at is not None},
    )
    return user


@transaction.atomic
def signin_failed(*, key: str, now: datetime) -> datetime | None:
    """Count one wrong password for a user name from a client; the lock it reaches, if any.
    The log entry is the caller's, who knows the name."""
    attempts, new = SignInAttempts.objects.select_for_update().get_or_create(
        key=key, defaults={"last_failed_at": now}
    )
    if new:  # pairs idle for a day are forgotten, so a flood of made-up names leaves nothing
        SignInAttempts.objects.filter(last_failed_at__lt=now - timedelta(days=1)).delete()
    step = after_failure(attempts.failures, now, settings.SIGNIN_POLICY)
    attempts.failures, attempts.locked_until, attempts.last_failed_at = (
        step.failures,
        step.locked_until,
        now,
    )
    attempts.save()
    return step.locked_until


def signin_succeeded(*, key: str) -> None:
    """A right password from that client forgets its failures."""
    SignInAttempts.objects.filter(key=key).delete()


@transaction.atomic
def second_factor_start(*, actor: Actor, user: User) -> TOTPDevice:
    """The user's authenticator key: the confirmed one, or one made for them to add to their
    app, which counts only once they have typed a code from it."""
    device: TOTPDevice | None = (
        TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        audit_record(
            actor=actor,
            action="user.second_factor_start",
            target=user,
        )
    return device


@transaction.atomic
def second_factor_confirm(*, actor: Actor, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor,
        action="user.second_factor_confirm",
        target=device.user,
    )


def second_factor_tried(*, actor: Actor, user: User, passed: bool) -> None:
    """Each authenticator code tried, right or wrong, is an access event of the account."""
    audit_record(
        actor=actor,
        action="login.second_factor" if passed else "login.second_factor_failed",
        target=user,
        kind=EntryKind.ACCESS,
    )


def access_record(
    *, request: HttpRequest | None, user: User | None, action: str, name: str
) -> None:
    """A sign-in, failure, lock or sign-out, as an access event of the account named."""
    audit_record(
        actor=Actor(
            user=user,
            origin=request_origin(request) if request is not None else "?",
            name=name[:150],
        ),
        action=action,
        target="accounts.User",
        target_id=name[:64],
        kind=EntryKind.ACCESS,
    )
