from __future__ import annotations

from django.http import HttpRequest

from anju.accounts.jurisdiction import scopes
from anju.core.access import Capability


def navigation(request: HttpRequest) -> dict[str, object]:
    """Whether the menu offers plans: only to those who draw them up."""
    user = request.user
    return {"can_plan": bool(user.is_authenticated and scopes(user, Capability.PLAN_MANAGE) != ())}
