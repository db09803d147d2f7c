"""A part of a page written once and kept until the next write: ``{% kept "name" %}…{% endkept %}``.

Writing a long list is most of what a page costs (the rows, their links, their escaping), and
officials of one area open the same lists again and again. So a list's part of the page is kept
under its name, the exact address asked for, the language, whatever the tag is given to vary
on, and ``reach`` — what the user may see (``accounts.jurisdiction.reach_of``), so that it is
shown again only to those who hold the same posts in the same divisions — and under the time of
the last write, so that nothing is shown that a write has changed; and for ``KEPT_SECONDS`` at
most, so that what changes with the day changes too. The rows of a list are read lazily, so a
kept part reads none of them.

A kept part may hold forms: the CSRF token it was written with is kept as a mark and the token
of the request showing it put back in its place.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template
from django.core.cache import cache
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from anju.audit.models import AuditEntry
from anju.web.paging import KEPT_SECONDS

register = template.Library()
TOKEN_MARK = "anju-kept-csrf-token"


class KeptNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, vary: list[FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context: Any) -> SafeString:
        request = context["request"]
        if not hasattr(request, "anju_written"):  # once a request, however many parts it keeps
            last = AuditEntry.objects.last_write()
            request.anju_written = last.isoformat() if last else ""
        asked = (
            self.name.resolve(context),
            context["reach"],  # a page without it is an error, not a part shown to everyone
            request.get_full_path(),
            get_language(),
            [v.resolve(context) for v in self.vary],
        )
        key = f"anju:kept:{hashlib.sha256(repr(asked).encode()).hexdigest()}:{request.anju_written}"
        found: str | None = cache.get(key)
        if found is None:
            written = self.nodelist.render(context)
            kept: str = written
            if "csrfmiddlewaretoken" in written:
                kept = written.replace(str(context["csrf_token"]), TOKEN_MARK)
            cache.set(key, kept, KEPT_SECONDS)
            return mark_safe(written)
        if TOKEN_MARK in found:
            found = found.replace(TOKEN_MARK, str(context["csrf_token"]))
        return mark_safe(found)


@register.tag
def kept(parser: Parser, token: Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept takes a name, and whatever else it varies on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
