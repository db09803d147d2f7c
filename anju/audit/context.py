"""Who is acting and from where: handed to every service so the audit row can say it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.http import HttpRequest

    from anju.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User | None
    origin: str
    name: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        # The peer address only: a client-supplied forwarding header would let anyone write
        # any address into the audit log.
        address = request.META.get("REMOTE_ADDR") or "?"
        if not request.user.is_authenticated:
            # An actor without a user is the system itself, with the whole registry in reach;
            # a web request never is.
            raise PermissionDenied
        return cls(user=request.user, origin=f"web {address}")

    @classmethod
    def resident(cls, request: HttpRequest, name: str) -> Actor:
        """A resident acting without an account, through a key only they hold (a ballot code);
        ``name`` says which key, since there is no user to name."""
        return cls(user=None, origin=f"web {request.META.get('REMOTE_ADDR') or '?'}", name=name)

    @classmethod
    def command_line(cls, user: User | None = None) -> Actor:
        import getpass
        import socket

        return cls(user=user, origin=f"cli {getpass.getuser()}@{socket.gethostname()}")

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        return self.name or "system"
