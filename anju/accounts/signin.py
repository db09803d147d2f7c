"""Signing in: the password check with its lock after repeated failures, and the audit entry of
every sign-in, failure and sign-out (GB/T 22239-2019 8.1.4.1 b, 8.1.4.3)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from anju.accounts.models import Role, User
from anju.audit.context import Actor, request_origin
from anju.audit.models import EntryKind
from anju.audit.services import audit_record
from anju.core.signin import after_failure, is_locked

USER = "accounts.User"
SEEN = "anju_seen"  # the session's last activity, in seconds since the epoch


def _origin(request: HttpRequest | None) -> str:
    if request is None:
        return "?"
    return request_origin(request)


def _access(request: HttpRequest | None, user: User | None, action: str, name: str) -> None:
    audit_record(
        actor=Actor(user=user, origin=_origin(request), name=name[:150]),
        action=action,
        target=USER,
        target_id=name[:64],
        kind=EntryKind.ACCESS,
    )


class LockoutBackend(ModelBackend):
    """Django's password check, refusing a locked account before the password is looked at and
    counting each wrong password; the count and the lock are on the user row, so every
    worker and every server sees them. Why it refused is left on the request for the form."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        now = timezone.now()
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            if user is None:
                User().set_password(password)  # as long as a wrong password takes
                return None
            if is_locked(user.locked_until, now):
                _refused(request, user)
                return None
            if user.check_password(password) and self.user_can_authenticate(user):
                if user.failed_logins or user.locked_until:
                    user.failed_logins, user.locked_until = 0, None
                    user.save(update_fields=["failed_logins", "locked_until"])
                return user
            step = after_failure(user.failed_logins, now, settings.SIGNIN_POLICY)
            user.failed_logins, user.locked_until = step.failures, step.locked_until
            user.save(update_fields=["failed_logins", "locked_until"])
            if step.locked_until is not None:
                _access(request, user, "login.locked", user.username)
                _refused(request, user)
        return None


def _refused(request: HttpRequest | None, user: User) -> None:
    if request is not None:
        request.anju_locked_until = user.locked_until  # type: ignore[attr-defined]


def needs_second_factor(user: User) -> bool:
    """Superusers and staff reach the whole registry or its settings, so they never sign in
    with a password alone; a deployment may require it of more roles."""
    if user.is_superuser or user.is_staff:
        return True
    roles = settings.SECOND_FACTOR_ROLES
    return bool(roles) and user.memberships.filter(role__in=[Role(r) for r in roles]).exists()


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(timezone.now().timestamp())
    _access(request, user, "login", user.username)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _access(request, user, "logout", user.username)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username") or "")
    _access(request, User.objects.filter(username=name).first(), "login.failed", name)
