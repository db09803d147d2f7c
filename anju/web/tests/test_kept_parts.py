"""A part of a page kept until the next write (web.templatetags.anju_kept): shown again only to
those who see the same, never after a write, and with the token of the request showing it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import Context, RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from anju.accounts.models import Role, User
from anju.registry.models import Community
from anju.registry.services import community_update
from anju.testing import HUALONG, QINGFENG, SYSTEM
from anju.web.templatetags.anju_kept import TOKEN_MARK

LIST = "/registry/communities/"


def _names(client: Client) -> set[str]:
    page = client.get(LIST).content.decode()
    return {c.name for c in Community.objects.all() if f">{c.name}</a>" in page}


def test_a_kept_list_is_shown_again_only_to_those_who_see_the_same(
    hualong_user: User,
    qingfeng_user: User,
    make_user: Callable[..., User],
    logged_in: Callable[[str], Client],
) -> None:
    hualong = {c.name for c in Community.objects.filter(district_id=HUALONG)}
    qingfeng = {c.name for c in Community.objects.filter(district_id=QINGFENG)}
    assert _names(logged_in("hualong")) == hualong
    assert _names(logged_in("qingfeng")) == qingfeng  # the same address, another area
    make_user("hualong2", HUALONG, Role.DISTRICT)
    colleague = logged_in("hualong2")
    written = logged_in("hualong")
    written.get(LIST)  # written again: making hualong2 was a write
    with CaptureQueriesContext(connection) as kept:
        assert _names(colleague) == hualong  # the same posts: the kept list
    with CaptureQueriesContext(connection) as read:
        written.get(f"{LIST}?q=")  # another address: written
    assert len(kept) < len(read)
    assert not any("registry_community" in q["sql"] and "LIMIT" in q["sql"] for q in kept)


def test_a_write_shows_at_once(hualong_user: User, logged_in: Callable[[str], Client]) -> None:
    client = logged_in("hualong")
    community = Community.objects.filter(district_id=HUALONG).order_by("code").first()
    assert community is not None and community.name in _names(client)
    community_update(actor=SYSTEM, community=community, values={"name": "新名字小区"})
    assert "新名字小区" in client.get(LIST).content.decode()


KEPT_FORM = Template(
    '{% load anju_kept %}{% kept "form" %}{{ n }}<form>{% csrf_token %}</form>{% endkept %}'
)


def _shown(n: int, cookie: str | None) -> tuple[str, str]:
    """The kept form as the ``n``th request is shown it, with its CSRF cookie, if it has one;
    and the secret of that request."""
    request = RequestFactory().get("/form/")
    if cookie:
        request.COOKIES[settings.CSRF_COOKIE_NAME] = cookie
    CsrfViewMiddleware(lambda r: HttpResponse()).process_request(request)
    shown = KEPT_FORM.render(RequestContext(request, {"reach": "the same", "n": n}))
    return shown, request.META["CSRF_COOKIE"]


def _accepted(token: str, cookie: str) -> bool:
    posted = RequestFactory().post("/form/", {"csrfmiddlewaretoken": token})
    posted.COOKIES[settings.CSRF_COOKIE_NAME] = cookie
    guard = CsrfViewMiddleware(lambda r: HttpResponse())
    guard.process_request(posted)
    return guard.process_view(posted, lambda r: HttpResponse(), (), {}) is None


def _token(shown: str) -> str:
    return shown.split('value="')[1].split('"')[0]


@pytest.mark.django_db
def test_a_kept_form_carries_the_token_of_the_request_showing_it() -> None:
    cache.clear()
    first, first_secret = _shown(1, None)
    second, second_secret = _shown(2, "b" * 32)
    assert first.startswith("1") and second.startswith("1")  # the second was the kept one
    assert first_secret != second_secret and TOKEN_MARK not in second
    assert _accepted(_token(second), second_secret)
    assert not _accepted(_token(first), second_secret)  # the first request's is refused


@pytest.mark.django_db
def test_a_page_that_does_not_say_whom_it_is_for_keeps_nothing() -> None:
    request = RequestFactory().get("/form/")
    with pytest.raises(KeyError):
        Template('{% load anju_kept %}{% kept "x" %}rows{% endkept %}').render(
            Context({"request": request})
        )
