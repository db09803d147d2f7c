"""A community reached from a URL: through the jurisdiction rule, so that a code outside the
user's area is not found at all, and with the right to edit it when the request writes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from anju.registry import selectors
from anju.registry.models import Community


def community_or_404(request: HttpRequest, code: str, *, write: bool = False) -> Community:
    try:
        community = selectors.community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise Http404(_("No such community.")) from None
    if write and not selectors.community_editable(user=request.user, community=community):
        raise PermissionDenied
    return community
