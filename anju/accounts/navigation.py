from __future__ import annotations

from django.http import HttpRequest

from anju.accounts.jurisdiction import may_read_the_log, reach_of, scopes
from anju.core.access import Capability


def navigation(request: HttpRequest) -> dict[str, object]:
    """Which parts of the menu a user is offered: plans only to those who draw them up, money
    to the officials who read the registry, the expert library and the lots to the bureaus that keep them, the
    audit log to its auditors, the staff accounts to the posts that open them."""
    user = getattr(request, "user", None)  # absent on a 400 refused before authentication
    if user is None or not user.is_authenticated:
        return {
            "can_plan": False,
            "can_see_money": False,
            "reads_registry": False,
            "keeps_experts": False,
            "keeps_procurement": False,
            "reads_the_log": False,
            "opens_accounts": False,
            "reach": reach_of(None),
        }
    return {
        "can_plan": scopes(user, Capability.PLAN_MANAGE) != (),
        "can_see_money": scopes(user, Capability.REGISTRY_VIEW) != (),
        "reads_registry": scopes(user, Capability.REGISTRY_VIEW) != (),
        "keeps_experts": scopes(user, Capability.EXPERTS_MANAGE) != (),
        "keeps_procurement": scopes(user, Capability.PROCUREMENT_MANAGE) != (),
        "reads_the_log": may_read_the_log(user),
        "opens_accounts": scopes(user, Capability.ACCOUNTS_MANAGE) != (),
        "reach": reach_of(user),  # what a kept part of a page is kept for (anju_kept)
    }
