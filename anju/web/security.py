"""The response headers Django's own middleware leaves out: a content-security policy that lets
a page load only what Anju itself serves (no external host, no inline script or style, no
plug-ins, no framing), a permissions policy switching off what no page uses, and no-store on
everything but static files; the
refusal of the one character no database text may hold; and the API's bodies as JSON only."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
NUL = "\x00"
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
JSON = "application/json"


@cache
def policy_with(tiles: str) -> str:
    """The policy, letting images come from the deployment's own tile server as well where it
    has one (settings.MAP_TILES)."""
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return POLICY
    return POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {parts.scheme}://{parts.netloc}"
    )


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_with(settings.MAP_TILES))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        # A page or file holds what one person may see (owners, codes, shares): no browser
        # history, shared computer or proxy keeps it. Static files set their own.
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def _nul_in(value: Any, where: list[str | int]) -> list[str | int] | None:
    """Where in a decoded JSON value a NUL character sits, if anywhere."""
    if isinstance(value, str):
        return where if NUL in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        if isinstance(key, str) and NUL in key:
            return [*where, key]
        found = _nul_in(item, [*where, key])
        if found is not None:
            return found
    return None


def nul_location(request: HttpRequest) -> list[str | int] | None:
    """Where a request carries a NUL character: its path, a query or form field, a JSON field."""
    if NUL in request.path:
        return ["path"]
    for part, data in (("query", request.GET), ("form", _form(request))):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return [part, key]
    if request.content_type == JSON and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, RecursionError):
            return None  # not JSON at all, or nested past reading: the API says so itself
        return _nul_in(body, ["body"])
    return None


def _form(request: HttpRequest) -> QueryDict:
    """The form a page is posted; the API reads its own body, which parsing it here would use up."""
    if request.method == "POST" and request.content_type in FORM_TYPES and not _api(request):
        return request.POST
    return QueryDict()


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class NoNulCharacters:
    """PostgreSQL cannot store a NUL character in text and fails on the query that tries; a
    request carrying one is refused before any view, saying where it was."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_location(request)
        if where is None:
            return self.get_response(request)
        message = _("“%(where)s” holds a NUL character, which no text in Anju may contain.") % {
            "where": ".".join(str(part) for part in where)
        }
        if _api(request):
            return JsonResponse(
                {"detail": [{"loc": where, "msg": message, "type": "nul_character"}]}, status=422
            )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class ApiTakesJson:
    """The API reads a body only as JSON, and only when the request says it is JSON: a body
    sent as text/plain or as a form (which a page on another site can send without asking)
    is refused with 415 before anything parses it. Someone not signed in is told that first,
    by the API itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if _api(request) and signed_in and request.content_type != JSON and _has_body(request):
            message = _("The API takes a body only as JSON, sent as “Content-Type: %(type)s”.") % {
                "type": JSON
            }
            return JsonResponse({"detail": message}, status=415)
        return self.get_response(request)


def _has_body(request: HttpRequest) -> bool:
    length = request.META.get("CONTENT_LENGTH") or "0"
    chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    return chunked or not length.isdecimal() or int(length) > 0
