"""The one jurisdiction rule: a user reaches a record when one of their memberships carries the
capability and its division's code is a prefix of the record's division code.

Every model that belongs to a division keeps its records in a ``DivisionQuerySet`` naming the
path to that division; every read and write path — list, detail, edit, export, import, API —
narrows through it, and a record already in hand is checked with ``reaches`` on its division's
code. Nothing else decides who sees what.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any, ClassVar, Self, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models

from anju.accounts.models import User
from anju.core.access import Capability, Role, role_can
from anju.core.divisions import Level, code_range, covers, level_of
from anju.divisions.models import Division

QS = TypeVar("QS", bound=models.QuerySet[Any])
M = TypeVar("M", bound=models.Model)

ALL = None


@dataclass(frozen=True, slots=True)
class Area:
    """The system reading one division's area as its officials read it, for work done without a
    request (the reports a bureau is sent on schedule); it reads, never writes."""

    code: str


def scopes(
    user: User | AnonymousUser | Area | None, capability: Capability
) -> tuple[str, ...] | None:
    """Division codes where ``user`` holds ``capability``; ALL (None) means everywhere.

    ``user`` None is the system itself: a command run by the operator on the server, or a job
    started without a user. A web request always has a user object, anonymous or not.
    """
    if user is None:
        return ALL
    if isinstance(user, Area):
        return (user.code,) if capability == Capability.REGISTRY_VIEW else ()
    if not user.is_authenticated or not user.is_active:
        return ()
    if user.is_superuser:
        return ALL
    cache: dict[Capability, tuple[str, ...]] = user.__dict__.setdefault("_anju_scopes", {})
    if capability not in cache:
        cache[capability] = tuple(
            sorted({code for code, role in _held(user) if role_can(Role(role), capability)})
        )
    return cache[capability]


def _held(user: User) -> list[tuple[str, str]]:
    """The user's memberships as (division, role): one query for every capability asked."""
    if "_anju_memberships" not in user.__dict__:
        user.__dict__["_anju_memberships"] = sorted(
            user.memberships.values_list("division_id", "role")
        )
    return user.__dict__["_anju_memberships"]  # type: ignore[no-any-return]


def reach_of(user: User | AnonymousUser | None) -> str:
    """All that decides what a user may see, as one word: two officials who hold the same posts
    in the same divisions see the same lists, so a part of a page written for one may be shown
    to the other (``web.templatetags.anju_kept``), and to nobody else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return "nobody"
    if user.is_superuser:
        return "everywhere"
    return ";".join(f"{code}:{role}" for code, role in _held(user))


def restrict(
    queryset: QS,
    user: User | AnonymousUser | Area | None,
    capability: Capability,
    code_field: str = "division__code",
) -> QS:
    codes = scopes(user, capability)
    if codes is ALL:
        return queryset
    if not codes:
        return queryset.none()
    return queryset.filter(reduce(or_, (within(code_field, code) for code in codes)))


class DivisionQuerySet(models.QuerySet[M]):
    """The records of a model that belongs to a division, narrowed by one rule however far the
    division lies (a project's through its community, a report's its area): each model's
    queryset names the path and the capability that lets a user read its records."""

    division_path: ClassVar[str] = "division__code"
    read_with: ClassVar[Capability] = Capability.REGISTRY_VIEW

    def reached_by(self, user: User | AnonymousUser | Area | None, capability: Capability) -> Self:
        return restrict(self, user, capability, self.division_path)

    def visible_to(self, user: User | AnonymousUser | Area | None) -> Self:
        return self.reached_by(user, self.read_with)


def within(code_field: str, code: str) -> models.Q:
    """``code_field`` under the division ``code``, as a range of the index rather than a LIKE
    pattern, which a database outside the C collation reads row by row."""
    low, high = code_range(code)
    within = models.Q(**{f"{code_field}__gte": low})
    return within if high is None else within & models.Q(**{f"{code_field}__lt": high})


def reaches(user: User | AnonymousUser | None, capability: Capability, division_code: str) -> bool:
    """The same rule for one known code, where there is no queryset to narrow (validating a file)."""
    codes = scopes(user, capability)
    return codes is ALL or any(covers(code, division_code) for code in codes)


def bureau_divisions(
    user: User | AnonymousUser | Area | None, capability: Capability
) -> list[Division]:
    """The city and district divisions where ``user`` holds ``capability``: their own, and the
    districts under a city they hold it in; what a bureau keeps money or experts for."""
    codes = scopes(user, capability)
    held = (
        Division.objects.filter(level__lte=Level.DISTRICT)
        if codes is ALL
        else Division.objects.filter(code__in=codes, level__lte=Level.DISTRICT)
    )
    found = {d.code: d for d in held}
    for division in list(found.values()):
        if division.level == Level.CITY:
            for child in Division.objects.filter(parent=division, level=Level.DISTRICT):
                found[child.code] = child
    return sorted(found.values(), key=lambda d: d.code)


def may_read_the_log(user: Any) -> bool:
    """The log holds a deployment's entries without their divisions: only those who hold the
    audit capability over a whole city or more read it."""
    codes = scopes(user, Capability.AUDIT_VIEW)
    return codes is ALL or any(level_of(code) <= Level.CITY for code in codes)
