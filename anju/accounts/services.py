from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from anju.accounts.models import Membership, Role, User
from anju.audit.context import Actor
from anju.audit.services import audit_record


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    display_name: str = "",
    memberships: Iterable[tuple[str, Role]] = (),
) -> User:
    """Create a user with their roles in divisions; the password is validated and hashed."""
    user = User(username=username, first_name=display_name)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    granted = [Membership(user=user, division_id=code, role=role) for code, role in memberships]
    for membership in granted:
        membership.full_clean(validate_unique=False)
    Membership.objects.bulk_create(granted)
    audit_record(
        actor=actor,
        action="user.create",
        target="accounts.User",
        target_id=username,
        after={"memberships": [[m.division_id, m.role] for m in granted]},
    )
    return user


@transaction.atomic
def user_set_password(*, actor: Actor, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "password_changed_at"])
    audit_record(
        actor=actor, action="user.set_password", target="accounts.User", target_id=user.username
    )
    return user


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
            target="accounts.User",
            target_id=user.username,
        )
    return device


@transaction.atomic
def second_factor_confirm(*, actor: Actor, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor,
        action="user.second_factor_confirm",
        target="accounts.User",
        target_id=device.user.username,
    )
