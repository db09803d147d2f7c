from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

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
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor, action="user.set_password", target="accounts.User", target_id=user.username
    )
    return user
