from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from anju.accounts.models import Membership, PasswordUse, Role, SignInAttempts, User
from anju.accounts.people import RowProblem, StaffRow, grant_refused, posts_of, row_problems_said
from anju.audit.context import Actor, request_origin
from anju.audit.models import EntryKind
from anju.audit.services import audit_record, saved_and_audited
from anju.core.access import Role as CoreRole
from anju.core.divisions import prefix_of
from anju.core.signin import after_failure, new_password
from anju.core.staffing import grant_refusal, keeps
from anju.divisions.services import home_city_set, other_city_refused, shipped_load


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


def _check_grant(actor: Actor, role: CoreRole, division_code: str) -> None:
    reason = grant_refusal(posts_of(actor.user), role, division_code)
    if reason is not None:
        raise ValidationError(grant_refused(reason, role, division_code), code=reason.value)


def _check_keeps(actor: Actor, user: User) -> None:
    """Nobody keeps their own account this way, nor one with a post they could not grant."""
    if actor.user is not None and actor.user.pk == user.pk:
        raise PermissionDenied
    if not keeps(posts_of(actor.user), posts_of(user) or []):
        raise PermissionDenied


@transaction.atomic
def staff_open(
    *, actor: Actor, username: str, display_name: str, role: CoreRole, division_code: str
) -> tuple[User, str]:
    """An official's account at their post, opened by the post above, with a password issued
    for them to change at their first sign-in; the password is returned once, never kept."""
    _check_grant(actor, role, division_code)
    password = new_password()
    user = user_create(
        actor=actor,
        username=username,
        password=password,
        display_name=display_name,
        memberships=[(division_code, Role(role))],
    )
    return user, password


def staff_rows_problems(*, actor: Actor, rows: Sequence[StaffRow]) -> list[RowProblem]:
    """What stops a workbook's rows from being opened: a user name twice or taken, a post the
    actor may not grant there."""
    problems: list[RowProblem] = []
    posts = posts_of(actor.user)
    first: dict[str, int] = {}
    taken = set(
        User.objects.filter(username__in=[r.username for r in rows]).values_list(
            "username", flat=True
        )
    )
    for row in rows:
        if row.username in first:
            problems.append(
                (
                    row.number,
                    _("the user name %(name)s is also on row %(first)d.")
                    % {"name": row.username, "first": first[row.username]},
                )
            )
        first.setdefault(row.username, row.number)
        if row.username in taken:
            problems.append(
                (
                    row.number,
                    _("an account named %(name)s exists already.") % {"name": row.username},
                )
            )
        reason = grant_refusal(posts, row.role, row.division_code)
        if reason is not None:
            problems.append((row.number, grant_refused(reason, row.role, row.division_code)))
    return problems


@transaction.atomic
def staff_open_many(*, actor: Actor, rows: Sequence[StaffRow]) -> list[tuple[User, str]]:
    """A staff workbook's accounts, all or none: every row is checked before any is opened,
    and the refusal lists each row's problems."""
    problems = staff_rows_problems(actor=actor, rows=rows)
    if problems:
        raise ValidationError(row_problems_said(problems))
    opened = []
    for row in rows:
        try:
            opened.append(
                staff_open(
                    actor=actor,
                    username=row.username,
                    display_name=row.display_name,
                    role=row.role,
                    division_code=row.division_code,
                )
            )
        except ValidationError as refused:
            raise ValidationError(
                row_problems_said((row.number, m) for m in refused.messages)
            ) from None
    return opened


@transaction.atomic
def staff_reset_password(*, actor: Actor, user: User) -> str:
    """A new password for an official who lost theirs, issued by whoever keeps the account and
    changed by its holder at their next sign-in."""
    _check_keeps(actor, user)
    password = new_password()
    user_set_password(actor=actor, user=user, password=password, must_change=True)
    return password


@transaction.atomic
def staff_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """A leaver's account is closed, never deleted: the log and the records they signed keep
    naming them; it can be opened again if they return."""
    _check_keeps(actor, user)
    if user.is_active == active:
        return user
    user.is_active = active
    return saved_and_audited(
        user,
        actor=actor,
        action="user.reactivate" if active else "user.deactivate",
        before={"is_active": not active},
        after={"is_active": active},
        fields=["is_active"],
    )


@transaction.atomic
def first_run(
    *,
    actor: Actor,
    city: str,
    username: str,
    display_name: str,
    password: str | None = None,
    progress: Callable[[str, str, int, int], None] | None = None,
) -> tuple[User, str]:
    """A fresh install made ready for its city in one step: the country's divisions and the
    city's committees loaded, the city chosen, and its bureau's first account opened. The
    password is the holder's own when they typed it (the first page), else one issued to be
    changed at the first sign-in (the command)."""
    other_city_refused(city)
    shipped_load(actor=actor, committees=[prefix_of(city)], progress=progress)
    home_city_set(actor=actor, code=city)
    chosen = password is not None
    password = password if password is not None else new_password()
    user = user_create(
        actor=actor,
        username=username,
        password=password,
        display_name=display_name,
        memberships=[(city, Role.CITY_BUREAU)],
        must_change=not chosen,
    )
    return user, password
