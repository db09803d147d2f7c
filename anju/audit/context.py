"""Who is acting and from where: handed to every service so the audit row can say it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, origin=f"web {address}")

    @classmethod
    def command_line(cls, user: User | None = None) -> Actor:
        import getpass
        import socket

        return cls(user=user, origin=f"cli {getpass.getuser()}@{socket.gethostname()}")

    @property
    def label(self) -> str:
        return self.user.get_username() if self.user is not None else "system"
