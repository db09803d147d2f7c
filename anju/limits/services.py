"""Limits on what anyone may send without signing in: code pages and public forms, counted per
client and per target in the database, so that they hold across workers and servers and do not
depend on the front web server (which a deployment may not have). A request over a limit is
told when it may try again; nothing it sent is taken in silence."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.audit.context import request_origin
from anju.core.ballot_codes import normalise
from anju.limits.models import RequestCount


class Scope(enum.StrEnum):
    CLIENT = "client"
    TARGET = "target"


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``count`` in each window of ``seconds``, per client or per target."""

    name: str
    scope: Scope
    count: int
    seconds: int


# A resident writes a few comments; a flood writes hundreds. A notice's own limit is high, so
# that many residents objecting at once are all heard (and answered together, see notices.py).
COMMENTS_PER_CLIENT = Limit("comment", Scope.CLIENT, 10, 600)
COMMENTS_PER_NOTICE = Limit("comment", Scope.TARGET, 500, 3600)
# Codes are 10 characters of 32 (10^15): only wrong ones count, so a volunteer entering many
# households' right codes from one tablet is never stopped.
WRONG_CODES_PER_CLIENT = Limit("code", Scope.CLIENT, 20, 600)


def _window_end(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds + seconds, tz=now.tzinfo)


def _key(limit: Limit, request: HttpRequest, target: str) -> str:
    who = request_origin(request) if limit.scope is Scope.CLIENT else target
    return f"{limit.name}:{limit.scope}:{who}"[:200]


def limit_reached(
    request: HttpRequest, *limits: Limit, target: str = "", now: datetime | None = None
) -> datetime | None:
    """When the first of ``limits`` already reached lets this request try again, or None."""
    now = now or timezone.now()
    for limit in limits:
        end = _window_end(now, limit.seconds)
        count = (
            RequestCount.objects.filter(key=_key(limit, request, target), window_end=end)
            .values_list("count", flat=True)
            .first()
        )
        if count is not None and count >= limit.count:
            return end
    return None


def limit_count(
    request: HttpRequest, *limits: Limit, target: str = "", now: datetime | None = None
) -> None:
    """Count one request under each of ``limits``."""
    now = now or timezone.now()
    for limit in limits:
        key, end = _key(limit, request, target), _window_end(now, limit.seconds)
        with transaction.atomic():
            if RequestCount.objects.filter(key=key, window_end=end).update(count=F("count") + 1):
                continue
            try:
                with transaction.atomic():
                    RequestCount.objects.create(key=key, window_end=end, count=1)
            except IntegrityError:  # another worker opened the window first
                RequestCount.objects.filter(key=key, window_end=end).update(count=F("count") + 1)
            RequestCount.objects.filter(window_end__lt=now - timedelta(days=1)).delete()


def too_many_wrong_codes(request: HttpRequest) -> str | None:
    """The words for a client that has typed too many wrong codes, or None. Residents' code
    pages (ballots, shares) ask this before they look a code up."""
    until = limit_reached(request, WRONG_CODES_PER_CLIENT)
    if until is None:
        return None
    return _(
        "Too many wrong codes from this device; please try again after %(time)s, or ask your "
        "residents' committee."
    ) % {"time": f"{timezone.localtime(until):%H:%M}"}


def wrong_code(request: HttpRequest) -> None:
    limit_count(request, WRONG_CODES_PER_CLIENT)


T = TypeVar("T")
ON_NOTICE = gettext_lazy(
    "That code is not recognised. Check it against your notice: 10 letters and digits."
)
ON_SLIP = gettext_lazy(
    "That code is not recognised. Check it against your slip: 10 letters and digits."
)


@dataclass(frozen=True, slots=True)
class CodeLookup(Generic[T]):
    """What a code typed or scanned opened: the record and the code as it normalises, or the
    words to show and the status to answer with."""

    found: T | None
    code: str = ""
    problem: str = ""
    status: int = 200


def code_looked_up(
    request: HttpRequest, typed: str, find: Callable[[str], T | None], on_paper: Promise
) -> CodeLookup[T]:
    """A resident's code looked up by ``find`` (given it normalised), unless this client has
    typed too many wrong ones; a wrong one is counted against the client, so that codes cannot
    be guessed at speed. ``on_paper`` says what to check it against."""
    blocked = too_many_wrong_codes(request)
    if blocked:
        return CodeLookup(None, problem=blocked, status=429)
    code = normalise(typed)
    found = find(code) if code is not None else None
    if code is not None and found is not None:
        return CodeLookup(found, code)
    wrong_code(request)
    return CodeLookup(None, problem=str(on_paper), status=404)
