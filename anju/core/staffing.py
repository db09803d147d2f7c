"""Who may open and keep whose account.

A city's officials are given their accounts by the level above them, as their posts are: the
city bureau opens the accounts of its districts, departments, utilities, auditors and experts;
a district those of its streets and committees and of the utilities and experts serving it; a
street those of its committees. Nobody opens an account above or beside their own post, nor one that could do
what they cannot: a grant never carries a capability its grantor lacks, and a post that itself
opens accounts is granted only at a level below the grantor's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from anju.core.access import CAPABILITIES, Capability, Role, role_can
from anju.core.divisions import Level, covers, is_city, level_of

# The roles staff accounts hold; owners come by their own door (their ballot and notices).
STAFF_ROLES = (
    Role.CITY_BUREAU,
    Role.CITY_DEPARTMENT,
    Role.DISTRICT,
    Role.STREET,
    Role.COMMITTEE,
    Role.AUDITOR,
    Role.UTILITY,
    Role.EXPERT,
)

# A post named for a level sits at a division of that level; the city's departments (市直部门)
# and its auditors (who read a whole city's log) at the city.
POST_LEVEL = {
    Role.CITY_BUREAU: Level.CITY,
    Role.CITY_DEPARTMENT: Level.CITY,
    Role.AUDITOR: Level.CITY,
    Role.DISTRICT: Level.DISTRICT,
    Role.STREET: Level.STREET,
    Role.COMMITTEE: Level.COMMITTEE,
}
# Utilities and experts serve a city or one of its districts.
SERVING_LEVELS = frozenset({Level.CITY, Level.DISTRICT})

# The expert library is the bureaus' (chongqing-2021 §3.(2)3): its members' accounts too.
GRANTED_WITH = {Role.EXPERT: Capability.EXPERTS_MANAGE}


class Refusal(enum.StrEnum):
    NOT_A_GRANTOR = "not_a_grantor"
    NOT_STAFF = "not_staff"
    WRONG_LEVEL = "wrong_level"
    OUTSIDE = "outside"
    MORE_THAN_GRANTOR = "more_than_grantor"
    NOT_BELOW = "not_below"


Post = tuple[Role, str]


def fits(role: Role, code: str) -> bool:
    """Whether ``role`` is a post at the division ``code`` at all; a municipality (重庆市) is a
    city for its posts."""
    level = Level.CITY if is_city(code) else level_of(code)
    if role in POST_LEVEL:
        return POST_LEVEL[role] == level
    return level in SERVING_LEVELS


def refusal(grantor: Post, role: Role, code: str) -> Refusal | None:
    """Why the holder of ``grantor`` may not grant ``role`` at ``code``; None if they may."""
    own_role, own_code = grantor
    if not role_can(own_role, Capability.ACCOUNTS_MANAGE):
        return Refusal.NOT_A_GRANTOR
    if role not in STAFF_ROLES:
        return Refusal.NOT_STAFF
    if not fits(role, code):
        return Refusal.WRONG_LEVEL
    if not covers(own_code, code):
        return Refusal.OUTSIDE
    needed = GRANTED_WITH.get(role)
    if not CAPABILITIES[role] <= CAPABILITIES[own_role] or (
        needed is not None and not role_can(own_role, needed)
    ):
        return Refusal.MORE_THAN_GRANTOR
    if role_can(role, Capability.ACCOUNTS_MANAGE) and level_of(code) <= level_of(own_code):
        return Refusal.NOT_BELOW
    return None


def grant_refusal(grantors: Iterable[Post] | None, role: Role, code: str) -> Refusal | None:
    """Why none of a user's posts may grant ``role`` at ``code``: the reason the nearest post
    whose area holds ``code`` gives, else OUTSIDE. Grantors None is the operator (a command on
    the server), who may open any staff post where it fits."""
    if grantors is None:
        if role not in STAFF_ROLES:
            return Refusal.NOT_STAFF
        return None if fits(role, code) else Refusal.WRONG_LEVEL
    reasons = [(refusal(post, role, code), post) for post in grantors]
    if any(reason is None for reason, _post in reasons):
        return None
    within = [(level_of(own), reason) for reason, (_r, own) in reasons if covers(own, code)]
    if within:
        return max(within)[1]
    granting = [reason for reason, _post in reasons if reason != Refusal.NOT_A_GRANTOR]
    return Refusal.OUTSIDE if granting else Refusal.NOT_A_GRANTOR


def keeps(grantors: Iterable[Post] | None, held: Iterable[Post]) -> bool:
    """Whether a user's posts let them keep an account (reset its password, deactivate it):
    only if they could have granted every post it holds."""
    grantors = None if grantors is None else list(grantors)
    held = list(held)
    return bool(held) and all(grant_refusal(grantors, role, code) is None for role, code in held)
