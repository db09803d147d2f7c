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
    def command_line(cls, user: User | None = None) -> Actor:
        import getpass
        import socket

        return cls(user=user, origin=f"cli {getpass.getuser()}@{socket.gethostname()}")

    @property
    def label(self) -> str:
        return self.user.get_username() if self.user is not None else "system"
