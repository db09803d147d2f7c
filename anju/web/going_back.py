"""Where a form sends its user back to once done: the address it was opened from, if that
address is on this host; anything else (another host, a scheme, a plain-HTTP address asked for
over HTTPS) could send an official to a look-alike page, so the form's own page is used
instead."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request: HttpRequest, fallback: str) -> str:
    asked = request.POST.get("next") or request.GET.get("next") or ""
    if asked and url_has_allowed_host_and_scheme(asked, {request.get_host()}, request.is_secure()):
        return asked
    return fallback
