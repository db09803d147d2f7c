"""Who is acting and from where: handed to every service so the audit row can say it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.http import HttpRequest

    from anju.accounts.models import User


def request_origin(request: HttpRequest) -> str:
    """Where a request came from, for the log: the peer's address, or behind the deployment's
    own front server (ANJU_BEHIND_PROXY) the address that server saw. A forwarding header is
    trusted only there: anywhere else it would let anyone write any address into the log."""
    header = "HTTP_X_REAL_IP" if settings.BEHIND_PROXY else "REMOTE_ADDR"
    return f"web {request.META.get(header) or '?'}"


@dataclass(frozen=True)
class Actor:
    user: User | None
    origin: str
    name: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        if not request.user.is_authenticated:
            # An actor without a user is the system itself, with the whole registry in reach;
            # a web request never is.
            raise PermissionDenied
        return cls(user=request.user, origin=request_origin(request))

    @classmethod
    def resident(cls, request: HttpRequest, name: str) -> Actor:
        """A resident acting without an account, through a key only they hold (a ballot code);
        ``name`` says which key, since there is no user to name."""
        return cls(user=None, origin=request_origin(request), name=name)

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
