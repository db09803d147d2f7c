"""The actor of a command-line run: the operator, optionally acting as a named user."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.audit.context import Actor


def command_actor(username: str | None) -> Actor:
    """Without --user the command acts as the system, over the whole registry; with it, within
    that user's jurisdiction, as if they had clicked."""
    if not username:
        return Actor.command_line()
    try:
        return Actor.command_line(User.objects.get(username=username, is_active=True))
    except User.DoesNotExist:
        raise CommandError(
            _("No active user named {username}.").format(username=username)
        ) from None
